package io.handoff.api;

import io.handoff.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.handoff.ServiceTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Throws 1,200 generated malformed bodies (byte flips, truncations, wrong types, nulls, huge values, deep
 * nesting, stray fields) at the decision endpoint: none may get a 5xx or leak internals, and the audit log
 * must still verify intact with nothing lost.
 */
@ServiceTest
class HostileInputTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Random random = new Random(20261121L);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    /**
     * A lone surrogate escape is JSON but no Unicode text: kept as evidence, the exported record would not hash to what
     * was recorded (offline verify said hash-mismatch while online verify said intact). It is refused before anything is
     * recorded, in a value or a field name; a full pair (an emoji spelled as two escapes) is text and decides.
     */
    @Test
    void anUnpairedSurrogateIsRefusedBeforeAnythingIsRecorded() throws Exception {
        String base = new String(ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json"), StandardCharsets.UTF_8);
        assertThat(base).contains("\"summary\": \"");
        long recordsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM audit_record", Long.class);
        for (String bad : List.of("\\ud800 outage", "outage \\udc00", "\\udc00\\ud800")) {
            HttpResponse<String> refused = post(base.replace("\"summary\": \"", "\"summary\": \"" + bad));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            JsonNode problem = ContractFixtures.JSON.readTree(refused.body());
            assertThat(problem.get("code").asString()).isEqualTo("malformed-json");
            assertThat(problem.get("detail").asString()).contains("/summary").contains("unpaired UTF-16 surrogate");
        }
        HttpResponse<String> fieldName = post("{\"x\\ud800\": 1, " + base.substring(base.indexOf('{') + 1));
        assertThat(fieldName.statusCode()).as(fieldName.body()).isEqualTo(400);
        assertThat(fieldName.body()).contains("\"code\":\"malformed-json\"").contains("surrogate"); // the parser itself refuses it there
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_record", Long.class)).isEqualTo(recordsBefore);

        HttpResponse<String> paired = post(base.replace("\"summary\": \"", "\"summary\": \"\\ud83d\\ude00 "));
        assertThat(paired.statusCode()).as(paired.body()).isEqualTo(200);
    }

    /**
     * The same refusal on a body recorded as evidence beside a decision: an outcome report on a decided handoff, before
     * anything is recorded; the full pair is taken, and the exported record verifies offline.
     */
    @Test
    void anOutcomeReportWithHalfASurrogatePairIsRefusedAndNothingIsRecorded() throws Exception {
        String id = "HC-SURROGATE-" + java.util.UUID.randomUUID();
        HttpResponse<String> decided = post(ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json", id).toString());
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        long recordsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM audit_record", Long.class);
        String report = "{\"contractId\":\"" + id + "\",\"kind\":\"resolved\",\"occurredAt\":\"%s\",\"note\":\"fixed %s ok\"}";
        String at = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        HttpResponse<String> refused = outcome(String.format(report, at, "\\ud800"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("\"code\":\"malformed-json\"").contains("/note").contains("surrogate");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_record", Long.class)).isEqualTo(recordsBefore);

        HttpResponse<String> paired = outcome(String.format(report, at, "\\ud83d\\ude00"));
        assertThat(paired.statusCode()).as(paired.body()).isLessThan(300);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_record", Long.class)).isGreaterThan(recordsBefore);
    }

    private HttpResponse<String> outcome(String body) throws Exception {
        return http.send(TestKeys.request(uri("/api/v1/outcomes")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(TestKeys.request(uri("/api/v1/decisions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void generatedMalformedBodiesNeverGetA5xxAndTheLogStaysIntact() throws Exception {
        long recordsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM audit_record", Long.class);
        byte[] base = ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json");
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < 1200; i++) {
            byte[] body = mutate(base, i % 6);
            HttpResponse<String> response = http.send(TestKeys.request(uri("/api/v1/decisions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            assertThat(response.statusCode()).as("body %d: %s", i, new String(body, 0, Math.min(body.length, 300),
                    StandardCharsets.UTF_8)).isLessThan(500);
            if (response.statusCode() != 200) {
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        t -> assertThat(t).startsWith("application/problem+json"));
                assertThat(response.body()).doesNotContain("Exception").doesNotContain("io.handoff.").doesNotContain("\tat ");
            }
        }
        assertThat(statuses.keySet()).contains(400, 422);
        JsonNode verify = ContractFixtures.JSON.readTree(http.send(TestKeys.request(uri("/api/v1/audit/verify")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(verify.get("status").asString()).isEqualTo("intact");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_record", Long.class)).isGreaterThan(recordsBefore);
    }

    private byte[] mutate(byte[] base, int kind) {
        switch (kind) {
            case 0 -> {
                byte[] copy = base.clone();
                for (int n = 0; n < 1 + random.nextInt(4); n++) {
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                }
                return copy;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(base, random.nextInt(base.length));
            }
            case 2 -> {
                ObjectNode doc = (ObjectNode) ContractFixtures.JSON.readTree(base);
                List<ObjectNode> objects = objects(doc);
                ObjectNode target = objects.get(random.nextInt(objects.size()));
                List<String> names = new ArrayList<>(target.propertyNames());
                target.set(names.get(random.nextInt(names.size())), hostileValue());
                return ContractFixtures.JSON.writeValueAsBytes(doc);
            }
            case 3 -> {
                ObjectNode doc = (ObjectNode) ContractFixtures.JSON.readTree(base);
                List<ObjectNode> objects = objects(doc);
                objects.get(random.nextInt(objects.size())).set("x" + random.nextInt(1000), hostileValue());
                return ContractFixtures.JSON.writeValueAsBytes(doc);
            }
            case 4 -> {
                int depth = 20 + random.nextInt(2000);
                return ("{\"contractId\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                byte[] noise = new byte[random.nextInt(2048)];
                random.nextBytes(noise);
                return noise;
            }
        }
    }

    private JsonNode hostileValue() {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.stringNode("");
            case 2 -> NODES.stringNode("x".repeat(10_000 + random.nextInt(100_000)));
            case 3 -> NODES.numberNode(-1 - random.nextInt(1000));
            case 4 -> NODES.numberNode(1e308);
            case 5 -> NODES.booleanNode(random.nextBoolean());
            case 6 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < 500; i++) {
                    array.add(i);
                }
                yield array;
            }
            default -> NODES.stringNode("2026-11-20T09:30:00");
        };
    }

    private static List<ObjectNode> objects(JsonNode node) {
        List<ObjectNode> found = new ArrayList<>();
        if (node instanceof ObjectNode object) {
            found.add(object);
        }
        node.values().forEach(child -> found.addAll(objects(child)));
        return found;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}

package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import io.handoff.CandidateFolders;
import io.handoff.TableCells;
import io.handoff.TestApi;
import io.handoff.TestKeys;
import tools.jackson.databind.JsonNode;

/**
 * A change to live traffic takes two people, over HTTP with the real database: the analyst who submitted a candidate
 * cannot promote it or start its canary; a second analyst (or an admin) can; every step is a history event and an
 * audit record in the verified chain, written with the change or not at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:file:./target/test-db/two-person-${random.uuid};WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
        "handoff.audit.retention-interval=1000d"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TwoPersonPromotionTest {
    private static final String ANALYST = "dev-analyst-key";
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path candidate;

    @Test
    void theSubmitterCannotPromoteASecondAnalystCanAndBothAreInTheAuditChain() throws Exception {
        String before = activeVersion();
        String version = submitPassed("reviewed by a second analyst");
        String second = "second-analyst-" + UUID.randomUUID().toString().substring(0, 8);
        String secondKey = TestApi.json(send(TestKeys.ADMIN, "POST", "/api/v1/admin/keys",
                "{\"name\": \"" + second + "\", \"roles\": [\"analyst\"]}"), 201).get("secret").asString();

        JsonNode refused = TestApi.json(send(ANALYST, "POST", "/api/v1/rulesets/" + version + "/promote",
                "{\"reason\": \"my own change\"}"), 409);
        assertThat(refused.get("code").asString()).isEqualTo("same-submitter");
        assertThat(send(ANALYST, "POST", "/api/v1/rulesets/" + version + "/promote",
                "{\"reason\": \"my own change\", \"override\": true}").body()).contains("\"code\":\"same-submitter\"");
        assertThat(activeVersion()).isEqualTo(before);

        TestApi.json(send(secondKey, "POST", "/api/v1/rulesets/" + version + "/promote",
                "{\"actor\": \"" + second + "\", \"reason\": \"read the diff and the cases\"}"), 200);
        assertThat(activeVersion()).isEqualTo(version);

        List<JsonNode> records = rulesetRecords(version);
        assertThat(records).extracting(r -> r.get("outcome").asString()).containsSubsequence("submitted", "passed", "promoted");
        JsonNode submitted = record(records, "submitted");
        assertThat(submitted.at("/record/actor").asString()).isEqualTo("dev-analyst");
        JsonNode promoted = record(records, "promoted");
        assertThat(promoted.at("/record/actor").asString()).isEqualTo(second);
        assertThat(promoted.at("/record/reason").asString()).isEqualTo("read the diff and the cases");
        assertThat(promoted.at("/record/details/replaced").asString()).isEqualTo(before);
        assertThat(promoted.at("/record/details/submittedBy").toString()).contains("dev-analyst");
        JsonNode history = historyEvent(version, "promoted");
        assertThat(history.get("actor").asString()).isEqualTo(second);
        assertThat(history.get("details").asString()).contains(promoted.get("decisionId").asString());
        assertIntact(promoted.get("seq").asLong());

        // a manual rollback returns to a version that was live already: any analyst, the submitter too, recorded as such
        TestApi.json(send(ANALYST, "POST", "/api/v1/rulesets/rollback", "{\"reason\": \"back to the reviewed version\"}"), 200);
        assertThat(activeVersion()).isEqualTo(before);
        JsonNode rolledBack = record(rulesetRecords(version), "rolled-back");
        assertThat(rolledBack.at("/record/actor").asString()).isEqualTo("dev-analyst");
        assertThat(rolledBack.at("/record/details/to").asString()).isEqualTo(before);
        assertIntact(rolledBack.get("seq").asLong());
    }

    @Test
    void theSubmitterCannotStartACanaryButCanStopOne() throws Exception {
        String version = submitPassed("canary by another person");
        JsonNode refused = TestApi.json(send(ANALYST, "POST", "/api/v1/rulesets/" + version + "/canary",
                "{\"percent\": 10, \"reason\": \"try it on a few\"}"), 409);
        assertThat(refused.get("code").asString()).isEqualTo("same-submitter");
        assertThat(rollout().get("canary").isNull()).isTrue();

        JsonNode started = TestApi.json(send(TestKeys.ADMIN, "POST", "/api/v1/rulesets/" + version + "/canary",
                "{\"percent\": 10, \"reason\": \"try it on a few\"}"), 200);
        assertThat(started.get("canary").asString()).isEqualTo(version);
        assertThat(send(ANALYST, "POST", "/api/v1/rulesets/" + version + "/canary",
                "{\"percent\": 50, \"reason\": \"more\"}").body()).contains("\"code\":\"same-submitter\"");
        assertThat(rollout().get("canaryPercent").asInt()).isEqualTo(10);

        JsonNode stopped = TestApi.json(send(ANALYST, "POST", "/api/v1/rulesets/" + version + "/canary",
                "{\"percent\": 0, \"reason\": \"enough\"}"), 200);
        assertThat(stopped.get("canary").isNull()).isTrue();
        TestApi.json(send(ANALYST, "POST", "/api/v1/rulesets/" + version + "/shadow", "{\"reason\": \"compare\"}"), 200);
        TestApi.json(send(ANALYST, "POST", "/api/v1/rulesets/" + version + "/shadow", "{\"enabled\": false}"), 200);

        List<JsonNode> records = rulesetRecords(version);
        assertThat(records).extracting(r -> r.get("outcome").asString())
                .containsSubsequence("canary-changed", "canary-stopped", "shadow-started", "shadow-stopped");
        assertThat(record(records, "canary-changed").at("/record/actor").asString()).isEqualTo("dev-admin");
        assertThat(record(records, "canary-changed").at("/record/details/percent").asInt()).isEqualTo(10);
        assertThat(record(records, "canary-stopped").at("/record/actor").asString()).isEqualTo("dev-analyst");
        assertIntact(record(records, "shadow-stopped").get("seq").asLong());
    }

    @Test
    void anActorOtherThanTheCallerIsRefusedAndNothingIsRecorded() throws Exception {
        String version = submitPassed("someone else's name");
        long events = events();
        JsonNode refused = TestApi.json(send(TestKeys.ADMIN, "POST", "/api/v1/rulesets/" + version + "/promote",
                "{\"actor\": \"dana\", \"reason\": \"on behalf of dana\"}"), 403);
        assertThat(refused.get("code").asString()).isEqualTo("acting-as-other");
        assertThat(send(ANALYST, "POST", "/api/v1/rulesets?actor=dana", "{}").body()).contains("\"code\":\"acting-as-other\"");
        assertThat(events()).isEqualTo(events);
        assertThat(activeVersion()).isNotEqualTo(version);
    }

    @Test
    void anOverLongOrControlCharacterReasonIsRefusedAndNothingChanges() throws Exception {
        String version = submitPassed("reasons are checked");
        String before = activeVersion();
        long events = events();
        long head = head();
        String path = "/api/v1/rulesets/" + version + "/promote";
        assertInvalid(send(TestKeys.ADMIN, "POST", path, "{\"reason\": \"" + "x".repeat(501) + "\"}"), "too-long");
        assertInvalid(send(TestKeys.ADMIN, "POST", path, "{\"reason\": \"approved\\nby the board\"}"), "control-character");
        assertInvalid(send(TestKeys.ADMIN, "POST", path, "{\"reason\": \"ok \\u202Edraob eht\"}"), "control-character");
        assertInvalid(send(TestKeys.ADMIN, "POST", path, "{\"reason\": \"\\u0007\"}"), "control-character");
        assertInvalid(send(TestKeys.ADMIN, "POST", path, "{}"), "required");
        assertInvalid(send(TestKeys.ADMIN, "POST", "/api/v1/rulesets/rollback", "{\"reason\": \"\"}"), "required");
        assertInvalid(send(TestKeys.ADMIN, "POST", "/api/v1/rulesets/" + version + "/canary", "{\"percent\": 10}"), "required");
        assertInvalid(send(TestKeys.ADMIN, "POST", path, "{\"actor\": \"dev-admin\\t\", \"reason\": \"fine\"}"), "control-character");
        JsonNode query = TestApi.json(send(ANALYST, "POST", "/api/v1/rulesets?reason="
                + URLEncoder.encode("two\rlines", StandardCharsets.UTF_8), "{}"), 422);
        assertThat(query.get("parameter").asString()).isEqualTo("reason");
        assertThat(query.at("/errors/0/parameter").asString()).isEqualTo("reason");

        assertThat(activeVersion()).isEqualTo(before);
        assertThat(events()).isEqualTo(events);
        assertThat(head()).isEqualTo(head);
        TestApi.json(send(TestKeys.ADMIN, "POST", path, "{\"reason\": \"" + "y".repeat(500) + "\"}"), 200);
        assertThat(activeVersion()).isEqualTo(version);
        TestApi.json(send(TestKeys.ADMIN, "POST", "/api/v1/rulesets/rollback", "{\"reason\": \"done\"}"), 200);
    }

    @Test
    void aPromotionWhoseRecordFailsLeavesTheOldVersionActiveAndRecordsNothing() throws Exception {
        String version = submitPassed("the audit store refuses");
        String before = activeVersion();
        long generation = generation();
        long events = events();
        long head = head();
        jdbc.execute("ALTER TABLE audit_record ADD CONSTRAINT refuse_promotions CHECK (NOT (kind = 'ruleset' AND outcome = 'promoted'))");
        try {
            assertThat(send(TestKeys.ADMIN, "POST", "/api/v1/rulesets/" + version + "/promote", "{\"reason\": \"ship it\"}")
                    .statusCode()).isEqualTo(500);
        } finally {
            jdbc.execute("ALTER TABLE audit_record DROP CONSTRAINT refuse_promotions");
        }
        assertThat(activeVersion()).isEqualTo(before);
        assertThat(generation()).isEqualTo(generation);
        assertThat(events()).isEqualTo(events);
        assertThat(head()).isEqualTo(head);

        // and a pointer update that fails records nothing either
        jdbc.execute("ALTER TABLE ruleset_activation ADD CONSTRAINT refuse_version CHECK (version <> '" + version + "')");
        try {
            assertThat(send(TestKeys.ADMIN, "POST", "/api/v1/rulesets/" + version + "/promote", "{\"reason\": \"ship it\"}")
                    .statusCode()).isEqualTo(500);
        } finally {
            jdbc.execute("ALTER TABLE ruleset_activation DROP CONSTRAINT refuse_version");
        }
        assertThat(activeVersion()).isEqualTo(before);
        assertThat(generation()).isEqualTo(generation);
        assertThat(events()).isEqualTo(events);
        assertThat(head()).isEqualTo(head);

        TestApi.json(send(TestKeys.ADMIN, "POST", "/api/v1/rulesets/" + version + "/promote", "{\"reason\": \"ship it\"}"), 200);
        assertThat(activeVersion()).isEqualTo(version);
        TestApi.json(send(TestKeys.ADMIN, "POST", "/api/v1/rulesets/rollback", "{\"reason\": \"done\"}"), 200);
    }

    private static void assertInvalid(HttpResponse<String> response, String code) {
        JsonNode problem = TestApi.json(response, 422);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(problem.get("code").asString()).isEqualTo("invalid-step");
        assertThat(problem.at("/errors/0/code").asString()).isEqualTo(code);
        assertThat(problem.at("/errors/0/pointer").asString()).isIn("/reason", "/actor");
    }

    /** Submits the shipped folders with one reworded cell as the development analyst; returns the passed version. */
    private String submitPassed(String wording) throws Exception {
        CandidateFolders.copy(Path.of("rules"), candidate.resolve("rules"));
        CandidateFolders.copy(Path.of("decision-tables"), candidate.resolve("decision-tables"));
        TableCells.set(candidate.resolve("decision-tables/scoring.xlsx"), "Scoring", 10, 6, wording);
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(uri("/api/v1/rulesets?reason=" + URLEncoder.encode(wording,
                        StandardCharsets.UTF_8))).header(TestKeys.HEADER, ANALYST).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(CandidateFolders.zip(candidate))).build(), HttpResponse.BodyHandlers.ofString());
        String version = TestApi.json(submitted, 202).get("version").asString();
        // each candidate is checked in a child JVM, one at a time: on a busy two-core machine that takes a while
        for (int i = 0; i < 1200; i++) {
            JsonNode report = TestApi.json(send(ANALYST, "GET", "/api/v1/rulesets/" + version, null), 200);
            if (!report.get("status").asString().equals("compiling")) {
                assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("passed");
                assertThat(report.get("submittedBy").asString()).isEqualTo("dev-analyst");
                return version;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("candidate " + version + " still compiling after 120 s");
    }

    /** The version's ruleset records as the audit API returns them, oldest first, each with its stored body. */
    private List<JsonNode> rulesetRecords(String version) throws Exception {
        JsonNode page = TestApi.json(send(TestKeys.ADMIN, "GET", "/api/v1/decisions?kind=ruleset&limit=100&rulesetVersion=" + version, null), 200);
        List<JsonNode> items = new ArrayList<>(page.get("items").valueStream().toList());
        Collections.reverse(items);
        return items.stream().map(item -> {
            try {
                return TestApi.json(send("dev-auditor-key", "GET", "/api/v1/decisions/" + item.get("decisionId").asString(), null), 200);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    private static JsonNode record(List<JsonNode> records, String outcome) {
        return records.stream().filter(r -> r.get("outcome").asString().equals(outcome)).reduce((a, b) -> b).orElseThrow();
    }

    private void assertIntact(long seq) throws Exception {
        JsonNode verified = TestApi.json(send("dev-auditor-key", "GET", "/api/v1/audit/verify", null), 200);
        assertThat(verified.get("status").asString()).as(verified.toString()).isEqualTo("intact");
        assertThat(verified.get("toSeq").asLong()).isGreaterThanOrEqualTo(seq);
    }

    private JsonNode historyEvent(String version, String event) throws Exception {
        return TestApi.json(send(ANALYST, "GET", "/api/v1/rulesets", null), 200).get("history").valueStream()
                .filter(e -> e.get("version").asString().equals(version) && e.get("event").asString().equals(event))
                .findFirst().orElseThrow();
    }

    private JsonNode rollout() throws Exception {
        return TestApi.json(send(ANALYST, "GET", "/api/v1/rulesets", null), 200).get("rollout");
    }

    private String activeVersion() throws Exception {
        return TestApi.json(send(ANALYST, "GET", "/api/v1/rulesets/active", null), 200).get("version").asString();
    }

    private long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ruleset_event", Long.class);
    }

    private long head() {
        return jdbc.queryForObject("SELECT seq FROM audit_head WHERE id = 1", Long.class);
    }

    private long generation() {
        return jdbc.queryForObject("SELECT generation FROM ruleset_pointer WHERE id = 1", Long.class);
    }

    private HttpResponse<String> send(String key, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header(TestKeys.HEADER, key);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}

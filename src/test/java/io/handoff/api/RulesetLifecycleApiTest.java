package io.handoff.api;

import io.handoff.CandidateFolders;
import io.handoff.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.handoff.TableCells;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** An analyst's edited tables on their way to live traffic and back, over HTTP with the real database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:file:./target/test-db/lifecycle-${random.uuid};WRITE_DELAY=0;LAZY_QUERY_EXECUTION=TRUE;DB_CLOSE_ON_EXIT=FALSE",
        "handoff.audit.retention-interval=1000d", "handoff.rollout.window=50", "handoff.rollout.min-decisions=30"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RulesetLifecycleApiTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @TempDir
    Path candidate;

    @BeforeEach
    void copyShippedRules() throws IOException {
        copy(Path.of("rules"), candidate.resolve("rules"));
        copy(Path.of("decision-tables"), candidate.resolve("decision-tables"));
    }

    @Test
    void brokenCellIsRefusedWithSheetAndRowAndTheActiveVersionKeepsServing() throws Exception {
        String before = activeVersion();
        setCell("scoring.xlsx", "Scoring", 17, 3, "reproStepsCount >>= 2");
        JsonNode report = submitAndWait();
        assertThat(report.get("status").asString()).isEqualTo("rejected");
        assertThat(report.get("problems").toString()).contains("decision-tables/scoring.xlsx, sheet Scoring, row 17");
        assertThat(activeVersion()).isEqualTo(before);
        assertThat(decide(contract(0)).get("rulesetVersion").asString()).isEqualTo(before);
    }

    @Test
    void aMalformedCaseFileRejectsTheCandidateNamingItsLineAndTheOtherCasesStillRun() throws Exception {
        Path file = candidate.resolve("rules/cases/cs-010-tier2-complete.yaml");
        Files.writeString(file, Files.readString(file).replace("  posture: green", "  postrue: green"));
        JsonNode report = submitAndWait();
        assertThat(report.get("status").asString()).isEqualTo("rejected");
        assertThat(report.get("caseFailures").toString())
                .contains("rules/cases/cs-010-tier2-complete.yaml, line 51, column 3: unknown key 'postrue' under expect");
        assertThat(report.get("casesFailed").asInt()).isEqualTo(1);
        assertThat(report.get("casesPassed").asInt()).isEqualTo(io.handoff.ShippedRuleset.caseCount() - 1);
    }

    @Test
    void changedRowIsPromotedOnlyWhenEveryCasePasses() throws Exception {
        setCell("thresholds.xlsx", "Posture", 14, 3, "75");
        setCell("thresholds.xlsx", "Posture", 15, 4, "75");
        JsonNode rejected = submitAndWait();
        assertThat(rejected.get("status").asString()).isEqualTo("rejected");
        assertThat(rejected.get("caseFailures").toString()).contains("cs-210-open-checklist.yaml").contains("posture");
        assertThat(post("/api/v1/rulesets/" + rejected.get("version").asString() + "/promote", "{\"reason\": \"try\"}").body())
                .contains("\"code\":\"candidate-not-passed\"");

        Path caseFile = candidate.resolve("rules/cases/cs-210-open-checklist.yaml");
        Files.writeString(caseFile, Files.readString(caseFile).replace("  posture: green\n", "  posture: amber\n"));
        JsonNode passed = submitAndWait();
        assertThat(passed.get("status").asString()).as(passed.toString()).isEqualTo("passed");
        String version = passed.get("version").asString();
        assertThat(post("/api/v1/rulesets/" + version + "/promote", "{\"actor\": \"dev-admin\", \"reason\": \"raise green band\", \"override\": true}")
                .statusCode()).isEqualTo(200);
        assertThat(activeVersion()).isEqualTo(version);
        JsonNode promoted = ContractFixtures.JSON.readTree(get("/api/v1/rulesets").body()).get("history").valueStream()
                .filter(e -> e.get("event").asString().equals("promoted") && e.get("version").asString().equals(version))
                .findFirst().orElseThrow();
        assertThat(promoted.get("actor").asString()).isEqualTo("dev-admin");
        assertThat(post("/api/v1/rulesets/rollback", "{\"reason\": \"test done\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void promotingAndRollingBackTenTimesUnderLoadLosesNoRequest() throws Exception {
        String original = activeVersion();
        setCell("scoring.xlsx", "Scoring", 10, 6, "baseline for a support handoff (reworded)");
        JsonNode passed = submitAndWait();
        assertThat(passed.get("status").asString()).as(passed.toString()).isEqualTo("passed");
        String next = passed.get("version").asString();

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        List<JsonNode> decisions = Collections.synchronizedList(new ArrayList<>());
        List<String> failureBodies = Collections.synchronizedList(new ArrayList<>());
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int offset = t;
            Thread client = new Thread(() -> {
                for (int i = offset; !stop.get(); i += 8) {
                    try {
                        HttpResponse<String> response = post("/api/v1/decisions", new String(contract(i)));
                        if (response.statusCode() == 200) {
                            decisions.add(ContractFixtures.JSON.readTree(response.body()));
                        } else {
                            failures.incrementAndGet();
                            failureBodies.add(response.statusCode() + " " + response.body());
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
            client.start();
            clients.add(client);
        }
        for (int round = 0; round < 10; round++) {
            assertThat(post("/api/v1/rulesets/" + next + "/promote", "{\"reason\": \"load test\", \"override\": true}").statusCode()).isEqualTo(200);
            Thread.sleep(100);
            assertThat(post("/api/v1/rulesets/rollback", "{\"reason\": \"load test\"}").statusCode()).isEqualTo(200);
            Thread.sleep(100);
        }
        stop.set(true);
        for (Thread client : clients) {
            client.join();
        }
        assertThat(failures.get()).as(failureBodies.toString()).isZero();
        assertThat(decisions).hasSizeGreaterThan(50);
        assertThat(decisions.stream().map(d -> d.get("rulesetVersion").asString()).distinct()).containsExactlyInAnyOrder(original, next);
        for (JsonNode decision : decisions.subList(0, 40)) {
            JsonNode record = ContractFixtures.JSON.readTree(get("/api/v1/decisions/" + decision.get("decisionId").asString()).body());
            assertThat(record.get("rulesetVersion").asString()).isEqualTo(decision.get("rulesetVersion").asString());
        }
        assertThat(activeVersion()).isEqualTo(original);
    }

    @Test
    void aVersionThatSendsFarMoreToCriticalIsRolledBackAutomatically() throws Exception {
        String original = activeVersion();
        for (int i = 0; i < 40; i++) {
            decide(contract(i));
        }
        Path reliability = candidate.resolve("rules/guardrails/reliability.drl");
        Files.writeString(reliability, Files.readString(reliability).replace("handoffCount >= 3", "handoffCount >= 2"));
        JsonNode passed = submitAndWait();
        assertThat(passed.get("status").asString()).as(passed.toString()).isEqualTo("passed");
        String suspect = passed.get("version").asString();
        assertThat(post("/api/v1/rulesets/" + suspect + "/promote", "{\"reason\": \"stricter ping-pong\", \"override\": true}").statusCode()).isEqualTo(200);

        ObjectNode pingPong = (ObjectNode) ContractFixtures.JSON.readTree(ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json"));
        ((ObjectNode) pingPong.get("case")).put("handoffCount", 2);
        for (int i = 0; i < 60 && activeVersion().equals(suspect); i++) {
            pingPong.put("contractId", "HC-PINGPONG-" + i);
            decide(ContractFixtures.JSON.writeValueAsBytes(pingPong));
        }
        for (int i = 0; i < 50 && !activeVersion().equals(original); i++) {
            Thread.sleep(100);
        }
        assertThat(activeVersion()).isEqualTo(original);
        JsonNode overview = ContractFixtures.JSON.readTree(get("/api/v1/rulesets").body());
        assertThat(overview.at("/rollout/blocked").toString()).contains(suspect);
        JsonNode event = overview.get("history").valueStream()
                .filter(e -> e.get("event").asString().equals("auto-rolled-back")).findFirst().orElseThrow();
        assertThat(event.get("version").asString()).isEqualTo(suspect);
        assertThat(event.get("details").asString()).contains("decisionIds");
        assertThat(event.get("actor").asString()).isEqualTo("service");
        assertThat(post("/api/v1/rulesets/" + suspect + "/promote", "{\"reason\": \"again\"}").body())
                .contains("\"code\":\"version-blocked\"");
    }

    private JsonNode submitAndWait() throws Exception {
        // the analyst submits; the admin key that promotes below is the second person a change to live traffic takes
        HttpResponse<String> submitted = http.send(TestKeys.as("analyst", uri("/api/v1/rulesets?reason=edit"))
                .header("Content-Type", "application/zip").POST(HttpRequest.BodyPublishers.ofByteArray(zip())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String version = ContractFixtures.JSON.readTree(submitted.body()).get("version").asString();
        for (int i = 0; i < 900; i++) { // a candidate is checked in a child JVM: allow for a busy machine
            JsonNode report = ContractFixtures.JSON.readTree(get("/api/v1/rulesets/" + version).body());
            if (!report.get("status").asString().equals("compiling")) {
                return report;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("candidate " + version + " still compiling after 90 s");
    }

    private String activeVersion() throws Exception {
        return ContractFixtures.JSON.readTree(get("/api/v1/rulesets/active").body()).get("version").asString();
    }

    private static final Set<String> SAMPLES = Set.of("cs-enterprise-sev1-to-engineering.json", "pm-spec-to-engineering.json");

    private static byte[] contract(int i) {
        return ContractFixtures.contract(SAMPLES.stream().sorted().toList().get(i % 2));
    }

    private JsonNode decide(byte[] contract) throws Exception {
        HttpResponse<String> response = post("/api/v1/decisions", new String(contract));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ContractFixtures.JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(TestKeys.request(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(TestKeys.request(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private void setCell(String table, String sheet, int row, int column, String value) throws IOException {
        TableCells.set(candidate.resolve("decision-tables").resolve(table), sheet, row, column, value);
    }

    private byte[] zip() throws IOException {
        return CandidateFolders.zip(candidate);
    }

    private static void copy(Path from, Path to) throws IOException {
        CandidateFolders.copy(from, to);
    }
}

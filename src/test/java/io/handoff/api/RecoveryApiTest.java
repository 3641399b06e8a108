package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.handoff.CandidateFolders;
import io.handoff.TestApi;
import io.handoff.TestKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Recovery that cleans up (issue 22): a bad candidate (ping-pong escalates one handoff earlier) is submitted by the
 * analyst, promoted by the admin, escalates live handoffs and is rolled back by the service. The rollback leaves a
 * ruleset incident listing the version's decisions; re-deciding them makes revisions on the stable version and resolves
 * the incidents the bad decisions opened, once; a second call changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:file:./target/test-db/recovery-${random.uuid};WRITE_DELAY=0;LAZY_QUERY_EXECUTION=TRUE;DB_CLOSE_ON_EXIT=FALSE",
        "handoff.audit.retention-interval=1000d", "handoff.rollout.window=10", "handoff.rollout.min-decisions=6",
        // the candidate's child JVM shares the machine with CI and other builds: a 60 s limit rejected it there
        "handoff.ruleset.check.timeout=240s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RecoveryApiTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @TempDir
    Path candidate;

    @Test
    void anAutomaticRollbackLeavesAnIncidentWhoseHandoffsAreReDecidedOnTheStableVersion() throws Exception {
        TestApi api = new TestApi(port);
        String stable = activeVersion(api);
        String suspect = submitBadCandidate();
        JsonNode promoted = TestApi.json(api.send("admin", "POST", "/api/v1/rulesets/" + suspect + "/promote",
                "{\"reason\": \"stricter ping-pong\"}"), 200);
        assertThat(promoted.get("active").asString()).isEqualTo(suspect);

        // escalating handoffs until the service rolls the version back by itself
        Map<String, String> badDecisions = new LinkedHashMap<>(); // decision id -> contract id
        ObjectNode pingPong = (ObjectNode) ContractFixtures.JSON.readTree(ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json"));
        ((ObjectNode) pingPong.get("case")).put("handoffCount", 2);
        for (int i = 0; i < 30 && activeVersion(api).equals(suspect); i++) {
            pingPong.put("contractId", "HC-RECOVER-" + i);
            JsonNode decision = TestApi.json(api.send("decider", "POST", "/api/v1/decisions", pingPong.toString()), 200);
            if (decision.get("rulesetVersion").asString().equals(suspect)) {
                assertThat(decision.get("outcome").asString()).isEqualTo("escalate");
                badDecisions.put(decision.get("decisionId").asString(), decision.get("contractId").asString());
            }
        }
        for (int i = 0; i < 100 && !activeVersion(api).equals(stable); i++) {
            Thread.sleep(100);
        }
        assertThat(activeVersion(api)).isEqualTo(stable);
        assertThat(badDecisions).hasSizeGreaterThanOrEqualTo(6);
        String contract = badDecisions.values().iterator().next();
        JsonNode wrongIncident = TestApi.json(api.send("approver", "GET", "/api/v1/incidents?contractId=" + contract, null), 200)
                .get("items").get(0);
        assertThat(wrongIncident.get("status").asString()).isEqualTo("open");
        assertThat(wrongIncident.get("posture").asString()).isEqualTo("critical"); // the posture it opened with

        // the rollback opened one ruleset incident listing every decision the version made
        JsonNode list = TestApi.json(api.send("analyst", "GET", "/api/v1/rulesets/incidents?version=" + suspect, null), 200);
        assertThat(list.get("items").size()).isEqualTo(1);
        String incidentId = list.get("items").get(0).get("incidentId").asString();
        JsonNode view = TestApi.json(api.send("auditor", "GET", "/api/v1/rulesets/incidents/" + incidentId, null), 200);
        assertThat(view.at("/incident/event").asString()).isEqualTo("auto-rolled-back");
        assertThat(view.at("/incident/rolledBackTo").asString()).isEqualTo(stable);
        assertThat(view.at("/incident/status").asString()).isEqualTo("open");
        assertThat(view.get("decisions").valueStream().map(d -> d.get("decisionId").asString()).toList())
                .containsExactlyInAnyOrderElementsOf(badDecisions.keySet());
        assertThat(view.get("redecidable").asInt()).isEqualTo(badDecisions.size());
        assertThat(view.get("decisions").valueStream().allMatch(d -> d.get("openIncidents").size() == 1)).isTrue();

        // a decider may not re-decide (analyst or admin); a reason is required
        assertThat(api.send("decider", "POST", "/api/v1/rulesets/incidents/" + incidentId + "/redecide", "{\"reason\": \"x\"}")
                .statusCode()).isEqualTo(403);
        assertThat(TestApi.json(api.send("analyst", "POST", "/api/v1/rulesets/incidents/" + incidentId + "/redecide", "{}"), 422)
                .get("code").asString()).isEqualTo("missing-who-or-why");

        JsonNode result = TestApi.json(api.send("analyst", "POST", "/api/v1/rulesets/incidents/" + incidentId + "/redecide",
                "{\"reason\": \"wrongly escalated by the rolled-back version\"}"), 200);
        assertThat(result.get("redecided").asInt()).isEqualTo(badDecisions.size());
        assertThat(result.at("/incident/status").asString()).isEqualTo("resolved");
        List<String> closed = new ArrayList<>();
        for (JsonNode h : result.get("handoffs")) {
            assertThat(h.get("rulesetVersion").asString()).isEqualTo(stable);
            assertThat(h.get("outcome").asString()).isEqualTo("accept-pending-approval");
            assertThat(badDecisions).containsKey(h.get("supersedes").asString());
            assertThat(h.get("closedIncidents").size()).isEqualTo(1);
            h.get("closedIncidents").forEach(c -> closed.add(c.asString()));
        }
        assertThat(closed).contains(wrongIncident.get("incidentId").asString());

        // the revision is recorded: it supersedes the bad decision, on the stable version, sent by the analyst
        JsonNode first = result.get("handoffs").get(0);
        JsonNode record = TestApi.json(api.send("auditor", "GET", "/api/v1/decisions/" + first.get("decisionId").asString(), null), 200);
        assertThat(record.get("rulesetVersion").asString()).isEqualTo(stable);
        assertThat(record.at("/record/supersedes").asString()).isEqualTo(first.get("supersedes").asString());
        assertThat(record.at("/record/submittedBy").asString()).isEqualTo("dev-analyst");
        JsonNode handoff = TestApi.json(api.send("decider", "GET", "/api/v1/handoffs/" + first.get("contractId").asString(), null), 200);
        assertThat(handoff.toString()).contains("awaiting-approval").contains(first.get("decisionId").asString());
        JsonNode resolved = TestApi.json(api.send("approver", "GET", "/api/v1/incidents/" + closed.get(0), null), 200);
        assertThat(resolved.at("/incident/status").asString()).isEqualTo("resolved");
        assertThat(resolved.at("/incident/resolution").asString()).contains("rolled back").contains(stable);

        // safe to repeat: nothing is decided twice
        JsonNode again = TestApi.json(api.send("admin", "POST", "/api/v1/rulesets/incidents/" + incidentId + "/redecide",
                "{\"reason\": \"again\"}"), 200);
        assertThat(again.get("redecided").asInt()).isZero();
        assertThat(again.get("skipped").asInt()).isEqualTo(badDecisions.size());
    }

    private String submitBadCandidate() throws Exception {
        CandidateFolders.copy(Path.of("rules"), candidate.resolve("rules"));
        CandidateFolders.copy(Path.of("decision-tables"), candidate.resolve("decision-tables"));
        Path reliability = candidate.resolve("rules/guardrails/reliability.drl");
        Files.writeString(reliability, Files.readString(reliability).replace("handoffCount >= 3", "handoffCount >= 2"));
        HttpResponse<String> submitted = http.send(TestKeys.as("analyst", uri("/api/v1/rulesets?reason=stricter"))
                .header("Content-Type", "application/zip").POST(HttpRequest.BodyPublishers.ofByteArray(CandidateFolders.zip(candidate)))
                .build(), HttpResponse.BodyHandlers.ofString());
        String version = TestApi.json(submitted, 202).get("version").asString();
        TestApi api = new TestApi(port);
        for (int i = 0; i < 2400; i++) { // checked in a child JVM: allow for a busy machine
            JsonNode report = TestApi.json(api.send("analyst", "GET", "/api/v1/rulesets/" + version, null), 200);
            if (!report.get("status").asString().equals("compiling")) {
                assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("passed");
                return version;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("candidate " + version + " still compiling after 240 s");
    }

    private static String activeVersion(TestApi api) throws Exception {
        return TestApi.json(api.send("analyst", "GET", "/api/v1/rulesets/active", null), 200).get("version").asString();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}

package io.handoff.api;

import io.handoff.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.handoff.ServiceTest;
import io.handoff.audit.StoredBodies;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What an auditor does over HTTP: fetch, search, page, export, verify, replay, and catch a tampered record. */
@ServiceTest
class AuditApiTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyDecisionAndRejectionCanBeFetchedByItsId() throws Exception {
        JsonNode decision = json(post("/api/v1/decisions", ContractFixtures.contract("pm-spec-to-engineering.json")));
        JsonNode record = json(get("/api/v1/decisions/" + decision.get("decisionId").asString()));
        assertThat(record.get("outcome").asString()).isEqualTo(decision.get("outcome").asString());
        assertThat(record.get("hash").asString()).hasSize(64);
        assertThat(record.at("/record/decision/trace").size()).isEqualTo(decision.get("trace").size());

        JsonNode rejected = json(post("/api/v1/decisions", "{\"contractId\": \"HC-REJ-1\"}".getBytes()));
        JsonNode rejection = json(get("/api/v1/decisions/" + rejected.get("decisionId").asString()));
        assertThat(rejection.get("outcome").asString()).isEqualTo("invalid-contract");
        assertThat(rejection.at("/record/violations").size()).isPositive();
        JsonNode replayed = json(postEmpty("/api/v1/decisions/" + rejected.get("decisionId").asString() + "/replay"));
        assertThat(replayed.get("status").asString()).as(replayed.toString()).isEqualTo("identical");

        HttpResponse<String> missing = get("/api/v1/decisions/no-such-id");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("code").asString()).isEqualTo("decision-not-found");
    }

    /**
     * A contract of one long array of wrong items has a violation per item: the 422 names every one, the record keeps the
     * first 1,000 and how many more there were, so no record grows past what a reader inflates.
     */
    @Test
    void aRejectionWithThousandsOfViolationsKeepsTheFirstThousandAndTheCount() throws Exception {
        ObjectNode contract = ContractFixtures.contract("pm-spec-to-engineering.json", "HC-VIOLATIONS-1");
        var criteria = ((ObjectNode) contract.get("workItem")).putArray("acceptanceCriteria");
        for (int i = 0; i < 1_500; i++) {
            criteria.add(i);
        }
        HttpResponse<String> refused = post("/api/v1/decisions", ContractFixtures.JSON.writeValueAsBytes(contract));
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode answer = json(refused);
        assertThat(answer.get("errors").size()).isGreaterThanOrEqualTo(1_500);
        JsonNode record = json(get("/api/v1/decisions/" + answer.get("decisionId").asString())).get("record");
        assertThat(record.get("violations").size()).isEqualTo(1_000);
        assertThat(record.get("violationsOmitted").asInt()).isEqualTo(answer.get("errors").size() - 1_000);
        assertThat(record.at("/violations/0/pointer")).isEqualTo(answer.at("/errors/0/pointer"));
        JsonNode replay = json(postEmpty("/api/v1/decisions/" + answer.get("decisionId").asString() + "/replay"));
        assertThat(replay.get("status").asString()).as(replay.toString()).isEqualTo("identical");
        // a record written before the cap holds every violation and no count: replay compares it with all of them
        String id = answer.get("decisionId").asString();
        String stored = StoredBodies.read(jdbc, id);
        try {
            ObjectNode whole = (ObjectNode) ContractFixtures.JSON.readTree(stored);
            whole.remove("violationsOmitted");
            whole.set("violations", answer.get("errors"));
            StoredBodies.write(jdbc, id, ContractFixtures.JSON.writeValueAsString(whole));
            JsonNode older = json(postEmpty("/api/v1/decisions/" + id + "/replay"));
            assertThat(older.get("status").asString()).as(older.toString()).isEqualTo("identical");
        } finally {
            StoredBodies.write(jdbc, id, stored);
        }
    }

    @Test
    void searchesWithFiltersAndPagesWithACursor() throws Exception {
        for (int i = 0; i < 5; i++) { // five revisions of one contract: the same body again would record nothing new
            ObjectNode revision = ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json", "HC-2026-0001");
            ((ObjectNode) revision.get("package")).put("summary", "Checkout API returns HTTP 500, revision " + i + " " + System.nanoTime());
            post("/api/v1/decisions", ContractFixtures.JSON.writeValueAsBytes(revision));
        }
        String filters = "contractId=HC-2026-0001&gate=incident-command&ruleId=GATE-CS-010&outcome=accept-pending-approval&posture=green";
        JsonNode byGate = json(get("/api/v1/decisions?" + filters + "&limit=500"));
        assertThat(byGate.get("items").size()).isGreaterThanOrEqualTo(5);
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(get("/api/v1/decisions?" + filters + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor)));
            page.get("items").forEach(item -> paged.add(item.get("decisionId").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(paged).doesNotHaveDuplicates().hasSize(byGate.get("items").size());

        HttpResponse<String> bad = get("/api/v1/decisions?posture=purple");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("parameter").asString()).isEqualTo("posture");
    }

    @Test
    void exportsNdjsonAndCsvWithTheSameFilters() throws Exception {
        post("/api/v1/decisions", ContractFixtures.contract("pm-spec-to-engineering.json"));
        HttpResponse<String> ndjson = get("/api/v1/decisions/export?format=ndjson&contractId=HC-2026-0002");
        assertThat(ndjson.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        String[] lines = ndjson.body().strip().split("\n");
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(json(line).get("contractId").asString()).isEqualTo("HC-2026-0002"));
        HttpResponse<String> csv = get("/api/v1/decisions/export?format=csv&contractId=HC-2026-0002");
        String[] rows = csv.body().strip().split("\n");
        assertThat(rows[0]).startsWith("seq,decisionId,kind,contractId");
        assertThat(rows).hasSize(lines.length + 1);
    }

    @Test
    void replayOfARecordedDecisionIsIdentical() throws Exception {
        JsonNode decision = json(post("/api/v1/decisions", ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json")));
        JsonNode replay = json(postEmpty("/api/v1/decisions/" + decision.get("decisionId").asString() + "/replay"));
        assertThat(replay.get("status").asString()).as(replay.toString()).isEqualTo("identical");
        assertThat(replay.get("differences").size()).isZero();
    }

    @Test
    void replayNamesARetryPolicyOnlyDifferenceByItsField() throws Exception {
        JsonNode decision = json(post("/api/v1/decisions", ContractFixtures.contract("pm-spec-to-engineering.json")));
        String id = decision.get("decisionId").asString();
        int attempts = decision.at("/retryPolicy/maxAttempts").asInt();
        String original = StoredBodies.read(jdbc, id);
        try { // the record says one more attempt than the rules give: only the retry policy differs
            StoredBodies.write(jdbc, id, original.replace("\"maxAttempts\":" + attempts + ",", "\"maxAttempts\":" + (attempts + 1) + ","));
            JsonNode replay = json(postEmpty("/api/v1/decisions/" + id + "/replay"));
            assertThat(replay.get("status").asString()).isEqualTo("different");
            assertThat(replay.get("differences").valueStream().map(d -> d.get("pointer").asString()).toList())
                    .containsExactly("/retryPolicy/maxAttempts");
            assertThat(replay.get("changes").valueStream().map(JsonNode::asString).toList()).singleElement().asString()
                    .startsWith("retryPolicy " + (attempts + 1) + " attempts, ").contains(" -> " + attempts + " attempts, ");
        } finally {
            StoredBodies.write(jdbc, id, original);
        }
    }

    /** A record whose stored body was rewritten into bytes that do not read is still listed, fetched and named by verify. */
    @Test
    void aRecordWhoseBodyNoLongerReadsIsShownAsSuchNotAFailure() throws Exception {
        JsonNode decision = json(post("/api/v1/decisions", ContractFixtures.contract("pm-spec-to-engineering.json")));
        String id = decision.get("decisionId").asString();
        long seq = jdbc.queryForObject("SELECT seq FROM audit_record WHERE decision_id = ?", Long.class, id);
        byte[] packed = jdbc.queryForObject("SELECT body_packed FROM audit_record WHERE seq = ?", byte[].class, seq);
        try {
            jdbc.update("UPDATE audit_record SET body_packed = ? WHERE seq = ?", (Object) new byte[] {0x78, 0x01, 7, 7}, seq);
            HttpResponse<String> fetched = get("/api/v1/decisions/" + id);
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(json(fetched).at("/record/unreadable").asString()).contains("zlib");
            assertThat(get("/api/v1/decisions?contractId=" + decision.get("contractId").asString()).statusCode()).isEqualTo(200);
            assertThat(get("/api/v1/decisions/export?kind=all").statusCode()).isEqualTo(200);
            assertThat(get("/api/v1/decisions/export?format=csv").statusCode()).isEqualTo(200);
            HttpResponse<String> replay = postEmpty("/api/v1/decisions/" + id + "/replay");
            assertThat(replay.statusCode()).isEqualTo(409);
            assertThat(json(replay).get("code").asString()).isEqualTo("record-unreadable");
            JsonNode report = json(get("/api/v1/audit/verify"));
            assertThat(report.get("status").asString()).isEqualTo("broken");
            assertThat(report.at("/firstBad/seq").asLong()).isEqualTo(seq);
        } finally {
            jdbc.update("UPDATE audit_record SET body_packed = ? WHERE seq = ?", packed, seq);
        }
        assertThat(json(get("/api/v1/audit/verify")).get("status").asString()).isEqualTo("intact");
    }

    @Test
    void verifyNamesATamperedRecordAndIsIntactOtherwise() throws Exception {
        JsonNode decision = json(post("/api/v1/decisions", ContractFixtures.contract("pm-spec-to-engineering.json")));
        assertThat(json(get("/api/v1/audit/verify")).get("status").asString()).isEqualTo("intact");
        String id = decision.get("decisionId").asString();
        String original = StoredBodies.read(jdbc, id);
        try {
            StoredBodies.write(jdbc, id, original.replace("\"score\":", "\"score\":9"));
            JsonNode report = json(get("/api/v1/audit/verify"));
            assertThat(report.get("status").asString()).isEqualTo("broken");
            assertThat(report.at("/firstBad/decisionId").asString()).isEqualTo(id);
        } finally {
            StoredBodies.write(jdbc, id, original);
        }
        assertThat(json(get("/api/v1/audit/verify")).get("status").asString()).isEqualTo("intact");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(TestKeys.request(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, byte[] body) throws Exception {
        return http.send(TestKeys.request(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postEmpty(String path) throws Exception {
        return http.send(TestKeys.request(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return ContractFixtures.JSON.readTree(response.body());
    }

    private static JsonNode json(String text) {
        return ContractFixtures.JSON.readTree(text);
    }
}

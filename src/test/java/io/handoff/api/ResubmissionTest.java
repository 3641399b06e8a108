package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import io.handoff.ServiceTest;
import io.handoff.TestApi;
import io.handoff.TestKeys;
import io.handoff.audit.MutableClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A handoff has one life, over real HTTP: a retry with the same Idempotency-Key is answered with the first decision and
 * recorded once (also when the retries race); the key with another body is refused; a changed contract revises the
 * open handoff (approvals of gates it still requires, attempts and their backoff kept; the timeline says what it
 * supersedes); an attempt before the backoff is over gets 409 too-early with Retry-After; a closed handoff refuses a new
 * decision unless it is reopened on purpose. The service runs on a clock the test moves.
 */
@ServiceTest
@Import(ResubmissionTest.Clocks.class)
class ResubmissionTest {
    private static final String SAMPLE = "cs-enterprise-sev1-to-engineering.json"; // gates incident-command, account-review
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theSameContractTwiceWithOneIdempotencyKeyIsRecordedOnceAndAnotherBodyIsRefused() throws Exception {
        String contract = ContractFixtures.contract(SAMPLE, "RS-IDEM-1").toString();
        HttpResponse<String> first = decide("decider", contract, "key-rs-idem-1", "");
        HttpResponse<String> again = decide("decider", contract, "key-rs-idem-1", "");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(decisionRecords("RS-IDEM-1")).isEqualTo(1);

        ObjectNode changed = ContractFixtures.contract(SAMPLE, "RS-IDEM-1");
        ((ObjectNode) changed.get("package")).put("summary", "Checkout API fails for EU tenants (updated)");
        HttpResponse<String> reused = decide("decider", changed.toString(), "key-rs-idem-1", "");
        assertThat(TestApi.json(reused, 409).get("code").asString()).isEqualTo("idempotency-key-reused");
        assertThat(reused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));

        // keys belong to their principal: the admin's key of the same name is its own, and the unchanged contract of an
        // open handoff answers its current decision without recording anything
        HttpResponse<String> otherCaller = decide("admin", contract, "key-rs-idem-1", "");
        assertThat(otherCaller.statusCode()).as(otherCaller.body()).isEqualTo(200);
        assertThat(otherCaller.headers().firstValue("Handoff-Unchanged")).hasValue("true");
        assertThat(TestApi.json(otherCaller, 200).get("decisionId").asString())
                .isEqualTo(TestApi.json(first, 200).get("decisionId").asString());
        assertThat(decisionRecords("RS-IDEM-1")).isEqualTo(1);
    }

    @Test
    void concurrentRetriesWithOneKeyRecordOneDecision() throws Exception {
        String contract = ContractFixtures.contract(SAMPLE, "RS-RACE-1").toString();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> decide("decider", contract, "key-rs-race-1", "")));
            }
            List<String> ids = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                ids.add(TestApi.json(answer.get(), 200).get("decisionId").asString());
            }
            assertThat(ids).hasSize(6).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(decisionRecords("RS-RACE-1")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM approval WHERE contract_id = 'RS-RACE-1'", Integer.class)).isEqualTo(2);
    }

    @Test
    void aRevisionKeepsApprovalsAndAttemptsAndAClosedHandoffTakesNoNewDecisionUnlessReopened() throws Exception {
        ObjectNode contract = ContractFixtures.contract(SAMPLE, "RS-REV-1");
        JsonNode original = TestApi.json(decide("decider", contract.toString(), null, ""), 200);
        String incidentGate = approvalOf("RS-REV-1", "incident-command", "pending").get("approvalId").asString();
        String accountGate = approvalOf("RS-REV-1", "account-review", "pending").get("approvalId").asString();
        api().send("approver", "POST", "/api/v1/approvals/" + incidentGate,
                "{\"decision\":\"approve\",\"role\":\"incident-commander\",\"comment\":\"aware\"}");

        ((ObjectNode) contract.get("package")).put("summary", "Checkout API returns 500 for EU enterprise tenants; logs attached.");
        JsonNode revision = TestApi.json(decide("decider", contract.toString(), null, ""), 200);
        assertThat(revision.get("decisionId").asString()).isNotEqualTo(original.get("decisionId").asString());
        assertThat(revision.get("supersedes").asString()).isEqualTo(original.get("decisionId").asString());
        JsonNode kept = approvalOf("RS-REV-1", "incident-command", "approved");
        assertThat(kept.get("decisionId").asString()).isEqualTo(revision.get("decisionId").asString());
        assertThat(kept.get("decidedBy").asString()).isEqualTo("dev-approver");
        JsonNode moved = approvalOf("RS-REV-1", "account-review", "pending");
        assertThat(moved.get("approvalId").asString()).as("a pending gate still required keeps its id").isEqualTo(accountGate);
        assertThat(moved.get("decisionId").asString()).isEqualTo(revision.get("decisionId").asString());
        JsonNode accepted = TestApi.json(api().send("approver", "POST", "/api/v1/approvals/" + accountGate,
                "{\"decision\":\"approve\",\"role\":\"account-owner\",\"comment\":\"ok\"}"), 200);
        assertThat(accepted.at("/handoff/status").asString()).isEqualTo("accepted");

        JsonNode failed = TestApi.json(attempt("RS-REV-1", "timed-out"), 201);
        assertThat(failed.at("/handoff/status").asString()).isEqualTo("retrying");
        HttpResponse<String> early = attempt("RS-REV-1", "delivered");
        assertThat(TestApi.json(early, 409).get("code").asString()).isEqualTo("too-early");
        assertThat(early.headers().firstValue("Retry-After")).hasValue(String.valueOf(original.at("/retryPolicy/backoffSeconds").asInt()));

        ((ObjectNode) contract.get("case")).put("channel", "email");
        JsonNode second = TestApi.json(decide("decider", contract.toString(), null, ""), 200);
        assertThat(second.get("supersedes").asString()).isEqualTo(revision.get("decisionId").asString());
        JsonNode state = TestApi.json(api().send("auditor", "GET", "/api/v1/handoffs/RS-REV-1", null), 200);
        assertThat(state.at("/handoff/status").asString()).as("both gates approved before, one attempt failed").isEqualTo("retrying");
        assertThat(state.at("/handoff/attempts").asInt()).isEqualTo(1);
        assertThat(state.at("/handoff/failures").asInt()).isEqualTo(1);
        assertThat(TestApi.json(attempt("RS-REV-1", "delivered"), 409).get("code").asString())
                .as("the backoff outlives a revision").isEqualTo("too-early");
        List<JsonNode> timeline = state.get("timeline").valueStream().toList();
        assertThat(timeline).filteredOn(t -> t.has("supersedes")).extracting(t -> t.get("supersedes").asString())
                .containsExactly(original.get("decisionId").asString(), revision.get("decisionId").asString());

        clock.advance(Duration.ofSeconds(original.at("/retryPolicy/backoffSeconds").asInt()));
        JsonNode delivered = TestApi.json(attempt("RS-REV-1", "delivered"), 201);
        assertThat(delivered.at("/step/attemptNo").asInt()).isEqualTo(2);
        assertThat(delivered.at("/handoff/status").asString()).isEqualTo("delivered");

        ((ObjectNode) contract.get("case")).put("channel", "chat");
        JsonNode closed = TestApi.json(decide("decider", contract.toString(), null, ""), 409);
        assertThat(closed.get("code").asString()).isEqualTo("handoff-closed");
        assertThat(decisionRecords("RS-REV-1")).isEqualTo(3);
        JsonNode reopened = TestApi.json(decide("decider", contract.toString(), null, "?reopen=true&reason=customer%20reopened"), 200);
        assertThat(reopened.get("supersedes").asString()).isEqualTo(second.get("decisionId").asString());
        assertThat(reopened.at("/reopen/reason").asString()).isEqualTo("customer reopened");
        assertThat(reopened.at("/reopen/by").asString()).isEqualTo("dev-decider");
        assertThat(approvalOf("RS-REV-1", "incident-command", "pending").get("decisionId").asString())
                .as("a reopened handoff asks its gates again").isEqualTo(reopened.get("decisionId").asString());
    }

    @Test
    void aRevisionClosesTheGatesItNoLongerRequiresAsSuperseded() throws Exception {
        ObjectNode contract = ContractFixtures.contract(SAMPLE, "RS-DROP-1");
        TestApi.json(decide("decider", contract.toString(), null, ""), 200);
        String accountGate = approvalOf("RS-DROP-1", "account-review", "pending").get("approvalId").asString();
        ((ObjectNode) contract.at("/case/customer")).put("arrAtRisk", 20000);
        JsonNode revision = TestApi.json(decide("decider", contract.toString(), null, ""), 200);
        assertThat(revision.get("approvals").valueStream().map(a -> a.get("gateId").asString())).doesNotContain("account-review");
        JsonNode superseded = TestApi.json(api().send("approver", "GET", "/api/v1/approvals/" + accountGate, null), 200);
        assertThat(superseded.get("status").asString()).isEqualTo("superseded");
        assertThat(approvalOf("RS-DROP-1", "incident-command", "pending").get("decisionId").asString())
                .isEqualTo(revision.get("decisionId").asString());
    }

    @Test
    void anAttemptAfterTheCounterWasResetIsNumberedOnAndBadAttemptInputIsNo500() throws Exception {
        ObjectNode contract = ContractFixtures.contract("pm-spec-to-engineering.json", "RS-COUNT-1");
        contract.put("contractId", "RS-COUNT-1");
        JsonNode decision = TestApi.json(decide("decider", contract.toString(), null, ""), 200);
        jdbc.update("UPDATE handoff SET status = 'accepted' WHERE contract_id = 'RS-COUNT-1'");
        TestApi.json(attempt("RS-COUNT-1", "timed-out"), 201);
        clock.advance(Duration.ofHours(1));
        // what the old resubmission did: the counter restarted while attempt 1 stayed stored (then: 500, unique key)
        jdbc.update("UPDATE handoff SET attempts = 0 WHERE contract_id = 'RS-COUNT-1'");
        JsonNode second = TestApi.json(attempt("RS-COUNT-1", "delivered"), 201);
        assertThat(second.at("/step/attemptNo").asInt()).isEqualTo(2);
        assertThat(decision.get("contractId").asString()).isEqualTo("RS-COUNT-1");

        HttpResponse<String> longId = api().send("decider", "POST", "/api/v1/handoffs/RS-COUNT-1/attempts",
                "{\"attemptId\":\"" + "x".repeat(65) + "\",\"result\":\"error\",\"at\":\"" + clock.instant() + "\"}");
        assertThat(TestApi.json(longId, 422).get("code").asString()).isEqualTo("invalid-attempt-id");
        HttpResponse<String> badKey = decide("decider", contract.toString(), "bad key with spaces", "");
        assertThat(TestApi.json(badKey, 400).get("code").asString()).isEqualTo("invalid-idempotency-key");
    }

    private HttpResponse<String> decide(String role, String body, String idempotencyKey, String query) throws Exception {
        HttpRequest.Builder request = TestKeys.as(role, URI.create("http://localhost:" + port + "/api/v1/decisions" + query))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> attempt(String contractId, String result) throws Exception {
        return api().send("decider", "POST", "/api/v1/handoffs/" + contractId + "/attempts",
                "{\"result\":\"" + result + "\",\"at\":\"" + clock.instant() + "\"}");
    }

    /** The approval of the gate on the handoff's current decision, in the given status. */
    private JsonNode approvalOf(String contractId, String gateId, String status) throws Exception {
        JsonNode report = TestApi.json(api().send("auditor", "GET", "/api/v1/handoffs/" + contractId + "/report", null), 200);
        String current = report.at("/handoff/decisionId").asString();
        return report.get("approvals").valueStream().filter(a -> a.get("decisionId").asString().equals(current)
                        && a.get("gateId").asString().equals(gateId) && a.get("status").asString().equals(status))
                .findFirst().orElseThrow(() -> new AssertionError("no " + status + " " + gateId + " in " + report));
    }

    private int decisionRecords(String contractId) throws Exception {
        return TestApi.json(api().send("auditor", "GET", "/api/v1/decisions?contractId=" + contractId + "&limit=50", null), 200)
                .get("items").size();
    }

    private TestApi api() {
        return new TestApi(port);
    }
}

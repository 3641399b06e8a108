package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.handoff.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * A live evaluation past handoff.decisions.evaluation-timeout (here 1 ns: nothing finishes in time) ends the request
 * with 503 evaluation-timeout and Retry-After, and leaves a fault record with no decision; the chain stays intact.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:file:./target/test-db/timeout-${random.uuid};LAZY_QUERY_EXECUTION=TRUE;DB_CLOSE_ON_EXIT=FALSE",
        "handoff.audit.retention-interval=1000d", "handoff.decisions.evaluation-timeout=1ns"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EvaluationTimeoutApiTest {
    @LocalServerPort
    int port;

    @Test
    void anEvaluationPastItsTimeLimitIs503WithAFaultRecordAndNoDecision() throws Exception {
        TestApi api = new TestApi(port);
        HttpResponse<String> response = api.send("decider", "POST", "/api/v1/decisions",
                new String(ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json")));
        JsonNode problem = TestApi.json(response, 503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(problem.get("code").asString()).isEqualTo("evaluation-timeout");
        assertThat(problem.has("decisionId")).isFalse();
        String faultId = problem.get("faultId").asString();

        JsonNode fault = TestApi.json(api.send("auditor", "GET", "/api/v1/decisions/" + faultId, null), 200);
        assertThat(fault.get("kind").asString()).isEqualTo("fault");
        assertThat(fault.get("outcome").asString()).isEqualTo("evaluation-timeout");
        assertThat(fault.get("posture").isNull()).isTrue();
        assertThat(fault.get("contractId").asString()).isEqualTo("HC-2026-0001");
        assertThat(fault.get("record").has("decision")).isFalse();
        assertThat(fault.get("record").get("fault").get("code").asString()).isEqualTo("evaluation-timeout");

        JsonNode faults = TestApi.json(api.send("auditor", "GET", "/api/v1/decisions?kind=fault", null), 200);
        assertThat(faults.get("items").toString()).contains(faultId);
        JsonNode decisions = TestApi.json(api.send("auditor", "GET", "/api/v1/decisions?contractId=HC-2026-0001", null), 200);
        assertThat(decisions.get("items").size()).isZero();
        assertThat(TestApi.json(api.send("auditor", "GET", "/api/v1/audit/verify", null), 200).get("status").asString())
                .isEqualTo("intact");
        // counted toward automatic rollback like a failed decision
        JsonNode rollout = TestApi.json(api.send("admin", "GET", "/api/v1/rulesets", null), 200).get("rollout");
        assertThat(rollout.get("windowSize").asInt()).isPositive();
    }
}

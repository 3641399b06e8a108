package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.handoff.ServiceTest;
import io.handoff.TestKeys;
import tools.jackson.databind.JsonNode;

/**
 * An analyst or auditor tries a contract on a version over HTTP: the full decision with its trace comes back and
 * nothing is recorded (no audit record, no handoff or approval opened, no idempotency key taken).
 */
@ServiceTest
class RulesetTryApiTest {
    private static final List<String> RECORDS = List.of("audit_record", "handoff", "approval", "incident", "idempotency_key");
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void triesAContractOnTheActiveVersionWithItsTraceAndRecordsNothing() throws Exception {
        String active = ContractFixtures.JSON.readTree(send("analyst", "GET", "/api/v1/rulesets/active", null).body())
                .get("version").asString();
        List<Long> before = counts();

        HttpResponse<String> tried = send("analyst", "POST", "/api/v1/rulesets/" + active + "/try",
                ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json"));

        assertThat(tried.statusCode()).as(tried.body()).isEqualTo(200);
        assertThat(tried.headers().firstValue("Decision-Recorded")).hasValue("false");
        JsonNode decision = ContractFixtures.JSON.readTree(tried.body());
        assertThat(decision.get("rulesetVersion").asString()).isEqualTo(active);
        assertThat(decision.get("decisionId").asString()).startsWith("try-");
        assertThat(decision.get("outcome").asString()).isEqualTo("accept-pending-approval");
        assertThat(decision.get("approvals").size()).isPositive();
        assertThat(decision.get("trace").valueStream().filter(e -> e.at("/source/sheet").isString()))
                .isNotEmpty().allSatisfy(entry -> {
                    assertThat(entry.at("/source/file").asString()).startsWith("decision-tables/");
                    assertThat(entry.at("/source/row").asInt()).isPositive();
                });
        assertThat(decision.get("trace").valueStream().map(e -> e.at("/source/file").asString()))
                .anySatisfy(file -> assertThat(file).endsWith(".drl"));
        assertThat(counts()).as("rows in " + RECORDS).isEqualTo(before);
        assertThat(send("auditor", "GET", "/api/v1/decisions/" + decision.get("decisionId").asString(), null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void anAuditorMayTryAndADeciderMayNot() throws Exception {
        String path = "/api/v1/rulesets/" + activeVersion() + "/try";
        byte[] contract = ContractFixtures.contract("pm-spec-to-engineering.json");
        assertThat(send("auditor", "POST", path, contract).statusCode()).isEqualTo(200);
        assertThat(send("decider", "POST", path, contract).statusCode()).isEqualTo(403);
    }

    @Test
    void anInvalidContractIs422WithItsViolationsAndNothingRecorded() throws Exception {
        List<Long> before = counts();
        HttpResponse<String> refused = send("analyst", "POST", "/api/v1/rulesets/" + activeVersion() + "/try",
                "{\"contractId\": \"HC-TRY-1\"}".getBytes());

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = ContractFixtures.JSON.readTree(refused.body());
        assertThat(problem.get("code").asString()).isEqualTo("invalid-contract");
        assertThat(problem.get("errors").size()).isPositive();
        assertThat(problem.get("errors").get(0).get("pointer").isString()).isTrue();
        assertThat(problem.has("decisionId")).isFalse();
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void anUnknownVersionIs404ProblemJson() throws Exception {
        HttpResponse<String> missing = send("analyst", "POST", "/api/v1/rulesets/" + "0".repeat(64) + "/try",
                ContractFixtures.contract("pm-spec-to-engineering.json"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(ContractFixtures.JSON.readTree(missing.body()).get("code").asString()).isEqualTo("unknown-version");
    }

    private String activeVersion() throws Exception {
        return ContractFixtures.JSON.readTree(send("analyst", "GET", "/api/v1/rulesets/active", null).body()).get("version").asString();
    }

    private List<Long> counts() {
        return RECORDS.stream().map(table -> jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)).toList();
    }

    private HttpResponse<String> send(String role, String method, String path, byte[] body) throws Exception {
        HttpRequest.Builder request = TestKeys.as(role, URI.create("http://localhost:" + port + path))
                .header("Idempotency-Key", "try-" + System.nanoTime());
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package io.handoff.api;

import io.handoff.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import io.handoff.ServiceTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** The decision endpoint over real HTTP with the shipped rules. */
@ServiceTest
class DecisionApiTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void decidesASampleContractWithATraceNamingTableRows() throws Exception {
        HttpResponse<String> response = post("/api/v1/decisions", "application/json",
                ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode decision = ContractFixtures.JSON.readTree(response.body());
        assertThat(decision.get("outcome").asString()).isEqualTo("accept-pending-approval");
        assertThat(decision.get("route").get("queue").asString()).isEqualTo("eng-incident-response");
        assertThat(decision.get("rulesetVersion").asString()).hasSize(64);
        assertThat(decision.get("inputHash").asString()).hasSize(64);
        assertThat(decision.get("approvals").valueStream().map(a -> a.get("gateId").asString()))
                .containsExactly("incident-command", "account-review");
        JsonNode gateRow = decision.get("trace").valueStream()
                .filter(t -> t.get("ruleId").asString().equals("GATE-CS-010")).findFirst().orElseThrow();
        assertThat(gateRow.get("source").get("file").asString()).isEqualTo("decision-tables/gates.xlsx");
        assertThat(gateRow.get("source").get("sheet").asString()).isEqualTo("Gates");
        assertThat(gateRow.get("source").get("row").asInt()).isEqualTo(10);
        assertThat(gateRow.get("did").get(0).asString()).contains("incident-command");
    }

    @Test
    void anApiCallOpensNoSession() throws Exception {
        // a stateless API: a session per call would be kept 30 minutes for a caller who never sends it back
        HttpResponse<String> response = post("/api/v1/decisions", "application/json",
                ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void productContractIsDecidedToo() throws Exception {
        HttpResponse<String> response = post("/api/v1/decisions", "application/json",
                ContractFixtures.contract("pm-spec-to-engineering.json"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode decision = ContractFixtures.JSON.readTree(response.body());
        assertThat(decision.get("approvals").valueStream().map(a -> a.get("gateId").asString()))
                .contains("customer-commitment", "architecture-review");
    }

    @Test
    void servesTheContractSchema() throws Exception {
        HttpResponse<String> response = http.send(TestKeys.request(uri("/api/v1/schemas/handoff-contract")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/schema+json");
        assertThat(ContractFixtures.JSON.readTree(response.body()).get("$schema").asString())
                .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void wrongMediaTypeAndUnknownPathAreProblemsWithCodes() throws Exception {
        HttpResponse<String> text = post("/api/v1/decisions", "text/plain", "hello".getBytes());
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(ContractFixtures.JSON.readTree(text.body()).get("code").asString()).isEqualTo("unsupported-media-type");
        HttpResponse<String> missing = http.send(TestKeys.request(uri("/api/v1/nothing-here")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void reportsTheActiveRulesetWithRuleLocations() throws Exception {
        HttpResponse<String> response = http.send(TestKeys.request(uri("/api/v1/rulesets/active")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = ContractFixtures.JSON.readTree(response.body());
        assertThat(body.get("rules").get("SCORE-CS-010").asString()).isEqualTo("decision-tables/scoring.xlsx, sheet Scoring, row 11");
    }

    private HttpResponse<String> post(String path, String type, byte[] body) throws Exception {
        return http.send(TestKeys.request(uri(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}

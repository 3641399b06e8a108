package io.handoff.api;

import io.handoff.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import io.handoff.ServiceTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Every catalogued bad body gets the catalogued 4xx problem+json over real HTTP; none gets a 500. */
@ServiceTest
class ContractRejectionTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicTest> badContractsGetProblemsWithPointers() {
        return ContractFixtures.invalidContracts().stream().map(entry -> DynamicTest.dynamicTest(
                entry.get("name").asString(), () -> check(entry)));
    }

    private void check(JsonNode entry) throws Exception {
        HttpResponse<String> response = http.send(TestKeys.request(URI.create("http://localhost:" + port + "/api/v1/decisions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ContractFixtures.body(entry))).build(),
                HttpResponse.BodyHandlers.ofString());
        int status = entry.get("status").asInt();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = ContractFixtures.JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        if (status == 422) {
            assertThat(problem.get("code").asString()).isEqualTo("invalid-contract");
            assertThat(problem.get("decisionId").asString()).isNotBlank();
            for (JsonNode expected : entry.path("errors")) {
                assertThat(problem.get("errors").valueStream()).as(response.body()).anySatisfy(error -> {
                    assertThat(error.get("pointer").asString()).isEqualTo(expected.get("pointer").asString());
                    assertThat(error.get("code").asString()).isEqualTo(expected.get("code").asString());
                    assertThat(error.get("message").asString()).isNotBlank();
                });
            }
            if (entry.has("onlyErrors")) {
                assertThat(problem.get("errors").size()).as(response.body()).isEqualTo(entry.get("onlyErrors").asInt());
            }
        } else {
            assertThat(problem.get("code").asString()).isEqualTo(entry.get("code").asString());
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}

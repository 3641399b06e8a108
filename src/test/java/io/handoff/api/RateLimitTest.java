package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.handoff.TestKeys;

/** One caller past its rate gets 429 rate-limited with Retry-After; another caller is not affected. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:file:./target/test-db/ratelimit-${random.uuid};WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
        "handoff.budget.per-caller-per-second=3"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RateLimitTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void aCallerPastItsRateIsLimitedAndOthersAreNot() throws Exception {
        int limited = 0;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = decide("decider");
            if (response.statusCode() == 429) {
                limited++;
                assertThat(response.body()).contains("\"code\":\"rate-limited\"");
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
        assertThat(limited).isPositive();
        assertThat(decide("admin").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> decide(String role) throws Exception {
        return http.send(TestKeys.as(role, URI.create("http://localhost:" + port + "/api/v1/decisions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ContractFixtures.contract("pm-spec-to-engineering.json"))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

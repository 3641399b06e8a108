package io.handoff.api;

import io.handoff.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.handoff.ServiceTest;

/** After a few decisions, Prometheus shows them with real values; readiness reports the ruleset and the audit store. */
@ServiceTest
class TelemetryTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void prometheusShowsDecisionsRuleFiresAuditBatchesAndTheActiveVersion() throws Exception {
        for (int i = 0; i < 3; i++) {
            http.send(TestKeys.request(URI.create("http://localhost:" + port + "/api/v1/decisions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(ContractFixtures.contract("pm-spec-to-engineering.json"))).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        String metrics = get("/actuator/prometheus");
        assertThat(metrics).containsPattern("handoff_decisions_total\\{domain=\"product-management\",outcome=\"[a-z-]+\",posture=\"[a-z]+\",ruleset=\"[0-9a-f]{12}\"} [1-9]")
                .containsPattern("handoff_rule_fires_total\\{rule=\"GATE-PM-010\"} [1-9]")
                .containsPattern("handoff_audit_batch_size_count [1-9]")
                .containsPattern("handoff_decision_latency_seconds_bucket")
                .containsPattern("handoff_ruleset_active\\{version=\"[0-9a-f]{64}\"} 1.0")
                // the request's own observation stays; Spring Security's are off (application.properties)
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/decisions\"[^}]*} [1-9]")
                .doesNotContain("spring_security_");
        assertThat(get("/actuator/health/readiness")).contains("\"auditStore\"").contains("\"ruleset\"").contains("\"status\":\"UP\"");
    }

    private String get(String path) throws Exception {
        return http.send(TestKeys.request(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}

package io.handoff.api;

import static io.handoff.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.handoff.ServiceTest;
import io.handoff.TestApi;
import io.handoff.TestKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Telemetry that links, over real HTTP: a decision sent under a W3C {@code traceparent} keeps that trace id in its audit
 * record, its handoff report and its incident packet, each with the configured dashboard link; its log lines carry its
 * decision and contract ids and the trace id; approvals, incidents, outcomes and rollout show in the Prometheus scrape.
 */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class TraceLinksTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void anEscalationSentUnderATraceparentLinksRecordReportPacketAndLogLines(CapturedOutput output) throws Exception {
        String contractId = "HC-TRACE-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode contract = (ObjectNode) ContractFixtures.JSON.readTree(ContractFixtures.resource("/notify/sev1-ping-pong-escalates.json"));
        contract.put("contractId", contractId);
        JsonNode decision = json(HTTP.send(TestKeys.as("decider", uri("/api/v1/decisions")).header("traceparent", TRACEPARENT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(contract.toString())).build(),
                HttpResponse.BodyHandlers.ofString()), 200);
        assertThat(decision.get("outcome").asString()).isEqualTo("escalate");
        assertThat(decision.has("traceId")).as("the caller's decision stays the rules' output").isFalse();
        String decisionId = decision.get("decisionId").asString();
        String link = "https://grafana.example/explore?traceId=" + TRACE_ID + "&contract=" + contractId;

        JsonNode record = json(api().send("auditor", "GET", "/api/v1/decisions/" + decisionId, null), 200);
        assertThat(record.at("/record/traceId").asString()).as("inside the hashed body").isEqualTo(TRACE_ID);
        assertThat(json(api().send("auditor", "GET", "/api/v1/audit/verify", null), 200).get("status").asString()).isEqualTo("intact");

        JsonNode report = json(api().send("auditor", "GET", "/api/v1/handoffs/" + contractId + "/report", null), 200);
        assertThat(report.get("traceId").asString()).isEqualTo(TRACE_ID);
        assertThat(report.get("dashboardLink").asString()).isEqualTo(link);

        String incidentId = json(api().send("auditor", "GET", "/api/v1/incidents?contractId=" + contractId, null), 200)
                .at("/items/0/incidentId").asString();
        JsonNode packet = json(api().send("auditor", "GET", "/api/v1/incidents/" + incidentId, null), 200);
        assertThat(packet.get("traceId").asString()).isEqualTo(TRACE_ID);
        assertThat(packet.get("dashboardLink").asString()).isEqualTo(link);

        assertThat(output.getOut().lines().filter(l -> l.contains(decisionId)).toList()).isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains(contractId).contains(TRACE_ID))
                .anySatisfy(l -> assertThat(l).contains("escalated to oversight"));
    }

    @Test
    void approvalsIncidentsOutcomesAndRolloutShowInThePrometheusScrape() throws Exception {
        String gated = "HC-TRACE-GATE-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode decision = json(api().send("decider", "POST", "/api/v1/decisions",
                ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json", gated).toString()), 200);
        assertThat(decision.get("outcome").asString()).isEqualTo("accept-pending-approval");
        String approvalId = json(api().send("approver", "GET", "/api/v1/approvals?role=incident-commander&status=pending&limit=500", null), 200)
                .get("items").valueStream().filter(a -> a.get("contractId").asString().equals(gated)).findFirst().orElseThrow()
                .get("approvalId").asString();
        json(api().send("approver", "POST", "/api/v1/approvals/" + approvalId,
                "{\"decision\":\"approve\",\"comment\":\"on call is aware\"}"), 200);
        json(api().send("decider", "POST", "/api/v1/outcomes", "{\"contractId\":\"" + gated
                + "\",\"kind\":\"bounced-back\",\"occurredAt\":\"2026-11-21T08:00:00Z\",\"note\":\"missing logs\"}"), 201);

        String escalated = "HC-TRACE-ESC-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode contract = (ObjectNode) ContractFixtures.JSON.readTree(ContractFixtures.resource("/notify/sev1-ping-pong-escalates.json"));
        contract.put("contractId", escalated);
        json(api().send("decider", "POST", "/api/v1/decisions", contract.toString()), 200);
        String incidentId = json(api().send("auditor", "GET", "/api/v1/incidents?contractId=" + escalated, null), 200)
                .at("/items/0/incidentId").asString();
        json(api().send("approver", "POST", "/api/v1/incidents/" + incidentId + "/resolve", "{\"resolution\":\"sent back\"}"), 200);

        String metrics = api().send("admin", "GET", "/actuator/prometheus", null).body();
        assertThat(metrics)
                .containsPattern("handoff_approvals_opened_total\\{role=\"incident-commander\"} [1-9]")
                .containsPattern("handoff_approvals_opened_total\\{role=\"account-owner\"} [1-9]")
                .containsPattern("handoff_approvals_decided_total\\{role=\"incident-commander\",verdict=\"approved\"} [1-9]")
                .containsPattern("handoff_approval_decision_time_seconds_count\\{role=\"incident-commander\"} [1-9]")
                .containsPattern("handoff_incidents_opened_total\\{cause=\"escalated\"} [1-9]")
                .containsPattern("handoff_incidents_resolved_total\\{cause=\"escalated\"} [1-9]")
                .containsPattern("handoff_outcomes_total\\{kind=\"bounced-back\"} [1-9]")
                .containsPattern("handoff_rollout_decisions_total\\{mode=\"enforce\",team=\"support-tier2\"} [1-9]")
                .containsPattern("handoff_webhook_deliveries_total\\{result=\"delivered\"} [0-9]")
                .containsPattern("handoff_webhook_deliveries_total\\{result=\"failed\"} [0-9]");
    }

    private TestApi api() {
        return new TestApi(port);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}

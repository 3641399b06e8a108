package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.handoff.ServiceTest;
import io.handoff.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The orchestration walk-through over real HTTP, as callers do it: a support contract through two gates (one
 * attempt by the wrong role, one for the sender, both refused and recorded), a failed and a successful delivery
 * attempt, an outcome, the scorecard; an escalated product contract to an incident packet naming fired rules by
 * file and row; repeated failures escalating a green handoff to critical.
 */
@ServiceTest
class HandoffWalkthroughTest {

    @LocalServerPort
    int port;

    @Test
    void supportContractThroughTwoGatesAttemptsOutcomeAndScorecard() throws Exception {
        ObjectNode contract = ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json", "HC-WALK-001");
        ((ObjectNode) contract.get("from")).put("actor", "morgan-diaz"); // the sender is an incident commander too
        JsonNode decision = json(send("decider", "POST", "/api/v1/decisions", contract.toString()), 200);
        assertThat(decision.get("outcome").asString()).isEqualTo("accept-pending-approval");

        String incidentGate = pendingApproval("incident-commander", "HC-WALK-001");
        String accountGate = pendingApproval("account-owner", "HC-WALK-001");
        String delegate = new TestApi(port).createKey("walk-desk", "approver", "delegate").secret();

        JsonNode wrongRole = json(send("approver", "POST", "/api/v1/approvals/" + incidentGate,
                step("approve", null, "account-owner", "I am not the incident commander")), 403);
        assertThat(wrongRole.get("code").asString()).isEqualTo("wrong-approver-role");
        JsonNode sender = json(new TestApi(port).sendWithKey(delegate, "POST", "/api/v1/approvals/" + incidentGate,
                step("approve", "morgan-diaz", "incident-commander", "approving for the sender")), 403);
        assertThat(sender.get("code").asString()).as("from.actor names a directory id: that id sent it").isEqualTo("four-eyes");
        JsonNode auditorTries = json(send("auditor", "POST", "/api/v1/approvals/" + incidentGate,
                step("approve", null, "incident-commander", "")), 403);
        assertThat(auditorTries.get("code").asString()).isEqualTo("forbidden");

        JsonNode first = json(send("approver", "POST", "/api/v1/approvals/" + incidentGate,
                step("approve", null, "incident-commander", "engineering on call is aware")), 200);
        assertThat(first.at("/step/decidedBy").asString()).isEqualTo("dev-approver");
        assertThat(first.at("/handoff/status").asString()).isEqualTo("awaiting-approval");
        JsonNode early = json(send("decider", "POST", "/api/v1/handoffs/HC-WALK-001/attempts",
                "{\"result\":\"delivered\",\"at\":\"2026-11-20T09:30:00Z\"}"), 409);
        assertThat(early.get("code").asString()).isEqualTo("not-deliverable");
        JsonNode second = json(send("approver", "POST", "/api/v1/approvals/" + accountGate,
                step("approve", null, null, "account team informed")), 200);
        assertThat(second.at("/handoff/status").asString()).isEqualTo("accepted");
        assertThat(second.at("/handoff/posture").asString()).isEqualTo("green");
        assertThat(second.at("/transition/cause").asString()).contains("every gate approved");
        JsonNode twice = json(send("approver", "POST", "/api/v1/approvals/" + accountGate,
                step("reject", null, "account-owner", "changed my mind")), 409);
        assertThat(twice.get("code").asString()).isEqualTo("approval-already-decided");

        JsonNode failed = json(send("decider", "POST", "/api/v1/handoffs/HC-WALK-001/attempts",
                "{\"attemptId\":\"walk-1\",\"result\":\"timed-out\",\"at\":\"2026-11-20T10:00:00Z\",\"detail\":\"receiver queue did not answer\"}"), 201);
        assertThat(failed.at("/handoff/status").asString()).isEqualTo("retrying");
        assertThat(failed.get("nextAttemptNotBefore").asString()).isEqualTo("2026-11-20T10:00:30Z");
        json(send("decider", "POST", "/api/v1/handoffs/HC-WALK-001/attempts",
                "{\"attemptId\":\"walk-1\",\"result\":\"timed-out\",\"at\":\"2026-11-20T10:00:00Z\"}"), 200); // same report again
        JsonNode delivered = json(send("decider", "POST", "/api/v1/handoffs/HC-WALK-001/attempts",
                "{\"attemptId\":\"walk-2\",\"result\":\"delivered\",\"at\":\"2026-11-20T10:01:00Z\"}"), 201);
        assertThat(delivered.at("/handoff/status").asString()).isEqualTo("delivered");
        assertThat(delivered.at("/handoff/attempts").asInt()).isEqualTo(2);

        String outcome = "{\"contractId\":\"HC-WALK-001\",\"kind\":\"bounced-back\",\"occurredAt\":\"2026-11-21T08:00:00Z\",\"note\":\"missing logs\"}";
        json(send("decider", "POST", "/api/v1/outcomes", outcome), 201);
        assertThat(json(send("decider", "POST", "/api/v1/outcomes", outcome), 200).get("duplicate").asBoolean()).isTrue();
        // the same report with other details is not a duplicate to drop silently: a conflict, and the first stays as it was
        JsonNode conflict = json(send("decider", "POST", "/api/v1/outcomes", outcome.replace("missing logs", "wrong team")), 409);
        assertThat(conflict.get("code").asString()).isEqualTo("outcome-conflict");
        // a fraction of a day is not a whole number of days: refused, never truncated
        JsonNode fraction = json(send("decider", "POST", "/api/v1/outcomes", "{\"contractId\":\"HC-WALK-001\",\"kind\":\"slipped\","
                + "\"slipDays\":2.9,\"occurredAt\":\"2026-11-21T09:30:00Z\"}"), 400);
        assertThat(fraction.toString()).contains("slipDays");
        JsonNode productKind = json(send("decider", "POST", "/api/v1/outcomes",
                "{\"contractId\":\"HC-WALK-001\",\"kind\":\"shipped\",\"occurredAt\":\"2026-11-21T09:00:00Z\"}"), 422);
        assertThat(productKind.get("code").asString()).isEqualTo("outcome-kind-not-in-domain");
        assertThat(productKind.at("/errors/0/pointer").asString()).isEqualTo("/kind");
        JsonNode productReason = json(send("decider", "POST", "/api/v1/outcomes", "{\"contractId\":\"HC-WALK-001\","
                + "\"kind\":\"bounced-back\",\"reasonCode\":\"unclear-scope\",\"occurredAt\":\"2026-11-21T09:00:00Z\"}"), 422);
        assertThat(productReason.at("/errors/0/pointer").asString()).isEqualTo("/reasonCode");
        assertThat(productReason.get("code").asString()).isEqualTo("invalid-reason-code");
        assertThat(json(send("decider", "POST", "/api/v1/outcomes",
                "{\"contractId\":\"HC-NOPE\",\"kind\":\"resolved\",\"occurredAt\":\"2026-11-21T08:00:00Z\"}"), 404)
                .get("code").asString()).isEqualTo("unknown-handoff");

        JsonNode scorecard = json(send("auditor", "GET", "/api/v1/scorecard", null), 200);
        JsonNode bounce = scorecard.get("metrics").valueStream().filter(m -> m.get("name").asString().equals("bounce-back-rate"))
                .findFirst().orElseThrow();
        assertThat(bounce.at("/byDomain/customer-support").asDouble()).isGreaterThan(0);
        // the observe-mode window of this shared service holds too few handoffs to measure: the typed value, labelled
        if (bounce.get("baselineSource").asString().equals("typed-fallback")) {
            assertThat(bounce.get("baseline").asDouble()).isEqualTo(0.18);
        } else {
            assertThat(bounce.get("baselineSource").asString()).isEqualTo("measured");
        }
        assertThat(bounce.get("interval").asString()).isEqualTo("wilson");
        assertThat(bounce.get("sample").asInt()).isPositive();
        assertThat(scorecard.get("rules").valueStream().filter(r -> r.get("ruleId").asString().equals("GATE-CS-010"))
                .findFirst().orElseThrow().at("/outcomeRates/bounced-back").asDouble()).isGreaterThan(0);

        JsonNode report = json(send("auditor", "GET", "/api/v1/handoffs/HC-WALK-001/report", null), 200);
        assertThat(report.get("approvals").size()).isEqualTo(2);
        assertThat(report.get("attempts").size()).isEqualTo(2);
        assertThat(report.get("outcomes").get(0).get("kind").asString()).isEqualTo("bounced-back");
        assertThat(report.at("/decision/decisionId").asString()).isEqualTo(decision.get("decisionId").asString());

        JsonNode records = json(send("auditor", "GET", "/api/v1/decisions?kind=all&contractId=HC-WALK-001&limit=50", null), 200);
        assertThat(records.get("items").valueStream().map(r -> r.get("kind").asString() + ":" + r.get("outcome").asString()).toList())
                .containsExactly("outcome:bounced-back", "attempt:delivered", "attempt:timed-out", "approval:approved",
                        "approval:approved", "approval:refused", "approval:refused", "decision:accept-pending-approval");
        assertThat(json(send("auditor", "GET", "/api/v1/decisions?contractId=HC-WALK-001", null), 200).get("items").size())
                .as("decision search shows decisions only").isEqualTo(1);
        assertThat(json(send("auditor", "GET", "/api/v1/audit/verify", null), 200).get("status").asString()).isEqualTo("intact");
    }

    @Test
    void escalatedProductContractOpensAnIncidentPacketNamingRulesByFileAndRow() throws Exception {
        JsonNode ruleCase = YAMLMapper.builder().build().readTree(Files.readString(Path.of("rules/cases/pm-130-bare-minimum.yaml")));
        ObjectNode contract = (ObjectNode) ruleCase.get("contract");
        contract.put("contractId", "HC-WALK-PM-1");
        JsonNode decision = json(send("decider", "POST", "/api/v1/decisions", contract.toString()), 200);
        assertThat(decision.get("outcome").asString()).isEqualTo("escalate");

        JsonNode incidents = json(send("auditor", "GET", "/api/v1/incidents?contractId=HC-WALK-PM-1", null), 200);
        assertThat(incidents.get("items").size()).isEqualTo(1);
        String incidentId = incidents.get("items").get(0).get("incidentId").asString();
        HttpResponse<String> download = send("auditor", "GET", "/api/v1/incidents/" + incidentId + "?download=true", null);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("attachment"));
        JsonNode packet = json(download, 200);
        assertThat(packet.get("rulesetVersion").asString()).isEqualTo(decision.get("rulesetVersion").asString());
        assertThat(packet.get("contract").get("contractId").asString()).isEqualTo("HC-WALK-PM-1");
        List<JsonNode> trace = packet.get("trace").valueStream().toList();
        assertThat(trace).isNotEmpty();
        assertThat(trace).anySatisfy(t -> {
            assertThat(t.at("/source/file").asString()).endsWith(".xlsx");
            assertThat(t.at("/source/row").asInt()).isPositive();
        });
        assertThat(trace).anySatisfy(t -> {
            assertThat(t.at("/source/file").asString()).endsWith(".drl");
            assertThat(t.at("/source/line").asInt()).isPositive();
        });
        assertThat(packet.get("violations").get("guardrails").size() + packet.get("violations").get("remediation").size()).isPositive();

        assertThat(json(send("approver", "POST", "/api/v1/incidents/" + incidentId + "/acknowledge", "{}"), 422)
                .get("code").asString()).isEqualTo("missing-who-or-why");
        assertThat(json(send("approver", "POST", "/api/v1/incidents/" + incidentId + "/acknowledge",
                "{\"by\":\"oversight-lee\",\"note\":\"looking into it\"}"), 403).get("code").asString()).isEqualTo("acting-as-other");
        JsonNode acknowledged = json(send("approver", "POST", "/api/v1/incidents/" + incidentId + "/acknowledge",
                "{\"note\":\"looking into it\"}"), 200);
        assertThat(acknowledged.at("/step/acknowledgedBy").asString()).isEqualTo("dev-approver");
        JsonNode resolved = json(send("approver", "POST", "/api/v1/incidents/" + incidentId + "/resolve",
                "{\"by\":\"dev-approver\",\"resolution\":\"returned to product with a checklist\"}"), 200);
        assertThat(resolved.at("/handoff/status").asString()).isEqualTo("resolved");
        json(send("auditor", "POST", "/api/v1/incidents/" + incidentId + "/resolve", "{\"resolution\":\"y\"}"), 403);
        JsonNode timeline = json(send("auditor", "GET", "/api/v1/handoffs/HC-WALK-PM-1", null), 200).get("timeline");
        assertThat(timeline.get(timeline.size() - 1).get("cause").asString()).contains("resolved by dev-approver");
    }

    @Test
    void repeatedFailedAttemptsPastTheRetryPolicyEscalateToCritical() throws Exception {
        JsonNode ruleCase = YAMLMapper.builder().build().readTree(Files.readString(Path.of("rules/cases/cs-020-enterprise-tier2.yaml")));
        ObjectNode contract = (ObjectNode) ruleCase.get("contract");
        contract.put("contractId", "HC-WALK-RETRY");
        JsonNode decision = json(send("decider", "POST", "/api/v1/decisions", contract.toString()), 200);
        assertThat(decision.get("outcome").asString()).isEqualTo("accept");
        int max = decision.at("/retryPolicy/maxAttempts").asInt();
        JsonNode last = null;
        for (int i = 1; i <= max; i++) {
            last = json(send("decider", "POST", "/api/v1/handoffs/HC-WALK-RETRY/attempts",
                    "{\"result\":\"error\",\"at\":\"2026-11-20T10:0" + i + ":00Z\"}"), 201);
        }
        assertThat(last.at("/handoff/status").asString()).isEqualTo("escalated");
        assertThat(last.at("/handoff/posture").asString()).isEqualTo("critical");
        assertThat(last.get("attemptsLeft").asInt()).isZero();
        String incidentId = last.get("incidentId").asString();
        JsonNode packet = json(send("auditor", "GET", "/api/v1/incidents/" + incidentId, null), 200);
        assertThat(packet.at("/incident/reason").asString()).isEqualTo("retries-exhausted");
        assertThat(packet.get("retryHistory").size()).isEqualTo(max);
        JsonNode timeline = json(send("auditor", "GET", "/api/v1/handoffs/HC-WALK-RETRY", null), 200).get("timeline");
        assertThat(timeline.valueStream().map(t -> t.get("toPosture").asString()).toList()).startsWith("green").endsWith("critical");
        assertThat(json(send("decider", "POST", "/api/v1/handoffs/HC-WALK-RETRY/attempts",
                "{\"result\":\"delivered\",\"at\":\"2026-11-20T11:00:00Z\"}"), 409).get("code").asString()).isEqualTo("not-deliverable");
    }

    private String pendingApproval(String role, String contractId) throws Exception {
        JsonNode queue = json(send("approver", "GET", "/api/v1/approvals?status=pending&role=" + role, null), 200);
        return queue.get("items").valueStream().filter(a -> a.get("contractId").asString().equals(contractId))
                .findFirst().orElseThrow().get("approvalId").asString();
    }

    /** An approval step; {@code approver} and {@code role} left out when null (the caller, the gate's role). */
    private static String step(String verdict, String approver, String role, String comment) {
        ObjectNode step = ContractFixtures.JSON.createObjectNode().put("decision", verdict).put("comment", comment);
        if (approver != null) {
            step.put("approverId", approver);
        }
        if (role != null) {
            step.put("role", role);
        }
        return step.toString();
    }

    private HttpResponse<String> send(String role, String method, String path, String body) throws Exception {
        return new TestApi(port).send(role, method, path, body);
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        return TestApi.json(response, status);
    }
}

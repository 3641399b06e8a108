package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.handoff.ServiceTest;
import io.handoff.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Rollout modes switched at runtime, and posture timelines with their follow-up items, over real HTTP: a
 * team moved from observe to enforce sees it on its next decision and the log names who switched it; an
 * amber handoff turns green when its gate is approved; a green one turns critical after repeated failed
 * attempts; each leaves follow-up items that close when the cause is resolved.
 */
@ServiceTest
class RolloutAndTimelineTest {

    @LocalServerPort
    int port;

    @Test
    void teamSwitchedFromObserveToEnforceSeesItOnItsNextDecisionAndTheLogSaysWhoSwitched() throws Exception {
        json(send("admin", "PUT", "/api/v1/admin/flags", "{\"domain\":\"customer-support\",\"team\":\"team-observe\","
                + "\"mode\":\"observe\",\"reason\":\"pilot: watch only\"}"), 200);
        JsonNode observed = json(send("decider", "POST", "/api/v1/decisions", contract("cs-170-over-budget.yaml", "RO-1", "team-observe")), 200);
        assertThat(observed.at("/rollout/mode").asString()).isEqualTo("observe");
        assertThat(observed.at("/rollout/enforced").asBoolean()).isFalse();
        assertThat(observed.get("outcome").asString()).isEqualTo("accept-pending-approval");
        assertThat(pendingFor("RO-1")).as("observe mode opens no approvals").isEmpty();
        assertThat(json(send("auditor", "GET", "/api/v1/handoffs/RO-1", null), 200).at("/handoff/status").asString()).isEqualTo("observed");

        json(send("admin", "PUT", "/api/v1/admin/flags", "{\"domain\":\"customer-support\",\"team\":\"team-observe\","
                + "\"mode\":\"enforce\",\"reason\":\"pilot went well\"}"), 200);
        JsonNode enforced = json(send("decider", "POST", "/api/v1/decisions", contract("cs-170-over-budget.yaml", "RO-2", "team-observe")), 200);
        assertThat(enforced.at("/rollout/mode").asString()).isEqualTo("enforce");
        assertThat(enforced.at("/rollout/enforced").asBoolean()).isTrue();
        assertThat(pendingFor("RO-2")).hasSize(1);

        List<JsonNode> changes = json(send("auditor", "GET", "/api/v1/decisions?kind=flag-change", null), 200).get("items").valueStream().toList();
        JsonNode last = json(send("auditor", "GET", "/api/v1/decisions/" + changes.get(0).get("decisionId").asString(), null), 200);
        assertThat(last.at("/record/changedBy").asString()).isEqualTo("dev-admin");
        assertThat(last.at("/record/reason").asString()).isEqualTo("pilot went well");
        assertThat(last.at("/record/before/mode").asString()).isEqualTo("observe");
        assertThat(last.at("/record/after/mode").asString()).isEqualTo("enforce");
        assertThat(last.get("recordedAt").asString()).isNotBlank();
        assertThat(json(send("auditor", "GET", "/api/v1/audit/verify", null), 200).get("status").asString()).isEqualTo("intact");
    }

    @Test
    void offAnswersNotEnabledAndRecordsNothingAndOnlyAdminsChangeModes() throws Exception {
        json(send("admin", "PUT", "/api/v1/admin/flags", "{\"domain\":\"customer-support\",\"team\":\"team-off\",\"mode\":\"off\",\"reason\":\"not onboarded\"}"), 200);
        JsonNode refused = json(send("decider", "POST", "/api/v1/decisions", contract("cs-020-enterprise-tier2.yaml", "RO-OFF", "team-off")), 403);
        assertThat(refused.get("code").asString()).isEqualTo("not-enabled");
        assertThat(refused.get("team").asString()).isEqualTo("team-off");
        assertThat(json(send("auditor", "GET", "/api/v1/decisions?contractId=RO-OFF", null), 200).get("items").size()).isZero();
        JsonNode preflight = json(send("decider", "POST", "/api/v1/preflight", contract("cs-020-enterprise-tier2.yaml", "RO-OFF", "team-off")), 200);
        assertThat(preflight.get("ok").asBoolean()).isFalse();
        // "rollback" (soft) fails too when another test sharing this service rolled a version back
        assertThat(preflight.get("failed").valueStream().map(JsonNode::asString).filter(check -> !check.equals("rollback")).toList())
                .containsExactly("rollout");
        assertThat(send("analyst", "PUT", "/api/v1/admin/flags", "{\"mode\":\"off\",\"reason\":\"x\"}").statusCode()).isEqualTo(403);
        assertThat(json(send("admin", "PUT", "/api/v1/admin/flags", "{\"mode\":\"sometimes\",\"reason\":\"x\"}"), 400).get("code").asString())
                .isEqualTo("bad-parameter");
    }

    @Test
    void aPercentageRolloutGivesEachContractTheSameModeEveryTime() throws Exception {
        json(send("admin", "PUT", "/api/v1/admin/flags", "{\"domain\":\"product-management\",\"mode\":\"enforce\",\"percent\":50,"
                + "\"fallbackMode\":\"observe\",\"reason\":\"half the product contracts enforce\"}"), 200);
        Map<String, String> first = new HashMap<>();
        for (int i = 0; i < 16; i++) {
            String id = "RO-PCT-" + i;
            first.put(id, preflightMode(id));
        }
        assertThat(first.values()).contains("enforce", "observe");
        for (Map.Entry<String, String> e : first.entrySet()) {
            assertThat(preflightMode(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        JsonNode decided = json(send("decider", "POST", "/api/v1/decisions", contract("pm-010-spec-complete.yaml", "RO-PCT-3", null)), 200);
        assertThat(decided.at("/rollout/mode").asString()).isEqualTo(first.get("RO-PCT-3"));
    }

    @Test
    void amberTurnsGreenOnApprovalAndGreenTurnsCriticalAfterFailedAttemptsEachWithFollowUpsThatClose() throws Exception {
        JsonNode amber = json(send("decider", "POST", "/api/v1/decisions", contract("cs-170-over-budget.yaml", "TL-AMBER", null)), 200);
        assertThat(amber.get("posture").asString()).isEqualTo("amber");
        String approvalId = pendingFor("TL-AMBER").get(0).get("approvalId").asString();
        assertThat(followUps("budget-owner")).contains("approval:" + approvalId);
        json(send("approver", "POST", "/api/v1/approvals/" + approvalId,
                "{\"decision\":\"approve\",\"comment\":\"budget extended\"}"), 200);
        List<JsonNode> timeline = json(send("auditor", "GET", "/api/v1/handoffs/TL-AMBER", null), 200).get("timeline").valueStream().toList();
        assertThat(timeline).hasSize(2);
        assertThat(timeline.get(1).get("fromPosture").asString()).isEqualTo("amber");
        assertThat(timeline.get(1).get("toPosture").asString()).isEqualTo("green");
        assertThat(timeline.get(1).get("cause").asString()).contains("every gate approved");
        assertThat(followUps(null)).doesNotContain("approval:" + approvalId);

        JsonNode green = json(send("decider", "POST", "/api/v1/decisions", contract("cs-020-enterprise-tier2.yaml", "TL-GREEN", null)), 200);
        assertThat(green.get("posture").asString()).isEqualTo("green");
        int max = green.at("/retryPolicy/maxAttempts").asInt();
        json(send("decider", "POST", "/api/v1/handoffs/TL-GREEN/attempts", "{\"result\":\"timed-out\",\"at\":\"2026-11-20T10:00:00Z\"}"), 201);
        assertThat(followUps("decider")).contains("handoff:TL-GREEN");
        JsonNode last = null;
        for (int i = 2; i <= max; i++) {
            last = json(send("decider", "POST", "/api/v1/handoffs/TL-GREEN/attempts", "{\"result\":\"error\",\"at\":\"2026-11-20T10:0" + i + ":00Z\"}"), 201);
        }
        String incident = "incident:" + last.get("incidentId").asString();
        assertThat(followUps("approver")).contains(incident);
        assertThat(followUps("decider")).doesNotContain("handoff:TL-GREEN");
        List<JsonNode> steps = json(send("auditor", "GET", "/api/v1/handoffs/TL-GREEN", null), 200).get("timeline").valueStream().toList();
        assertThat(steps.get(0).get("toPosture").asString()).isEqualTo("green");
        assertThat(steps.get(steps.size() - 1).get("toPosture").asString()).isEqualTo("critical");
        assertThat(steps.get(steps.size() - 1).get("cause").asString()).contains("exhausted the retry policy");
        json(send("approver", "POST", "/api/v1/incidents/" + last.get("incidentId").asString() + "/resolve",
                "{\"resolution\":\"delivered by phone\"}"), 200);
        assertThat(followUps(null)).doesNotContain(incident);
        List<JsonNode> kinds = json(send("auditor", "GET", "/api/v1/decisions?kind=all&contractId=TL-GREEN&limit=50", null), 200)
                .get("items").valueStream().toList();
        assertThat(kinds.get(0).get("kind").asString()).as("the transition is an audit record").isEqualTo("incident");
    }

    private String preflightMode(String contractId) throws Exception {
        return json(send("decider", "POST", "/api/v1/preflight", contract("pm-010-spec-complete.yaml", contractId, null)), 200)
                .get("mode").asString();
    }

    private List<String> followUps(String role) throws Exception {
        return json(send("auditor", "GET", "/api/v1/follow-ups" + (role == null ? "" : "?role=" + role), null), 200).get("items")
                .valueStream().map(i -> i.get("id").asString()).toList();
    }

    private List<JsonNode> pendingFor(String contractId) throws Exception {
        return json(send("approver", "GET", "/api/v1/approvals?status=pending&limit=500", null), 200).get("items").valueStream()
                .filter(a -> a.get("contractId").asString().equals(contractId)).toList();
    }

    private static String contract(String caseFile, String contractId, String team) throws Exception {
        ObjectNode contract = (ObjectNode) YAMLMapper.builder().build().readTree(Files.readString(Path.of("rules/cases/" + caseFile))).get("contract");
        contract.put("contractId", contractId);
        if (team != null) {
            ((ObjectNode) contract.get("from")).put("team", team);
        }
        return contract.toString();
    }

    private HttpResponse<String> send(String role, String method, String path, String body) throws Exception {
        return new TestApi(port).send(role, method, path, body);
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        return TestApi.json(response, status);
    }
}

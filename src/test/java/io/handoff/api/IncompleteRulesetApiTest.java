package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.handoff.IncompleteRuleset;
import io.handoff.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * The service running a ruleset with a hole its cases never reach (a ready social-media handoff gets no outcome), and an
 * approver directory in which nobody holds budget-owner: the hole's contract is a recorded escalation, not a 500; GET
 * preflight names the gate rows whose role nobody holds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:file:./target/test-db/incomplete-${random.uuid};LAZY_QUERY_EXECUTION=TRUE;DB_CLOSE_ON_EXIT=FALSE",
        "handoff.audit.retention-interval=1000d",
        "handoff.orchestration.approvers.dev-approver=incident-commander,team-lead,account-owner,shift-lead,release-manager,product-lead,engineering-lead,data-science-lead",
        "handoff.orchestration.approvers.sam-okafor=account-owner"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class IncompleteRulesetApiTest {
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void incompleteRuleset(DynamicPropertyRegistry registry) throws Exception {
        Path folder = IncompleteRuleset.copyTo(Files.createDirectories(Path.of("target", "incomplete-ruleset", UUID.randomUUID().toString())));
        registry.add("handoff.ruleset.rules-folder", () -> folder.resolve("rules").toString());
        registry.add("handoff.ruleset.tables-folder", () -> folder.resolve("decision-tables").toString());
    }

    @Test
    void aDecisionWithoutOutcomeIsARecordedEscalationWithARulesetIncompleteFinding() throws Exception {
        TestApi api = new TestApi(port);
        JsonNode decision = TestApi.json(api.send("decider", "POST", "/api/v1/decisions",
                Files.readString(Path.of("src/test/resources/decision/cs-tier2-social.json"))), 200);
        assertThat(decision.get("outcome").asString()).isEqualTo("escalate");
        assertThat(decision.get("posture").asString()).isEqualTo("critical");
        JsonNode finding = decision.get("guardrails").valueStream()
                .filter(f -> f.get("ruleId").asString().equals("ENGINE-RULESET-INCOMPLETE")).findFirst().orElseThrow();
        assertThat(finding.get("message").asString())
                .isEqualTo("ruleset-incomplete: the ruleset stated no outcome (no Verdict was inserted)");
        assertThat(finding.get("category").asString()).isEqualTo("reliability");
        String id = decision.get("decisionId").asString();
        JsonNode recorded = TestApi.json(api.send("auditor", "GET", "/api/v1/decisions/" + id, null), 200);
        assertThat(recorded.get("kind").asString()).isEqualTo("decision");
        assertThat(recorded.get("outcome").asString()).isEqualTo("escalate");
        assertThat(recorded.get("record").get("decision").get("guardrails").toString()).contains("ruleset-incomplete");
        // counted against the version like a failure (the posture watch's window holds it)
        JsonNode rollout = TestApi.json(api.send("admin", "GET", "/api/v1/rulesets", null), 200).get("rollout");
        assertThat(rollout.get("windowSize").asInt()).isPositive();
        JsonNode replay = TestApi.json(api.send("auditor", "POST", "/api/v1/decisions/" + id + "/replay", null), 200);
        assertThat(replay.get("status").asString()).isEqualTo("identical");
    }

    @Test
    void aPreflightRefusalIsAFaultRecordCountedInTheRolloutWindow() throws Exception {
        TestApi api = new TestApi(port);
        int before = TestApi.json(api.send("admin", "GET", "/api/v1/rulesets", null), 200).at("/rollout/windowSize").asInt();
        // over its budget: the budget gate needs budget-owner, which nobody in this directory holds
        JsonNode refused = TestApi.json(api.send("decider", "POST", "/api/v1/decisions",
                Files.readString(Path.of("src/test/resources/decision/cs-over-budget.json"))), 503);
        assertThat(refused.get("code").asString()).isEqualTo("preflight-failed");
        assertThat(refused.get("check").asString()).isEqualTo("approvers");
        String faultId = refused.get("faultId").asString();
        JsonNode fault = TestApi.json(api.send("auditor", "GET", "/api/v1/decisions/" + faultId, null), 200);
        assertThat(fault.get("kind").asString()).isEqualTo("fault");
        assertThat(fault.get("outcome").asString()).isEqualTo("preflight-failed");
        assertThat(fault.get("contractId").asString()).isEqualTo("HC-PREFLIGHT-BUDGET");
        assertThat(fault.at("/record/fault/check").asString()).isEqualTo("approvers");
        assertThat(fault.at("/record/fault/message").asString()).contains("budget-owner");
        // counted against the active version like a failed evaluation: one more entry in the posture watch's window
        int after = TestApi.json(api.send("admin", "GET", "/api/v1/rulesets", null), 200).at("/rollout/windowSize").asInt();
        assertThat(after).isEqualTo(before + 1);
        // and no handoff was opened: the refused decision was never acted on
        assertThat(api.send("decider", "GET", "/api/v1/handoffs/HC-PREFLIGHT-BUDGET", null).statusCode()).isEqualTo(404);
    }

    @Test
    void preflightNamesEveryGateRowWhoseRoleNoApproverHolds() throws Exception {
        // not ok: 503, with the report
        JsonNode report = TestApi.json(new TestApi(port).send("auditor", "GET", "/api/v1/preflight", null), 503);
        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(report.get("failed").toString()).contains("approverDirectory");
        JsonNode check = report.get("checks").valueStream()
                .filter(c -> c.get("name").asString().equals("approverDirectory")).findFirst().orElseThrow();
        assertThat(check.get("hard").asBoolean()).isTrue();
        assertThat(check.get("detail").asString())
                .contains("decision-tables/gates.xlsx, sheet Gates, row 13, column E (Gate id, approver role): gate 'budget' requires role 'budget-owner'")
                .contains("row 16, column E");
    }
}

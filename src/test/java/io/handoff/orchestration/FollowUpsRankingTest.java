package io.handoff.orchestration;

import static io.handoff.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.handoff.TestApi;
import io.handoff.ruleset.HistoryEvents;
import io.handoff.ruleset.RulesetHistory;
import tools.jackson.databind.JsonNode;

/**
 * Follow-ups over HTTP: bounced-back, reopened and SLA-breached outcomes, an automatic rollback and a dead-lettered
 * notification each become an item with severity, due time and link; the list is ranked by severity, then age; role,
 * team and domain filter it; an item closes when its cause is resolved.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:file:./target/test-db/follow-ups-${random.uuid};LAZY_QUERY_EXECUTION=TRUE;DB_CLOSE_ON_EXIT=FALSE",
        "handoff.audit.retention-interval=1000d",
        // a receiver that is never there: one try, then the dead-letter list
        "handoff.notify.webhooks[0].name=nobody-home", "handoff.notify.webhooks[0].url=http://127.0.0.1:1/hook",
        "handoff.notify.webhooks[0].secret=follow-ups-test-secret", "handoff.notify.webhooks[0].kinds=approval-requested",
        "handoff.notify.webhooks[1].name=late-gates", "handoff.notify.webhooks[1].url=http://127.0.0.1:1/late",
        "handoff.notify.webhooks[1].secret=follow-ups-test-secret", "handoff.notify.webhooks[1].kinds=approval-overdue",
        "handoff.notify.respond-within.critical=1s", "handoff.notify.overdue-interval=1000d",
        "handoff.notify.max-attempts=1", "handoff.notify.poll-interval=100ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FollowUpsRankingTest {
    private static final List<String> RANK = List.of("critical", "high", "medium", "low");

    @LocalServerPort
    int port;

    @Autowired
    RulesetHistory history;

    @Autowired
    Orchestrator orchestrator;

    @Test
    void everyNewKindIsAnItemRankedBySeverityThenAgeAndFilterable() throws Exception {
        TestApi api = new TestApi(port);
        for (String fixture : List.of("cs-sev1.json", "cs-sev3.json", "pm-high-risk.json")) {
            json(api.send("decider", "POST", "/api/v1/decisions", Files.readString(Path.of("src/test/resources/orchestration/follow-ups", fixture))), 200);
        }
        outcome(api, "HC-FU-SEV1", "sla-breached", "first response missed");
        outcome(api, "HC-FU-SEV3", "reopened", "customer says it still fails");
        outcome(api, "PM-FU-1", "bounced-back", "missing acceptance criteria");
        HistoryEvents.record(history, "suspect-version-0002", "auto-rolled-back", "critical share 68% (13% before promotion)",
                "{\"to\": \"stable\", \"decisionIds\": []}");
        for (int i = 0; i < 100 && items(api, "?role=admin").isEmpty(); i++) {
            Thread.sleep(100);
        }

        List<JsonNode> all = items(api, "");
        Map<String, JsonNode> byKind = all.stream().collect(Collectors.toMap(i -> i.get("kind").asString(), Function.identity(), (a, b) -> a));
        assertThat(byKind).containsKeys("sla-breached", "reopened", "bounced-back", "automatic-rollback", "dead-notification",
                "pending-approval");
        for (String kind : List.of("sla-breached", "reopened", "bounced-back", "automatic-rollback", "dead-notification")) {
            JsonNode item = byKind.get(kind);
            assertThat(item.has("severity") && item.has("dueAt") && item.has("link") && item.has("ownerRole")).as(item.toString()).isTrue();
        }
        assertThat(byKind.get("sla-breached").get("contractId").asString()).isEqualTo("HC-FU-SEV1");
        assertThat(byKind.get("sla-breached").get("severity").asString()).isEqualTo("critical");
        assertThat(byKind.get("reopened").get("contractId").asString()).isEqualTo("HC-FU-SEV3");
        assertThat(byKind.get("reopened").get("assignee").asString()).isEqualTo("support-tier2");
        assertThat(byKind.get("bounced-back").get("contractId").asString()).isEqualTo("PM-FU-1");
        assertThat(byKind.get("bounced-back").get("severity").asString()).isEqualTo("high");
        assertThat(byKind.get("automatic-rollback").get("severity").asString()).isEqualTo("critical");
        assertThat(byKind.get("dead-notification").get("ownerRole").asString()).isEqualTo("admin");

        // ranked: severity first (critical before high before medium), then the oldest first
        for (int i = 1; i < all.size(); i++) {
            int before = RANK.indexOf(all.get(i - 1).get("severity").asString());
            int after = RANK.indexOf(all.get(i).get("severity").asString());
            assertThat(before).as(all.get(i - 1) + " before " + all.get(i)).isLessThanOrEqualTo(after);
            if (before == after) {
                assertThat(all.get(i - 1).get("ageSeconds").asLong()).isGreaterThanOrEqualTo(all.get(i).get("ageSeconds").asLong());
            }
        }
        assertThat(RANK.indexOf(all.get(0).get("severity").asString())).isZero();

        assertThat(items(api, "?domain=product-management")).isNotEmpty()
                .allMatch(i -> i.get("domain").asString().equals("product-management"));
        assertThat(items(api, "?team=support-tier1")).isNotEmpty()
                .allMatch(i -> i.get("contractId").asString().equals("HC-FU-SEV3"));
        assertThat(items(api, "?role=admin")).isNotEmpty().allMatch(i -> i.get("kind").asString().equals("dead-notification"));

        outcome(api, "HC-FU-SEV3", "resolved", "fixed for good");
        assertThat(items(api, "")).noneMatch(i -> i.get("kind").asString().equals("reopened"));
    }

    @Test
    void theDecisionAnswerLinksTheApprovalsAndTheIncidentItOpened() throws Exception {
        TestApi api = new TestApi(port);
        String gated = Files.readString(Path.of("src/test/resources/orchestration/follow-ups/cs-sev1.json")).replace("HC-FU-SEV1", "HC-FU-LINKS-1");
        var answer = api.send("decider", "POST", "/api/v1/decisions", gated);
        JsonNode decision = json(answer, 200);
        List<String> approvals = json(api.send("auditor", "GET", "/api/v1/approvals?status=pending", null), 200).get("items").valueStream()
                .filter(a -> a.get("decisionId").asString().equals(decision.get("decisionId").asString()))
                .map(a -> "</api/v1/approvals/" + a.get("approvalId").asString() + ">; rel=\"approval\"").toList();
        assertThat(approvals).hasSize(2);
        assertThat(answer.headers().firstValue("Link").orElseThrow().split(", ")).containsExactlyInAnyOrderElementsOf(approvals);

        String escalating = Files.readString(Path.of("src/test/resources/notify/sev1-ping-pong-escalates.json"));
        answer = api.send("decider", "POST", "/api/v1/decisions", escalating);
        assertThat(json(answer, 200).get("outcome").asString()).isEqualTo("escalate");
        String link = answer.headers().firstValue("Link").orElseThrow();
        assertThat(link).matches("</api/v1/incidents/[0-9a-f-]+>; rel=\"incident\"");
        String incident = link.substring(1, link.indexOf('>'));
        assertThat(json(api.send("auditor", "GET", incident, null), 200).toString()).contains("HC-NOTIFY-ESC-1");
    }

    @Test
    void aGatePastItsDueTimeIsAnnouncedOnce() throws Exception {
        TestApi api = new TestApi(port);
        String gated = Files.readString(Path.of("src/test/resources/orchestration/follow-ups/cs-sev1.json")).replace("HC-FU-SEV1", "HC-FU-LATE-1");
        String decisionId = json(api.send("decider", "POST", "/api/v1/decisions", gated), 200).get("decisionId").asString();
        Thread.sleep(1500); // a sev1 gate is due within 1s here (handoff.notify.respond-within.critical)
        orchestrator.notifyOverdueApprovals(java.time.Instant.now());
        orchestrator.notifyOverdueApprovals(java.time.Instant.now());
        List<JsonNode> late = json(api.send("auditor", "GET", "/api/v1/notifications?limit=500", null), 200).get("items").valueStream()
                .filter(d -> d.get("kind").asString().equals("approval-overdue") && d.get("contractId").asString().equals("HC-FU-LATE-1"))
                .toList();
        assertThat(late).hasSize(2).allMatch(d -> d.get("body").at("/data/decisionId").asString().equals(decisionId));
        assertThat(late.stream().map(d -> d.get("eventId").asString()).distinct()).hasSize(2);
    }

    private static void outcome(TestApi api, String contractId, String kind, String note) throws Exception {
        String body = "{\"contractId\": \"" + contractId + "\", \"kind\": \"" + kind + "\", \"occurredAt\": \"" + java.time.Instant.now()
                + "\", \"note\": \"" + note + "\"}";
        assertThat(api.send("decider", "POST", "/api/v1/outcomes", body).statusCode()).isIn(200, 201);
    }

    private static List<JsonNode> items(TestApi api, String query) throws Exception {
        return json(api.send("auditor", "GET", "/api/v1/follow-ups" + query, null), 200).get("items").valueStream().toList();
    }
}

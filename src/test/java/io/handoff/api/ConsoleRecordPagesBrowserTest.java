package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.handoff.ServiceTest;
import io.handoff.TestApi;
import io.handoff.audit.StoredBodies;

/**
 * Every audit record kind has a console page that answers 200 and shows what that kind holds (a rejected contract
 * its violations with their pointers, a step its actor and what it changed); a handoff has one page with its decisions,
 * timeline, approvals, attempts, incidents and outcomes, linked from the pages that name it; the analyst sees the active
 * tables as sheets with hit counts; failures on console pages are console pages, while API paths keep problem+json.
 */
@ServiceTest
class ConsoleRecordPagesBrowserTest extends ConsoleBrowserSupport {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void everyRecordKindHasAPageThatAnswers200AndShowsItsContent() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("decision", "Score contributions");
        expected.put("rejection", "/asOf");
        expected.put("attempt", "receiver queue down");
        expected.put("outcome", "What happened");
        expected.put("incident", "Incident status");
        expected.put("approval", "Gate");
        expected.put("flag-change", "Rollout flag change");
        expected.put("ruleset", "Ruleset event");
        expected.put("key-event", "API key change");
        TestApi api = new TestApi(port);
        browser.signIn("dev-auditor-key");
        for (var kind : expected.entrySet()) {
            // the seed's own rejection: other tests sharing this service record rejections of other contracts
            String query = "rejection".equals(kind.getKey()) ? "&contractId=" + ConsoleSeed.REJECTED : "";
            var items = ConsoleSeed.json(api.send("auditor", "GET", "/api/v1/decisions?limit=500&kind=" + kind.getKey() + query, null))
                    .get("items");
            assertThat(items.isEmpty()).as("a " + kind.getKey() + " record to show").isFalse();
            String id = pick(items, kind.getKey());
            String path = "/console/records/" + id;
            assertThat(browser.status(path)).as(path + " (" + kind.getKey() + ")").isEqualTo(200L);
            browser.open(path);
            assertThat(browser.all("#error-status")).as(kind.getKey()).isEmpty();
            assertThat(browser.all("#seq")).as("one chain section on the " + kind.getKey() + " page").hasSize(1);
            assertThat(browser.text("main")).as(kind.getKey()).containsIgnoringCase(kind.getValue());
            browser.shootBoth("record-" + kind.getKey());
        }
        browser.open("/console/records/" + pick(ConsoleSeed.json(api.send("auditor", "GET", "/api/v1/decisions?kind=rejection&contractId="
                + ConsoleSeed.REJECTED, null)).get("items"), "rejection"));
        assertThat(browser.all("#violations code.pointer").stream().map(e -> e.getText()).toList()).contains("/asOf", "/case/priority");
        browser.assertNoConsoleErrors();
    }

    @Test
    void aHandoffHasOnePageLinkedFromDecisionsApprovalsIncidentsAndFollowUps() {
        browser.signIn("dev-admin-key");
        browser.open("/console/handoffs/" + ConsoleSeed.ACCEPTED);
        assertThat(browser.all("#handoff-decisions a.decision-link")).hasSize(1);
        assertThat(browser.text("#handoff-attempts")).contains("timed-out").contains("receiver queue down");
        assertThat(browser.text("#handoff-outcomes")).contains("resolved").contains("fixed by tier 2");
        assertThat(browser.all("#timeline li").size()).isGreaterThanOrEqualTo(2);
        assertThat(browser.find("#report-export").getDomAttribute("href")).isEqualTo("/api/v1/handoffs/" + ConsoleSeed.ACCEPTED + "/report");
        browser.open("/console/handoffs/" + ConsoleSeed.ESCALATED);
        assertThat(browser.text("#handoff-incidents")).isNotBlank();
        assertThat(browser.text("#handoff-outcomes")).contains("bounced-back");
        for (String page : new String[] {"/console/decisions?contractId=" + ConsoleSeed.LEAVE_ME, "/console/approvals",
                "/console/incidents", "/console"}) {
            browser.open(page);
            assertThat(browser.all("main a.handoff-link")).as("handoff links on " + page).isNotEmpty();
            String href = browser.all("main a.handoff-link").get(0).getDomAttribute("href");
            assertThat(href).startsWith("/console/handoffs/");
            assertThat(browser.status(href)).as(href).isEqualTo(200L);
        }
        browser.signIn("dev-decider-key");
        assertThat(browser.status("/console/handoffs/" + ConsoleSeed.ACCEPTED)).isEqualTo(200L);
        browser.assertNoConsoleErrors();
    }

    @Test
    void theAnalystSeesTheActiveTablesAsSheetsWithHitCounts() {
        browser.signIn("dev-analyst-key");
        browser.open("/console/rulesets/tables");
        assertThat(browser.all("section.workbook").size()).isGreaterThanOrEqualTo(4);
        var gate = browser.find("section.workbook[data-file='decision-tables/gates.xlsx'] tr[data-rule='GATE-CS-010']");
        assertThat(gate.getText()).contains("incident-command");
        assertThat(Integer.parseInt(gate.findElement(org.openqa.selenium.By.cssSelector("td.hits")).getText())).isGreaterThanOrEqualTo(1);
        assertThat(browser.all("tr.never .never-tag")).as("rows that never fired are marked").isNotEmpty();
        browser.assertNoConsoleErrors();
    }

    @Test
    void consolePagesFailAsConsolePagesWhileTheApiKeepsProblemJson() throws Exception {
        browser.signIn("dev-auditor-key");
        assertThat(browser.status("/console/records/no-such-record")).isEqualTo(404L);
        browser.open("/console/records/no-such-record");
        assertThat(browser.text("#error-status")).isEqualTo("404 · Not found");
        assertThat(browser.text("#error-message")).contains("no-such-record");
        assertThat(browser.all("header nav a")).isNotEmpty();
        browser.open("/console/decisions?limit=lots");
        assertThat(browser.text("#error-status")).startsWith("400");
        assertThat(browser.text("#error-message")).contains("limit");
        browser.shootBoth("error-400");
        browser.signIn("dev-admin-key");
        browser.open("/console/no-such-page");
        assertThat(browser.text("#error-status")).startsWith("404");
        var api = new TestApi(port).send("auditor", "GET", "/api/v1/decisions/no-such-record", null);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        browser.signIn("dev-analyst-key");
        browser.open("/console/approvals");
        assertThat(browser.text("#error-status")).startsWith("403");
        browser.assertNoConsoleErrors();
    }

    /** An edited record's page warns that it no longer matches the chain, and verification links the broken record. */
    @Test
    void anEditedRecordIsFlaggedOnItsPageAndVerificationLinksIt() throws Exception {
        var items = ConsoleSeed.json(new TestApi(port).send("auditor", "GET", "/api/v1/decisions?contractId=" + ConsoleSeed.ACCEPTED, null))
                .get("items");
        long seq = items.get(0).get("seq").asLong();
        String id = items.get(0).get("decisionId").asString();
        String body = StoredBodies.read(jdbc, seq);
        browser.signIn("dev-auditor-key");
        try {
            StoredBodies.write(jdbc, seq, body.replace("\"score\":", "\"score\":1"));
            browser.open("/console/records/" + id);
            assertThat(browser.text("#integrity-warning")).contains("does not match the hash chain");
            assertThat(browser.text("#chain-check")).isEqualTo("BROKEN");
            browser.open("/console/audit?from=" + seq + "&to=" + seq);
            browser.find("#verify").click();
            browser.waitFor(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(org.openqa.selenium.By.id("broken-record")));
            assertThat(browser.find("#broken-record").getDomAttribute("href")).isEqualTo("/console/records/" + id);
        } finally {
            StoredBodies.write(jdbc, seq, body);
        }
        browser.open("/console/records/" + id);
        assertThat(browser.all("#integrity-warning")).isEmpty();
    }

    /** The record of the kind that the seed made (the newest one of that kind not made by another test). */
    private static String pick(tools.jackson.databind.JsonNode items, String kind) {
        for (var item : items) {
            String contract = item.path("contractId").asString("");
            if (contract.startsWith("WEB-") || item.path("contractId").isNull() || item.path("contractId").isMissingNode()) {
                return item.get("decisionId").asString();
            }
        }
        return items.get(0).get("decisionId").asString();
    }
}

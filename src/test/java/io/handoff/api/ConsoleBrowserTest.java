package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.handoff.ServiceTest;

/**
 * The console's read-only pages in a real browser, each as its role: an auditor finds a decision, reads its trace with
 * the table row's cells and replays it, verifies the chain (and is told a reversed range checks nothing), and is offered
 * no action anywhere; navigation follows the roles; every page is shot at 1280 and 400 px
 * (target/console-screenshots) without sideways page scrolling or script errors.
 */
@ServiceTest
class ConsoleBrowserTest extends ConsoleBrowserSupport {

    @Test
    void auditorFindsADecisionOpensItsTraceSeesTheTableRowAndReplaysIt() {
        browser.signIn("dev-auditor-key");
        browser.open("/console/decisions");
        browser.find("input[name=contractId]").sendKeys(ConsoleSeed.APPROVE_ME);
        new org.openqa.selenium.support.ui.Select(browser.find("select[name=kind]")).selectByValue("decision");
        browser.find("#search-button").click();
        browser.waitFor(d -> d.getCurrentUrl().contains("kind=decision")); // the results of this search, not the page before
        // every seeding of the shared service adds records for the seed's contract: its decision is the one to open
        List<WebElement> links = browser.all("#results a.decision-link");
        assertThat(links).isNotEmpty();
        assertThat(browser.text("#results")).doesNotContain("WEB-CS-2");
        links.get(0).click();
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("trace")));
        assertThat(browser.text("#contract-id")).isEqualTo(ConsoleSeed.APPROVE_ME);
        WebElement gateRule = browser.find("#trace li[data-rule='GATE-CS-010']");
        assertThat(gateRule.findElement(By.className("source")).getText()).isEqualTo("decision-tables/gates.xlsx, sheet Gates, row 10");
        assertThat(gateRule.findElement(By.cssSelector("table.cells")).getText()).contains("GATE-CS-010").contains("incident-command");
        assertThat(browser.text("#contract")).contains("[masked]");
        assertThat(browser.text("#chain-check")).isEqualTo("matches its hash and link");
        browser.find("#replay").click();
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("replay-result"), "Result:"));
        assertThat(browser.text("#replay-result")).startsWith("Result: identical");
        browser.assertNoConsoleErrors();
    }

    @Test
    void auditorVerifiesTheChainAndIsToldWhenTheRangeIsReversed() {
        browser.signIn("dev-auditor-key");
        browser.open("/console/audit");
        browser.find("#verify").click();
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-result"), "Intact"));
        assertThat(browser.find("#verify-progress").getDomProperty("value")).isEqualTo("100");
        browser.open("/console/audit?from=5&to=2");
        browser.find("#verify").click();
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-result"), "reversed"));
        assertThat(browser.text("#verify-result")).doesNotContain("Intact").contains("Nothing was checked");
        browser.assertNoConsoleErrors();
    }

    @Test
    void anAuditorSeesNoActionButtons() {
        browser.signIn("dev-auditor-key");
        for (String page : List.of("/console/rulesets", "/console/approvals", "/console/incidents",
                "/console/handoffs/" + ConsoleSeed.ESCALATED, "/console/rulesets/tables")) {
            browser.open(page);
            assertThat(browser.all("main [data-action]")).as("action buttons on " + page).isEmpty();
        }
        browser.open("/console/incidents");
        browser.find("a.packet-link").click();
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("incident-status")));
        assertThat(browser.all("main [data-action]")).as("action buttons on an incident").isEmpty();
        browser.assertNoConsoleErrors();
    }

    @Test
    void navigationFollowsTheSignedInRoles() {
        Map<String, List<String>> expected = Map.of(
                "dev-auditor-key", List.of("Decisions", "Audit", "Rulesets", "Tables", "Try", "Approvals", "Incidents", "Scorecard"),
                "dev-analyst-key", List.of("Rulesets", "Tables", "Try", "Scorecard"),
                "dev-approver-key", List.of("Approvals", "Incidents"),
                "dev-decider-key", List.of());
        expected.forEach((key, links) -> {
            browser.signIn(key);
            assertThat(browser.all("header nav a").stream().map(WebElement::getText).toList()).as(key).isEqualTo(links);
        });
        browser.signIn("dev-approver-key");
        browser.open("/console/approvals");
        assertThat(browser.find("header nav a[aria-current=page]").getText()).isEqualTo("Approvals");
        WebElement context = browser.find("article.approval[data-contract='" + ConsoleSeed.LEAVE_ME + "'] a.handoff-link");
        context.click();
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("handoff-status")));
        assertThat(browser.text("#handoff-contract")).isEqualTo(ConsoleSeed.LEAVE_ME);
        browser.assertNoConsoleErrors();
    }

    /** Every page of the console at both widths; the record pages are shot by {@link ConsoleRecordPagesBrowserTest}. */
    @Test
    void everyPageFitsAt400PixelsAndIsShotAtBothWidths() {
        browser.open("/console/login");
        browser.driver.manage().deleteAllCookies();
        browser.open("/console/login");
        browser.shootBoth("login");
        browser.signIn("dev-admin-key");
        Map<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("overview", "/console");
        pages.put("decisions", "/console/decisions?kind=all");
        pages.put("audit", "/console/audit");
        pages.put("rulesets", "/console/rulesets");
        pages.put("tables", "/console/rulesets/tables");
        pages.put("approvals", "/console/approvals");
        pages.put("incidents", "/console/incidents");
        pages.put("handoff", "/console/handoffs/" + ConsoleSeed.ACCEPTED);
        pages.put("scorecard", "/console/scorecard");
        pages.put("error-404", "/console/records/no-such-record");
        pages.forEach((name, path) -> {
            browser.open(path);
            if ("scorecard".equals(name)) {
                browser.waitFor(d -> ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                        "return typeof Chart !== 'undefined' && Object.keys(Chart.instances).length > 0"));
            }
            browser.shootBoth(name);
        });
        browser.open("/console/incidents");
        browser.find("a.packet-link").click();
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("incident-status")));
        browser.shootBoth("incident");
        browser.signIn("dev-approver-key");
        browser.open("/console/decisions");
        assertThat(browser.text("#error-status")).startsWith("403");
        browser.shootBoth("error-403");
        browser.assertNoConsoleErrors();
    }
}

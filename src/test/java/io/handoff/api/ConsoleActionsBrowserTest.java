package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import io.handoff.ServiceTest;
import io.handoff.TestApi;

/**
 * Every state change in the console goes through one confirmation dialog: it says what will happen and who acts (the
 * signed-in key's principal, never a typed name), needs a reason, and Cancel changes nothing; Enter in a comment field
 * never approves. Approver, analyst and admin each take their steps; the result is announced and the page refreshed.
 */
@ServiceTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleActionsBrowserTest extends ConsoleBrowserSupport {
    private static String candidate;

    @Test
    @Order(1)
    void cancelOnEveryConfirmationChangesNothing() throws Exception {
        browser.signIn("dev-approver-key");
        browser.open("/console/approvals");
        for (String action : new String[] {"approve", "reject"}) {
            WebElement article = browser.find("article.approval[data-contract='" + ConsoleSeed.LEAVE_ME + "']");
            browser.openConfirmation(article.findElement(org.openqa.selenium.By.cssSelector("[data-action=" + action + "]")));
            assertThat(browser.text("#confirm-actor")).isEqualTo("dev-approver");
            assertThat(browser.all("#confirm input[name=approverId], #confirm input[name=actor]")).isEmpty();
            browser.find("#confirm-reason").sendKeys("changed my mind");
            if ("approve".equals(action)) {
                browser.shoot("confirm-approve-1280");
            }
            browser.cancelConfirmation();
        }
        String incident = openIncidentOf(ConsoleSeed.ESCALATED);
        for (String action : new String[] {"acknowledge", "resolve"}) {
            browser.openConfirmation(browser.find("[data-action=" + action + "]"));
            browser.find("#confirm-reason").sendKeys("not now");
            browser.cancelConfirmation();
        }
        TestApi api = new TestApi(port);
        assertThat(ConsoleSeed.json(api.send("approver", "GET", "/api/v1/approvals?status=pending", null)).get("items").toString())
                .contains(ConsoleSeed.LEAVE_ME);
        assertThat(ConsoleSeed.json(api.send("approver", "GET", "/api/v1/incidents?contractId=" + ConsoleSeed.ESCALATED, null))
                .get("items").get(0).get("status").asString()).isEqualTo("open");
        assertThat(incident).isNotBlank();
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(2)
    void enterInACommentFieldDoesNotApprove() throws Exception {
        browser.signIn("dev-approver-key");
        browser.open("/console/approvals");
        WebElement comment = browser.find("article.approval[data-contract='" + ConsoleSeed.LEAVE_ME + "'] input.comment");
        comment.sendKeys("not sure about this one", Keys.ENTER);
        Thread.sleep(300);
        assertThat(browser.find("#confirm").getDomProperty("open")).isEqualTo("false");
        assertThat(ConsoleSeed.json(new TestApi(port).send("approver", "GET", "/api/v1/approvals?status=pending", null)).get("items")
                .toString()).contains(ConsoleSeed.LEAVE_ME);
        assertThat(browser.all("article.approval[data-contract='" + ConsoleSeed.LEAVE_ME + "']")).isNotEmpty();
    }

    @Test
    @Order(3)
    void approverApprovesAndRejectsWithAReasonAndThePageUpdates() throws Exception {
        browser.signIn("dev-approver-key");
        browser.open("/console/approvals");
        int before = browser.all("article.approval[data-contract='" + ConsoleSeed.APPROVE_ME + "']").size();
        WebElement article = browser.find("article.approval[data-contract='" + ConsoleSeed.APPROVE_ME + "']");
        article.findElement(org.openqa.selenium.By.cssSelector("input.comment")).sendKeys("checked in the console");
        browser.openConfirmation(article.findElement(org.openqa.selenium.By.cssSelector("[data-action=approve]")));
        assertThat(browser.find("#confirm-reason").getDomProperty("value")).isEqualTo("checked in the console");
        // Enter in the reason adds a line; it submits nothing
        browser.find("#confirm-reason").sendKeys(Keys.ENTER);
        assertThat(browser.find("#confirm").getDomProperty("open")).isEqualTo("true");
        String result = browser.confirm("checked in the console");
        assertThat(result).contains("approved").contains(ConsoleSeed.APPROVE_ME);
        assertThat(browser.text("#action-result")).contains("approved");
        assertThat(browser.all("article.approval[data-contract='" + ConsoleSeed.APPROVE_ME + "']")).hasSize(before - 1);

        WebElement reject = browser.find("article.approval[data-contract='" + ConsoleSeed.REJECT_ME + "'] [data-action=reject]");
        browser.openConfirmation(reject);
        browser.find("#confirm-ok").click(); // no reason: refused in the dialog, nothing sent
        assertThat(browser.find("#confirm").getDomProperty("open")).isEqualTo("true");
        assertThat(browser.confirm("the customer already has a fix")).contains("rejected").contains("returned");
        assertThat(browser.all("article.approval[data-contract='" + ConsoleSeed.REJECT_ME + "']")).isEmpty();
        var approvals = ConsoleSeed.json(new TestApi(port).send("approver", "GET", "/api/v1/approvals?status=rejected", null));
        assertThat(approvals.toString()).contains(ConsoleSeed.REJECT_ME).contains("the customer already has a fix").contains("dev-approver");
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(4)
    void approverAcknowledgesAndResolvesAnIncident() throws Exception {
        browser.signIn("dev-approver-key");
        String incident = openIncidentOf(ConsoleSeed.ESCALATED);
        browser.openConfirmation(browser.find("[data-action=acknowledge]"));
        assertThat(browser.confirm("looking into it")).contains("acknowledged");
        assertThat(browser.text("#incident-status")).isEqualTo("acknowledged");
        assertThat(browser.all("[data-action=acknowledge]")).isEmpty();
        browser.openConfirmation(browser.find("[data-action=resolve]"));
        assertThat(browser.confirm("receiver fixed the queue")).contains("resolved");
        assertThat(browser.text("#incident-status")).isEqualTo("resolved");
        assertThat(browser.all("main [data-action]")).isEmpty();
        var packet = ConsoleSeed.json(new TestApi(port).send("approver", "GET", "/api/v1/incidents?contractId=" + ConsoleSeed.ESCALATED, null));
        assertThat(packet.toString()).contains(incident).contains("dev-approver").contains("receiver fixed the queue");
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(5)
    void cancelOnEveryRulesetConfirmationChangesNothing() throws Exception {
        candidate = ConsoleSeed.candidate(port);
        browser.signIn("dev-admin-key");
        browser.open("/console/rulesets");
        String active = activeVersion();
        for (String action : new String[] {"promote", "canary", "shadow-start", "rollback"}) {
            String css = "rollback".equals(action) ? "#rollback" : "article.candidate[data-version='" + candidate + "'] [data-action=" + action + "]";
            browser.openConfirmation(browser.find(css));
            browser.find("#confirm-reason").sendKeys("just looking");
            browser.cancelConfirmation();
        }
        var rollout = ConsoleSeed.json(new TestApi(port).send("analyst", "GET", "/api/v1/rulesets", null)).get("rollout");
        assertThat(rollout.get("active").asString()).isEqualTo(active);
        assertThat(rollout.path("shadow").isString()).isFalse();
        assertThat(rollout.path("canary").isString()).isFalse();
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(6)
    void analystShadowsItsCandidateAndAnotherPersonRunsTheCanaryPromotesAndRollsBack() throws Exception {
        candidate = ConsoleSeed.candidate(port);
        TestApi api = new TestApi(port);
        String original = ConsoleSeed.json(api.send("analyst", "GET", "/api/v1/rulesets", null)).get("rollout").get("active").asString();
        browser.signIn("dev-analyst-key");
        browser.open("/console/rulesets");
        String mine = "article.candidate[data-version='" + candidate + "'] ";
        assertThat(browser.all(mine + "[data-action=promote]")).as("the submitter is not offered promotion").isEmpty();
        assertThat(browser.text(mine)).contains("another person promotes it");
        browser.openConfirmation(browser.find(mine + "[data-action=shadow-start]"));
        assertThat(browser.confirm("compare on live traffic")).contains("Shadow started");
        assertThat(browser.text(mine)).contains("in shadow");
        browser.shootBoth("rulesets-shadow");
        browser.openConfirmation(browser.find(mine + "[data-action=shadow-stop]"));
        assertThat(browser.confirm("seen enough")).contains("Shadow stopped");

        browser.signIn("dev-admin-key");
        browser.open("/console/rulesets");
        browser.openConfirmation(browser.find(mine + "[data-action=canary]"));
        browser.find("#confirm-percent").clear();
        browser.find("#confirm-percent").sendKeys("15");
        assertThat(browser.confirm("a small share first")).contains("at 15%");
        assertThat(ConsoleSeed.json(api.send("analyst", "GET", "/api/v1/rulesets", null)).get("rollout").get("canaryPercent").asInt())
                .isEqualTo(15);
        browser.openConfirmation(browser.find(mine + "[data-action=promote]"));
        assertThat(browser.confirm("canary looked fine")).contains("Promoted");
        assertThat(browser.find("#active-version").getDomAttribute("data-version")).isEqualTo(candidate);
        assertThat(browser.all(mine + "[data-action=promote]")).as("the active version is not offered promotion").isEmpty();
        browser.openConfirmation(browser.find("#rollback"));
        assertThat(browser.confirm("back to the version we knew")).contains("Rolled back");
        assertThat(browser.find("#active-version").getDomAttribute("data-version")).isEqualTo(original);
        assertThat(browser.text(mine)).contains("blocked by a rollback");
        assertThat(browser.all(mine + "[data-action=promote]")).as("a blocked version is not offered promotion").isEmpty();
        var history = ConsoleSeed.json(api.send("analyst", "GET", "/api/v1/rulesets", null)).get("history").toString();
        assertThat(history).contains("dev-admin").contains("canary looked fine").contains("back to the version we knew")
                .contains("compare on live traffic").contains("dev-analyst");
        browser.assertNoConsoleErrors();
    }

    private String openIncidentOf(String contractId) throws Exception {
        var incidents = ConsoleSeed.json(new TestApi(port).send("approver", "GET", "/api/v1/incidents?contractId=" + contractId, null));
        String id = incidents.get("items").get(0).get("incidentId").asString();
        browser.open("/console/incidents/" + id);
        return id;
    }

    private String activeVersion() {
        return browser.find("#active-version").getDomAttribute("data-version");
    }
}

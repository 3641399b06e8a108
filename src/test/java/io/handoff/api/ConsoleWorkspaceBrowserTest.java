package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.handoff.CandidateFolders;
import io.handoff.ServiceTest;
import io.handoff.TableCells;
import io.handoff.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The analyst's workspace in the browser: try a contract on the active version or a candidate (nothing recorded, an
 * invalid one shows its violations), submit a zip and follow its report, a candidate's cell-level diff against the
 * active version, and the decisions its shadow run changed, field by field.
 */
@ServiceTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleWorkspaceBrowserTest extends ConsoleBrowserSupport {

    @Test
    @Order(1)
    void analystTriesAnUploadedContractOnTheActiveVersionAndNothingIsRecorded() throws Exception {
        TestApi api = new TestApi(port);
        long before = auditRecords(api);
        ObjectNode contract = (ObjectNode) ContractFixtures.JSON.readTree(ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json"));
        contract.put("contractId", "WEB-TRY-1");
        Path file = Files.createTempDirectory("console-try").resolve("contract.json");
        Files.writeString(file, contract.toString());

        browser.signIn("dev-analyst-key");
        browser.open("/console/rulesets/try");
        browser.find("#try-file").sendKeys(file.toAbsolutePath().toString());
        browser.waitFor(d -> !d.findElement(By.id("try-contract")).getDomProperty("value").isBlank());
        browser.find("#try-submit").click();
        browser.waitFor(d -> !d.findElements(By.id("tried")).isEmpty() || !d.findElements(By.id("try-problem")).isEmpty());
        assertThat(browser.text("#tried-contract")).isEqualTo("WEB-TRY-1");
        assertThat(browser.find("#not-recorded").getDomAttribute("data-recorded")).isEqualTo("false");
        assertThat(browser.text("#tried-outcome")).isEqualTo("accept-pending-approval");
        WebElement route = browser.find("#trace li[data-rule='ROUTE-CS-010']");
        assertThat(route.findElement(By.className("source")).getText()).isEqualTo("decision-tables/routing.xlsx, sheet Routing, row 10");
        assertThat(route.findElement(By.cssSelector("table.cells")).getText()).contains("ROUTE-CS-010").contains("eng-incident-response");
        assertThat(browser.find("#trace li[data-rule='GATE-CS-010'] .source").getText()).contains("decision-tables/gates.xlsx, sheet Gates, row");
        browser.shootBoth("try");

        assertThat(ConsoleSeed.json(api.send("auditor", "GET", "/api/v1/decisions?contractId=WEB-TRY-1", null)).get("items")).isEmpty();
        assertThat(auditRecords(api)).as("audit records after trying").isEqualTo(before);

        // an invalid contract: the 422's violations, each with its pointer
        browser.find("#try-contract").clear();
        browser.find("#try-contract").sendKeys("{\"contractId\": \"WEB-TRY-2\", \"schemaVersion\": \"1.0\"}");
        browser.find("#try-submit").click();
        browser.waitFor(d -> !d.findElements(By.id("violations")).isEmpty());
        assertThat(browser.text("#try-problem")).startsWith("422");
        assertThat(browser.text("#violations")).contains("/asOf");
        browser.shootBoth("try-invalid");
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(2)
    void onlyRolesTheApiAllowsSeeTheForms() {
        browser.signIn("dev-auditor-key");
        browser.open("/console/rulesets");
        assertThat(browser.all("#submit, #candidate-zip")).as("the auditor may not submit").isEmpty();
        browser.open("/console/rulesets/try");
        assertThat(browser.all("#try-form")).as("the auditor may try").hasSize(1);
        browser.signIn("dev-approver-key");
        assertThat(browser.status("/console/rulesets/try")).isEqualTo(403L);
    }

    @Test
    @Order(3)
    void analystSubmitsABrokenZipAndSeesTheCellThatIsWrong() throws Exception {
        Path folder = Files.createTempDirectory("console-broken");
        CandidateFolders.copy(Path.of("rules"), folder.resolve("rules"));
        CandidateFolders.copy(Path.of("decision-tables"), folder.resolve("decision-tables"));
        TableCells.set(folder.resolve("decision-tables/routing.xlsx"), ConsoleSeed.RETRY_SHEET, ConsoleSeed.RETRY_ROW,
                ConsoleSeed.RETRY_COLUMN, "1"); // the column takes "attempts, backoff"
        Path zip = folder.resolve("candidate.zip");
        Files.write(zip, CandidateFolders.zip(folder));

        browser.signIn("dev-analyst-key");
        browser.open("/console/rulesets");
        browser.find("#candidate-zip").sendKeys(zip.toAbsolutePath().toString());
        browser.openConfirmation(browser.find("#submit-zip"));
        assertThat(browser.text("#confirm-actor")).isEqualTo("dev-analyst");
        browser.find("#confirm-reason").sendKeys("one value in the retry column");
        browser.find("#confirm-ok").click();
        browser.waitFor(d -> d.getCurrentUrl().contains("/console/rulesets/candidates/"));
        // the page follows the check (queued behind the seed's candidate on a busy machine)
        new WebDriverWait(browser.driver, Duration.ofSeconds(240))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class) // the page redraws as it polls
                .until(d -> "rejected".equals(
                d.findElement(By.id("candidate-status")).getText()));
        WebElement problem = browser.all("#problems tbody tr").stream()
                .filter(row -> row.getText().contains("routing.xlsx")).findFirst().orElseThrow();
        var cells = problem.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertThat(cells.subList(0, 4)).containsExactly("decision-tables/routing.xlsx", ConsoleSeed.RETRY_SHEET,
                String.valueOf(ConsoleSeed.RETRY_ROW), cells.get(3));
        assertThat(cells.get(3)).startsWith("F");
        assertThat(cells.get(5)).isNotBlank();
        browser.shootBoth("candidate-rejected");
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(4)
    void analystSeesTheCandidatesOneChangedCellAgainstTheActiveVersion() throws Exception {
        String candidate = ConsoleSeed.candidate(port);
        browser.signIn("dev-analyst-key");
        browser.open("/console/rulesets");
        browser.find("article.candidate[data-version='" + candidate + "'] a.candidate-page").click();
        browser.waitFor(d -> !d.findElements(By.id("diff")).isEmpty());
        assertThat(browser.text("#candidate-status")).isEqualTo("passed");
        WebElement routing = browser.find(".file-diff[data-file='decision-tables/routing.xlsx']");
        var rows = routing.findElements(By.cssSelector(".sheet-diff[data-sheet='Retry'] tbody"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getDomAttribute("data-row")).isEqualTo("RETRY-CS-030 (row " + ConsoleSeed.RETRY_ROW + ")");
        var changed = rows.get(0).findElements(By.cssSelector("td.changed")).stream().map(WebElement::getText).toList();
        assertThat(changed).containsExactly(ConsoleSeed.RETRY_BEFORE, ConsoleSeed.RETRY_AFTER);
        assertThat(routing.findElements(By.cssSelector(".sheet-diff"))).as("only the Retry sheet differs").hasSize(1);
        assertThat(browser.all(".file-diff[data-file$='.drl'] pre.line-diff .add")).extracting(WebElement::getText)
                .anySatisfy(line -> assertThat(line).contains("console browser test"));
        browser.shootBoth("candidate-diff");
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(5)
    void shadowChangesListEveryChangedDecisionWithItsChangedFields() throws Exception {
        String candidate = ConsoleSeed.candidate(port);
        TestApi api = new TestApi(port);
        ConsoleSeed.ok(api.send("analyst", "POST", "/api/v1/rulesets/" + candidate + "/shadow",
                "{\"enabled\": true, \"reason\": \"workspace test\"}"), 200);
        try {
            String decisionId = ConsoleSeed.json(ConsoleSeed.ok(api.send("decider", "POST", "/api/v1/decisions",
                    ConsoleSeed.contract("cs-010-tier2-complete.yaml", "WEB-SHADOW-1").toString()), 200)).get("decisionId").asString();
            for (int i = 0; i < 100 && !shadowReport(api, candidate).toString().contains(decisionId); i++) {
                Thread.sleep(100);
            }
            browser.signIn("dev-analyst-key");
            browser.open("/console/rulesets/candidates/" + candidate + "#shadow");
            WebElement changed = browser.find("#shadow-changes tbody[data-decision='" + decisionId + "']");
            WebElement retry = changed.findElements(By.tagName("tr")).stream()
                    .filter(row -> row.getText().contains("retryPolicy")).findFirst().orElseThrow();
            assertThat(retry.getText()).contains("3 attempts, 300 s").contains("1 attempts, 5 s");
            browser.shootBoth("candidate-shadow");
            browser.assertNoConsoleErrors();
        } finally {
            ConsoleSeed.ok(api.send("analyst", "POST", "/api/v1/rulesets/" + candidate + "/shadow",
                    "{\"enabled\": false, \"reason\": \"workspace test done\"}"), 200);
        }
    }

    private static JsonNode shadowReport(TestApi api, String candidate) throws Exception {
        return ConsoleSeed.json(api.send("analyst", "GET", "/api/v1/rulesets/" + candidate + "/shadow-report", null));
    }

    private static long auditRecords(TestApi api) throws Exception {
        return ConsoleSeed.json(ConsoleSeed.ok(api.send("auditor", "GET", "/api/v1/audit/verify", null), 200)).get("checked").asLong();
    }
}

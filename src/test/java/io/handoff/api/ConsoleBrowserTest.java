package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.handoff.ServiceTest;
import io.handoff.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The web console in a real browser (Debian's chromium driven by chromedriver through Selenium): an auditor finds
 * a decision by contract id, opens its trace, sees a table rule's sheet, row and cells, replays it, verifies the
 * chain, and is forbidden from promoting; an approver approves a gate; every page is shot at 1280 and 400 px wide
 * (target/console-screenshots) without browser console errors or sideways scrolling. Skipped, saying so, on a
 * machine without /usr/bin/chromium and /usr/bin/chromedriver (.ci/run installs them).
 */
@ServiceTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target/console-screenshots");
    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver); .ci/run installs them");
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("console-chromium"), "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void seedOnce() throws Exception {
        if (status("auditor", "GET", "/api/v1/handoffs/WEB-CS-1", null) == 200) {
            return;
        }
        ObjectNode support = caseContract("cs-030-enterprise-sev1-engineering.yaml");
        support.put("contractId", "WEB-CS-1");
        assertThat(status("decider", "POST", "/api/v1/decisions", support.toString())).isEqualTo(200);
        ObjectNode product = caseContract("pm-130-bare-minimum.yaml");
        product.put("contractId", "WEB-PM-1");
        assertThat(status("decider", "POST", "/api/v1/decisions", product.toString())).isEqualTo(200);
        assertThat(status("decider", "POST", "/api/v1/outcomes",
                "{\"contractId\":\"WEB-PM-1\",\"kind\":\"bounced-back\",\"occurredAt\":\"2026-11-21T10:00:00Z\"}")).isEqualTo(201);
    }

    @Test
    @Order(1)
    void auditorFindsADecisionOpensItsTraceSeesTheTableRowAndReplaysIt() {
        signIn("dev-auditor-key");
        open("/console/decisions");
        browser.findElement(By.name("contractId")).sendKeys("WEB-CS-1");
        browser.findElement(By.id("search-button")).click();
        List<WebElement> links = browser.findElements(By.cssSelector("#results a.decision-link"));
        assertThat(links).hasSize(1);
        shoot("decisions");
        links.get(0).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("trace")));
        assertThat(browser.findElement(By.id("contract-id")).getText()).isEqualTo("WEB-CS-1");
        WebElement gateRule = browser.findElement(By.cssSelector("#trace li[data-rule='GATE-CS-010']"));
        assertThat(gateRule.findElement(By.className("source")).getText()).isEqualTo("decision-tables/gates.xlsx, sheet Gates, row 10");
        assertThat(gateRule.findElement(By.cssSelector("table.cells")).getText()).contains("GATE-CS-010").contains("incident-command");
        assertThat(browser.findElement(By.id("contract")).getText()).contains("[masked]");
        browser.findElement(By.id("replay")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("replay-result"), "Result:"));
        assertThat(browser.findElement(By.id("replay-result")).getText()).startsWith("Result: identical");
        shoot("decision");
        assertNoConsoleErrors();
    }

    @Test
    @Order(2)
    void auditorVerifiesTheChainWithProgress() {
        signIn("dev-auditor-key");
        open("/console/audit");
        browser.findElement(By.id("verify")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-result"), "Intact"));
        assertThat(browser.findElement(By.id("verify-progress")).getAttribute("value")).isEqualTo("100");
        shoot("audit");
        assertNoConsoleErrors();
    }

    @Test
    @Order(3)
    void auditorIsForbiddenFromPromoting() throws Exception {
        HttpResponse<String> submitted = send("analyst", "POST", "/api/v1/rulesets", "{\"reason\":\"console test\"}");
        String version = TestJson.read(submitted.body()).get("version").asString();
        for (int i = 0; i < 900 && send("analyst", "GET", "/api/v1/rulesets/" + version, null).body().contains("\"compiling\""); i++) {
            Thread.sleep(100);
        }
        signIn("dev-auditor-key");
        open("/console/rulesets");
        String active = browser.findElement(By.id("active-version")).getText();
        browser.findElement(By.cssSelector("[data-promote='" + version + "']")).click();
        wait(ExpectedConditions.alertIsPresent());
        browser.switchTo().alert().accept();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("action-result"), "403"));
        assertThat(browser.findElement(By.id("action-result")).getText()).contains("Forbidden");
        assertThat(send("auditor", "GET", "/api/v1/rulesets/active", null).body()).contains(active);
        shoot("rulesets");
        open("/console/approvals");
        shoot("approvals-auditor");
        assertNoConsoleErrors();
    }

    @Test
    @Order(4)
    void approverApprovesAGate() {
        signIn("dev-approver-key");
        open("/console/approvals");
        WebElement approval = browser.findElement(By.cssSelector("article.approval[data-contract='WEB-CS-1']"));
        assertThat(approval.findElements(By.name("approverId"))).as("no free-text approver: the signed-in key decides").isEmpty();
        assertThat(approval.findElement(By.cssSelector(".deciding")).getText()).contains("dev-approver");
        approval.findElement(By.name("comment")).sendKeys("checked in the console");
        shoot("approvals");
        approval.findElement(By.cssSelector("button.approve")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("action-result"), "approved"));
        assertThat(browser.findElement(By.id("action-result")).getText()).contains("WEB-CS-1");
        open("/console/incidents");
        browser.findElement(By.linkText("Packet")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("incident-status")));
        shoot("incident");
        open("/console/decisions");
        assertThat(browser.findElement(By.id("forbidden")).getText()).contains("403");
        assertNoConsoleErrors();
    }

    @Test
    @Order(5)
    void analystSeesTheScorecardChartsAndEveryPageFitsAt400Pixels() {
        signIn("dev-admin-key");
        open("/console/scorecard");
        wait(driver -> ((JavascriptExecutor) driver).executeScript("return typeof Chart !== 'undefined' && Chart.instances "
                + "&& Object.keys(Chart.instances).length > 0"));
        shoot("scorecard");
        assertNoConsoleErrors();
        for (String page : List.of("/console", "/console/decisions", "/console/audit", "/console/rulesets", "/console/approvals",
                "/console/incidents", "/console/scorecard")) {
            browser.manage().window().setSize(new Dimension(400, 900));
            open(page);
            Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(overflow).as(page + " scrolls sideways at 400 px").isLessThanOrEqualTo(0L);
            shoot(page.replace("/console", "console").replace('/', '-') + "-400");
            browser.manage().window().setSize(new Dimension(1280, 900));
            open(page);
            shoot(page.replace("/console", "console").replace('/', '-') + "-1280");
            assertNoConsoleErrors();
        }
    }

    // ---- helpers

    private void signIn(String key) {
        browser.manage().deleteAllCookies();
        open("/console/login");
        browser.findElement(By.id("apiKey")).sendKeys(key);
        browser.findElement(By.id("sign-in")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("who")));
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private void wait(java.util.function.Function<? super org.openqa.selenium.WebDriver, ?> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(condition::apply);
    }

    private void shoot(String name) {
        try {
            Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void assertNoConsoleErrors() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                // the deliberate 403 of the forbidden promotion is the browser's network log, not a script error
                .filter(message -> !message.contains("403"))
                .toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }

    private static ObjectNode caseContract(String file) throws Exception {
        return (ObjectNode) YAMLMapper.builder().build().readTree(Files.readString(Path.of("rules/cases/" + file))).get("contract");
    }

    private int status(String role, String method, String path, String body) throws Exception {
        return send(role, method, path, body).statusCode();
    }

    private HttpResponse<String> send(String role, String method, String path, String body) throws Exception {
        return new TestApi(port).send(role, method, path, body);
    }

    private static final class TestJson {
        static JsonNode read(String text) {
            return ContractFixtures.JSON.readTree(text);
        }
    }
}

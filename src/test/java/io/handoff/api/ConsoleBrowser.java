package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless chromium (Debian's, driven by chromedriver through Selenium) for the console's browser tests: sign in
 * with a key, open a page, confirm or cancel the console's dialog, shoot a page at 1280 and 400 px into
 * target/console-screenshots, and assert what every page must do (no sideways scroll at 400 px, no script errors).
 * Tests are skipped, saying so, on a machine without /usr/bin/chromium and /usr/bin/chromedriver (.ci/run installs them).
 */
final class ConsoleBrowser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target/console-screenshots");

    final ChromeDriver driver;
    private final int port;

    private ConsoleBrowser(ChromeDriver driver, int port) {
        this.driver = driver;
        this.port = port;
    }

    static ConsoleBrowser start(int port) throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver); .ci/run installs them");
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + Files.createTempDirectory("console-chromium"), "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO); // pages are server-rendered; scripts are awaited explicitly
        return new ConsoleBrowser(driver, port);
    }

    @Override
    public void close() {
        driver.quit();
    }

    void signIn(String key) {
        driver.manage().deleteAllCookies();
        open("/console/login");
        driver.findElement(By.id("apiKey")).sendKeys(key);
        driver.findElement(By.id("sign-in")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("who")));
    }

    void open(String path) {
        driver.get("http://localhost:" + port + path);
    }

    /** The HTTP status the signed-in browser gets for a GET of {@code path} (the page itself cannot tell it). */
    long status(String path) {
        return (Long) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0], {credentials: 'same-origin'})"
                        + ".then(r => done(r.status)).catch(() => done(-1));", path);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    void waitFor(Function<? super WebDriver, ?> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(condition::apply);
    }

    /** Clicks an action button and waits for the confirmation dialog. */
    void openConfirmation(WebElement actionButton) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", actionButton);
        actionButton.click();
        waitFor(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return document.getElementById('confirm').open;")));
    }

    void cancelConfirmation() {
        find("#confirm-cancel").click();
        waitFor(d -> Boolean.FALSE.equals(((JavascriptExecutor) d).executeScript("return document.getElementById('confirm').open;")));
    }

    /** Types the reason into the open dialog, confirms, and waits for the result the page announces. */
    String confirm(String reason) {
        ((JavascriptExecutor) driver).executeScript("document.getElementById('toast').textContent = '';");
        find("#confirm-reason").clear();
        find("#confirm-reason").sendKeys(reason);
        find("#confirm-ok").click();
        waitFor(d -> !d.findElement(By.id("toast")).getText().isBlank()
                || !d.findElement(By.id("confirm-error")).getText().isBlank());
        return text("#toast").isBlank() ? text("#confirm-error") : text("#toast");
    }

    /** Shoots the page at 1280 px and at 400 px, asserting at 400 px that the page itself does not scroll sideways. */
    void shootBoth(String name) {
        resize(400);
        Long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(overflow).as(name + " scrolls sideways at 400 px (scrollWidth - innerWidth)").isLessThanOrEqualTo(0L);
        shoot(name + "-400");
        resize(1280);
        shoot(name + "-1280");
    }

    private void resize(int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
        waitFor(d -> ((Long) ((JavascriptExecutor) d).executeScript("return window.innerWidth;")) <= width);
    }

    void shoot(String name) {
        try {
            Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No script error on the pages since the last call; a deliberate 4xx answer in the network log is not one. */
    void assertNoConsoleErrors() {
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.matches("(?s).*status of 4\\d\\d.*"))
                .toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }
}

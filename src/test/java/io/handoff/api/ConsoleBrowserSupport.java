package io.handoff.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What every console browser test class shares: one browser for the class, and the seed data before each test. */
abstract class ConsoleBrowserSupport {
    static ConsoleBrowser browser;

    @LocalServerPort
    int port;

    @BeforeEach
    void startBrowserAndSeed() throws Exception {
        if (browser == null) {
            browser = ConsoleBrowser.start(port);
        }
        ConsoleSeed.seed(port);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}

package dev.zaiko.web;

import java.nio.file.Path;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The base of the console's browser tests on the shared application (the one Spring context all
 * API tests use): {@link Chromium} once per class, a fresh browser context per test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class BrowserTest {

    private static Chromium chromium;

    @LocalServerPort
    protected int port;

    protected WebApi api;
    protected BrowserContext context;
    protected Page page;

    @BeforeAll
    static void launchBrowser() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void closeBrowser() {
        if (chromium != null) chromium.close();
        chromium = null;
    }

    @BeforeEach
    void openPage() {
        api = new WebApi(port);
        context = chromium.context(port, "ja-JP");
        page = context.newPage();
    }

    @AfterEach
    void closePage() {
        if (context != null) context.close();
    }

    /** Signs in as the test shop's first admin through the sign-in form, and lands on the console. */
    protected void signInAsAdmin() {
        Chromium.signIn(page, WebApi.ADMIN, WebApi.ADMIN_PASSWORD);
    }

    /** The whole page as {@code docs/screenshots/<name>.png}. */
    protected Path screenshot(String name) {
        return Chromium.screenshot(page, name);
    }
}

package dev.zaiko.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The base of every browser test of the console: the shared application (the one Spring context
 * all API tests use), the machine's Chromium driven by Playwright (one browser per test class, a
 * fresh browser context, so fresh cookies, per test), signing in, and screenshots for the docs.
 *
 * <p>Playwright never downloads a browser here ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}): it
 * drives Debian's {@code chromium}. Without it the tests are skipped, saying so, rather than failed:
 * {@code .ci/run} installs it on a fresh machine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class BrowserTest {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort
    protected int port;

    protected WebApi api;
    protected BrowserContext context;
    protected Page page;

    @BeforeAll
    static void launchBrowser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Browser tests skipped: no Chromium at " + CHROMIUM
                + " (install it with `apt-get install -y chromium`, as .ci/run does).");
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        // A loaded 2-core machine can take a while to render a page; a bound, not a pause.
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
        browser = null;
        playwright = null;
    }

    @BeforeEach
    void openPage() {
        api = new WebApi(port);
        context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port)
                .setViewportSize(1280, 900)
                .setLocale("ja-JP"));
        context.setDefaultTimeout(30_000);
        page = context.newPage();
    }

    @AfterEach
    void closePage() {
        if (context != null) context.close();
    }

    /** Signs in as the test shop's first admin through the sign-in form, and lands on the console. */
    protected void signInAsAdmin() {
        page.navigate("/login");
        page.locator("#username").fill(WebApi.ADMIN);
        page.locator("#password").fill(WebApi.ADMIN_PASSWORD);
        page.locator("form button[type=submit]").click();
        page.waitForURL(url -> !url.contains("/login"));
    }

    /** The whole page as {@code docs/screenshots/<name>.png} (the repository's docs, wherever Maven runs from). */
    protected Path screenshot(String name) {
        Path file = docs().resolve("screenshots").resolve(name + ".png");
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    private static Path docs() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs")) && Files.isDirectory(dir.resolve("app"))) return dir.resolve("docs");
        }
        throw new IllegalStateException("No docs/ next to app/ above " + Paths.get("").toAbsolutePath());
    }
}

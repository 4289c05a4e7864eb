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
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's Chromium driven by Playwright, for the console's browser tests: one per test class
 * (launching is slow), a fresh browser context (fresh cookies) per visitor, signing in through the
 * form, and screenshots for the docs.
 *
 * <p>Playwright never downloads a browser here ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}): it
 * drives Debian's {@code chromium}. Without it the tests are skipped, saying so, rather than failed:
 * {@code .ci/run} installs it on a fresh machine.
 */
public final class Chromium implements AutoCloseable {

    static final Path EXECUTABLE = Paths.get("/usr/bin/chromium");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Launches it, or skips the calling test class with a clear message when there is none. */
    public static Chromium launch() {
        Assumptions.assumeTrue(Files.isExecutable(EXECUTABLE), "Browser tests skipped: no Chromium at " + EXECUTABLE
                + " (install it with `apt-get install -y chromium`, as .ci/run does).");
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        // A loaded 2-core machine can take a while to render a page; a bound, not a pause.
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        return new Chromium(playwright, browser);
    }

    /** A fresh visitor (no cookies) of the application on {@code port}, with a laptop's screen. */
    public BrowserContext context(int port, String locale) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port)
                .setViewportSize(1280, 900)
                .setLocale(locale));
        context.setDefaultTimeout(30_000);
        return context;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }

    /** Signs in through the sign-in form and waits to land in the console. */
    public static void signIn(Page page, String username, String password) {
        page.navigate("/login");
        page.locator("#username").fill(username);
        page.locator("#password").fill(password);
        page.locator("form button[type=submit]").click();
        page.waitForURL(url -> !url.contains("/login"));
    }

    /**
     * The whole page as {@code <name>.png}: into {@code docs/screenshots/} when the run was asked to
     * refresh the docs' pictures ({@code -Dzaiko.screenshots.docs=true}), else into
     * {@code target/screenshots/}, so that an ordinary test run leaves the working tree as it was.
     */
    public static Path screenshot(Page page, String name) {
        Path dir = Boolean.getBoolean("zaiko.screenshots.docs") ? docs().resolve("screenshots")
                : Paths.get("target", "screenshots");
        Path file = dir.resolve(name + ".png");
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

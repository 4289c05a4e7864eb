package dev.zaiko.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.zaiko.contact.ContactApi;
import dev.zaiko.contact.ContactApiTestBase;
import dev.zaiko.shop.ShopCalendar;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console and a customer's page under the Content-Security-Policy, in a real browser: what
 * used inline code (htmx's tone check, selecting the link to copy, the outbox's email frame) still
 * works, and the browser reports no refused script or style anywhere on the way.
 */
class ContentSecurityPolicyBrowserTest extends ContactApiTestBase {

    private static Chromium chromium;

    @Autowired
    ShopCalendar calendar;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void close() {
        if (chromium != null) chromium.close();
    }

    /** Every refusal the browser reports: the page's own event and the console's error line. */
    static List<String> watch(BrowserContext context, Page page) {
        List<String> refused = new CopyOnWriteArrayList<>();
        page.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy") || m.text().contains("Content-Security-Policy")) {
                refused.add(page.url() + ": " + m.text());
            }
        });
        context.exposeFunction("zaikoRefused", args -> {
            refused.add(page.url() + ": " + args[0]);
            return null;
        });
        context.addInitScript("document.addEventListener('securitypolicyviolation', function (e) {"
                + " window.zaikoRefused(e.violatedDirective + ' ' + e.blockedURI); });");
        return refused;
    }

    @Test
    void theConsolesScriptsWorkAndNothingIsRefusedUnderThePolicy() {
        LocalDate d = LocalDate.now(clock).plusDays(1);
        while (!calendar.isBusinessDay(d)) d = d.plusDays(1);
        clock.advance(Duration.between(clock.instant(), d.atTime(LocalTime.of(10, 30))
                .atZone(ZoneId.of("Asia/Tokyo")).toInstant()));
        String missing = api.bottle("CSP", 3000, 500);
        api.sellable(missing, shop.warehouse(), 1);
        String email = ShopApi.uniqueEmail();
        String number = api.place(ContactApi.order(shop.web(), email, "090-4444-0000", "ja", missing, 1, 3000));
        String id = api.defective(number, 1);
        api.ok(api.call(id, ContactApi.outcome("VOICEMAIL")));
        String link = ContactApi.link(api.email(email, 1));

        try (BrowserContext staff = chromium.context(port, "ja-JP")) {
            Page page = staff.newPage();
            List<String> refused = watch(staff, page);
            Chromium.signIn(page, "admin", "test-admin-password");

            page.navigate("/cases/" + id);
            // the tone check: htmx posts what is typed as "text" (console.js, not hx-vals="js:...")
            page.locator("#notes").fill("システムの都合で");
            page.locator("#notes").press("End"); // Japanese is inserted, not keyed: a real key for the keyup trigger
            assertThat(page.locator("#notes-tone .tone-finding")).containsText("システムの都合");
            // an email preview fetched by htmx
            page.locator("section[aria-labelledby=emails] button.secondary").first().click();
            assertThat(page.locator("#preview article")).isVisible();

            page.navigate("/orders/" + number);
            page.locator("#status-link").focus();
            assertThat((Boolean) page.evaluate("() => { const i = document.getElementById('status-link');"
                    + " return i.selectionStart === 0 && i.selectionEnd === i.value.length && i.value.length > 0; }"))
                    .as("the link selects itself for copying").isTrue();

            page.navigate("/outbox");
            page.locator("tr", new Page.LocatorOptions().setHasText(email)).locator("td a").first().click();
            assertThat(page.locator("iframe.email-frame")).isVisible();
            // the email as sent, its inline styles applied inside the sandboxed frame
            assertThat(page.frameLocator("iframe.email-frame").locator("body")).containsText(number);

            page.navigate("/inventory");
            page.locator("#q").pressSequentially(missing);
            assertThat(page.locator("#results")).containsText(missing);

            assertThat(refused).as("refused by the policy").isEmpty();
        }

        try (BrowserContext customer = chromium.context(port, "ja-JP")) {
            Page page = customer.newPage();
            List<String> refused = watch(customer, page);
            page.navigate(link);
            assertThat(page.locator("h1")).containsText(number);
            page.navigate("/login");
            assertThat(page.locator("button[type=submit]")).hasCSS("background-color", "rgb(47, 107, 58)");
            assertThat(refused).as("refused by the policy").isEmpty();
        }
    }
}

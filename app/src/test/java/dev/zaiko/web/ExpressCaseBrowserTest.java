package dev.zaiko.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

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
 * The whole stockout recovery in a real browser: an operator signs in, takes an express case from
 * the dashboard, leaves a voicemail; the customer opens the emailed link and chooses a substitute;
 * the follow-up email appears in the console's outbox. Saves the dashboard, case and decision page
 * screenshots for the README.
 */
class ExpressCaseBrowserTest extends ContactApiTestBase {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
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

    /** Operators call within calling hours: the test's day is the next business day, mid-morning. */
    void businessMorning() {
        LocalDate d = LocalDate.now(clock).plusDays(1);
        while (!calendar.isBusinessDay(d)) d = d.plusDays(1);
        clock.advance(Duration.between(clock.instant(), d.atTime(LocalTime.of(10, 30)).atZone(TOKYO).toInstant()));
    }

    @Test
    void anOperatorWorksAnExpressCaseAndTheCustomerChoosesASubstituteThroughTheEmailedLink() {
        businessMorning();
        String missing = api.bottle("EXPRESS", 3000, 500);
        String bigger = api.bottle("BIGGER", 3500, 600);
        api.sellable(missing, shop.warehouse(), 1);
        api.sellable(bigger, shop.warehouse(), 3);
        String email = ShopApi.uniqueEmail();
        String number = api.place(ContactApi.express(
                ContactApi.order(shop.web(), email, "090-5555-0000", "ja", missing, 1, 3000), clock.instant()
                        .atZone(TOKYO).toLocalDate()));
        String id = api.defective(number, 1);
        api.desk(id);

        try (BrowserContext staff = chromium.context(port, "ja-JP")) {
            Page page = staff.newPage();
            Chromium.signIn(page, "admin", "test-admin-password");

            page.navigate("/");
            var row = page.locator("tr[data-case='" + id + "']");
            assertThat(row).isVisible();
            assertThat(row).containsText("お急ぎ便");
            assertThat(row.locator(".countdown")).not().isEmpty();
            Chromium.screenshot(page, "dashboard");

            row.locator("a", new com.microsoft.playwright.Locator.LocatorOptions().setHasText(id)).click();
            assertThat(page.locator("h1")).containsText(id);
            assertThat(page.locator("#script")).isVisible();
            assertThat(page.locator("body")).containsText(bigger);
            Chromium.screenshot(page, "case");

            page.locator("input[name=outcome][value=VOICEMAIL]").check();
            page.locator("#notes").fill("留守番電話に折り返しのお願いを残しました");
            page.locator("form button.primary").click();
            assertThat(page.locator("p.notice")).containsText("通話の結果を記録しました");
            assertThat(page.locator(".timeline")).containsText("留守番電話に折り返しのお願いを残しました");
        }

        String link = ContactApi.link(api.email(email, 1));
        try (BrowserContext customer = chromium.context(port, "ja-JP")) {
            Page page = customer.newPage();
            page.navigate(link);
            assertThat(page.locator("h1")).containsText(number);
            page.locator("input[name=choice][value='SUBSTITUTE:" + bigger + "']").check();
            Chromium.screenshot(page, "customer-decision");
            page.locator("form button[type=submit]").first().click();
            assertThat(page.locator("p.notice")).isVisible();
        }

        assertThat(api.stockout(id).path("decision").path("substituteSku").asString()).isEqualTo(bigger);
        api.email(email, s -> s.contains("ご選択いただいた内容"));

        try (BrowserContext staff = chromium.context(port, "ja-JP")) {
            Page page = staff.newPage();
            Chromium.signIn(page, "admin", "test-admin-password");
            page.navigate("/outbox");
            assertThat(page.locator("body")).containsText(number);
            assertThat(page.locator("body")).containsText("ご選択いただいた内容");
        }
    }
}

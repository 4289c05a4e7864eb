package dev.zaiko.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.Locator;
import dev.zaiko.contact.CallOutcome;
import dev.zaiko.contact.CallReported;
import dev.zaiko.insight.InsightJournal;
import dev.zaiko.mail.EmailSent;
import dev.zaiko.order.OrderPlaced;
import dev.zaiko.order.OrderPlaced.PlacedLine;
import dev.zaiko.refund.ApologyCouponIssued;
import dev.zaiko.refund.RefundCompleted;
import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.StockoutDecided;
import dev.zaiko.stockout.StockoutOpened;
import dev.zaiko.stockout.StockoutWithdrawn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The monthly stockout report in Chromium: a year of cases told to insight (2018, a year no other test
 * writes in), every chart drawn (an SVG inside, data-chart-drawn) from the table behind it, the tables
 * there with their rows, and the CSV link; the screenshot for the README.
 */
class InsightReportBrowserTest extends BrowserTest {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final List<String> REASONS = List.of("ALLOCATION_FAILED", "DISPLACED", "INSPECTION_DEFECT", "INBOUND_SHORT",
            "SUPPLIER_CANCELLED", "DISCONTINUED");
    static final List<Choice> CHOICES = List.of(Choice.WAIT, Choice.SUBSTITUTE, Choice.CANCEL, Choice.PARTIAL,
            Choice.DROP_SHIP, Choice.CANCEL, Choice.WAIT);
    static final List<CallOutcome> CALLS = List.of(CallOutcome.CONNECTED, CallOutcome.NO_ANSWER, CallOutcome.CONNECTED,
            CallOutcome.VOICEMAIL);

    @Autowired
    InsightJournal journal;

    /** A shop's year: a few cases a month, more in the busy months, each contacted and most decided. */
    private void aYearOfStockouts() {
        String p = "IRB" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-";
        String[] skus = new String[5];
        String[][] names = {{"ドームテント 2人用", "Dome tent"}, {"ランタン", "Lantern"}, {"寝袋 -5℃", "Sleeping bag"},
                {"ボトル 1L", "Bottle"}, {"チェア", "Chair"}};
        for (int i = 0; i < skus.length; i++) skus[i] = api.newProduct("IRB", names[i][0], names[i][1]);
        int n = 0;
        for (int month = 1; month <= 12; month++) {
            int cases = 3 + (month * 7) % 6;
            for (int i = 0; i < cases; i++, n++) {
                Instant at = LocalDate.of(2018, month, 2 + i).atTime(10 + i % 6, 0).atZone(TOKYO).toInstant();
                String order = p + "O" + n;
                String sku = skus[(n * 3 + i) % 5 == 4 && i % 2 == 0 ? 0 : (n + i) % 5];
                long price = 1980 + 1000L * (n % 4);
                journal.record(new OrderPlaced(order, n % 3 == 0 ? "AMAZON" : "WEB", p + "c" + n, null, false,
                        List.of(new PlacedLine(1, sku, 1 + n % 2, price, false)), 0, price, at.minusSeconds(60)));
                int priority = 1 + n % 3;
                String id = p + "S" + n;
                journal.record(new StockoutOpened(id, order, 1, sku, REASONS.get((n + month) % 6), priority,
                        at.plus(Duration.ofMinutes(priority == 1 ? 15 : priority == 2 ? 120 : 1440)), "RULE",
                        priority == 1, false, null, false, at));
                long firstAfter = 5 + (n * 37) % (priority == 1 ? 25 : 200);
                journal.record(new CallReported(UUID.randomUUID(), id, order, CALLS.get(n % 4), "sato", List.of(),
                        List.of(), null, at.plus(Duration.ofMinutes(firstAfter))));
                if (n % 4 == 1) {
                    journal.record(new EmailSent(UUID.randomUUID(), "<" + n + "@zaiko>", id, order, "MISSED_CALL",
                            at.plus(Duration.ofMinutes(firstAfter + 1))));
                }
                if (n % 9 == 8) {
                    journal.record(new StockoutWithdrawn(id, order, 1, "CANCELLED_ON_CHANNEL", "AMAZON", "X", at.plusSeconds(7200)));
                    continue;
                }
                if (month == 12 && i >= cases - 2) continue; // still open
                Choice choice = CHOICES.get(n % CHOICES.size());
                long refund = choice == Choice.CANCEL ? price * (1 + n % 2) : choice == Choice.PARTIAL ? price : 0;
                Instant decidedAt = at.plus(Duration.ofHours(2));
                journal.record(new StockoutDecided(id, order, 1, 1, choice, 1, null, null, null, refund,
                        choice == Choice.SUBSTITUTE ? 500 : 0, 0, false, "sato", decidedAt));
                if (refund > 0) {
                    journal.record(new RefundCompleted(p + "R" + n, order, 1, "LINE_CANCELLED",
                            n % 2 == 0 ? "CARD" : "GIFT_BALANCE", "X", refund, null, decidedAt.plusSeconds(600)));
                    journal.record(new ApologyCouponIssued(id, order, p + "CP" + n, "FIXED", 500,
                            LocalDate.of(2019, 3, 31), "EVERY_STOCKOUT", decidedAt.plusSeconds(900)));
                }
            }
        }
    }

    @Test
    void theReportDrawsEveryChartFromTheTableBehindIt() {
        aYearOfStockouts();
        signInAsAdmin();
        page.navigate("/insight?from=2018-01&to=2018-12");
        assertThat(page.locator("h1")).hasText("月次欠品レポート");
        assertThat(page.locator("nav.tabs a.active")).hasText("月次欠品レポート");

        for (String chart : List.of("byReason", "byOutcome", "shareMet", "byChannel", "topSkus")) {
            Locator div = page.locator("#chart-" + chart);
            assertThat(div).hasAttribute("data-chart-drawn", "true");
            assertThat(div.locator("svg").first()).isVisible();
            Locator table = page.locator("#table-" + chart);
            assertThat(table).isAttached();
            assertThat(table.locator("tbody tr").first()).isAttached();
        }
        assertThat(page.locator("#table-byReason tbody tr")).hasCount(12);
        assertThat(page.locator("#table-byReason thead th")).hasCount(1 + REASONS.size());
        assertThat(page.locator("#table-byReason thead th").nth(1)).hasText("在庫を確保できず");
        assertThat(page.locator("#table-topSkus tbody tr")).hasCount(5);
        assertThat(page.locator("#table-byOutcome thead")).containsText("未決");
        assertThat(page.locator("#table-outcomes tbody tr").first()).isAttached();
        assertThat(page.locator("#summary tbody tr")).hasCount(12);
        assertThat(page.locator("a[href*='/insight/report.csv']")).hasAttribute("href",
                "/insight/report.csv?from=2018-01&to=2018-12");

        assertThat(screenshot("insight-report")).exists();
    }
}

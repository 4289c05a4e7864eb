package dev.zaiko.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;

import com.microsoft.playwright.Locator;
import dev.zaiko.catalog.PriceChanged;
import dev.zaiko.insight.InsightJournal;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A SKU's price and stock history in a real browser: the chart is drawn from the table behind it,
 * and the frequency is said in words. Saves docs/screenshots/insight-sku-history.png.
 */
class InsightSkuHistoryBrowserTest extends BrowserTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    InsightJournal journal;

    @Test
    void theSkuHistoryPageDrawsPriceStockAndStockoutDaysFromTheTableBehindIt() {
        ShopApi.Shop shop = api.shop();
        String sku = api.newProduct("HIST", "ドームテント 2人用 そら", "Dome tent for 2, Sora");
        LocalDate to = ShopApi.today().minusDays(1);
        LocalDate from = to.minusDays(20);
        int[] web = {8, 7, 7, 5, 4, 2, 1, 0, 0, 0, 6, 6, 5, 5, 3, 2, 0, 0, 4, 4, 3};
        int[] marketplace = {3, 3, 3, 2, 2, 1, 0, 0, 0, 0, 2, 2, 2, 2, 1, 1, 0, 0, 1, 1, 1};
        for (int i = 0; i < web.length; i++) {
            day(sku, shop.web(), from.plusDays(i), web[i], i > 0 && web[i] == 0 && web[i - 1] > 0);
            day(sku, shop.marketplace(), from.plusDays(i), marketplace[i],
                    i > 0 && marketplace[i] == 0 && marketplace[i - 1] > 0);
        }
        journal.record(new PriceChanged(sku, 29_800L, 27_800, "JPY", "user:sato",
                from.plusDays(5).atTime(10, 0).atZone(TOKYO).toInstant()));
        journal.record(new PriceChanged(sku, 27_800L, 31_800, "JPY", "user:sato",
                from.plusDays(12).atTime(9, 0).atZone(TOKYO).toInstant()));
        signInAsAdmin();

        page.navigate("/insight/skus/" + sku + "?from=" + from + "&to=" + to);
        assertThat(page.locator("h1")).containsText(sku);
        assertThat(page.locator(".tabs a.active")).hasAttribute("href", "/insight/skus");
        Locator chart = page.locator(".chart[data-chart-table='history-table']");
        assertThat(chart).hasAttribute("data-chart-drawn", "true");
        assertThat(chart.locator("svg")).hasCount(1);
        Locator rows = page.locator("#history-table tbody tr");
        assertThat(rows).hasCount(21);
        assertThat(page.locator("#history-table thead th")).hasCount(5); // day, price, two channels, out
        Locator eighth = page.locator("#history-table tbody tr[data-day='" + from.plusDays(7) + "']");
        assertThat(eighth.locator("td").nth(0)).hasAttribute("data-value", "27800");
        assertThat(eighth.locator("td").last()).hasText("在庫切れ");
        assertThat(page.locator("#history-table tbody tr[data-day='" + from.plusDays(12) + "'] td").nth(0))
                .hasAttribute("data-value", "31800");
        // web out on 5 days (7-9, 16-17), the marketplace on 6 (6-9, 16-17): the SKU on 6, sold out twice
        assertThat(page.locator("#summary")).containsText("在庫切れがあったのは 6 日");
        assertThat(page.locator("#summary")).containsText("売り切れは 2 回");
        assertThat(page.locator("#channel-summaries li[data-channel='" + shop.web() + "']"))
                .containsText("在庫切れ 5 日");

        // the list finds it by its SKU
        page.navigate("/insight/skus?q=" + sku + "&from=" + from + "&to=" + to);
        assertThat(page.locator("#skus tbody tr[data-sku='" + sku + "'] td").first()).hasText("6");

        page.navigate("/insight/skus/" + sku + "?from=" + from + "&to=" + to);
        assertThat(page.locator(".chart[data-chart-table='history-table']")).hasAttribute("data-chart-drawn", "true");
        Path shot = screenshot("insight-sku-history");
        assertThat(shot).exists();
    }

    private void day(String sku, String channel, LocalDate day, int ats, boolean soldOut) {
        jdbc.update("""
                insert into insight_stock_day (sku, channel, day, min_ats, close_ats, out, sellouts, low, looked_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, now())""",
                sku, channel, Date.valueOf(day), ats, ats, ats == 0, soldOut ? 1 : 0, ats > 0 && ats <= 2);
    }
}

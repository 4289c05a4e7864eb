package dev.zaiko.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.microsoft.playwright.Locator;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;

/** The console's inventory pages in a real browser, as an operator uses them. */
class InventoryBrowserTest extends BrowserTest {

    @Test
    void receivingAndInspectingStockTurnsTheChannelFromOutOfStockToInStock() {
        ShopApi.Shop shop = api.shop();
        String sku = api.newProduct("CONSOLE", "ドームテント 2人用 そら", "Dome tent for 2, Sora");
        signInAsAdmin();

        // Found by typing into the search box: htmx brings the results in, the page itself stays.
        page.navigate("/inventory?q=" + sku + "-nothing");
        assertThat(page.locator("#results")).containsText("一致する商品はありません");
        page.evaluate("window.stillTheSamePage = true");
        page.locator("#q").clear();
        page.locator("#q").pressSequentially(sku);
        Locator result = page.locator("#results tr[data-sku='" + sku + "'] a");
        assertThat(result).hasText(sku);
        assertThat(page.evaluate("window.stillTheSamePage === true")).isEqualTo(true);
        result.click();
        assertThat(page.locator("h1")).containsText("ドームテント 2人用 そら");
        assertThat(page.locator("#levels-heading + p")).hasText("まだどの拠点にも在庫がありません。");

        page.locator("#receive-location").selectOption(shop.warehouse());
        page.locator("#receive-quantity").fill("5");
        page.locator("#receive-form button[type=submit]").click();

        assertThat(page.locator(".notice")).hasText(shop.warehouse() + " に 5 点の入荷を記録しました（検品待ち）。");
        Locator web = page.locator("#channels tr[data-channel='" + shop.web() + "'] .level");
        assertThat(web).hasAttribute("data-level", "OUT_OF_STOCK");
        assertThat(web).hasText("在庫切れ");
        assertThat(page.locator("#levels tr[data-location='" + shop.warehouse() + "'] td[data-bucket=INSPECTING]"))
                .hasText("5");

        // The warehouse now holds the SKU, so the inspection form offers it first.
        assertThat(page.locator("#inspect-location")).hasValue(shop.warehouse());
        page.locator("#inspect-passed").fill("5");
        page.locator("#inspect-form button[type=submit]").click();

        assertThat(page.locator(".notice")).hasText(shop.warehouse() + " の検品を記録しました：合格 5 点、不良 0 点。");
        assertThat(web).hasAttribute("data-level", "IN_STOCK");
        assertThat(web).hasText("在庫あり");
        assertThat(page.locator("#channels tr[data-channel='" + shop.web() + "'] td.num")).hasText("5");
        assertThat(page.locator("#levels tr[data-location='" + shop.warehouse() + "'] td[data-bucket=SELLABLE]"))
                .hasText("5");
        assertThat(page.locator("#movements tbody tr").first()).hasAttribute("data-kind", "INSPECTION_PASSED");
        assertThat(page.locator("#sellable-total")).hasText("5");
        assertThat(page.locator("#history-table tbody tr").last().locator("td.num")).hasText("5");
        assertThat(api.level(sku, shop.warehouse()).path("sellable").intValue()).isEqualTo(5);

        Path shot = screenshot("inventory");
        assertThat(shot).exists();
        assertThat(Files.isRegularFile(shot)).isTrue();
    }

    @Test
    void aMistakeIsShownNextToItsFieldInJapaneseAndInEnglishAndChangesNothing() {
        ShopApi.Shop shop = api.shop();
        String sku = api.newProduct("CONSOLE-ERR", "ランタン", "Lantern");
        signInAsAdmin();

        page.navigate("/inventory/" + sku);
        page.locator("#receive-location").selectOption(shop.warehouse());
        page.locator("#receive-quantity").fill("0");
        page.locator("#receive-form button[type=submit]").click();

        Locator quantity = page.locator("#receive-quantity");
        Locator error = page.locator("#receive-quantity + .field-error");
        assertThat(error).hasText("1以上の数を入力してください。");
        assertThat(quantity).hasAttribute("aria-invalid", "true");
        assertThat(quantity).hasAttribute("aria-describedby", "receive-quantity-error");
        assertThat(quantity).hasValue("0");
        assertThat(page.locator("#receive-location")).hasValue(shop.warehouse());
        assertThat(page.locator(".notice")).hasCount(0);

        page.navigate("/inventory/" + sku + "?lang=en");
        page.locator("#receive-location").selectOption(shop.warehouse());
        page.locator("#receive-quantity").fill("0");
        page.locator("#receive-form button[type=submit]").click();

        assertThat(error).hasText("Please enter 1 or more.");
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        assertThat(api.level(sku, shop.warehouse()).path("inspecting").intValue()).isZero();
    }

    @Test
    void theSkuPageFitsATabletWithoutSideways() {
        ShopApi.Shop shop = api.shop();
        String sku = api.newProduct("CONSOLE-768", "寝袋", "Sleeping bag");
        api.sellable(sku, shop.store(), 2);
        page.setViewportSize(768, 1024);
        signInAsAdmin();

        page.navigate("/inventory/" + sku);
        assertThat(page.locator("#channels tr[data-channel='" + shop.till() + "'] .level")).hasAttribute("data-level", "LOW");

        Object overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        // Keyboard: the first tab stop is the skip link, which leads to the page's content.
        page.keyboard().press("Tab");
        assertThat(page.locator(".skip")).isFocused();
    }
}

package dev.zaiko.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/channels/{code}/files/inventory: the files parse back with their columns, encodings and the channel's ATS. */
class InventoryFileApiTest extends MarketplaceApiTestBase {

    String inStock;
    String discontinued;
    String empty;

    @BeforeEach
    void stock() {
        inStock = api.product("FILE");
        discontinued = api.product("GONE");
        empty = api.product("NONE");
        api.sellable(inStock, shop.store(), 5);
        api.sellable(inStock, shop.warehouse(), 2);
        api.sellable(discontinued, shop.store(), 3);
        api.ok(api.post("/api/products/" + discontinued + "/discontinue"));
    }

    private static Map<String, List<String>> bySku(List<List<String>> rows, int skuColumn) {
        return rows.subList(1, rows.size()).stream().collect(Collectors.toMap(r -> r.get(skuColumn), r -> r));
    }

    @Test
    void amazonIsTabSeparatedUtf8WithEachChannelsAts() {
        for (String channel : List.of(shop.marketplace(), shop.web())) {
            MarketplaceApi.Download file = api.download("/api/channels/" + channel + "/files/inventory?format=amazon");

            assertThat(file.status()).isEqualTo(200);
            assertThat(file.contentType()).startsWith("text/tab-separated-values").containsIgnoringCase("charset=UTF-8");
            assertThat(file.disposition()).startsWith("attachment").contains("inventory-amazon-" + channel).contains(".txt");
            List<List<String>> rows = MarketplaceApi.parse(new String(file.body(), StandardCharsets.UTF_8), '\t');
            assertThat(rows.get(0)).containsExactly("sku", "quantity", "handling-time");
            Map<String, List<String>> skus = bySku(rows, 0);
            assertThat(skus.get(inStock)).containsExactly(inStock, String.valueOf(api.ats(inStock, channel)), "");
            assertThat(skus.get(discontinued).get(1)).isEqualTo("0");
            assertThat(skus.get(empty).get(1)).isEqualTo("0");
        }
        assertThat(api.ats(inStock, shop.marketplace())).isEqualTo(5);
        assertThat(api.ats(inStock, shop.web())).isEqualTo(7);

        MarketplaceApi.Download withHandlingTime = api.download("/api/channels/" + shop.marketplace()
                + "/files/inventory?format=AMAZON&handlingTime=2");
        List<List<String>> rows = MarketplaceApi.parse(new String(withHandlingTime.body(), StandardCharsets.UTF_8), '\t');
        assertThat(bySku(rows, 0).get(inStock)).containsExactly(inStock, "5", "2");
    }

    @Test
    void rakutenIsShiftJisWithItsJapaneseHeader() {
        MarketplaceApi.Download file = api.download("/api/channels/" + shop.marketplace() + "/files/inventory?format=RAKUTEN");

        assertThat(file.status()).isEqualTo(200);
        assertThat(file.contentType()).startsWith("text/csv").containsIgnoringCase("charset=Shift_JIS");
        assertThat(file.disposition()).contains("inventory-rakuten-").contains(".csv");
        String text = new String(file.body(), MarketplaceApi.SHIFT_JIS);
        assertThat(file.body()).isNotEqualTo(text.getBytes(StandardCharsets.UTF_8));
        List<List<String>> rows = MarketplaceApi.parse(text, ',');
        assertThat(rows.get(0)).containsExactly("コントロールカラム", "商品管理番号（商品URL）", "在庫数");
        Map<String, List<String>> skus = bySku(rows, 1);
        String lower = inStock.toLowerCase(java.util.Locale.ROOT);
        assertThat(skus.get(lower)).containsExactly("u", lower, String.valueOf(api.ats(inStock, shop.marketplace())));
        assertThat(api.ats(inStock, shop.marketplace())).isEqualTo(5);
        assertThat(skus.get(discontinued.toLowerCase(java.util.Locale.ROOT)).get(2)).isEqualTo("0");
        assertThat(skus.get(empty.toLowerCase(java.util.Locale.ROOT)).get(2)).isEqualTo("0");
    }

    @Test
    void yahooIsShiftJisAndAChannelNamedForItsMarketplaceNeedsNoFormat() {
        String yahoo = MarketplaceApi.unique("YAHOO");
        api.channel(yahoo, "MARKETPLACE", shop.warehouse());

        MarketplaceApi.Download file = api.download("/api/channels/" + yahoo + "/files/inventory");

        assertThat(file.status()).isEqualTo(200);
        assertThat(file.contentType()).startsWith("text/csv").containsIgnoringCase("charset=Shift_JIS");
        assertThat(file.disposition()).contains("inventory-yahoo-" + yahoo);
        List<List<String>> rows = MarketplaceApi.parse(new String(file.body(), MarketplaceApi.SHIFT_JIS), ',');
        assertThat(rows.get(0)).containsExactly("code", "sub-code", "quantity");
        Map<String, List<String>> skus = bySku(rows, 0);
        assertThat(skus.get(inStock)).containsExactly(inStock, "", "2");
        assertThat(api.ats(inStock, yahoo)).isEqualTo(2);
        assertThat(skus.get(discontinued)).containsExactly(discontinued, "", "0");
    }

    @Test
    void aChannelThatNamesNoMarketplaceNeedsAFormatAndAnUnknownOneIsRefused() {
        MarketplaceApi.Response noFormat = api.get("/api/channels/" + shop.marketplace() + "/files/inventory");
        assertThat(noFormat.status()).isEqualTo(400);
        assertThat(noFormat.type()).endsWith("marketplace-format-required");

        MarketplaceApi.Response unknown = api.get("/api/channels/" + shop.marketplace() + "/files/inventory?format=EBAY");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.type()).endsWith("unknown-marketplace-format");

        assertThat(api.get("/api/channels/NO-SUCH-CHANNEL-X/files/inventory?format=AMAZON").status()).isEqualTo(404);
    }
}

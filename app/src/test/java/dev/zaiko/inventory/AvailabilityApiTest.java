package dev.zaiko.inventory;

import static dev.zaiko.inventory.InventoryApi.channel;
import static dev.zaiko.inventory.InventoryApi.inbound;
import static dev.zaiko.inventory.InventoryApi.product;
import static dev.zaiko.inventory.InventoryApi.reservation;
import static dev.zaiko.inventory.InventoryApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /api/availability/{sku}?channel=: ATS, display level and the text a shopper reads. */
class AvailabilityApiTest extends InventoryApiTestBase {

    InventoryApi.Shop shop;
    /** An online channel that sells from the warehouse only: no shared-with-store note. */
    String warehouseOnly;

    @BeforeEach
    void setUp() {
        shop = api.shop();
        warehouseOnly = unique("WEBWH");
        api.ok(api.post("/api/channels", channel(warehouseOnly, "OWN", true, shop.warehouse())));
    }

    private JsonNode availability(String sku, String channel, String acceptLanguage) {
        String path = "/api/availability/" + sku + "?channel=" + channel;
        return api.ok(acceptLanguage == null ? api.get(path) : api.get(path, acceptLanguage));
    }

    @Test
    void inStockThenLowAtTheThresholdThenOutOfStock() {
        String sku = api.newProduct(product(unique("LEVEL")).put("lowStockThreshold", 2));
        api.sellable(sku, shop.warehouse(), 3);

        JsonNode inStock = availability(sku, warehouseOnly, null);
        assertThat(inStock.path("sku").asString()).isEqualTo(sku);
        assertThat(inStock.path("channel").asString()).isEqualTo(warehouseOnly);
        assertThat(inStock.path("ats").intValue()).isEqualTo(3);
        assertThat(inStock.path("level").asString()).isEqualTo("IN_STOCK");
        assertThat(inStock.path("displayText").asString()).isEqualTo("在庫あり");
        assertThat(inStock.path("sharedWithStore").booleanValue()).isFalse();
        assertThat(availability(sku, warehouseOnly, "en").path("displayText").asString()).isEqualTo("In stock");

        api.ok(api.post("/api/reservations", reservation(warehouseOnly, sku, 1, "O-1")));
        JsonNode low = availability(sku, warehouseOnly, null);
        assertThat(low.path("ats").intValue()).isEqualTo(2);
        assertThat(low.path("level").asString()).as("LOW at the threshold").isEqualTo("LOW");
        assertThat(low.path("displayText").asString()).isEqualTo("残りわずか（残り2点）");
        assertThat(availability(sku, warehouseOnly, "en").path("displayText").asString()).isEqualTo("Only 2 left");

        api.ok(api.post("/api/reservations", reservation(warehouseOnly, sku, 1, "O-2")));
        JsonNode lower = availability(sku, warehouseOnly, "en");
        assertThat(lower.path("level").asString()).isEqualTo("LOW");
        assertThat(lower.path("displayText").asString()).isEqualTo("Only 1 left");

        api.ok(api.post("/api/reservations", reservation(warehouseOnly, sku, 1, "O-3")));
        JsonNode out = availability(sku, warehouseOnly, null);
        assertThat(out.path("ats").intValue()).isZero();
        assertThat(out.path("level").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(out.path("displayText").asString()).isEqualTo("在庫切れ");
        assertThat(out.path("expectedOn").isNull()).isTrue();
        assertThat(availability(sku, warehouseOnly, "en").path("displayText").asString()).isEqualTo("Out of stock");
    }

    @Test
    void theThresholdIsTheProducts() {
        String sku = api.newProduct(product(unique("THRESH")).put("lowStockThreshold", 5));
        api.sellable(sku, shop.warehouse(), 6);
        assertThat(availability(sku, warehouseOnly, null).path("level").asString()).isEqualTo("IN_STOCK");

        api.ok(api.post("/api/reservations", reservation(warehouseOnly, sku, 1, "O-1")));

        JsonNode low = availability(sku, warehouseOnly, "en");
        assertThat(low.path("ats").intValue()).isEqualTo(5);
        assertThat(low.path("level").asString()).isEqualTo("LOW");
        assertThat(low.path("displayText").asString()).isEqualTo("Only 5 left");
    }

    @Test
    void displayTextFollowsAcceptLanguageAndDefaultsToJapanese() {
        String sku = api.newProduct("LANG");
        api.sellable(sku, shop.warehouse(), 10);

        assertThat(availability(sku, warehouseOnly, null).path("displayText").asString()).isEqualTo("在庫あり");
        assertThat(availability(sku, warehouseOnly, "ja").path("displayText").asString()).isEqualTo("在庫あり");
        assertThat(availability(sku, warehouseOnly, "fr-FR").path("displayText").asString()).isEqualTo("在庫あり");
        assertThat(availability(sku, warehouseOnly, "en").path("displayText").asString()).isEqualTo("In stock");
        assertThat(availability(sku, warehouseOnly, "en-US,en;q=0.9").path("displayText").asString())
                .isEqualTo("In stock");
        // the level and count do not depend on the language
        JsonNode ja = availability(sku, warehouseOnly, "ja");
        JsonNode en = availability(sku, warehouseOnly, "en");
        assertThat(en.path("level")).isEqualTo(ja.path("level"));
        assertThat(en.path("ats")).isEqualTo(ja.path("ats"));
    }

    @Test
    void backorderOnlyForABackorderableProductWithAnInboundIntoThePool() {
        String sku = api.newProduct(product(unique("BACK")).put("backorderable", true));
        LocalDate expected = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(20);

        assertThat(availability(sku, warehouseOnly, null).path("level").asString())
                .as("no inbound yet").isEqualTo("OUT_OF_STOCK");

        api.ok(api.post("/api/inbounds", inbound(sku, shop.warehouse(), 10, expected.toString())));

        JsonNode ja = availability(sku, warehouseOnly, null);
        assertThat(ja.path("ats").intValue()).isZero();
        assertThat(ja.path("level").asString()).isEqualTo("BACKORDER");
        assertThat(ja.path("expectedOn").asString()).isEqualTo(expected.toString());
        assertThat(ja.path("displayText").asString()).startsWith("入荷待ち")
                .contains(expected.getMonthValue() + "月" + expected.getDayOfMonth() + "日");
        JsonNode en = availability(sku, warehouseOnly, "en");
        assertThat(en.path("level").asString()).isEqualTo("BACKORDER");
        assertThat(en.path("displayText").asString()).startsWith("On backorder")
                .contains(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK).format(expected));
        // the marketplace sells off the store shelf: a warehouse inbound promises it nothing
        assertThat(availability(sku, shop.marketplace(), null).path("level").asString()).isEqualTo("OUT_OF_STOCK");

        // with stock on hand the product is simply in stock again
        api.sellable(sku, shop.warehouse(), 10);
        assertThat(availability(sku, warehouseOnly, null).path("level").asString()).isEqualTo("IN_STOCK");
        assertThat(availability(sku, warehouseOnly, null).path("expectedOn").isNull()).isTrue();
    }

    @Test
    void theEarliestInboundDatesTheBackorder() {
        String sku = api.newProduct(product(unique("BACK")).put("backorderable", true));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        api.ok(api.post("/api/inbounds", inbound(sku, shop.warehouse(), 10, today.plusDays(40).toString())));
        api.ok(api.post("/api/inbounds", inbound(sku, shop.warehouse(), 10, today.plusDays(9).toString())));

        assertThat(availability(sku, warehouseOnly, null).path("expectedOn").asString())
                .isEqualTo(today.plusDays(9).toString());
    }

    @Test
    void aProductThatIsNotBackorderableIsOutOfStockDespiteAnInbound() {
        String sku = api.newProduct("NOBACK");
        api.ok(api.post("/api/inbounds", inbound(sku, shop.warehouse(), 10,
                LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(5).toString())));

        JsonNode availability = availability(sku, warehouseOnly, null);

        assertThat(availability.path("level").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(availability.path("expectedOn").isNull()).isTrue();
        assertThat(availability.path("displayText").asString()).isEqualTo("在庫切れ");
    }

    @Test
    void anOnlineChannelSellingOffAStoreShelfSaysTheCountIsShared() {
        String sku = api.newProduct(product(unique("SHARED")).put("lowStockThreshold", 1));
        api.sellable(sku, shop.store(), 2);

        JsonNode web = availability(sku, shop.web(), null);
        assertThat(web.path("sharedWithStore").booleanValue()).isTrue();
        assertThat(web.path("level").asString()).isEqualTo("IN_STOCK");
        assertThat(web.path("displayText").asString()).startsWith("在庫あり").contains("実店舗と在庫を共有");
        JsonNode en = availability(sku, shop.web(), "en");
        assertThat(en.path("displayText").asString()).startsWith("In stock").contains("Shared with our store");
        JsonNode marketplace = availability(sku, shop.marketplace(), "en");
        assertThat(marketplace.path("sharedWithStore").booleanValue()).isTrue();
        assertThat(marketplace.path("displayText").asString()).contains("Shared with our store");
        // the till is in the store: no note there
        JsonNode till = availability(sku, shop.till(), "en");
        assertThat(till.path("sharedWithStore").booleanValue()).isFalse();
        assertThat(till.path("displayText").asString()).isEqualTo("In stock");

        api.ok(api.post("/api/reservations", reservation(shop.web(), sku, 1, "O-1")));
        JsonNode low = availability(sku, shop.web(), "en");
        assertThat(low.path("level").asString()).isEqualTo("LOW");
        assertThat(low.path("displayText").asString()).startsWith("Only 1 left").contains("Shared with our store");

        api.ok(api.post("/api/reservations", reservation(shop.web(), sku, 1, "O-2")));
        JsonNode out = availability(sku, shop.web(), "en");
        assertThat(out.path("level").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(out.path("sharedWithStore").booleanValue()).isTrue();
        assertThat(out.path("displayText").asString()).as("no note when there is nothing to share")
                .isEqualTo("Out of stock");
    }

    @Test
    void availabilityAgreesWithTheStockView() {
        String sku = api.newProduct("AGREE");
        api.sellable(sku, shop.warehouse(), 4);
        api.sellable(sku, shop.store(), 2);

        for (String channel : new String[] {shop.web(), shop.marketplace(), shop.till(), warehouseOnly}) {
            assertThat(api.atsOf(sku, channel)).as(channel).isEqualTo(api.ats(sku, channel));
        }
        assertThat(api.atsOf(sku, shop.web())).isEqualTo(6);
        assertThat(api.atsOf(sku, shop.till())).isEqualTo(2);
    }
}

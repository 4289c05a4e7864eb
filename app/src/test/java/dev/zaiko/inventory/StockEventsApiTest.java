package dev.zaiko.inventory;

import static dev.zaiko.inventory.InventoryApi.tillSale;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.zaiko.support.SourceEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Till sales and counts are announced once each, in their own transaction, for demand and count accuracy in insight. */
class StockEventsApiTest extends InventoryApiTestBase {

    @Autowired
    SourceEvents events;

    InventoryApi.Shop shop;

    @BeforeEach
    void setUp() {
        shop = api.shop();
    }

    private ObjectNode count(String sku, String location, int counted, String reason) {
        return dev.zaiko.support.ShopApi.JSON.createObjectNode().put("sku", sku).put("location", location).put("countedSellable", counted)
                .put("reason", reason);
    }

    @Test
    void aTillSaleIsPublishedOnceNamingItsLedgerMovementAndWhenItWasSold() {
        String sku = api.newProduct("SOLD");
        api.sellable(sku, shop.store(), 5);
        Instant soldAt = Instant.now().minus(Duration.ofHours(20)).truncatedTo(ChronoUnit.SECONDS);

        api.ok(api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 2).put("reference", "R-7")
                .put("soldAt", soldAt.toString())));
        Instant before = Instant.now().minusSeconds(1);
        api.ok(api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 1)));

        var heard = events.heard(TillSold.class, e -> e.sku().equals(sku));
        assertThat(heard).hasSize(2).allMatch(SourceEvents.Heard::inTransaction);
        TillSold late = (TillSold) heard.get(0).event();
        TillSold now = (TillSold) heard.get(1).event();
        JsonNode movements = api.movements(sku);
        assertThat(late).isEqualTo(new TillSold(sku, shop.store(), 2, "R-7", movementId(movements, "R-7"), soldAt));
        assertThat(now.quantity()).isEqualTo(1);
        assertThat(now.reference()).isNull();
        assertThat(now.soldAt()).isAfter(before);
        assertThat(now.movementId()).isNotEqualTo(late.movementId())
                .isEqualTo(jdbc.queryForObject("select max(id) from inventory_movement where sku = ? and kind = "
                        + "'TILL_SALE'", Long.class, sku));
    }

    private static long movementId(JsonNode movements, String reference) {
        for (JsonNode m : movements) {
            if (reference.equals(m.path("reference").asString(null))) return m.path("id").longValue();
        }
        throw new AssertionError("no movement " + reference + " in " + movements);
    }

    @Test
    void aRefusedTillSaleIsNotPublished() {
        String sku = api.newProduct("NOSALE");
        api.sellable(sku, shop.store(), 1);

        assertThat(api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 2)).status()).isEqualTo(409);

        assertThat(events.of(TillSold.class, e -> e.sku().equals(sku))).isEmpty();
    }

    @Test
    void everyCountIsPublishedWithWhatTheSystemHeldAndWhatWasCountedAlsoWhenTheyAgree() {
        String sku = api.newProduct("COUNTED");
        api.sellable(sku, shop.warehouse(), 6);

        api.ok(api.post("/api/stock/adjustments", count(sku, shop.warehouse(), 4, "cycle count")));
        api.ok(api.post("/api/stock/adjustments", count(sku, shop.warehouse(), 4, "weekly count")));
        api.ok(api.post("/api/stock/adjustments", count(sku, shop.warehouse(), 9, "found a box")));

        var heard = events.heard(StockCounted.class, e -> e.sku().equals(sku));
        assertThat(heard).allMatch(SourceEvents.Heard::inTransaction);
        assertThat(heard.stream().map(h -> (StockCounted) h.event())
                .map(e -> e.location() + " " + e.expected() + "->" + e.counted() + " " + e.difference() + " " + e.reason()))
                .containsExactly(
                        shop.warehouse() + " 6->4 -2 cycle count",
                        shop.warehouse() + " 4->4 0 weekly count",
                        shop.warehouse() + " 4->9 5 found a box");
        assertThat(heard).map(h -> ((StockCounted) h.event()).at()).isSorted().doesNotContainNull();
    }
}

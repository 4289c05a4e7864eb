package dev.zaiko.inventory;

import static dev.zaiko.inventory.InventoryApi.reservation;
import static dev.zaiko.inventory.InventoryApi.tillSale;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /api/stock/pos-sales: free units sell at once; reserved ones only when forced. */
class TillSaleApiTest extends InventoryApiTestBase {

    InventoryApi.Shop shop;

    @BeforeEach
    void setUp() {
        shop = api.shop();
    }

    @Test
    void aTillSaleOfFreeUnitsTakesThemAtOnce() {
        String sku = api.newProduct("TILL");
        api.sellable(sku, shop.store(), 3);

        JsonNode sale = api.ok(api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 2).put("reference", "R-1")));

        assertThat(sale.path("level").path("sellable").intValue()).isEqualTo(1);
        assertThat(sale.path("displacements").size()).isZero();
        assertThat(api.level(sku, shop.store()).path("sellable").intValue()).isEqualTo(1);
        assertThat(api.ats(sku, shop.till())).isEqualTo(1);
        assertThat(api.ats(sku, shop.marketplace())).isEqualTo(1);
        JsonNode movement = api.movements(sku).get(0);
        assertThat(movement.path("kind").asString()).isEqualTo("TILL_SALE");
        assertThat(movement.path("from").asString()).isEqualTo("SELLABLE");
        assertThat(movement.path("to").isNull()).isTrue();
        assertThat(movement.path("quantity").intValue()).isEqualTo(2);
        assertThat(movement.path("reference").asString()).isEqualTo("R-1");
        api.assertConsistent(sku);
    }

    @Test
    void aSaleEnteredLaterIsDatedWhenItWasSoldWithinLimits() {
        String sku = api.newProduct("LATE");
        api.sellable(sku, shop.store(), 3);
        java.time.Instant soldAt = java.time.Instant.now().minus(java.time.Duration.ofDays(3))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        api.ok(api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 1).put("soldAt", soldAt.toString())));

        JsonNode movement = api.movements(sku).get(0);
        assertThat(movement.path("kind").asString()).isEqualTo("TILL_SALE");
        assertThat(java.time.Instant.parse(movement.path("occurredAt").asString())).isEqualTo(soldAt);
        assertThat(java.time.Instant.parse(movement.path("recordedAt").asString())).isAfter(soldAt.plusSeconds(3600));

        InventoryApi.Response future = api.rejected(400, "sold-at-out-of-range", () -> api.post("/api/stock/pos-sales",
                tillSale(sku, shop.store(), 1).put("soldAt", java.time.Instant.now().plus(java.time.Duration.ofDays(1))
                        .toString())));
        assertThat(future.detail()).contains("future");
        api.rejected(400, "sold-at-out-of-range", () -> api.post("/api/stock/pos-sales",
                tillSale(sku, shop.store(), 1).put("soldAt", java.time.Instant.now().minus(java.time.Duration.ofDays(32))
                        .toString())));
        assertThat(api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 1).put("soldAt", "yesterday")).status())
                .isEqualTo(400);
        assertThat(api.level(sku, shop.store()).path("sellable").intValue()).as("refused sales change nothing")
                .isEqualTo(2);
        api.assertConsistent(sku);
    }

    @Test
    void aSaleNeedingAReservedUnitIsRefusedNamingTheHolderAndForcedItMovesTheReservation() {
        String sku = api.newProduct("MOVE");
        api.sellable(sku, shop.store(), 1);
        // the web shop's pool is warehouse first, but the warehouse is empty: the store's unit is taken
        JsonNode reserved = api.ok(api.post("/api/reservations", reservation(shop.web(), sku, 1, "WEB-ORDER-77")));
        String id = reserved.path("id").asString();
        assertThat(reserved.path("parts").get(0).path("location").asString()).isEqualTo(shop.store());
        api.sellable(sku, shop.warehouse(), 1);

        InventoryApi.Response refused = api.rejected(409, "reserved-stock",
                () -> api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 1)));

        assertThat(refused.detail()).contains("WEB-ORDER-77");
        JsonNode heldBy = refused.json().path("heldBy").get(0);
        assertThat(heldBy.path("reservationId").asString()).isEqualTo(id);
        assertThat(heldBy.path("holder").asString()).isEqualTo("WEB-ORDER-77");
        assertThat(heldBy.path("channel").asString()).isEqualTo(shop.web());
        assertThat(refused.json().path("available").intValue()).isZero();

        JsonNode forced = api.ok(api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 1).put("force", true)));

        assertThat(forced.path("level").path("sellable").intValue()).isZero();
        assertThat(forced.path("level").path("reserved").intValue()).isZero();
        JsonNode moved = forced.path("displacements").get(0);
        assertThat(forced.path("displacements").size()).isEqualTo(1);
        assertThat(moved.path("reservationId").asString()).isEqualTo(id);
        assertThat(moved.path("holder").asString()).isEqualTo("WEB-ORDER-77");
        assertThat(moved.path("location").asString()).isEqualTo(shop.store());
        assertThat(moved.path("movedTo").asString()).isEqualTo(shop.warehouse());
        JsonNode part = api.ok(api.get("/api/reservations/" + id)).path("parts").get(0);
        assertThat(part.path("location").asString()).isEqualTo(shop.warehouse());
        assertThat(part.path("status").asString()).isEqualTo("OPEN");
        assertThat(api.level(sku, shop.warehouse()).path("reserved").intValue()).isEqualTo(1);
        assertThat(api.level(sku, shop.warehouse()).path("sellable").intValue()).isZero();
        assertThat(api.ok(api.get("/api/reservations?status=DISPLACED&sku=" + sku)).size()).isZero();
        // the moved reservation still ships
        api.ok(api.post("/api/reservations/" + id + "/commit"));
        assertThat(api.level(sku, shop.warehouse()).path("reserved").intValue()).isZero();
        api.assertConsistent(sku);
    }

    @Test
    void aForcedSaleWithNowhereToMoveTheReservationDisplacesIt() {
        String sku = api.newProduct("DISPLACE");
        api.sellable(sku, shop.store(), 2);
        String older = api.ok(api.post("/api/reservations", reservation(shop.marketplace(), sku, 1, "AMZ-1")))
                .path("id").asString();
        String newer = api.ok(api.post("/api/reservations", reservation(shop.marketplace(), sku, 1, "AMZ-2")))
                .path("id").asString();

        InventoryApi.Response refused = api.rejected(409, "reserved-stock",
                () -> api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 1)));
        assertThat(refused.detail()).as("names the order the sale would take from: the newest")
                .contains("AMZ-2").doesNotContain("AMZ-1");

        JsonNode forced = api.ok(api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 1).put("force", true)));

        JsonNode displacement = forced.path("displacements").get(0);
        assertThat(forced.path("displacements").size()).isEqualTo(1);
        assertThat(displacement.path("reservationId").asString()).as("the newest order loses its unit").isEqualTo(newer);
        assertThat(displacement.path("holder").asString()).isEqualTo("AMZ-2");
        assertThat(displacement.path("quantity").intValue()).isEqualTo(1);
        assertThat(displacement.path("movedTo").isNull()).isTrue();
        assertThat(forced.path("level").path("reserved").intValue()).isEqualTo(1);
        JsonNode listed = api.ok(api.get("/api/reservations?status=DISPLACED&sku=" + sku));
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).path("id").asString()).isEqualTo(newer);
        assertThat(listed.get(0).path("holder").asString()).isEqualTo("AMZ-2");
        assertThat(listed.get(0).path("parts").get(0).path("status").asString()).isEqualTo("DISPLACED");
        assertThat(api.ok(api.get("/api/reservations?status=DISPLACED")).findValuesAsString("id")).contains(newer);
        assertThat(api.ok(api.get("/api/reservations/" + newer)).path("parts").get(0).path("status").asString())
                .isEqualTo("DISPLACED");
        assertThat(api.ok(api.get("/api/reservations/" + older)).path("parts").get(0).path("status").asString())
                .isEqualTo("OPEN");
        // a displaced reservation can no longer be released or shipped
        api.rejected(409, "reservation-closed", () -> api.post("/api/reservations/" + newer + "/release"));
        api.rejected(409, "reservation-closed", () -> api.post("/api/reservations/" + newer + "/commit"));
        JsonNode sold = api.movements(sku).get(0);
        assertThat(sold.path("kind").asString()).isEqualTo("TILL_SALE");
        assertThat(sold.path("from").asString()).isEqualTo("RESERVED");
        api.assertConsistent(sku);
    }

    @Test
    void aForcedSaleTakesFreeUnitsFirstAndOnlyThenReservedOnes() {
        String sku = api.newProduct("MIXED");
        api.sellable(sku, shop.store(), 3);
        String id = api.ok(api.post("/api/reservations", reservation(shop.marketplace(), sku, 2, "AMZ-9")))
                .path("id").asString();

        JsonNode forced = api.ok(api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 2).put("force", true)));

        assertThat(forced.path("level").path("sellable").intValue()).isZero();
        assertThat(forced.path("level").path("reserved").intValue()).isEqualTo(1);
        assertThat(forced.path("displacements").get(0).path("quantity").intValue()).isEqualTo(1);
        JsonNode parts = api.ok(api.get("/api/reservations/" + id)).path("parts");
        assertThat(parts.size()).isEqualTo(2);
        assertThat(parts.get(0).path("status").asString()).isEqualTo("OPEN");
        assertThat(parts.get(0).path("quantity").intValue()).isEqualTo(1);
        assertThat(parts.get(1).path("status").asString()).isEqualTo("DISPLACED");
        assertThat(parts.get(1).path("quantity").intValue()).isEqualTo(1);
        assertThat(api.ok(api.get("/api/reservations?status=DISPLACED&sku=" + sku)).findValuesAsString("id"))
                .containsExactly(id);
        api.assertConsistent(sku);
    }

    @Test
    void forceDoesNotSellUnitsThatAreNotThere() {
        String sku = api.newProduct("EMPTY");
        api.sellable(sku, shop.store(), 1);
        api.ok(api.post("/api/reservations", reservation(shop.marketplace(), sku, 1, "AMZ-5")));

        InventoryApi.Response response = api.rejected(409, "insufficient-stock",
                () -> api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 2).put("force", true)));

        assertThat(response.json().path("sellable").intValue()).isEqualTo(1);
        api.rejected(409, "insufficient-stock",
                () -> api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 2)));
    }
}

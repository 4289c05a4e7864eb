package dev.zaiko.inventory;

import static dev.zaiko.inventory.InventoryApi.reservation;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST/GET /api/reservations, release and commit. Refusals are in InventoryErrorsApiTest too. */
class ReservationApiTest extends InventoryApiTestBase {

    InventoryApi.Shop shop;

    @BeforeEach
    void setUp() {
        shop = api.shop();
    }

    @Test
    void reservesAndReadsTheReservationBack() {
        String sku = api.newProduct("RES");
        api.sellable(sku, shop.warehouse(), 5);

        InventoryApi.Response created = api.post("/api/reservations",
                reservation(shop.web(), sku, 2, "ORDER-1001/1").put("segment", "GOLD"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        String id = body.path("id").asString();
        assertThat(created.location()).endsWith("/api/reservations/" + id);
        assertThat(body.path("sku").asString()).isEqualTo(sku);
        assertThat(body.path("channel").asString()).isEqualTo(shop.web());
        assertThat(body.path("holder").asString()).isEqualTo("ORDER-1001/1");
        assertThat(body.path("segment").asString()).isEqualTo("GOLD");
        assertThat(body.path("createdAt").asString()).isNotBlank();
        assertThat(body.path("parts").size()).isEqualTo(1);
        JsonNode part = body.path("parts").get(0);
        assertThat(part.path("location").asString()).isEqualTo(shop.warehouse());
        assertThat(part.path("quantity").intValue()).isEqualTo(2);
        assertThat(part.path("status").asString()).isEqualTo("OPEN");
        assertThat(api.ok(api.get("/api/reservations/" + id))).isEqualTo(body);
        assertThat(api.ats(sku, shop.web())).isEqualTo(3);
        JsonNode move = api.movements(sku).get(0);
        assertThat(move.path("kind").asString()).isEqualTo("RESERVE");
        assertThat(move.path("from").asString()).isEqualTo("SELLABLE");
        assertThat(move.path("to").asString()).isEqualTo("RESERVED");
        assertThat(move.path("quantity").intValue()).isEqualTo(2);
    }

    @Test
    void aBlankSegmentAndNoHolderAreStoredAsNone() {
        String sku = api.newProduct("RES");
        api.sellable(sku, shop.warehouse(), 1);

        JsonNode body = api.ok(api.post("/api/reservations", reservation(shop.web(), sku, 1, null).put("segment", " ")));

        assertThat(body.path("segment").isNull()).isTrue();
        assertThat(body.path("holder").isNull()).isTrue();
    }

    @Test
    void aReservationPrefersOneLocationThatCoversItAll() {
        String sku = api.newProduct("WHOLE");
        api.sellable(sku, shop.warehouse(), 1);
        api.sellable(sku, shop.store(), 3);

        JsonNode body = api.ok(api.post("/api/reservations", reservation(shop.web(), sku, 2, "O-1")));

        assertThat(body.path("parts").size()).isEqualTo(1);
        assertThat(body.path("parts").get(0).path("location").asString()).isEqualTo(shop.store());
        assertThat(api.level(sku, shop.store()).path("reserved").intValue()).isEqualTo(2);
        assertThat(api.level(sku, shop.warehouse()).path("reserved").intValue()).isZero();
    }

    @Test
    void aReservationNoOneLocationCoversIsSplitWarehouseFirst() {
        String sku = api.newProduct("SPLIT");
        api.sellable(sku, shop.warehouse(), 2);
        api.sellable(sku, shop.store(), 2);

        JsonNode body = api.ok(api.post("/api/reservations", reservation(shop.web(), sku, 3, "O-1")));

        JsonNode parts = body.path("parts");
        assertThat(parts.size()).isEqualTo(2);
        assertThat(parts.get(0).path("location").asString()).isEqualTo(shop.warehouse());
        assertThat(parts.get(0).path("quantity").intValue()).isEqualTo(2);
        assertThat(parts.get(1).path("location").asString()).isEqualTo(shop.store());
        assertThat(parts.get(1).path("quantity").intValue()).isEqualTo(1);
        assertThat(api.ats(sku, shop.web())).isEqualTo(1);

        // releasing returns every part
        JsonNode released = api.ok(api.post("/api/reservations/" + body.path("id").asString() + "/release"));
        assertThat(released.path("parts").findValuesAsString("status")).containsExactly("RELEASED", "RELEASED");
        assertThat(api.ats(sku, shop.web())).isEqualTo(4);
        api.assertConsistent(sku);
    }

    @Test
    void moreThanTheChannelMayTakeIsAConflictSayingHowManyAreLeft() {
        String sku = api.newProduct("SHORT");
        api.sellable(sku, shop.warehouse(), 2);
        api.sellable(sku, shop.store(), 1);

        InventoryApi.Response web = api.rejected(409, "insufficient-stock",
                () -> api.post("/api/reservations", reservation(shop.web(), sku, 4, "O-1")));
        assertThat(web.json().path("available").intValue()).isEqualTo(3);
        assertThat(web.json().path("sku").asString()).isEqualTo(sku);
        assertThat(web.json().path("channel").asString()).isEqualTo(shop.web());
        assertThat(web.detail()).contains(sku).contains("only 3 available");

        InventoryApi.Response marketplace = api.rejected(409, "insufficient-stock",
                () -> api.post("/api/reservations", reservation(shop.marketplace(), sku, 2, "O-2")));
        assertThat(marketplace.json().path("available").intValue()).isEqualTo(1);

        // exactly what is left can be taken, and then nothing more
        api.ok(api.post("/api/reservations", reservation(shop.web(), sku, 3, "O-3")));
        InventoryApi.Response none = api.rejected(409, "insufficient-stock",
                () -> api.post("/api/reservations", reservation(shop.web(), sku, 1, "O-4")));
        assertThat(none.json().path("available").intValue()).isZero();
    }

    @Test
    void theDisplacedListIsEmptyForASkuWithNoneAndFiltersBySku() {
        String sku = api.newProduct("CALM");
        api.sellable(sku, shop.store(), 1);
        api.ok(api.post("/api/reservations", reservation(shop.marketplace(), sku, 1, "O-1")));

        JsonNode list = api.ok(api.get("/api/reservations?status=DISPLACED&sku=" + sku));

        assertThat(list.isArray()).isTrue();
        assertThat(list.size()).isZero();
        api.ok(api.get("/api/reservations?status=DISPLACED")).forEach(r ->
                assertThat(r.path("parts").findValuesAsString("status")).contains("DISPLACED"));
    }
}

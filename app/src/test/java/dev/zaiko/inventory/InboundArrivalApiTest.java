package dev.zaiko.inventory;

import static dev.zaiko.inventory.InventoryApi.inbound;
import static dev.zaiko.inventory.InventoryApi.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /api/inbounds/{id}/arrivals and /cancel. */
class InboundArrivalApiTest extends InventoryApiTestBase {

    private final LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));

    private long expect(String sku, String location, int quantity) {
        return api.ok(api.post("/api/inbounds", inbound(sku, location, quantity, today.plusDays(3).toString())))
                .path("id").longValue();
    }

    @Test
    void aShortArrivalIsReceivedForInspectionAndKeepsWhatWasExpected() {
        InventoryApi.Shop shop = api.shop();
        String sku = api.newProduct("ARR");
        long id = expect(sku, shop.warehouse(), 10);

        JsonNode arrived = api.ok(api.post("/api/inbounds/" + id + "/arrivals", object().put("quantity", 7)));

        assertThat(arrived.path("status").asString()).isEqualTo("ARRIVED");
        assertThat(arrived.path("quantity").intValue()).isEqualTo(10);
        assertThat(arrived.path("arrivedQuantity").intValue()).isEqualTo(7);
        assertThat(arrived.path("shortBy").intValue()).isEqualTo(3);
        assertThat(api.ok(api.get("/api/inbounds/" + id))).isEqualTo(arrived);
        JsonNode level = api.level(sku, shop.warehouse());
        assertThat(level.path("inspecting").intValue()).isEqualTo(7);
        assertThat(level.path("sellable").intValue()).isZero();
        assertThat(api.movements(sku).get(0).path("kind").asString()).isEqualTo("RECEIPT");
        assertThat(api.movements(sku).get(0).path("reference").asString()).isEqualTo("inbound:" + id);
        api.assertConsistent(sku);

        // arrived once: neither a second arrival nor a cancellation
        api.rejected(409, "inbound-not-expected",
                () -> api.post("/api/inbounds/" + id + "/arrivals", object().put("quantity", 3)));
        api.rejected(409, "inbound-not-expected", () -> api.post("/api/inbounds/" + id + "/cancel"));
    }

    @Test
    void aCancelledInboundIsNoLongerPromisedAndCannotArrive() {
        InventoryApi.Shop shop = api.shop();
        String sku = api.newProduct("CANC");
        long id = expect(sku, shop.store(), 4);

        JsonNode cancelled = api.ok(api.post("/api/inbounds/" + id + "/cancel"));

        assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("arrivedQuantity").isNull()).isTrue();
        assertThat(api.movements(sku).size()).isZero();
        api.rejected(409, "inbound-not-expected", () -> api.post("/api/inbounds/" + id + "/cancel"));
        api.rejected(409, "inbound-not-expected",
                () -> api.post("/api/inbounds/" + id + "/arrivals", object().put("quantity", 4)));
    }

    @Test
    void badArrivalsAreRefusedAndChangeNothing() {
        InventoryApi.Shop shop = api.shop();
        String sku = api.newProduct("ARRBAD");
        long id = expect(sku, shop.warehouse(), 2);

        api.rejected(404, null, () -> api.post("/api/inbounds/999999999/arrivals", object().put("quantity", 1)));
        api.rejected(404, null, () -> api.post("/api/inbounds/999999999/cancel"));
        api.rejected(400, null, () -> api.post("/api/inbounds/" + id + "/arrivals", object().put("quantity", 0)));
        api.rejected(400, null, () -> api.post("/api/inbounds/" + id + "/arrivals", object()));
        api.rejected(400, null, () -> api.post("/api/inbounds/" + id + "/arrivals", object().put("quantity", "2")));
        assertThat(api.ok(api.get("/api/inbounds/" + id)).path("status").asString()).isEqualTo("EXPECTED");
    }
}

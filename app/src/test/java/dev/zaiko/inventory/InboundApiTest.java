package dev.zaiko.inventory;

import static dev.zaiko.inventory.InventoryApi.inbound;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST/GET /api/inbounds. Refusals are in InventoryErrorsApiTest. */
class InboundApiTest extends InventoryApiTestBase {

    @Test
    void recordsExpectedInboundsAndListsThemByDate() {
        InventoryApi.Shop shop = api.shop();
        String sku = api.newProduct("INB");
        String other = api.newProduct("INB");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));

        InventoryApi.Response later = api.post("/api/inbounds",
                inbound(sku, shop.warehouse(), 20, today.plusDays(30).toString()).put("reference", "PO-300"));
        InventoryApi.Response sooner = api.post("/api/inbounds", inbound(sku, shop.store(), 5, today.toString()));
        api.ok(api.post("/api/inbounds", inbound(other, shop.store(), 1, today.plusDays(1).toString())));

        assertThat(later.status()).isEqualTo(201);
        assertThat(sooner.status()).isEqualTo(201);
        JsonNode first = later.json();
        assertThat(first.path("id").isIntegralNumber()).isTrue();
        assertThat(later.location()).endsWith("/api/inbounds/" + first.path("id").asString());
        assertThat(first.path("sku").asString()).isEqualTo(sku);
        assertThat(first.path("location").asString()).isEqualTo(shop.warehouse());
        assertThat(first.path("quantity").intValue()).isEqualTo(20);
        assertThat(first.path("expectedOn").asString()).isEqualTo(today.plusDays(30).toString());
        assertThat(first.path("reference").asString()).isEqualTo("PO-300");
        assertThat(first.path("status").asString()).isEqualTo("EXPECTED");

        JsonNode listed = api.ok(api.get("/api/inbounds?sku=" + sku));
        assertThat(listed.size()).isEqualTo(2);
        assertThat(listed.get(0)).isEqualTo(sooner.json());
        assertThat(listed.get(1)).isEqualTo(first);
        assertThat(api.ok(api.get("/api/inbounds")).findValuesAsString("sku")).contains(sku, other);
        // an inbound is a promise, not stock: nothing is received or sellable yet
        assertThat(api.stock(sku).path("locations").size()).isZero();
        assertThat(api.movements(sku).size()).isZero();
    }
}

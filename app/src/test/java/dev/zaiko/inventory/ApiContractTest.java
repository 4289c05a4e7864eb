package dev.zaiko.inventory;

import static dev.zaiko.inventory.InventoryApi.inbound;
import static dev.zaiko.inventory.InventoryApi.receipt;
import static dev.zaiko.inventory.InventoryApi.reservation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What integrators rely on beyond the happy paths: summary fields, links that resolve, strict bodies. */
class ApiContractTest extends InventoryApiTestBase {

    @Test
    void aReservationSaysItsStatusAndQuantityAtTheTop() {
        InventoryApi.Shop shop = api.shop();
        String sku = api.newProduct("CON");
        api.sellable(sku, shop.warehouse(), 1);
        api.sellable(sku, shop.store(), 1);
        JsonNode reserved = api.ok(api.post("/api/reservations", reservation(shop.web(), sku, 2, "order-9")));
        assertThat(reserved.path("status").asString()).isEqualTo("OPEN");
        assertThat(reserved.path("quantity").intValue()).isEqualTo(2);
        String id = reserved.path("id").asString();
        JsonNode released = api.ok(api.post("/api/reservations/" + id + "/release"));
        assertThat(released.path("status").asString()).isEqualTo("RELEASED");
    }

    @Test
    void theLocationOfACreatedInboundResolves() {
        InventoryApi.Shop shop = api.shop();
        String sku = api.newProduct("CON");
        String date = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(3).toString();
        InventoryApi.Response created = api.post("/api/inbounds", inbound(sku, shop.warehouse(), 4, date));
        JsonNode fetched = api.ok(api.get(created.location().replaceFirst("^https?://[^/]+", "")));
        assertThat(fetched.path("quantity").intValue()).isEqualTo(4);
        assertThat(fetched.path("expectedOn").asString()).isEqualTo(date);
        api.rejected(404, "not-found", () -> api.get("/api/inbounds/987654321"));
    }

    @Test
    void aMisspelledFieldIsRefusedRatherThanIgnored() {
        InventoryApi.Shop shop = api.shop();
        String sku = api.newProduct("CON");
        InventoryApi.Response response = api.rejected(400, "unreadable-request",
                () -> api.post("/api/stock/receipts", receipt(sku, shop.warehouse(), 3).put("qty", 5)));
        assertThat(response.detail()).contains("qty");
    }

    @Test
    void springsOwnErrorsCarryAProblemTypeAndNameTheParameter() {
        String sku = api.newProduct("CON");
        InventoryApi.Response missing = api.get("/api/availability/" + sku);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.type()).endsWith("/bad-request");
        assertThat(missing.detail()).contains("channel");
        InventoryApi.Response limit = api.get("/api/stock/" + sku + "/movements?limit=0");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.detail()).startsWith("limit ");
    }

    @Test
    void validationDetailsAreEnglishWhateverTheClientsLanguage() {
        InventoryApi.Shop shop = api.shop();
        String sku = api.newProduct("CON");
        InventoryApi.Response response = api.rejected(400, "invalid-request",
                () -> api.post("/api/stock/receipts", receipt(sku, shop.warehouse(), 0)));
        assertThat(response.detail()).isEqualTo("quantity must be greater than 0");
    }
}

package dev.zaiko.inventory;

import static dev.zaiko.inventory.InventoryApi.product;
import static dev.zaiko.inventory.InventoryApi.protection;
import static dev.zaiko.inventory.InventoryApi.reservation;
import static dev.zaiko.inventory.InventoryApi.tillSale;
import static dev.zaiko.inventory.InventoryApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST/GET/DELETE /api/protections and what each kind withholds from whom; one-of-a-kind items. */
class ProtectionApiTest extends InventoryApiTestBase {

    InventoryApi.Shop shop;

    @BeforeEach
    void setUp() {
        shop = api.shop();
    }

    @Test
    void createsReadsListsAndLiftsAProtection() {
        String sku = api.newProduct("PROT");

        InventoryApi.Response created = api.post("/api/protections",
                protection("STORE_KEEPS", shop.store(), sku, 2, null));

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        long id = body.path("id").longValue();
        assertThat(created.location()).endsWith("/api/protections/" + id);
        assertThat(body.path("kind").asString()).isEqualTo("STORE_KEEPS");
        assertThat(body.path("location").asString()).isEqualTo(shop.store());
        assertThat(body.path("sku").asString()).isEqualTo(sku);
        assertThat(body.path("quantity").intValue()).isEqualTo(2);
        assertThat(body.path("segment").isNull()).isTrue();
        assertThat(api.ok(api.get("/api/protections/" + id))).isEqualTo(body);
        assertThat(api.ok(api.get("/api/protections"))).contains(body);
        assertThat(api.ok(api.get("/api/protections?location=" + shop.store()))).containsExactly(body);
        assertThat(api.ok(api.get("/api/protections?location=" + shop.warehouse())).size()).isZero();
        assertThat(api.ok(api.get("/api/protections?sku=" + sku))).contains(body);

        InventoryApi.Response lifted = api.delete("/api/protections/" + id);

        assertThat(lifted.status()).isEqualTo(204);
        InventoryApi.assertProblem(api.get("/api/protections/" + id), 404, "not-found");
        api.rejected(404, "not-found", () -> api.delete("/api/protections/" + id));
        assertThat(api.ok(api.get("/api/protections?location=" + shop.store())).size()).isZero();
    }

    @Test
    void storeKeepsWithholdsTheLastUnitsFromOnlineChannelsOnly() {
        String sku = api.newProduct("KEEP");
        api.sellable(sku, shop.store(), 3);
        long id = api.ok(api.post("/api/protections", protection("STORE_KEEPS", shop.store(), sku, 2, null)))
                .path("id").longValue();

        assertThat(api.ats(sku, shop.web())).isEqualTo(1);
        assertThat(api.ats(sku, shop.marketplace())).isEqualTo(1);
        assertThat(api.ats(sku, shop.till())).isEqualTo(3);
        assertThat(api.atsOf(sku, shop.marketplace())).isEqualTo(1);
        InventoryApi.Response refused = api.rejected(409, "insufficient-stock",
                () -> api.post("/api/reservations", reservation(shop.marketplace(), sku, 2, "AMZ-1")));
        assertThat(refused.json().path("available").intValue()).isEqualTo(1);
        api.ok(api.post("/api/reservations", reservation(shop.marketplace(), sku, 1, "AMZ-2")));
        assertThat(api.ats(sku, shop.web())).isZero();
        // the till sells the kept units without being forced
        api.ok(api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 2)));

        api.ok(api.post("/api/stock/receipts", InventoryApi.receipt(sku, shop.store(), 4)));
        api.ok(api.post("/api/stock/inspections", InventoryApi.inspection(sku, shop.store(), 4, 0)));
        assertThat(api.ats(sku, shop.web())).isEqualTo(2);
        assertThat(api.delete("/api/protections/" + id).status()).isEqualTo(204);
        assertThat(api.ats(sku, shop.web())).isEqualTo(4);
        api.assertConsistent(sku);
    }

    @Test
    void aLocationWideProtectionCoversEverySkuUnlessASkuSpecificOneReplacesIt() {
        String plain = api.newProduct("WIDE");
        String special = api.newProduct("WIDE");
        api.sellable(plain, shop.store(), 5);
        api.sellable(special, shop.store(), 5);
        JsonNode wide = api.ok(api.post("/api/protections", protection("STORE_KEEPS", shop.store(), null, 3, null)));
        assertThat(wide.path("sku").isNull()).isTrue();

        assertThat(api.ats(plain, shop.marketplace())).isEqualTo(2);
        assertThat(api.ats(special, shop.marketplace())).isEqualTo(2);

        api.ok(api.post("/api/protections", protection("STORE_KEEPS", shop.store(), special, 1, null)));

        assertThat(api.ats(plain, shop.marketplace())).isEqualTo(2);
        assertThat(api.ats(special, shop.marketplace())).as("the SKU's own protection replaces the wide one")
                .isEqualTo(4);
        assertThat(api.ok(api.get("/api/protections?sku=" + plain))).contains(wide);
    }

    @Test
    void onlineOnlyUnitsAreRefusedAtTheTillUnlessForced() {
        String sku = api.newProduct("ONLINE");
        api.sellable(sku, shop.store(), 3);
        api.ok(api.post("/api/protections", protection("ONLINE_ONLY", shop.store(), sku, 2, null)));

        assertThat(api.ats(sku, shop.till())).isEqualTo(1);
        assertThat(api.ats(sku, shop.marketplace())).isEqualTo(3);
        assertThat(api.ats(sku, shop.web())).isEqualTo(3);

        api.ok(api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 1)));
        InventoryApi.Response refused = api.rejected(409, "protected-stock",
                () -> api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 1)));
        assertThat(refused.json().path("available").intValue()).isZero();
        assertThat(refused.detail()).contains("protected");

        JsonNode forced = api.ok(api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 1).put("force", true)));
        assertThat(forced.path("level").path("sellable").intValue()).isEqualTo(1);
        assertThat(api.ats(sku, shop.web())).isEqualTo(1);
        api.assertConsistent(sku);
    }

    @Test
    void aMemberQuotaIsOnlyForItsSegment() {
        String sku = api.newProduct("MEMBER");
        api.sellable(sku, shop.warehouse(), 3);
        JsonNode quota = api.ok(api.post("/api/protections",
                protection("MEMBER_QUOTA", shop.warehouse(), sku, 2, "GOLD")));
        assertThat(quota.path("segment").asString()).isEqualTo("GOLD");

        assertThat(api.ats(sku, shop.web())).as("what everyone else sees").isEqualTo(1);
        InventoryApi.Response anyone = api.rejected(409, "insufficient-stock",
                () -> api.post("/api/reservations", reservation(shop.web(), sku, 2, "O-1")));
        assertThat(anyone.json().path("available").intValue()).isEqualTo(1);
        InventoryApi.Response silver = api.rejected(409, "insufficient-stock",
                () -> api.post("/api/reservations", reservation(shop.web(), sku, 2, "O-2").put("segment", "SILVER")));
        assertThat(silver.json().path("available").intValue()).isEqualTo(1);

        JsonNode gold = api.ok(api.post("/api/reservations", reservation(shop.web(), sku, 3, "O-3").put("segment", "GOLD")));
        assertThat(gold.path("parts").get(0).path("quantity").intValue()).isEqualTo(3);
        assertThat(api.ats(sku, shop.web())).isZero();
        api.assertConsistent(sku);
    }

    @Test
    void aOneOfAKindItemIsNeverOnlineButSellsAtTheTill() {
        String sku = api.newProduct(product(unique("UNIQUE")).put("oneOfAKind", true));
        api.sellable(sku, shop.store(), 1);
        api.sellable(sku, shop.warehouse(), 1);

        assertThat(api.ats(sku, shop.web())).isZero();
        assertThat(api.ats(sku, shop.marketplace())).isZero();
        assertThat(api.ats(sku, shop.till())).isEqualTo(1);
        JsonNode web = api.ok(api.get("/api/availability/" + sku + "?channel=" + shop.web()));
        assertThat(web.path("ats").intValue()).isZero();
        assertThat(web.path("level").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(api.ok(api.get("/api/availability/" + sku + "?channel=" + shop.till())).path("level").asString())
                .isNotEqualTo("OUT_OF_STOCK");
        InventoryApi.Response refused = api.rejected(409, "insufficient-stock",
                () -> api.post("/api/reservations", reservation(shop.web(), sku, 1, "O-1")));
        assertThat(refused.json().path("available").intValue()).isZero();

        JsonNode sold = api.ok(api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 1)));
        assertThat(sold.path("level").path("sellable").intValue()).isZero();
        api.assertConsistent(sku);
    }

    @Test
    void protectionsOverUnknownLocationsOrSkusAreNotFound() {
        String nowhere = unique("NOWHERE");
        String ghost = unique("GHOST");
        InventoryApi.Response location = api.rejected(404, "not-found",
                () -> api.post("/api/protections", protection("STORE_KEEPS", nowhere, null, 1, null)));
        assertThat(location.detail()).contains(nowhere);
        InventoryApi.Response sku = api.rejected(404, "not-found",
                () -> api.post("/api/protections", protection("ONLINE_ONLY", shop.store(), ghost, 1, null)));
        assertThat(sku.detail()).contains(ghost);
    }
}

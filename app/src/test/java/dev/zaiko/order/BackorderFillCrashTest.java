package dev.zaiko.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.zaiko.support.ProcessLevelTest;
import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ZaikoOnOneDataDirectory;
import dev.zaiko.support.ZaikoProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Zaiko that dies right after a release committed, before it told the order module in memory
 * that a unit came back: the next start fills the line waiting for that unit, without any further
 * stock change, because the release's journal row committed with it.
 */
@ProcessLevelTest
class BackorderFillCrashTest {

    @RegisterExtension
    final ZaikoOnOneDataDirectory zaikos = new ZaikoOnOneDataDirectory("backorder");

    private ZaikoProcess start(String... properties) {
        return zaikos.start(properties);
    }

    @Test
    void aZaikoKilledRightAfterAReleaseCommittedFillsTheWaitingBackorderAfterItsRestart() {
        // set up in an unarmed process: a reservation and an order go through the engine
        ZaikoProcess setUp = start().awaitUp();
        ShopApi api = setUp.api();
        ShopApi.Shop shop = api.shop();
        String sku = ShopApi.unique("CRASH-BO");
        ObjectNode product = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 29800)
                .put("backorderable", true);
        product.putObject("name").put("ja", "テント").put("en", "Tent");
        api.ok(api.post("/api/products", product));
        api.sellable(sku, shop.warehouse(), 1);
        String cart = api.ok(api.post("/api/reservations", ShopApi.JSON.createObjectNode().put("channel", shop.web())
                .put("sku", sku).put("quantity", 1).put("holder", "CRASH-CART").put("holdFor", "P1D")))
                .path("id").asString();
        api.inbound(sku, shop.warehouse(), 10, ShopApi.today().plusDays(7));
        ShopApi.Response placed = api.post("/api/orders", ShopApi.orderBody(shop.web(), "AUTHORIZED", sku, 1));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String waiting = placed.json().path("orderNumber").asString();
        assertThat(status(api, waiting)).as("the last unit is in a cart").isEqualTo("BACKORDERED");
        setUp.close();
        await().atMost(Duration.ofSeconds(90)).until(() -> zaikos.postgres().isEmpty());

        // armed for the first engine batch: the release
        ZaikoProcess armed = start("--zaiko.faults.halt-at=after-batch-commit").awaitUp();
        ShopApi during = armed.api();
        assertThat(status(during, waiting)).isEqualTo("BACKORDERED");
        Integer answered = null;
        try {
            answered = during.post("/api/reservations/" + cart + "/release").status();
        } catch (RuntimeException connectionLost) {
            // the JVM halted with the release committed and the answer unsent
        }
        assertThat(answered).as("the release is never answered").isNull();
        assertThat(armed.awaitExit()).isEqualTo(137);
        assertThat(armed.log()).contains("Fault point 'after-batch-commit' reached");

        ZaikoProcess restarted = start().awaitUp();
        ShopApi after = restarted.api();
        assertThat(after.ok(after.get("/api/reservations/" + cart)).path("status").asString())
                .as("the release committed before the crash").isEqualTo("RELEASED");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(after, waiting).equals("ALLOCATED"));
        JsonNode filled = after.ok(after.get("/api/orders/" + waiting));
        String reservation = filled.path("lines").get(0).path("reservationId").asString();
        assertThat(after.ok(after.get("/api/reservations/" + reservation)).path("holder").asString())
                .isEqualTo(waiting + "#1");
        JsonNode consistency = after.ok(after.get("/api/stock/consistency"));
        assertThat(consistency.path("consistent").asBoolean()).as(consistency.toString()).isTrue();
    }

    static String status(ShopApi api, String orderNumber) {
        return api.ok(api.get("/api/orders/" + orderNumber)).path("lines").get(0).path("status").asString();
    }
}

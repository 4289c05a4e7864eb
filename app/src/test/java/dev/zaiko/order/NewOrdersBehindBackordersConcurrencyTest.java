package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.JSON;
import static dev.zaiko.order.OrderApi.order;
import static dev.zaiko.order.OrderApi.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.zaiko.support.AllAtOnce;
import dev.zaiko.support.Events;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Units that appear while backorders wait are theirs first: new orders racing the inspection that
 * makes an inbound's units sellable queue behind the waiting lines and only get what is left over.
 */
class NewOrdersBehindBackordersConcurrencyTest extends OrderApiTestBase {

    @Autowired
    FillingBackorders filling;

    @Test
    void newOrdersRacingAnArrivalNeverTakeTheUnitsEarlierBackordersWaitFor() throws Exception {
        String sku = api.product("BEHIND", true);
        int arriving = 10;
        int waiting = 6;
        int racing = 12;
        long po = api.ok(api.post("/api/inbounds", JSON.createObjectNode().put("sku", sku)
                .put("location", shop.warehouse()).put("quantity", arriving)
                .put("expectedOn", today().plusDays(3).toString()))).path("id").longValue();
        api.inbound(sku, shop.warehouse(), 50, today().plusDays(30));
        List<String> early = new ArrayList<>();
        for (int i = 0; i < waiting; i++) {
            OrderApi.Response r = api.post("/api/orders", order(shop.web(), sku, 1));
            assertThat(r.json().path("status").asString()).as(r.body()).isEqualTo("BACKORDERED");
            early.add(r.json().path("orderNumber").asString());
        }
        api.ok(api.post("/api/inbounds/" + po + "/arrivals", JSON.createObjectNode().put("quantity", arriving)));

        List<Callable<OrderApi.Response>> calls = new ArrayList<>();
        // the arrival is inspected unit by unit, each inspection making one more unit sellable, among the orders
        for (int i = 0; i < racing; i++) calls.add(() -> api.post("/api/orders", order(shop.web(), sku, 1)));
        for (int i = 0; i < arriving; i++) {
            calls.add(() -> api.post("/api/stock/inspections", JSON.createObjectNode().put("sku", sku)
                    .put("location", shop.warehouse()).put("passed", 1).put("failed", 0)));
        }
        List<OrderApi.Response> answers = AllAtOnce.run(calls);
        answers.forEach(r -> assertThat(r.status()).as(r.body()).isBetween(200, 201));
        answers = answers.subList(0, racing);
        Events.awaitHandled(jdbc, sku);
        await().atMost(Duration.ofSeconds(60)).until(() -> filling.idle());

        for (String number : early) {
            JsonNode line = api.ok(api.get("/api/orders/" + number)).path("lines").get(0);
            assertThat(line.path("status").asString()).as("earlier backorder " + number).isEqualTo("ALLOCATED");
        }
        long newAllocated = 0;
        for (OrderApi.Response r : answers) {
            JsonNode line = api.ok(api.get("/api/orders/" + r.json().path("orderNumber").asString())).path("lines").get(0);
            String status = line.path("status").asString();
            assertThat(status).isIn("ALLOCATED", "BACKORDERED");
            if (status.equals("ALLOCATED")) newAllocated++;
        }
        assertThat(newAllocated).as("what the waiting lines left over, and not one more").isEqualTo(arriving - waiting);
        assertThat(api.reserved(sku)).isEqualTo(arriving);
        assertThat(api.level(sku, shop.warehouse()).path("sellable").intValue()).isZero();
        assertThat(probe.ofSku(sku)).as("nobody is short").isEmpty();
        api.assertConsistent();
    }
}

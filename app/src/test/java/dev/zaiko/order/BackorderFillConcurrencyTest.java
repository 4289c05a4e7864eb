package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.JSON;
import dev.zaiko.support.AllAtOnce;
import static dev.zaiko.order.OrderApi.order;
import static dev.zaiko.order.OrderApi.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Stock comes back in many ways at once (reservations released, a count finds units) while
 * marketplace orders race for the same units: the fills that follow take exactly the units that
 * are there, first come first served, and every unit reserved belongs to exactly one line.
 */
class BackorderFillConcurrencyTest extends OrderApiTestBase {

    @Autowired
    FillingBackorders filling;

    @Test
    void fillsAfterConcurrentReleasesCountsAndOrdersNeverReserveMoreThanIsThere() throws Exception {
        String sku = api.product("FILLRACE", true);
        int held = 10;
        int found = 5;
        int waiting = 30;
        int marketplace = 10;
        api.sellable(sku, shop.warehouse(), held);
        List<String> holds = new ArrayList<>();
        for (int i = 0; i < held; i++) {
            holds.add(api.ok(api.post("/api/reservations", JSON.createObjectNode().put("channel", shop.web())
                    .put("sku", sku).put("quantity", 1).put("holder", "cart-" + i))).path("id").asString());
        }
        api.inbound(sku, shop.warehouse(), 100, today().plusDays(10));
        for (int i = 0; i < waiting; i++) {
            OrderApi.Response r = api.post("/api/orders", order(shop.web(), sku, 1));
            assertThat(r.json().path("status").asString()).as(r.body()).isEqualTo("BACKORDERED");
        }

        List<Callable<OrderApi.Response>> calls = new ArrayList<>();
        for (String hold : holds) calls.add(() -> api.post("/api/reservations/" + hold + "/release"));
        calls.add(() -> api.post("/api/stock/adjustments", JSON.createObjectNode().put("sku", sku)
                .put("location", shop.store()).put("countedSellable", found).put("reason", "found on the shelf")));
        for (int i = 0; i < marketplace; i++) {
            calls.add(() -> api.post("/api/orders", order(shop.marketplace(), sku, 1)));
        }
        AllAtOnce.run(calls).forEach(r -> assertThat(r.status()).as(r.body()).isBetween(200, 201));

        // every unit that came back is taken (there are more lines than units), and no fill is left to run
        await().atMost(Duration.ofSeconds(120)).until(() -> filling.idle()
                && api.ok(api.get("/api/availability/" + sku + "?channel=" + shop.web())).path("ats").intValue() == 0);

        int total = held + found;
        List<Map<String, Object>> lines = jdbc.queryForList("""
                select l.order_number, l.status, l.reservation_id, o.channel, o.placed_at
                from orders_line l join orders_order o on o.order_number = l.order_number
                where l.sku = ? order by o.placed_at, l.order_number""", sku);
        List<Map<String, Object>> backorders = lines.stream().filter(l -> shop.web().equals(l.get("channel"))).toList();
        long filled = backorders.stream().filter(l -> "ALLOCATED".equals(l.get("status"))).count();
        long marketplaceAllocated = lines.stream().filter(l -> shop.marketplace().equals(l.get("channel"))
                && "ALLOCATED".equals(l.get("status"))).count();
        assertThat(filled + marketplaceAllocated).as("every unit that came back, and not one more").isEqualTo(total);
        assertThat(marketplaceAllocated).as("the marketplace sells from the store only").isLessThanOrEqualTo(found);
        assertThat(api.reserved(sku)).isEqualTo(total);
        assertThat(api.level(sku, shop.warehouse()).path("sellable").intValue()).isZero();
        assertThat(api.level(sku, shop.store()).path("sellable").intValue()).isZero();
        // first come, first served: the filled lines are the earliest ones, without a gap
        for (int i = 0; i < backorders.size(); i++) {
            assertThat(backorders.get(i).get("status")).as("backorder " + i + " of " + backorders.size())
                    .isEqualTo(i < filled ? "ALLOCATED" : "BACKORDERED");
        }
        // every open reservation belongs to exactly one allocated line, one unit each; the carts' are gone
        List<Map<String, Object>> open = jdbc.queryForList("select id, holder, sum(quantity) as units "
                + "from inventory_reservation where sku = ? and status = 'OPEN' group by id, holder", sku);
        assertThat(open).hasSize(total).allSatisfy(r -> {
            assertThat(((Number) r.get("units")).intValue()).isEqualTo(1);
            assertThat((String) r.get("holder")).doesNotStartWith("cart-");
        });
        assertThat(open.stream().map(r -> r.get("id").toString()).sorted().toList())
                .isEqualTo(lines.stream().filter(l -> "ALLOCATED".equals(l.get("status")))
                        .map(l -> l.get("reservation_id").toString()).sorted().toList());
        api.assertConsistent();
    }
}

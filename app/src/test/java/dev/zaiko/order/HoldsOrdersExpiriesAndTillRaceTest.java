package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.JSON;
import static dev.zaiko.order.OrderApi.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.zaiko.inventory.ReleasingExpiredReservations;
import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.Jobs;
import dev.zaiko.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything that moves a hot SKU's units at once: carts holding units, orders (some taking the
 * carts' holds, some taking holds that already ran out, some reserving for themselves), the sweep
 * releasing the holds that ran out (the clock moved past them), and a forced till sale at the
 * store. Whatever the interleaving, no unit is sold twice and none is lost: every unit received is
 * sellable, reserved for exactly one open reservation, or sold; every expired hold is released
 * exactly once or was never taken; and the ledger check is clean.
 */
class HoldsOrdersExpiriesAndTillRaceTest extends OrderApiTestBase {

    // fewer units than everyone wants, most of the online reservations on the store's shelf: the till sale
    // has to move or displace some of them
    static final int WAREHOUSE_UNITS = 14;
    static final int STORE_UNITS = 8;
    static final int CARTS_TO_ORDER = 8;
    static final int CARTS_TO_EXPIRE = 8;
    static final int PLAIN_ORDERS = 15;
    static final int NEW_CARTS = 10;
    static final int LATE_ORDERS = 4;
    static final int TILL_UNITS = 3;

    @Autowired
    MovableClock clock;

    @Autowired
    JobScheduler jobs;

    final List<String> carts = new ArrayList<>();

    @AfterEach
    void realTimeAndNoCartLeftHeld() {
        clock.reset();
        for (String id : carts) {
            JsonNode r = api.ok(api.get("/api/reservations/" + id));
            if (r.path("status").asString().equals("OPEN") && !r.path("expiresAt").isNull()) {
                api.ok(api.post("/api/reservations/" + id + "/release"));
            }
        }
    }

    OrderApi.Response hold(String sku, String holdFor) {
        OrderApi.Response r = api.post("/api/reservations", JSON.createObjectNode().put("channel", shop.web())
                .put("sku", sku).put("quantity", 1).put("holder", "cart").put("holdFor", holdFor));
        if (r.status() == 201) {
            synchronized (carts) {
                carts.add(r.json().path("id").asString());
            }
        }
        return r;
    }

    ObjectNode taking(String sku, String reservationId) {
        ObjectNode body = order(shop.web(), sku, 1);
        ((ObjectNode) body.withArray("lines").get(0)).put("reservationId", reservationId);
        return body;
    }

    @Test
    void holdsOrdersExpiriesAndAForcedTillSaleRacingOnOneSkuNeverOversellAndNeverLoseAUnit() throws Exception {
        String sku = api.product("RACE", false);
        api.sellable(sku, shop.warehouse(), WAREHOUSE_UNITS);
        api.sellable(sku, shop.store(), STORE_UNITS);
        List<String> toOrder = new ArrayList<>();
        List<String> toExpire = new ArrayList<>();
        for (int i = 0; i < CARTS_TO_ORDER; i++) toOrder.add(api.ok(hold(sku, "P1D")).path("id").asString());
        for (int i = 0; i < CARTS_TO_EXPIRE; i++) toExpire.add(api.ok(hold(sku, "PT1M")).path("id").asString());
        clock.advance(Duration.ofMinutes(2)); // the short carts ran out; the sweep has not come yet

        List<Callable<OrderApi.Response>> racers = new ArrayList<>();
        for (String id : toOrder) racers.add(() -> api.post("/api/orders", taking(sku, id)));
        for (int i = 0; i < LATE_ORDERS; i++) {
            String id = toExpire.get(i);
            racers.add(() -> api.post("/api/orders", taking(sku, id)));
        }
        for (int i = 0; i < PLAIN_ORDERS; i++) racers.add(() -> api.post("/api/orders", order(shop.web(), sku, 1)));
        for (int i = 0; i < NEW_CARTS; i++) racers.add(() -> hold(sku, "P1D"));
        racers.add(() -> api.post("/api/stock/pos-sales", JSON.createObjectNode().put("sku", sku)
                .put("location", shop.store()).put("quantity", TILL_UNITS).put("force", true)));
        racers.add(() -> {
            Jobs.runRecurring(jobs, clock, ReleasingExpiredReservations.TASK);
            return null;
        });

        List<OrderApi.Response> answers = allAtOnce(racers);

        int at = 0;
        Set<String> orderedReservations = new HashSet<>();
        for (int i = 0; i < CARTS_TO_ORDER; i++) {
            OrderApi.Response r = answers.get(at++);
            if (r.status() == 201) {
                assertThat(r.json().path("lines").get(0).path("reservationId").asString()).isEqualTo(toOrder.get(i));
                orderedReservations.add(toOrder.get(i));
            } else {
                // only a forced till sale that displaced the cart first may take it away
                OrderApi.assertProblem(r, 409, "reservation-expired");
                assertThat(api.ok(api.get("/api/reservations/" + toOrder.get(i))).path("status").asString())
                        .isEqualTo("DISPLACED");
            }
        }
        for (int i = 0; i < LATE_ORDERS; i++) {
            OrderApi.Response r = answers.get(at++);
            OrderApi.assertProblem(r, 409, "reservation-expired");
            assertThat(r.json().path("field").asString()).isEqualTo("lines[0].reservationId");
        }
        int plainOrders = 0;
        for (int i = 0; i < PLAIN_ORDERS; i++) {
            OrderApi.Response r = answers.get(at++);
            if (r.status() == 201) plainOrders++;
            else OrderApi.assertProblem(r, 409, "insufficient-stock");
        }
        int newCarts = 0;
        for (int i = 0; i < NEW_CARTS; i++) {
            OrderApi.Response r = answers.get(at++);
            if (r.status() == 201) newCarts++;
            else OrderApi.assertProblem(r, 409, "insufficient-stock");
        }
        assertThat(answers.get(at).status()).as(answers.get(at).body()).isEqualTo(200);
        org.slf4j.LoggerFactory.getLogger(getClass()).info("Race on {}: {} of {} carts ordered, {} of {} plain orders, "
                + "{} of {} new carts", sku, orderedReservations.size(), CARTS_TO_ORDER, plainOrders, PLAIN_ORDERS, newCarts,
                NEW_CARTS);

        // every hold that ran out was released exactly once, and no order took one
        for (String id : toExpire) {
            assertThat(api.ok(api.get("/api/reservations/" + id)).path("status").asString()).isEqualTo("RELEASED");
            assertThat(jdbc.queryForObject("select count(*) from inventory_movement where reference = ? "
                    + "and kind = 'RELEASE'", Integer.class, id)).as("releases of " + id).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from orders_line where reservation_id = ?::uuid",
                    Integer.class, id)).isZero();
        }
        // one reservation per order line, no reservation on two lines
        List<String> lineReservations = jdbc.queryForList("select reservation_id::text from orders_line where sku = ?",
                String.class, sku);
        assertThat(lineReservations).hasSize(orderedReservations.size() + plainOrders).doesNotHaveDuplicates()
                .containsAll(orderedReservations);

        // no unit lost: every unit received is sellable, reserved or sold at the till
        int received = sum(sku, "RECEIPT");
        int sold = sum(sku, "TILL_SALE");
        int sellable = 0;
        int reserved = 0;
        for (JsonNode l : api.ok(api.get("/api/stock/" + sku)).path("locations")) {
            sellable += l.path("sellable").intValue();
            reserved += l.path("reserved").intValue();
            assertThat(l.path("sellable").intValue()).isNotNegative();
            assertThat(l.path("defective").intValue() + l.path("inspecting").intValue()).isZero();
        }
        assertThat(received).isEqualTo(WAREHOUSE_UNITS + STORE_UNITS);
        assertThat(sold).isEqualTo(TILL_UNITS);
        assertThat(sellable + reserved + sold).as("received = sellable + reserved + sold").isEqualTo(received);
        // never oversold: the reserved units are exactly the open reservations', each promised once
        Map<String, Object> open = jdbc.queryForMap("select count(distinct id) as n, coalesce(sum(quantity), 0) as units "
                + "from inventory_reservation where sku = ? and status = 'OPEN'", sku);
        assertThat(((Number) open.get("units")).intValue()).isEqualTo(reserved);
        int displaced = jdbc.queryForObject("select coalesce(sum(quantity), 0) from inventory_reservation "
                + "where sku = ? and status = 'DISPLACED'", Integer.class, sku);
        assertThat(displaced).as("only the till sale displaces, and never more than it sold").isLessThanOrEqualTo(sold);
        // each cart to order, each order placed and each new cart holds one unit, or lost it to the till sale
        assertThat(reserved + displaced).as("units promised to orders and carts")
                .isEqualTo(CARTS_TO_ORDER + plainOrders + newCarts);
        assertThat(reserved + sold).as("never more promised and sold than came in").isLessThanOrEqualTo(received);
        api.assertConsistent();
        assertThat(api.ok(api.get("/api/stock/consistency?sku=" + sku)).path("strayReservations").size()).isZero();
    }

    private int sum(String sku, String kind) {
        return jdbc.queryForObject("select coalesce(sum(quantity), 0) from inventory_movement where sku = ? and kind = ?",
                Integer.class, sku, kind);
    }

    /** Starts every call at once, each on its own thread, and returns the answers in order. */
    private static List<OrderApi.Response> allAtOnce(List<Callable<OrderApi.Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch ready = new CountDownLatch(calls.size());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<OrderApi.Response>> futures = new ArrayList<>();
            for (Callable<OrderApi.Response> call : calls) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return call.call();
                }));
            }
            ready.await();
            start.countDown();
            List<OrderApi.Response> answers = new ArrayList<>();
            for (Future<OrderApi.Response> f : futures) answers.add(f.get(3, TimeUnit.MINUTES));
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}

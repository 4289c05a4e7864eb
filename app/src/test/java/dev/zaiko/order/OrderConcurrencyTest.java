package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Hundreds of orders at once over HTTP for a SKU with few units; and racing retries of one order. */
class OrderConcurrencyTest extends OrderApiTestBase {

    @Test
    void twoHundredMarketplaceOrdersForSevenUnitsAllocateSevenAndAwaitTheCustomerForTheRest() throws Exception {
        String sku = api.product("FLASH", false);
        api.sellable(sku, shop.store(), 7);

        List<OrderApi.Response> responses = concurrently(200, i -> api.post("/api/orders",
                order(shop.marketplace(), sku, 1).put("externalRef", "AMZ-" + sku + "-" + i)));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
        Map<String, List<Map<String, Object>>> byStatus = jdbc.queryForList(
                "select order_number, status, reservation_id from orders_line where sku = ?", sku).stream()
                .collect(Collectors.groupingBy(row -> (String) row.get("status")));
        assertThat(byStatus.keySet()).containsExactlyInAnyOrder("ALLOCATED", "AWAITING_CUSTOMER");
        assertThat(byStatus.get("ALLOCATED")).hasSize(7).allSatisfy(row -> assertThat(row.get("reservation_id")).isNotNull());
        assertThat(byStatus.get("AWAITING_CUSTOMER")).hasSize(193)
                .allSatisfy(row -> assertThat(row.get("reservation_id")).isNull());
        List<OrderLineShort> events = probe.ofSku(sku);
        assertThat(events).hasSize(193).allSatisfy(e -> assertThat(e.reason()).isEqualTo("ALLOCATION_FAILED"));
        Set<String> awaiting = byStatus.get("AWAITING_CUSTOMER").stream()
                .map(row -> OrderApi.digits(new OrderNumber((String) row.get("order_number")).toString()))
                .collect(Collectors.toSet());
        Set<String> shortOrders = events.stream().map(e -> OrderApi.digits(e.orderNumber())).collect(Collectors.toSet());
        assertThat(shortOrders).as("exactly one event per awaiting line, none for an allocated one").isEqualTo(awaiting);
        JsonNode cases = api.ok(api.get("/api/stockouts?sku=" + sku + "&size=200"));
        assertThat(cases.path("total").longValue()).isEqualTo(193);
        Set<String> caseOrders = new java.util.HashSet<>();
        cases.path("items").forEach(c -> caseOrders.add(OrderApi.digits(c.path("orderNumber").asString())));
        assertThat(caseOrders).as("a case for every awaiting line, none for an allocated one").isEqualTo(awaiting);
        assertThat(api.reserved(sku)).isEqualTo(7);
        assertThat(api.level(sku, shop.store()).path("sellable").intValue()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from inventory_reservation where sku = ? and status = 'OPEN'",
                Integer.class, sku)).isEqualTo(7);
        api.assertConsistent();
    }

    @Test
    void racingOwnOrdersSucceedOnlyForTheUnitsThereAreAndTheRefusedLeaveNoRows() throws Exception {
        String sku = api.product("RACE", false);
        api.sellable(sku, shop.warehouse(), 3);
        api.sellable(sku, shop.store(), 2);

        List<OrderApi.Response> responses = concurrently(60, i -> api.post("/api/orders", order(shop.web(), sku, 1)));

        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(5);
        List<OrderApi.Response> refused = responses.stream().filter(r -> r.status() != 201).toList();
        assertThat(refused).hasSize(55).allSatisfy(r -> OrderApi.assertProblem(r, 409, "insufficient-stock"));
        assertThat(jdbc.queryForObject("select count(*) from orders_line where sku = ?", Integer.class, sku)).isEqualTo(5);
        assertThat(jdbc.queryForObject("select count(distinct l.order_number) from orders_line l where sku = ?",
                Integer.class, sku)).isEqualTo(5);
        assertThat(jdbc.queryForObject("select count(*) from inventory_reservation where sku = ? and status = 'OPEN'",
                Integer.class, sku)).isEqualTo(5);
        assertThat(api.reserved(sku)).isEqualTo(5);
        api.assertConsistent();
    }

    @Test
    void twentyIdenticalPostsRacingMakeOneOrderWithOneReservationPerLine() throws Exception {
        String tent = api.product("IDEMR", false);
        String lamp = api.product("IDEML", false);
        api.sellable(tent, shop.warehouse(), 100);
        api.sellable(lamp, shop.warehouse(), 100);
        ObjectNode body = order(shop.web(), tent, 2, lamp, 1).put("externalRef", OrderApi.unique("CART"));

        List<OrderApi.Response> responses = concurrently(20, i -> api.post("/api/orders", body));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(200, 201));
        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(1);
        Set<String> numbers = responses.stream().map(r -> r.json().path("orderNumber").asString())
                .collect(Collectors.toSet());
        assertThat(numbers).hasSize(1);
        String number = numbers.iterator().next();
        assertThat(jdbc.queryForObject("select count(*) from orders_order where channel = ? and external_ref = ?",
                Integer.class, shop.web(), body.path("externalRef").asString())).isEqualTo(1);
        for (String sku : List.of(tent, lamp)) {
            List<String> holders = jdbc.queryForList("select holder from inventory_reservation where sku = ? "
                    + "and status = 'OPEN'", String.class, sku);
            assertThat(holders).hasSize(1);
            assertThat(holders.get(0)).startsWith(number + "#");
        }
        assertThat(api.reserved(tent)).isEqualTo(2);
        assertThat(api.reserved(lamp)).isEqualTo(1);
        api.assertConsistent();
    }

    interface Call {
        OrderApi.Response call(int i) throws Exception;
    }

    /** Starts all calls at once (each on its own thread) and returns their answers in order. */
    private static List<OrderApi.Response> concurrently(int threads, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<OrderApi.Response>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int i = t;
                Callable<OrderApi.Response> task = () -> {
                    ready.countDown();
                    start.await();
                    return call.call(i);
                };
                futures.add(pool.submit(task));
            }
            ready.await();
            start.countDown();
            List<OrderApi.Response> responses = new ArrayList<>();
            for (Future<OrderApi.Response> f : futures) responses.add(f.get(3, TimeUnit.MINUTES));
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}

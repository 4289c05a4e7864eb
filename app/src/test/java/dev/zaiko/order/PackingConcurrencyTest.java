package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.JSON;
import dev.zaiko.support.AllAtOnce;
import static dev.zaiko.order.OrderApi.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST /api/orders/{n}/pack at once: the same order from two packing stations, and many orders
 * of one SKU whose defects race for the last units as replacements. The ledger stays exact, no
 * line ships twice, no unit replaces a defect on two lines.
 */
class PackingConcurrencyTest extends OrderApiTestBase {

    private String place(ObjectNode body) {
        OrderApi.Response placed = api.post("/api/orders", body);
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.json().path("status").asString()).isEqualTo("ALLOCATED");
        return placed.json().path("orderNumber").asString();
    }

    /** @param results per line: {lineNo, passed, defective} */
    private static ObjectNode packing(int[]... results) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode lines = body.putArray("lines");
        for (int[] r : results) lines.addObject().put("lineNo", r[0]).put("passed", r[1]).put("defective", r[2]);
        return body;
    }

    private int movements(String sku, String kind) {
        return jdbc.queryForObject("select coalesce(sum(quantity), 0) from inventory_movement where sku = ? and kind = ?",
                Integer.class, sku, kind);
    }

    private int units(String sku, String bucket) {
        int sum = 0;
        for (JsonNode l : api.ok(api.get("/api/stock/" + sku)).path("locations")) sum += l.path(bucket).intValue();
        return sum;
    }

    private List<String> statusesOf(String sku) {
        return jdbc.queryForList("select status from orders_line where sku = ? order by order_number, line_no",
                String.class, sku);
    }

    @Test
    void theSameOrderPackedFromEightStationsAtOnceShipsOnce() throws Exception {
        String tent = api.product("PKTWICE", false);
        String lamp = api.product("PKTWICEL", false);
        api.sellable(tent, shop.warehouse(), 5);
        api.sellable(lamp, shop.warehouse(), 5);
        String number = place(order(shop.web(), tent, 2, lamp, 1));
        ObjectNode body = packing(new int[] {1, 2, 0}, new int[] {2, 1, 0});

        List<Callable<OrderApi.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) calls.add(() -> api.post("/api/orders/" + number + "/pack", body));
        List<OrderApi.Response> answers = AllAtOnce.run(calls);

        assertThat(answers.stream().filter(r -> r.status() == 200)).hasSize(1);
        answers.stream().filter(r -> r.status() != 200)
                .forEach(r -> OrderApi.assertProblem(r, 409, "line-not-allocated"));
        JsonNode o = api.ok(api.get("/api/orders/" + number));
        assertThat(o.path("status").asString()).isEqualTo("SHIPPED");
        assertThat(o.path("history").findValuesAsString("to").stream().filter("SHIPPED"::equals))
                .as("two lines and the order, each shipped once").hasSize(3);
        assertThat(movements(tent, "SHIPMENT")).isEqualTo(2);
        assertThat(movements(lamp, "SHIPMENT")).isEqualTo(1);
        assertThat(units(tent, "sellable")).isEqualTo(3);
        assertThat(units(tent, "reserved")).isZero();
        api.assertConsistent();
    }

    @Test
    void aDefectReportedFromEightStationsAtOnceSetsOneUnitAsideAndTakesOneReplacement() throws Exception {
        String sku = api.product("PKDUP", false);
        api.sellable(sku, shop.warehouse(), 1);
        String number = place(order(shop.web(), sku, 1));
        api.sellable(sku, shop.store(), 4);
        ObjectNode body = packing(new int[] {1, 0, 1});
        int stations = 8;

        List<OrderApi.Response> answers;
        // hold the order row so that every station's result is in before the first is packed
        try (Connection gate = jdbc.getDataSource().getConnection()) {
            gate.setAutoCommit(false);
            gate.createStatement().execute("select 1 from orders_order where order_number = '" + OrderApi.digits(number)
                    + "' for update");
            java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                List<Callable<OrderApi.Response>> calls = new ArrayList<>();
                for (int i = 0; i < stations; i++) calls.add(() -> api.post("/api/orders/" + number + "/pack", body));
                java.util.concurrent.Future<List<OrderApi.Response>> racing = background.submit(() -> AllAtOnce.run(calls));
                await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("select count(*) from "
                        + "pg_stat_activity where wait_event_type = 'Lock' and query like '%from orders_order where "
                        + "order_number = $1 for update%'", Integer.class) >= stations);
                gate.rollback();
                answers = racing.get(3, java.util.concurrent.TimeUnit.MINUTES);
            } finally {
                background.shutdownNow();
            }
        }

        assertThat(answers.stream().filter(r -> r.status() == 200)).hasSize(1);
        answers.stream().filter(r -> r.status() != 200)
                .forEach(r -> OrderApi.assertProblem(r, 409, "line-changed-meanwhile"));
        assertThat(units(sku, "defective")).as("the one unit the packer found defective").isEqualTo(1);
        assertThat(units(sku, "reserved")).as("one replacement").isEqualTo(1);
        assertThat(units(sku, "sellable")).isEqualTo(3);
        JsonNode line = api.ok(api.get("/api/orders/" + number)).path("lines").get(0);
        assertThat(line.path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(probe.about(number)).isEmpty();
        api.assertConsistent();
    }

    @Test
    void defectsRacingForTheLastUnitsGetOneReplacementUnitEachAndTheRestAwaitTheCustomer() throws Exception {
        String sku = api.product("PKRACE", false);
        String other = api.product("PKRACEO", false);
        int orders = 20;
        int spare = 4;
        api.sellable(sku, shop.warehouse(), orders);
        api.sellable(other, shop.warehouse(), orders);
        List<String> numbers = new ArrayList<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (int i = 0; i < orders; i++) {
            // every third order also has a line of another SKU, first or second: packings lock SKUs in both orders
            ObjectNode body = i % 3 == 0 ? order(shop.web(), sku, 1)
                    : i % 3 == 1 ? order(shop.web(), sku, 1, other, 1) : order(shop.web(), other, 1, sku, 1);
            String number = place(body);
            numbers.add(number);
            lineOf.put(number, i % 3 == 2 ? 2 : 1);
        }
        api.sellable(sku, shop.store(), spare); // the last units: what replacements can come from
        int defects = 12;

        List<Callable<OrderApi.Response>> calls = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String number = numbers.get(i);
            int line = lineOf.get(number);
            int[] packed = i < defects ? new int[] {line, 0, 1} : new int[] {line, 1, 0};
            ObjectNode body = i % 3 == 0 ? packing(packed) : packing(packed, new int[] {3 - line, 1, 0});
            calls.add(() -> api.post("/api/orders/" + number + "/pack", body));
        }
        List<OrderApi.Response> answers = AllAtOnce.run(calls);

        answers.forEach(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        List<String> replaced = new ArrayList<>();
        List<String> awaiting = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String number = numbers.get(i);
            String status = answers.get(i).json().path("lines").get(lineOf.get(number) - 1).path("status").asString();
            if (i >= defects) assertThat(status).isEqualTo("SHIPPED");
            else if (status.equals("ALLOCATED")) replaced.add(number);
            else if (status.equals("AWAITING_CUSTOMER")) awaiting.add(number);
        }
        assertThat(replaced).as("one replacement per spare unit").hasSize(spare);
        assertThat(awaiting).hasSize(defects - spare);
        assertThat(units(sku, "defective")).isEqualTo(defects);
        assertThat(units(sku, "reserved")).isEqualTo(spare);
        assertThat(units(sku, "sellable")).isZero();
        assertThat(movements(sku, "SHIPMENT")).isEqualTo(orders - defects);
        assertThat(movements(other, "SHIPMENT")).as("every line of the other SKU passed")
                .isEqualTo(orders - (orders + 2) / 3);
        for (String number : replaced) {
            JsonNode line = api.ok(api.get("/api/orders/" + number)).path("lines").get(lineOf.get(number) - 1);
            JsonNode reservation = api.ok(api.get("/api/reservations/" + line.path("reservationId").asString()));
            int open = 0;
            for (JsonNode part : reservation.path("parts")) {
                if (part.path("status").asString().equals("OPEN")) open += part.path("quantity").intValue();
            }
            assertThat(open).as("exactly the one replacement unit of " + number).isEqualTo(1);
        }
        assertThat(probe.ofSku(sku)).hasSize(defects - spare).allSatisfy(e -> {
            assertThat(e.reason()).isEqualTo(OrderLineShort.INSPECTION_DEFECT);
            assertThat(e.quantity()).isEqualTo(1);
        }).extracting(OrderLineShort::orderNumber).containsExactlyInAnyOrderElementsOf(awaiting);
        api.assertConsistent();

        // the replaced lines packed again, each from two stations at once: each ships once
        calls = new ArrayList<>();
        for (String number : replaced) {
            ObjectNode body = packing(new int[] {lineOf.get(number), 1, 0});
            calls.add(() -> api.post("/api/orders/" + number + "/pack", body));
            calls.add(() -> api.post("/api/orders/" + number + "/pack", body));
        }
        answers = AllAtOnce.run(calls);

        assertThat(answers.stream().filter(r -> r.status() == 200)).hasSize(spare);
        answers.stream().filter(r -> r.status() != 200)
                .forEach(r -> OrderApi.assertProblem(r, 409, "line-not-allocated"));
        assertThat(movements(sku, "SHIPMENT")).isEqualTo(orders - defects + spare);
        assertThat(units(sku, "reserved")).isZero();
        assertThat(statusesOf(sku).stream().filter("SHIPPED"::equals)).hasSize(orders - defects + spare);
        api.assertConsistent();
    }
}

package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Replaying POST /api/orders with the same (channel, externalRef): the same body reads the order, another is refused. */
class OrderReplayApiTest extends OrderApiTestBase {

    private int rows(String table, String sku) {
        return jdbc.queryForObject("select count(*) from " + table + " where sku = ?", Integer.class, sku);
    }

    @Test
    void theSameOrderWrittenDifferentlyIsAReplay() {
        String sku = api.product("REPLAY", false);
        api.sellable(sku, shop.warehouse(), 5);
        String ref = OrderApi.unique("CART");
        ObjectNode body = order(shop.web(), sku, 2).put("externalRef", ref);
        OrderApi.Response first = api.post("/api/orders", body);
        assertThat(first.status()).as(first.body()).isEqualTo(201);

        // fields in another order, defaults left out, spaces around the name: the same order
        String rewritten = """
                {"lines": [{"unitPrice": 1980, "quantity": 2, "sku": "%s"}],
                 "payment": {"amount": 3960, "status": "AUTHORIZED", "method": "CREDIT_CARD"},
                 "customer": {"phone": "090-1234-5678", "email": "hanako.yamada@example.jp", "name": "  山田 花子 "},
                 "externalRef": "%s", "channel": "%s", "gift": null}
                """.formatted(sku, ref, shop.web());
        int movements = rows("inventory_movement", sku);
        OrderApi.Response again = api.post("/api/orders", rewritten);

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(rows("inventory_movement", sku)).as("a replay reserves nothing").isEqualTo(movements);
        assertThat(api.reserved(sku)).isEqualTo(2);
    }

    @Test
    void aDifferentBodyUnderTheSameReferenceIsRefusedNamingTheOrderAndWhatDiffers() {
        String sku = api.product("MISMATCH", false);
        String other = api.product("MISMATCH2", false);
        api.sellable(sku, shop.warehouse(), 20);
        api.sellable(other, shop.warehouse(), 20);
        String ref = OrderApi.unique("CART");
        ObjectNode original = order(shop.web(), sku, 2).put("externalRef", ref);
        String number = api.ok(api.post("/api/orders", original)).path("orderNumber").asString();

        refused(original, number, List.of("lines[0].quantity", "payment.amount"),
                b -> {
                    OrderApi.line(b).put("quantity", 3);
                    OrderApi.balancePayment(b);
                });
        refused(original, number, List.of("lines", "payment.amount"), b -> {
            b.withArray("lines").addObject().put("sku", other).put("quantity", 1).put("unitPrice", 1980);
            OrderApi.balancePayment(b);
        });
        refused(original, number, List.of("lines[0].sku"), b -> OrderApi.line(b).put("sku", other));
        refused(original, number, List.of("customer.email"),
                b -> b.withObject("customer").put("email", "someone.else@example.jp"));
        refused(original, number, List.of("customer.locale"), b -> b.withObject("customer").put("locale", "en"));
        refused(original, number, List.of("payment.amount", "payment.pointsUsed"),
                b -> {
                    b.withObject("payment").put("pointsUsed", 300);
                    OrderApi.balancePayment(b);
                });
        refused(original, number, List.of("payment.method"), b -> b.withObject("payment").put("method", "KONBINI"));
        refused(original, number, List.of("payment.amount", "payment.couponCode", "payment.couponDiscount"),
                b -> {
                    b.withObject("payment").put("couponCode", "SPRING10").put("couponDiscount", 500);
                    OrderApi.balancePayment(b);
                });
        refused(original, number, List.of("express"), b -> b.put("express", true));
        refused(original, number, List.of("b2b", "gift"), b -> b.put("gift", true).put("b2b", true));
        refused(original, number, List.of("neededBy"), b -> b.put("neededBy", OrderApi.today().plusDays(3).toString()));
        refused(original, number, List.of("payment.amount", "shippingFee"),
                b -> OrderApi.balancePayment(b.put("shippingFee", 550)));

        assertThat(api.ok(api.get("/api/orders/" + number)).path("lines").get(0).path("quantity").intValue())
                .as("the order is as it was").isEqualTo(2);
        assertThat(api.reserved(sku)).isEqualTo(2);
        assertThat(api.reserved(other)).isZero();
    }

    private void refused(ObjectNode original, String number, List<String> differences, Consumer<ObjectNode> change) {
        ObjectNode changed = original.deepCopy();
        change.accept(changed);
        String sku = original.path("lines").get(0).path("sku").asString();
        List<String> skus = new ArrayList<>();
        changed.path("lines").forEach(l -> skus.add(l.path("sku").asString()));
        skus.add(sku);
        int movements = rows("inventory_movement", sku);
        int reservations = rows("inventory_reservation", sku);

        OrderApi.Response r = api.rejected(409, "order-replay-mismatch", skus.stream().distinct().toList(),
                () -> api.post("/api/orders", changed));

        JsonNode problem = r.json();
        assertThat(problem.path("orderNumber").asString()).isEqualTo(number);
        assertThat(problem.path("externalRef").asString()).isEqualTo(original.path("externalRef").asString());
        List<String> named = new ArrayList<>();
        problem.path("differences").forEach(d -> named.add(d.asString()));
        assertThat(named).as(changed.toString()).containsExactlyInAnyOrderElementsOf(differences);
        assertThat(r.detail()).contains(number).contains(differences.get(0));
        assertThat(r.detail()).as("personal data stays out of the answer").doesNotContain("example.jp");
        assertThat(rows("inventory_movement", sku)).as("nothing reserved: " + changed).isEqualTo(movements);
        assertThat(rows("inventory_reservation", sku)).isEqualTo(reservations);
    }

    @Test
    void racingPostsOfTwoDifferentBodiesUnderOneReferenceMakeOneOrderAndRefuseTheOtherBody() throws Exception {
        String sku = api.product("RACEREF", false);
        api.sellable(sku, shop.warehouse(), 100);
        String ref = OrderApi.unique("CART");
        ObjectNode one = order(shop.web(), sku, 1).put("externalRef", ref);
        ObjectNode two = order(shop.web(), sku, 2).put("externalRef", ref);
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<OrderApi.Response> responses = new ArrayList<>();
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<OrderApi.Response>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                ObjectNode body = t % 2 == 0 ? one : two;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return api.post("/api/orders", body);
                }));
            }
            ready.await();
            start.countDown();
            for (Future<OrderApi.Response> f : futures) responses.add(f.get(3, TimeUnit.MINUTES));
        } finally {
            pool.shutdownNow();
        }

        List<String> numbers = jdbc.queryForList("select order_number from orders_order where channel = ? "
                + "and external_ref = ?", String.class, shop.web(), ref);
        assertThat(numbers).hasSize(1);
        String number = new OrderNumber(numbers.get(0)).toString();
        JsonNode order = api.ok(api.get("/api/orders/" + number));
        int won = order.path("lines").get(0).path("quantity").intValue();
        for (int t = 0; t < threads; t++) {
            OrderApi.Response r = responses.get(t);
            boolean sameAsWinner = (t % 2 == 0 ? 1 : 2) == won;
            if (sameAsWinner) {
                assertThat(r.status()).as(r.body()).isIn(200, 201);
                assertThat(r.json().path("orderNumber").asString()).isEqualTo(number);
            } else {
                OrderApi.assertProblem(r, 409, "order-replay-mismatch");
                assertThat(r.json().path("orderNumber").asString()).isEqualTo(number);
            }
        }
        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(1);
        Set<String> holders = jdbc.queryForList("select holder from inventory_reservation where sku = ? "
                + "and status = 'OPEN'", String.class, sku).stream().collect(Collectors.toSet());
        assertThat(holders).containsExactly(number + "#1");
        assertThat(api.reserved(sku)).isEqualTo(won);
        api.assertConsistent();
    }
}

package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.sql.Connection;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.zaiko.inventory.ReservationDisplaced;
import dev.zaiko.support.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** When the order cannot be written; repeated displacement events; what the logs may say. */
@ExtendWith(OutputCaptureExtension.class)
class OrderFailureApiTest extends OrderApiTestBase {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void anOrderThatCannotBeWrittenReleasesItsReservationsAndLogsNoPersonalData(CapturedOutput output) {
        String ok = api.product("FINE", false);
        String other = api.product("FINE2", false);
        api.sellable(ok, shop.warehouse(), 3);
        api.sellable(other, shop.warehouse(), 3);
        // stands in for a database that refuses the write after the reservations were made, with
        // a message quoting the row as PostgreSQL's own constraint errors do
        jdbc.execute("create or replace function orders_test_refuse() returns trigger language plpgsql as "
                + "$$ begin raise exception 'Failing row contains (%, %)', new.customer_name, new.customer_email; end $$");
        jdbc.execute("create trigger orders_test_refuse before insert on orders_order for each row "
                + "when (new.channel = '" + shop.web() + "') execute function orders_test_refuse()");
        try {
            ObjectNode body = order(shop.web(), ok, 2, other, 1);
            body.withObject("customer").put("name", "鈴木 ないしょ").put("email", "naisho.suzuki@example.jp");
            api.rejected(500, "internal-error", List.of(ok, other), () -> api.post("/api/orders", body));
            assertThat(jdbc.queryForObject("select count(*) from inventory_reservation where sku in (?, ?) "
                    + "and status = 'RELEASED'", Integer.class, ok, other)).isEqualTo(2);
            assertThat(output.getAll()).contains("Could not record order")
                    .doesNotContain("naisho.suzuki@example.jp").doesNotContain("鈴木");
        } finally {
            jdbc.execute("drop trigger orders_test_refuse on orders_order");
        }
    }

    @Test
    void aLineIsShortOnceHoweverOftenItsDisplacementIsReported() {
        String sku = api.product("TWICE", false);
        api.sellable(sku, shop.store(), 2);
        JsonNode placed = api.ok(api.post("/api/orders", order(shop.marketplace(), sku, 2)));
        String number = placed.path("orderNumber").asString();
        UUID reservation = UUID.fromString(placed.path("lines").get(0).path("reservationId").asString());

        // as the inventory publishes them: inside a stock change's transaction, handled after its commit;
        // a report repeated is a new event object (the registry tells publications apart by instance)
        TransactionTemplate tx = new TransactionTemplate(transactions);
        for (int i = 0; i < 2; i++) {
            tx.executeWithoutResult(t -> events.publishEvent(new ReservationDisplaced(reservation, number + "#1",
                    shop.marketplace(), sku, shop.store(), 1)));
        }
        tx.executeWithoutResult(t -> {
            // not an order's holder, an unknown line, a number whose check digit is wrong: ignored
            events.publishEvent(new ReservationDisplaced(UUID.randomUUID(), "POS-77", shop.till(), sku, shop.store(),
                    1));
            events.publishEvent(new ReservationDisplaced(UUID.randomUUID(), number + "#9", shop.marketplace(), sku,
                    shop.store(), 1));
            events.publishEvent(new ReservationDisplaced(reservation, "000-0000000-0000001#1", shop.marketplace(), sku,
                    shop.store(), 1));
        });
        Events.awaitHandled(jdbc, sku);

        JsonNode o = api.ok(api.get("/api/orders/" + number));
        assertThat(o.path("lines").get(0).path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        assertThat(o.path("history").findValuesAsString("to").stream().filter("AWAITING_CUSTOMER"::equals)).hasSize(2);
        assertThat(probe.about(number)).hasSize(1).allSatisfy(e -> {
            assertThat(e.reason()).isEqualTo("DISPLACED");
            assertThat(e.quantity()).isEqualTo(1);
        });
    }

    @Test
    void aUnitDisplacedBeforeTheOrderIsRecordedIsCaughtWhenItIsRecorded() throws Exception {
        String sku = api.product("GATE", false);
        api.sellable(sku, shop.store(), 1);
        long gate = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        // the order's insert waits at this gate, after its reservation was made
        jdbc.execute("create or replace function orders_test_gate() returns trigger language plpgsql as "
                + "$$ begin perform pg_advisory_xact_lock(" + gate + "); return new; end $$");
        jdbc.execute("create trigger orders_test_gate before insert on orders_order for each row "
                + "when (new.channel = '" + shop.marketplace() + "') execute function orders_test_gate()");
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (Connection holder = jdbc.getDataSource().getConnection()) {
            holder.createStatement().execute("select pg_advisory_lock(" + gate + ")");
            Future<OrderApi.Response> placing = background.submit(() ->
                    api.post("/api/orders", order(shop.marketplace(), sku, 1)));
            while (jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory' and objid = ? "
                    + "and not granted", Integer.class, gate) == 0) {
                Thread.onSpinWait(); // until the order's transaction waits at the gate
            }
            // the reservation is made and the order not yet recorded: a forced till sale takes the unit
            api.ok(api.post("/api/stock/pos-sales", OrderApi.JSON.createObjectNode().put("sku", sku)
                    .put("location", shop.store()).put("quantity", 1).put("force", true)));
            holder.createStatement().execute("select pg_advisory_unlock(" + gate + ")");

            JsonNode placed = api.ok(placing.get(1, TimeUnit.MINUTES));
            assertThat(placed.path("lines").get(0).path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
            String number = placed.path("orderNumber").asString();
            // the sale's own path (asynchronous, after its commit) may come second; it must change nothing
            Events.awaitHandled(jdbc, sku);
            assertThat(api.ok(api.get("/api/orders/" + number)).path("status").asString())
                    .isEqualTo("AWAITING_CUSTOMER");
            assertThat(probe.about(number)).extracting(OrderLineShort::reason).containsExactly("DISPLACED");
            api.assertConsistent();
        } finally {
            background.shutdownNow();
            jdbc.execute("drop trigger orders_test_gate on orders_order");
        }
    }

    @Test
    void logsNeverNameTheCustomer(CapturedOutput output) {
        String sku = api.product("PRIVATE", false);
        api.sellable(sku, shop.store(), 1);
        ObjectNode body = order(shop.marketplace(), sku, 1, sku, 1);
        body.withObject("customer").put("name", "佐藤 ひみつ").put("email", "himitsu.sato@example.jp")
                .put("phone", "080-9999-0001");

        JsonNode placed = api.ok(api.post("/api/orders", body));
        api.ok(api.post("/api/stock/pos-sales", OrderApi.JSON.createObjectNode().put("sku", sku)
                .put("location", shop.store()).put("quantity", 1).put("force", true)));
        api.post("/api/orders", body.put("channel", shop.web())); // refused: 409
        Events.awaitHandled(jdbc, sku); // what the asynchronous listeners log is checked too

        assertThat(output.getAll()).contains(placed.path("orderNumber").asString()) // the logs did speak
                .doesNotContain("himitsu.sato@example.jp").doesNotContain("佐藤").doesNotContain("080-9999-0001");
    }
}

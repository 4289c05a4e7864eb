package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.order;
import static dev.zaiko.order.OrderApi.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import dev.zaiko.inventory.ReservationEngine;
import dev.zaiko.inventory.ReservationOutcome;
import dev.zaiko.inventory.ReserveRequest;
import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.Jobs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A release by the reservation engine announces in memory, after its commit, that units may have
 * become sellable; that announcement dies with the process. The order module also follows the
 * inventory's stock change journal, where the release committed with its batch, and fills the
 * lines waiting for the units from there.
 */
class BackorderJournalApiTest extends OrderApiTestBase {

    @Autowired
    DataSource dataSource;

    @Autowired
    Clock clock;

    @Autowired
    JobScheduler jobs;

    @Autowired
    FillingBackorders filling;

    String status(String number) {
        return api.ok(api.get("/api/orders/" + number)).path("lines").get(0).path("status").asString();
    }

    long cursor() {
        return jdbc.queryForObject("select position from orders_stock_change_cursor", Long.class);
    }

    @Test
    void aReleaseWhoseHandOverIsLostStillFillsTheWaitingBackorderFromTheJournal() {
        String sku = api.product("JOURNALFILL", true);
        api.sellable(sku, shop.warehouse(), 1);
        api.inbound(sku, shop.warehouse(), 10, today().plusDays(7));
        // an engine of its own with no listener: its batches commit, nobody is told in memory
        try (ReservationEngine lonely = new ReservationEngine(dataSource, clock, 64, 1, null)) {
            ReservationOutcome cart = lonely.reserve(new ReserveRequest(shop.web(), sku, 1, "cart-last-unit", null))
                    .join();
            assertThat(cart.reserved()).isTrue();
            OrderApi.Response placed = api.post("/api/orders", order(shop.web(), sku, 1));
            assertThat(placed.status()).as(placed.body()).isEqualTo(201);
            String waiting = placed.json().path("orderNumber").asString();
            assertThat(status(waiting)).as("the last unit is in a cart").isEqualTo("BACKORDERED");
            long before = cursor();

            UUID released = cart.reservationId();
            lonely.release(released).join();

            await().atMost(Duration.ofSeconds(30)).until(filling::idle);
            assertThat(status(waiting)).as("the hand-over was lost: nothing in memory fills the line")
                    .isEqualTo("BACKORDERED");
            assertThat(api.level(sku, shop.warehouse()).path("sellable").intValue()).as("the unit is back")
                    .isEqualTo(1);

            Jobs.runRecurring(jobs, clock, CatchingUpOnReleasedStock.TASK);

            assertThat(status(waiting)).isEqualTo("ALLOCATED");
            JsonNode filled = api.ok(api.get("/api/orders/" + waiting));
            String reservation = filled.path("lines").get(0).path("reservationId").asString();
            assertThat(api.ok(api.get("/api/reservations/" + reservation)).path("holder").asString())
                    .isEqualTo(waiting + "#1");
            JsonNode history = filled.path("history");
            assertThat(history.get(history.size() - 2).path("to").asString()).isEqualTo("ALLOCATED");
            assertThat(history.get(history.size() - 2).path("actor").asString()).isEqualTo("system");
            assertThat(cursor()).as("the order module moved its own cursor past the release").isGreaterThan(before);
            assertThat(api.reserved(sku)).isEqualTo(1);
            api.assertConsistent();
        }
    }

    @Test
    void aReleaseThatTheHandOverAndTheJournalBothSeeFillsTheEarliestLineOnceAndNoMore() {
        String sku = api.product("JOURNALONCE", true);
        api.sellable(sku, shop.warehouse(), 1);
        String cart = api.ok(api.post("/api/reservations", OrderApi.JSON.createObjectNode().put("channel", shop.web())
                .put("sku", sku).put("quantity", 1).put("holder", "cart-once"))).path("id").asString();
        api.inbound(sku, shop.warehouse(), 10, today().plusDays(7));
        String first = api.post("/api/orders", order(shop.web(), sku, 1)).json().path("orderNumber").asString();
        String second = api.post("/api/orders", order(shop.web(), sku, 1)).json().path("orderNumber").asString();

        api.ok(api.post("/api/reservations/" + cart + "/release"));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(first).equals("ALLOCATED") && filling.idle());

        Jobs.runRecurring(jobs, clock, CatchingUpOnReleasedStock.TASK);

        assertThat(status(first)).isEqualTo("ALLOCATED");
        assertThat(status(second)).as("one unit came back, for the earliest line").isEqualTo("BACKORDERED");
        assertThat(api.reserved(sku)).as("the journal's fill took nothing twice").isEqualTo(1);
        api.assertConsistent();
    }
}

package dev.zaiko.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.AllAtOnce;
import dev.zaiko.support.Jobs;
import dev.zaiko.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import tools.jackson.databind.JsonNode;

/**
 * A set-aside (a deal's quantity) takes units off regular sale; only reservations naming it draw
 * from it; units drawn and not taken go back into it while it is in force, and to regular stock
 * once it has ended.
 */
class SetAsideTest extends InventoryApiTestBase {

    @Autowired
    ReservingStock reserving;

    @Autowired
    MovableClock clock;

    @Autowired
    JobScheduler jobs;

    @Autowired
    ConfigurableApplicationContext context;

    InventoryApi.Shop shop;
    String sku;
    final Queue<SetAsideRefilled> refills = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void setUp() {
        shop = api.shop();
        sku = api.newProduct("ASIDE");
        String mine = sku;
        context.addApplicationListener(event -> {
            if (event instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof SetAsideRefilled r
                    && r.sku().equals(mine)) {
                refills.add(r);
            }
        });
    }

    @AfterEach
    void realTime() {
        clock.reset();
        dev.zaiko.support.NothingLeftRunning.settle(api, jdbc);
    }

    void awaitRefills(int count) {
        org.awaitility.Awaitility.await("set-aside refills").atMost(dev.zaiko.support.Events.BOUND)
                .pollInterval(Duration.ofMillis(10)).until(() -> refills.size() >= count);
    }

    UUID setAside(int units) {
        ReservationOutcome outcome = reserving.setAside(new ReserveRequest(shop.web(), sku, units, "deal SALE", null));
        assertThat(outcome.reserved()).as(String.valueOf(outcome.refusal())).isTrue();
        return outcome.reservationId();
    }

    ReservationOutcome draw(UUID from, int units, Duration hold) {
        return reserving.reserve(new ReserveRequest(shop.web(), sku, units, "cart", null).drawnFrom(from).heldFor(hold));
    }

    @Test
    void setAsideUnitsAreOffRegularSaleAndOnlyAReservationNamingTheSetAsideDrawsThem() {
        api.sellable(sku, shop.warehouse(), 10);
        UUID deal = setAside(4);

        assertThat(api.ats(sku, shop.web())).isEqualTo(6);
        ReservationOutcome plain = reserving.reserve(new ReserveRequest(shop.web(), sku, 7, "cart", null));
        assertThat(plain.reserved()).isFalse();
        assertThat(plain.available()).isEqualTo(6);

        ReservationOutcome drawn = draw(deal, 3, Duration.ofMinutes(15));
        assertThat(drawn.reserved()).isTrue();
        assertThat(drawn.available()).as("what the set-aside had").isEqualTo(4);
        assertThat(reserving.setAsideUnits(deal)).isEqualTo(1);
        assertThat(reserving.find(drawn.reservationId()).orElseThrow().drawnFrom()).isEqualTo(deal);
        assertThat(api.ats(sku, shop.web())).as("drawing moves no regular unit").isEqualTo(6);

        ReservationOutcome tooMany = draw(deal, 2, Duration.ofMinutes(15));
        assertThat(tooMany.reserved()).isFalse();
        assertThat(tooMany.available()).isEqualTo(1);
        api.assertConsistent(sku);
    }

    @Test
    void aDrawnHoldThatRunsOutGoesBackIntoTheSetAsideNotToRegularStockAndSaysSo() {
        api.sellable(sku, shop.warehouse(), 5);
        UUID deal = setAside(2);
        ReservationOutcome drawn = draw(deal, 2, Duration.ofMinutes(15));
        assertThat(reserving.setAsideUnits(deal)).isZero();

        clock.advance(Duration.ofMinutes(16));
        Jobs.runRecurring(jobs, clock, ReleasingExpiredReservations.TASK);

        assertThat(reserving.find(drawn.reservationId()).orElseThrow().status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(reserving.setAsideUnits(deal)).isEqualTo(2);
        assertThat(api.ats(sku, shop.web())).as("regular stock unchanged").isEqualTo(3);
        // published on the engine's worker right after it answered the sweep: waited for, with a bound
        awaitRefills(1);
        assertThat(refills).containsExactly(new SetAsideRefilled(deal, sku, drawn.reservationId(), 2, true));
        api.assertConsistent(sku);

        ReservationOutcome again = draw(deal, 1, Duration.ofMinutes(15));
        reserving.release(again.reservationId());
        awaitRefills(2);
        assertThat(refills).hasSize(2);
        assertThat(refills).last().isEqualTo(new SetAsideRefilled(deal, sku, again.reservationId(), 1, false));
        assertThat(reserving.setAsideUnits(deal)).isEqualTo(2);
    }

    @Test
    void endingASetAsideMakesItsOpenUnitsRegularStockAndUnitsDrawnFromItGoThereWhenTheyComeBack() {
        api.sellable(sku, shop.warehouse(), 6);
        UUID deal = setAside(4);
        ReservationOutcome drawn = draw(deal, 1, Duration.ofMinutes(15));

        assertThat(reserving.endSetAside(deal)).isEqualTo(3);
        assertThat(api.ats(sku, shop.web())).isEqualTo(5);
        JsonNode ended = api.movements(sku).get(0);
        assertThat(ended.path("kind").asString()).isEqualTo("RELEASE");
        assertThat(ended.path("reason").asString()).isEqualTo("set-aside ended");
        assertThat(reserving.endSetAside(deal)).as("ending twice changes nothing").isZero();
        assertThat(draw(deal, 1, Duration.ofMinutes(1)).reserved()).as("an ended set-aside gives nothing").isFalse();

        reserving.release(drawn.reservationId());
        assertThat(api.ats(sku, shop.web())).isEqualTo(6);
        assertThat(refills).isEmpty();
        api.assertConsistent(sku);
    }

    @Test
    void aSetAsideIsNotReleasedOrCommittedLikeAReservation() {
        api.sellable(sku, shop.warehouse(), 3);
        UUID deal = setAside(2);

        InventoryApi.assertProblem(api.post("/api/reservations/" + deal + "/release", InventoryApi.object()), 409,
                "reservation-closed");
        InventoryApi.assertProblem(api.post("/api/reservations/" + deal + "/commit", InventoryApi.object()), 409,
                "reservation-closed");
        assertThat(reserving.setAsideUnits(deal)).isEqualTo(2);
        assertThat(api.ats(sku, shop.web())).isEqualTo(1);
    }

    @Test
    void aSetAsideNeedsStockLikeAnyReservation() {
        api.sellable(sku, shop.warehouse(), 3);
        ReservationOutcome outcome = reserving.setAside(new ReserveRequest(shop.web(), sku, 5, "deal BIG", null));
        assertThat(outcome.reserved()).isFalse();
        assertThat(outcome.available()).isEqualTo(3);
    }

    @Test
    void manyBuyersDrawingAtOnceNeverGetMoreThanTheSetAsideAndNeverTouchRegularUnits() throws Exception {
        api.sellable(sku, shop.warehouse(), 30);
        UUID deal = setAside(20);

        List<ReservationOutcome> deals = AllAtOnce.run(60, () -> draw(deal, 1, Duration.ofMinutes(15)));
        long dealUnits = deals.stream().filter(ReservationOutcome::reserved).count();
        List<ReservationOutcome> plain = AllAtOnce.run(15, () -> reserving.reserve(
                new ReserveRequest(shop.web(), sku, 1, "cart", null)));
        long plainUnits = plain.stream().filter(ReservationOutcome::reserved).count();

        assertThat(dealUnits).isEqualTo(20);
        assertThat(plainUnits).isEqualTo(10);
        assertThat(reserving.setAsideUnits(deal)).isZero();
        JsonNode level = api.level(sku, shop.warehouse());
        assertThat(level.path("sellable").intValue()).isZero();
        assertThat(level.path("reserved").intValue()).isEqualTo(30);
        api.assertConsistent(sku);
    }

    @Test
    void aForcedTillSaleTakesADealsUnsoldUnitBeforeABuyersReservedOne() {
        // everything at the store: the web shop's warehouse is empty
        api.sellable(sku, shop.store(), 3);
        ReservationOutcome order = reserving.reserve(new ReserveRequest(shop.web(), sku, 1, "WEB-ORDER-1", null));
        UUID deal = setAside(2);
        ReservationOutcome bought = draw(deal, 1, Duration.ofMinutes(15));
        assertThat(api.level(sku, shop.store()).path("sellable").intValue()).isZero();

        InventoryApi.Response refused = api.rejected(409, "reserved-stock",
                () -> api.post("/api/stock/pos-sales", InventoryApi.tillSale(sku, shop.store(), 1)));
        assertThat(refused.json().path("heldBy").get(0).path("reservationId").asString()).isEqualTo(deal.toString());

        JsonNode forced = api.ok(api.post("/api/stock/pos-sales",
                InventoryApi.tillSale(sku, shop.store(), 1).put("force", true)));

        assertThat(forced.path("displacements").size()).isEqualTo(1);
        assertThat(forced.path("displacements").get(0).path("reservationId").asString()).isEqualTo(deal.toString());
        assertThat(reserving.setAsideUnits(deal)).isZero();
        assertThat(reserving.find(order.reservationId()).orElseThrow().status()).isEqualTo(ReservationStatus.OPEN);
        assertThat(reserving.find(bought.reservationId()).orElseThrow().status()).isEqualTo(ReservationStatus.OPEN);
        api.assertConsistent(sku);
    }
}

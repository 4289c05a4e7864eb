package dev.zaiko.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.ProductStatus;
import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.ChannelKind;
import dev.zaiko.inventory.Inbound;
import dev.zaiko.inventory.ReservationOutcome;
import dev.zaiko.platform.ConflictException;
import org.junit.jupiter.api.Test;

/** What becomes of an order line at placing: the first line placement policy that applies decides. */
class LinePlacementPoliciesTest {

    static final Instant NOW = Instant.parse("2026-11-24T01:00:00Z");
    static final LocalDate INBOUND_ON = LocalDate.of(2026, 12, 3);
    static final OrderNumber NUMBER = OrderNumber.random();
    static final Channel WEB = new Channel("WEB", ChannelKind.OWN, "Web shop", true, List.of("WH"));
    static final Channel AMAZON = new Channel("AMAZON", ChannelKind.MARKETPLACE, "Amazon", true, List.of("WH"));
    static final UUID RESERVATION = UUID.randomUUID();

    static Product tent(boolean backorderable, ProductStatus status) {
        return new Product("TENT", new Product.Name("テント", "Tent"), "tent", List.of("camping"), Map.of(), 20_000,
                status, false, 0, backorderable, null, null, Instant.EPOCH, Instant.EPOCH);
    }

    static ReservationOutcome reserved() {
        return new ReservationOutcome("TENT", true, RESERVATION, List.of(), 5, null);
    }

    static ReservationOutcome refused(int available) {
        return new ReservationOutcome("TENT", false, null, List.of(), available, "not enough");
    }

    static Inbound inbound() {
        return new Inbound(7, "TENT", "WH", 10, INBOUND_ON, "PO-7", "EXPECTED", null);
    }

    /** Counts the inbound lookups, so a test can tell that one was not needed. */
    final AtomicInteger lookups = new AtomicInteger();

    LinePlacementPolicy.LineFacts line(Channel channel, Product product, ReservationOutcome outcome,
                                       Optional<Inbound> next) {
        return new LinePlacementPolicy.LineFacts(NUMBER, 2, new OrderRequest.Line("TENT", 3, 20_000L), product,
                channel, outcome, () -> {
                    lookups.incrementAndGet();
                    return next;
                }, "api", NOW);
    }

    @Test
    void aReservedLineIsAllocatedWithItsReservationOnEveryChannelWithoutLookingForAnInbound() {
        for (Channel channel : List.of(WEB, AMAZON)) {
            LinePlacementPolicy.Placed placed = LinePlacementPolicies.place(
                    line(channel, tent(false, ProductStatus.DISCONTINUED), reserved(), Optional.empty()));
            assertThat(placed.line().status()).isEqualTo(OrderStatus.ALLOCATED);
            assertThat(placed.line().reservationId()).isEqualTo(RESERVATION);
            assertThat(placed.line().lineNo()).isEqualTo(2);
            assertThat(placed.history().to()).isEqualTo(OrderStatus.ALLOCATED);
            assertThat(placed.history().reason()).isEqualTo("Reserved 3 unit(s).");
            assertThat(placed.shortage()).isNull();
        }
        assertThat(lookups).hasValue(0);
    }

    @Test
    void aMarketplaceLineThatCannotBeReservedAwaitsTheCustomerAndIsReportedShortNeverRefused() {
        LinePlacementPolicy.Placed placed = LinePlacementPolicies.place(
                line(AMAZON, tent(false, ProductStatus.ACTIVE), refused(1), Optional.empty()));
        assertThat(placed.line().status()).isEqualTo(OrderStatus.AWAITING_CUSTOMER);
        assertThat(placed.line().reservationId()).isNull();
        assertThat(placed.history().reason()).isEqualTo("Allocation failed: only 1 available for 3 ordered on a "
                + "marketplace.");
        assertThat(placed.shortage()).isEqualTo(new OrderLineShort(NUMBER.toString(), 2, "TENT", 3,
                OrderLineShort.ALLOCATION_FAILED, NOW));
        assertThat(lookups).hasValue(0);
    }

    @Test
    void aMarketplaceLineAwaitsTheCustomerEvenWhenTheProductCouldBeBackordered() {
        LinePlacementPolicy.Placed placed = LinePlacementPolicies.place(
                line(AMAZON, tent(true, ProductStatus.ACTIVE), refused(0), Optional.of(inbound())));
        assertThat(placed.line().status()).isEqualTo(OrderStatus.AWAITING_CUSTOMER);
    }

    @Test
    void anOwnChannelLineOfABackorderableProductIsBackorderedUntilTheNextInbound() {
        LinePlacementPolicy.Placed placed = LinePlacementPolicies.place(
                line(WEB, tent(true, ProductStatus.ACTIVE), refused(1), Optional.of(inbound())));
        assertThat(placed.line().status()).isEqualTo(OrderStatus.BACKORDERED);
        assertThat(placed.line().promisedDate()).isEqualTo(INBOUND_ON);
        assertThat(placed.line().reservationId()).isNull();
        assertThat(placed.history().reason()).isEqualTo("Only 1 available; backordered until the inbound expected "
                + "on 2026-12-03.");
        assertThat(placed.shortage()).isNull();
    }

    @Test
    void anOwnChannelRefusesTheOrderWhenTheProductCannotBeBackorderedIsDiscontinuedOrHasNoInbound() {
        List<LinePlacementPolicy.LineFacts> refusing = List.of(
                line(WEB, tent(false, ProductStatus.ACTIVE), refused(1), Optional.of(inbound())),
                line(WEB, tent(true, ProductStatus.DISCONTINUED), refused(1), Optional.of(inbound())),
                line(WEB, tent(true, ProductStatus.ACTIVE), refused(1), Optional.empty()));
        for (LinePlacementPolicy.LineFacts facts : refusing) {
            assertThatThrownBy(() -> LinePlacementPolicies.place(facts))
                    .isInstanceOfSatisfying(ConflictException.class, e -> {
                        assertThat(e.type()).isEqualTo("insufficient-stock");
                        assertThat(e.properties()).containsEntry("lineNo", 2).containsEntry("available", 1)
                                .containsEntry("requested", 3).containsEntry("channel", "WEB");
                    });
        }
        // the inbound is looked up only for a product that could wait for it
        assertThat(lookups).hasValue(1);
    }
}

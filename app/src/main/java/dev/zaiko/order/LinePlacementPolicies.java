package dev.zaiko.order;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.inventory.ChannelKind;
import dev.zaiko.inventory.Inbound;
import dev.zaiko.platform.ConflictException;

/**
 * What becomes of an order line at placing, in one place: the first policy that applies decides.
 * A reserved line is allocated; a line that cannot be reserved is recorded as AWAITING_CUSTOMER
 * on a marketplace (the order was accepted there), BACKORDERED with the next inbound's date on
 * an OWN channel when the product allows it, and otherwise the whole order is refused.
 */
final class LinePlacementPolicies {

    static final List<LinePlacementPolicy> ALL = List.of(
            new ReservedLinesAreAllocated(),
            new MarketplaceLinesAwaitTheCustomer(),
            new DealLinesAreNeverBackordered(),
            new BackorderUntilTheDatedInbound(),
            new RefuseTheOrder());

    private LinePlacementPolicies() {
    }

    /**
     * @throws ConflictException {@code insufficient-stock}: the line refuses the order
     */
    static LinePlacementPolicy.Placed place(LinePlacementPolicy.LineFacts line) {
        for (LinePlacementPolicy policy : ALL) {
            Optional<LinePlacementPolicy.Placed> placed = policy.place(line);
            if (placed.isPresent()) return placed.get();
        }
        throw new IllegalStateException("No placement policy decided line " + line.lineNo() + " of order "
                + line.order() + ".");
    }

    /** The marketplace's own line id as the line was placed with it, stripped; null when none was given. */
    static String ref(OrderRequest.Line line) {
        String ref = line.externalLineRef();
        return ref == null || ref.isBlank() ? null : ref.strip();
    }

    /** Units reserved for the line: it is ALLOCATED, holding its reservation. */
    static final class ReservedLinesAreAllocated implements LinePlacementPolicy {
        @Override
        public Optional<Placed> place(LineFacts f) {
            if (!f.outcome().reserved()) return Optional.empty();
            OrderRequest.Line line = f.request();
            return Optional.of(new Placed(new Order.Line(f.lineNo(), line.sku(), line.quantity(), line.unitPrice(),
                    OrderStatus.ALLOCATED, f.outcome().reservationId(), null, null, null, ref(line)),
                    new Order.StatusChange(f.lineNo(), null, OrderStatus.ALLOCATED, f.actor(),
                            "Reserved " + line.quantity() + " unit(s).", f.now()), null));
        }
    }

    /**
     * A marketplace accepted (and was paid for) the order before Zaiko heard of it: the line is
     * recorded AWAITING_CUSTOMER and a stockout ({@link OrderLineShort#ALLOCATION_FAILED}) is
     * published, never refused.
     */
    static final class MarketplaceLinesAwaitTheCustomer implements LinePlacementPolicy {
        @Override
        public Optional<Placed> place(LineFacts f) {
            if (f.outcome().reserved() || f.channel().kind() != ChannelKind.MARKETPLACE) return Optional.empty();
            OrderRequest.Line line = f.request();
            return Optional.of(new Placed(new Order.Line(f.lineNo(), line.sku(), line.quantity(), line.unitPrice(),
                    OrderStatus.AWAITING_CUSTOMER, null, null, null, null, ref(line)),
                    new Order.StatusChange(f.lineNo(), null, OrderStatus.AWAITING_CUSTOMER, f.actor(),
                            "Allocation failed: only " + f.outcome().available() + " available for "
                                    + line.quantity() + " ordered on a marketplace.", f.now()),
                    new OrderLineShort(f.order().toString(), f.lineNo(), line.sku(), line.quantity(),
                            OrderLineShort.ALLOCATION_FAILED, f.now())));
        }
    }

    /**
     * A line naming a deal buys the deal's units at the deal price: when the deal has too few left,
     * the order is refused (409 {@code deal-sold-out}, with what remains and the deal's waitlist),
     * never backordered at the deal price.
     */
    static final class DealLinesAreNeverBackordered implements LinePlacementPolicy {
        @Override
        public Optional<Placed> place(LineFacts f) {
            if (f.outcome().reserved() || f.request().deal() == null) return Optional.empty();
            OrderRequest.Line line = f.request();
            String deal = line.deal().strip();
            throw new ConflictException("deal-sold-out", "Cannot place the order: line " + f.lineNo() + " asks for "
                    + line.quantity() + " of " + line.sku() + " from deal " + deal + ", which has "
                    + f.outcome().available() + " left. Join the deal's waitlist, or order at the regular price "
                    + "without the deal.", Map.of("sku", line.sku(), "lineNo", f.lineNo(), "deal", deal,
                    "requested", line.quantity(), "remaining", f.outcome().available(),
                    "waitlist", "/api/waitlists/" + deal + "/entries"));
        }
    }

    /**
     * On an OWN channel, a product that allows backorders and is not discontinued waits: the line is
     * BACKORDERED, promised the earliest inbound into the channel's pool whose units not yet promised
     * to earlier lines cover it whole (its date, and which inbound). When inbounds are expected but
     * every one is fully promised, or when earlier backorders wait ahead of it, it is still backordered,
     * without a date when no inbound has room for it. With no inbound expected at all and nobody ahead,
     * the policy does not apply (the order is refused).
     */
    static final class BackorderUntilTheDatedInbound implements LinePlacementPolicy {
        @Override
        public Optional<Placed> place(LineFacts f) {
            if (f.outcome().reserved() || f.channel().kind() != ChannelKind.OWN) return Optional.empty();
            if (!f.product().backorderable() || f.product().isDiscontinued()) return Optional.empty();
            Optional<Inbound> inbound = f.nextInbound().get();
            if (inbound.isEmpty() && !f.queuedBehind() && !f.expecting().get()) return Optional.empty();
            OrderRequest.Line line = f.request();
            String why = f.queuedBehind()
                    ? "Earlier backorders of " + line.sku() + " wait for the units that appear; backordered behind them"
                    : "Only " + f.outcome().available() + " available; backordered";
            var promised = inbound.map(Inbound::expectedOn).orElse(null);
            why += promised != null ? " until the inbound expected on " + promised + "."
                    : " without a date: the units of every expected inbound are already promised to earlier orders.";
            return Optional.of(new Placed(new Order.Line(f.lineNo(), line.sku(), line.quantity(), line.unitPrice(),
                    OrderStatus.BACKORDERED, null, promised, null, null, ref(line), inbound.map(Inbound::id).orElse(null)),
                    new Order.StatusChange(f.lineNo(), null, OrderStatus.BACKORDERED, f.actor(), why, f.now()), null));
        }
    }

    /**
     * On an OWN channel the checkout can still say no: a line neither reserved nor backordered
     * refuses the whole order (409 {@code insufficient-stock}), and nothing is written.
     */
    static final class RefuseTheOrder implements LinePlacementPolicy {
        @Override
        public Optional<Placed> place(LineFacts f) {
            if (f.outcome().reserved() || f.channel().kind() != ChannelKind.OWN) return Optional.empty();
            OrderRequest.Line line = f.request();
            int available = f.outcome().available();
            throw new ConflictException("insufficient-stock", "Cannot place the order: line " + f.lineNo() + " asks for "
                    + line.quantity() + " of " + line.sku() + " but only " + available + " available on channel "
                    + f.channel().code() + ", and the product cannot be backordered with a dated inbound.",
                    Map.of("sku", line.sku(), "lineNo", f.lineNo(), "requested", line.quantity(), "available",
                            available, "channel", f.channel().code()));
        }
    }
}

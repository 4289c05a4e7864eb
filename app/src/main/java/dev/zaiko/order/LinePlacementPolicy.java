package dev.zaiko.order;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import dev.zaiko.catalog.Product;
import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.Inbound;
import dev.zaiko.inventory.ReservationOutcome;

/**
 * One of the shop's rules for what becomes of an order line when the order is placed, given
 * whether its units could be reserved: allocated, backordered, awaiting the customer, or the
 * whole order refused. Every policy is listed in {@link LinePlacementPolicies}; the first that
 * applies decides.
 */
interface LinePlacementPolicy {

    /**
     * The line as placed, or empty when this policy does not apply to it.
     *
     * @throws dev.zaiko.platform.ConflictException when the policy refuses the whole order
     */
    Optional<Placed> place(LineFacts line);

    /**
     * Everything a policy looks at for one line: plain data (the inbound is looked up only when a
     * policy asks for it), so a test can feed a policy directly.
     *
     * @param request     the line as ordered
     * @param outcome     the reservation engine's answer for the line
     * @param nextInbound the earliest expected inbound of the SKU into the channel's pool, dated today or
     *                    later, whose units not yet promised to other lines cover this line whole; looked up
     *                    on demand
     * @param expecting   whether any inbound of the SKU into the pool is expected at all (fully promised or
     *                    not), looked up on demand
     * @param queuedBehind the line was not reserved because earlier backordered lines of the SKU wait in the
     *                    channel's pool: units that appear are theirs first
     * @param actor       who places the order, for the history
     * @param now         the order's time, as the database keeps it
     */
    record LineFacts(OrderNumber order, int lineNo, OrderRequest.Line request, Product product, Channel channel,
                     ReservationOutcome outcome, Supplier<Optional<Inbound>> nextInbound, Supplier<Boolean> expecting,
                     boolean queuedBehind, String actor, Instant now) {

        /** Facts of a line not queued behind anyone, where "expected at all" is "an inbound with room". */
        LineFacts(OrderNumber order, int lineNo, OrderRequest.Line request, Product product, Channel channel,
                  ReservationOutcome outcome, Supplier<Optional<Inbound>> nextInbound, String actor, Instant now) {
            this(order, lineNo, request, product, channel, outcome, once(nextInbound), actor, now, null);
        }

        private LineFacts(OrderNumber order, int lineNo, OrderRequest.Line request, Product product, Channel channel,
                          ReservationOutcome outcome, Supplier<Optional<Inbound>> nextInbound, String actor,
                          Instant now, Void memoized) {
            this(order, lineNo, request, product, channel, outcome, nextInbound, () -> nextInbound.get().isPresent(),
                    false, actor, now);
        }
    }

    /** The supplier's answer, looked up at most once. */
    private static <T> Supplier<T> once(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;
            private boolean known;

            @Override
            public synchronized T get() {
                if (!known) {
                    value = supplier.get();
                    known = true;
                }
                return value;
            }
        };
    }

    /**
     * A line as placed: the line, its first history entry, and the shortage to publish with the
     * order (null when nothing is short).
     */
    record Placed(Order.Line line, Order.StatusChange history, OrderLineShort shortage) {
    }
}

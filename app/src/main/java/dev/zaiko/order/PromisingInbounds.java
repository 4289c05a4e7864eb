package dev.zaiko.order;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.ExpectingInbounds;
import dev.zaiko.inventory.Inbound;
import dev.zaiko.inventory.InboundPromises;
import dev.zaiko.inventory.StockNetwork;
import org.springframework.stereotype.Component;

/**
 * Promises within capacity: a BACKORDERED line is promised one inbound (orders_line.promised_inbound_id)
 * and counts against its units for as long as it is BACKORDERED. What is promised is never kept
 * apart from the lines themselves, so a line filled, short or cancelled frees its units by leaving
 * BACKORDERED, whichever path takes it there.
 * <p>
 * A line is promised the earliest expected inbound into its channel's pool whose free units (its
 * quantity less the units of the lines already promised it) cover the line whole. A line that no
 * single inbound covers gets no date: lines are filled whole, and the units of two arrivals are
 * filled separately, so the date of the inbound that would "complete" it promises nothing real.
 * Callers that promise hold the SKU's backorder lock ({@link OrderStore#lockBackorders}), so two
 * promises never count the same free units.
 */
@Component
public class PromisingInbounds implements InboundPromises {

    private final ExpectingInbounds inbounds;
    private final OrderStore store;
    private final StockNetwork network;

    PromisingInbounds(ExpectingInbounds inbounds, OrderStore store, StockNetwork network) {
        this.inbounds = inbounds;
        this.store = store;
        this.network = network;
    }

    /**
     * The earliest expected inbound into the locations whose free units cover the quantity whole,
     * with what is promised of it: what a backorder placed now would be promised (read without the
     * SKU's lock, so an answer, not a promise).
     */
    public Optional<Capacity> firstWithRoom(String sku, List<String> locations, int quantity) {
        return upcoming(sku, locations).stream().filter(c -> c.free() >= quantity).findFirst();
    }

    /**
     * Units of the SKU's BACKORDERED lines waiting on this channel or on one whose pool shares a
     * location with its pool: units that appear there are theirs before a new order's.
     */
    public int waitingUnits(String sku, Channel channel) {
        int units = 0;
        for (BackorderQueue.Waiting w : store.backordered(sku)) {
            boolean shared = w.channel().equals(channel.code()) || network.findChannel(w.channel())
                    .map(c -> c.locations().stream().anyMatch(channel.locations()::contains)).orElse(false);
            if (shared) units += w.quantity();
        }
        return units;
    }

    /**
     * An expected inbound with the units already promised to waiting lines.
     *
     * @param promised units of BACKORDERED lines promised it
     */
    public record Capacity(Inbound inbound, int promised) {
        public int free() {
            return Math.max(0, inbound.quantity() - promised);
        }
    }

    @Override
    public Map<Long, Integer> promisedUnits(Collection<Long> inboundIds) {
        return store.promisedUnits(inboundIds);
    }

    /** The SKU's expected inbounds into the locations, dated today or later, earliest first, with what is promised. */
    public List<Capacity> upcoming(String sku, List<String> locations) {
        List<Inbound> upcoming = inbounds.upcoming(sku, locations);
        Map<Long, Integer> promised = store.promisedUnits(upcoming.stream().map(Inbound::id).toList());
        return upcoming.stream().map(i -> new Capacity(i, promised.getOrDefault(i.id(), 0))).toList();
    }

    /**
     * The earliest inbound whose free units cover the quantity whole, counting also what this
     * caller has just promised and not yet written ({@code alsoPromised}, updated when one is found).
     */
    static Optional<Inbound> firstWithRoom(List<Capacity> upcoming, int quantity, Map<Long, Integer> alsoPromised) {
        for (Capacity c : upcoming) {
            int taken = alsoPromised.getOrDefault(c.inbound().id(), 0);
            if (c.free() - taken >= quantity) {
                alsoPromised.merge(c.inbound().id(), quantity, Integer::sum);
                return Optional.of(c.inbound());
            }
        }
        return Optional.empty();
    }

    /** A fresh tally of what one placement promises, inbound by inbound. */
    static Map<Long, Integer> tally() {
        return new HashMap<>();
    }
}

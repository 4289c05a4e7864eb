package dev.zaiko.deal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A deal as the module keeps it: the public {@link Deal} and what only running it tells.
 *
 * @param setAsideUnits the units the set-aside took when the deal started (fewer than the
 *                      quantity when stock was short); null before it started
 */
record DealRow(String code, String sku, List<String> channels, long price, int quantity, Instant startsAt,
               Instant endsAt, String memberSegment, Integer perCustomerLimit, DealStatus status, UUID setAside,
               Integer setAsideUnits, Instant createdAt, Instant startedAt, Instant endedAt, boolean endedEarly) {

    Deal deal() {
        return new Deal(code, sku, channels, price, quantity, startsAt, endsAt, memberSegment, perCustomerLimit,
                status, setAside);
    }

    /** The units the deal could not set aside when it started, for lack of stock. */
    int shortBy() {
        return setAsideUnits == null ? 0 : Math.max(0, quantity - setAsideUnits);
    }

    boolean running() {
        return status == DealStatus.LIVE || status == DealStatus.PAUSED;
    }
}

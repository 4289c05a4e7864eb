package dev.zaiko.deal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.zaiko.inventory.ReservationOutcome;
import dev.zaiko.inventory.ReserveRequest;
import dev.zaiko.inventory.ReservingStock;
import dev.zaiko.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts a deal whose start has come: sets its quantity aside from the first channel's pool
 * ({@link ReservingStock#setAside}), or what there is when stock is short, and makes it LIVE.
 * Under the deal's row lock, and only while it is PLANNED: the timer, the catch-up job and a
 * second instance may all try, and the deal starts once.
 */
@Service
class StartingDeals {

    private static final Logger log = LoggerFactory.getLogger(StartingDeals.class);

    private final DealStore store;
    private final ReservingStock reserving;
    private final TransactionTemplate tx;
    private final Clock clock;

    StartingDeals(DealStore store, ReservingStock reserving, PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.reserving = reserving;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The id of the deal's set-aside, the same for every start of it. */
    static UUID setAsideOf(String code) {
        return UUID.nameUUIDFromBytes(("zaiko deal " + code).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Ends what a start left behind when it died before recording the deal LIVE and the deal was then
     * cancelled: the units set aside for it are regular stock again.
     */
    void releaseUnrecordedSetAside(String code) {
        try {
            int units = reserving.endSetAside(setAsideOf(code));
            if (units > 0) log.warn("Deal {}: {} unit(s) set aside by a start that never recorded it are regular "
                    + "stock again", code, units);
        } catch (NotFoundException none) {
            // the usual case: nothing was ever set aside
        }
    }

    /** @return true when this call started (or, past its whole window, closed) the deal */
    boolean startIfDue(String code) {
        return Boolean.TRUE.equals(tx.execute(t -> {
            Optional<DealRow> locked = store.lock(code);
            if (locked.isEmpty()) return false;
            DealRow deal = locked.get();
            Instant now = clock.instant();
            if (deal.status() != DealStatus.PLANNED || deal.startsAt().isAfter(now)) return false;
            if (!deal.endsAt().isAfter(now)) {
                // Zaiko was down for the deal's whole window: nothing was ever set aside, nothing sold
                store.started(code, null, 0, now);
                store.ended(code, now, false);
                log.warn("Deal {} was due from {} to {} and Zaiko was not running then: ended without selling",
                        code, deal.startsAt(), deal.endsAt());
                return true;
            }
            // the deal's row stays locked while the engine sets the units aside in a transaction of its own
            String holder = "deal " + code;
            String channel = deal.channels().get(0);
            // the id follows from the code: a start asked again after a crash before the record below finds
            // the set-aside made then (the engine answers it as it is) instead of making a second one
            UUID id = setAsideOf(code);
            ReservationOutcome outcome = reserving.setAside(new ReserveRequest(channel, deal.sku(), deal.quantity(),
                    holder, null), id);
            if (!outcome.reserved() && outcome.available() > 0) {
                outcome = reserving.setAside(new ReserveRequest(channel, deal.sku(),
                        Math.min(outcome.available(), deal.quantity()), holder, null), id);
            }
            if (outcome.reserved()) {
                int units = outcome.parts().stream().mapToInt(p -> p.quantity()).sum();
                store.started(code, outcome.reservationId(), units, now);
                if (units < deal.quantity()) {
                    log.warn("Deal {} started short: {} of {} unit(s) of {} set aside ({} available on {})", code, units,
                            deal.quantity(), deal.sku(), outcome.available(), channel);
                } else {
                    log.info("Deal {} started: {} unit(s) of {} set aside", code, units, deal.sku());
                }
            } else {
                store.started(code, null, 0, now);
                log.warn("Deal {} started with nothing set aside: no unit of {} available on {} ({})", code,
                        deal.sku(), channel, outcome.refusal());
            }
            return true;
        }));
    }

}

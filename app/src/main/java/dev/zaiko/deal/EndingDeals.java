package dev.zaiko.deal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.inventory.ReservingStock;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends a running deal, at its end (the timer or the catch-up job) or early (an operator): its
 * set-aside ends ({@link ReservingStock#endSetAside}), so unsold units are sellable stock again and
 * the channels are pushed through the normal stock-change path. Under the deal's row lock and only
 * while LIVE or PAUSED; ending an ended set-aside changes nothing, so a run cut off between the two
 * steps is finished by the next one.
 */
@Service
class EndingDeals {

    private static final Logger log = LoggerFactory.getLogger(EndingDeals.class);

    private final DealStore store;
    private final ReservingStock reserving;
    private final TransactionTemplate tx;
    private final Clock clock;

    EndingDeals(DealStore store, ReservingStock reserving, PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.reserving = reserving;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** @return true when this call ended the deal */
    boolean endIfDue(String code) {
        return Boolean.TRUE.equals(tx.execute(t -> {
            Optional<DealRow> locked = store.lock(code);
            if (locked.isEmpty() || !locked.get().running()) return false;
            if (locked.get().endsAt().isAfter(clock.instant())) return false;
            end(locked.get(), false);
            return true;
        }));
    }

    /**
     * Ends a LIVE or PAUSED deal now. Ending an ENDED deal again changes nothing.
     *
     * @throws ConflictException {@code deal-not-started} while PLANNED (cancel it instead) or CANCELLED
     */
    DealRow endEarly(String code) {
        tx.executeWithoutResult(t -> {
            DealRow deal = store.lock(code).orElseThrow(() -> new NotFoundException("No deal '" + code + "'."));
            if (deal.status() == DealStatus.ENDED) return;
            if (!deal.running()) {
                throw new ConflictException("deal-not-started", "Deal " + code + " is " + deal.status() + "; only a "
                        + "running deal can be ended. Cancel a planned deal instead.",
                        Map.of("code", code, "dealStatus", deal.status().name()));
            }
            end(deal, true);
        });
        return store.find(code).orElseThrow();
    }

    private void end(DealRow deal, boolean early) {
        Instant now = clock.instant();
        int back = deal.setAside() == null ? 0 : reserving.endSetAside(deal.setAside());
        store.ended(deal.code(), now, early);
        log.info("Deal {} ended{}: {} unsold unit(s) of {} are regular stock again", deal.code(),
                early ? " early" : "", back, deal.sku());
    }
}

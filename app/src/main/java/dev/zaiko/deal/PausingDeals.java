package dev.zaiko.deal;

import java.util.Map;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pauses a LIVE deal (its units stay set aside, nobody can buy) and resumes a PAUSED one. Pausing a
 * paused deal, or resuming a live one, changes nothing.
 */
@Service
class PausingDeals {

    private static final Logger log = LoggerFactory.getLogger(PausingDeals.class);

    private final DealStore store;
    private final TransactionTemplate tx;

    PausingDeals(DealStore store, PlatformTransactionManager transactions) {
        this.store = store;
        this.tx = new TransactionTemplate(transactions);
    }

    /** @throws ConflictException {@code deal-not-live} unless LIVE or PAUSED */
    DealRow pause(String code) {
        return move(code, DealStatus.LIVE, DealStatus.PAUSED);
    }

    /** @throws ConflictException {@code deal-not-live} unless LIVE or PAUSED */
    DealRow resume(String code) {
        return move(code, DealStatus.PAUSED, DealStatus.LIVE);
    }

    private DealRow move(String code, DealStatus from, DealStatus to) {
        tx.executeWithoutResult(t -> {
            DealRow deal = store.lock(code).orElseThrow(() -> new NotFoundException("No deal '" + code + "'."));
            if (deal.status() == to) return;
            if (deal.status() != from) {
                throw new ConflictException("deal-not-live", "Deal " + code + " is " + deal.status() + "; only a "
                        + from + " deal can be " + (to == DealStatus.PAUSED ? "paused" : "resumed") + ".",
                        Map.of("code", code, "dealStatus", deal.status().name()));
            }
            store.status(code, to);
        });
        log.info("Deal {} is {} now", code, to);
        return store.find(code).orElseThrow();
    }
}

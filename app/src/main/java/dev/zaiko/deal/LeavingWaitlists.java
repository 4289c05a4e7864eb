package dev.zaiko.deal;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import dev.zaiko.platform.AfterCommit;
import dev.zaiko.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer leaves a deal's waitlist: by the one-click link in every waitlist email, or the shop
 * removes them ({@code DELETE /api/deals/{code}/waitlist/{id}}). One who was OFFERED a unit lets it
 * go: the hold is released and the unit goes to the next in line. Leaving twice changes nothing;
 * one who took a unit keeps it (TOOK stays).
 */
@Service
public class LeavingWaitlists {

    private static final Logger log = LoggerFactory.getLogger(LeavingWaitlists.class);

    private final WaitlistStore store;
    private final WaitlistSupply supply;
    private final WaitlistLinks links;
    private final TransactionTemplate tx;
    private final Clock clock;

    LeavingWaitlists(WaitlistStore store, WaitlistSupply supply, WaitlistLinks links,
                     PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.supply = supply;
        this.links = links;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** @throws NotFoundException no such entry in the deal's waitlist */
    public WaitlistEntry leave(String deal, UUID entryId) {
        WaitlistEntry entry = store.find(entryId).filter(e -> e.deal().equals(deal))
                .orElseThrow(() -> new NotFoundException("No entry " + entryId + " in the waitlist of deal '" + deal + "'."));
        return leave(entry);
    }

    /**
     * The one-click leave link: a valid link takes its entry out; a forged, altered or expired one
     * changes nothing.
     *
     * @return the entry as it is now; empty for a link that does not open
     */
    public Optional<WaitlistEntry> leaveByLink(String token) {
        if (!(links.verify(token, WaitlistLinks.Kind.LEAVE) instanceof WaitlistLinks.Valid valid)) {
            return Optional.empty();
        }
        return store.find(valid.entry()).map(this::leave);
    }

    private WaitlistEntry leave(WaitlistEntry entry) {
        UUID release = tx.execute(t -> {
            store.lock(entry.deal(), clock.instant());
            WaitlistEntry now = store.find(entry.id()).orElseThrow();
            switch (now.status()) {
                case WAITING, PASSED -> {
                    store.move(now.id(), now.status(), WaitlistStatus.LEFT, clock.instant());
                    return null;
                }
                case OFFERED -> {
                    if (supply.fate(now.reservationId()) == WaitlistSupply.Fate.TAKEN) {
                        // an order took the unit already: they keep it
                        store.closeOffer(now.reservationId(), WaitlistStatus.TOOK, clock.instant());
                        store.move(now.id(), WaitlistStatus.OFFERED, WaitlistStatus.TOOK, clock.instant());
                        return null;
                    }
                    store.closeOffer(now.reservationId(), WaitlistStatus.PASSED, clock.instant());
                    store.move(now.id(), WaitlistStatus.OFFERED, WaitlistStatus.LEFT, clock.instant());
                    return now.reservationId();
                }
                default -> {
                    return null; // TOOK keeps the unit; LEFT already
                }
            }
        });
        if (release != null) {
            // after the commit: the refill finds the offer closed and gives the unit to the next in line
            AfterCommit.run(() -> {
                if (supply.fate(release) == WaitlistSupply.Fate.HELD) supply.release(release);
            });
        }
        log.info("Waitlist entry {} of deal {} left the line", entry.id(), entry.deal());
        return store.find(entry.id()).orElseThrow();
    }
}

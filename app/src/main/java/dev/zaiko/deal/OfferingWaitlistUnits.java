package dev.zaiko.deal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.zaiko.inventory.Reservation;
import dev.zaiko.inventory.ReservationOutcome;
import dev.zaiko.inventory.ReservingStock;
import dev.zaiko.inventory.SetAsideRefilled;
import dev.zaiko.platform.AfterCommit;
import dev.zaiko.platform.FoldingWorker;
import dev.zaiko.platform.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives every unit that comes back to a deal to the first WAITING in its waitlist, as a hold of
 * {@code zaiko.deals.waitlist-offer-hold} drawn from the deal's set-aside
 * ({@link BuyingFromDeals#reserve} with {@code forWaitlist}): the entry becomes OFFERED, an email
 * with the signed offer and leave links is recorded, and a {@code waitlist.offered} event for the
 * shop's app is due ({@link WaitlistWebhookEvents}).
 * <p>
 * Every offer run for a deal holds the lock on the deal's {@code deal_waitlist} row for its whole
 * transaction, so two runs (the refill listener and the catch-up job, two instances) never offer at
 * once for one deal: the first in line moves to OFFERED before the next run can see them, and one
 * unit is one reservation drawn from the set-aside, which refuses when it holds no more.
 * <p>
 * A unit comes back as {@link SetAsideRefilled} (a hold that ran out or was released, an order
 * cancelled before shipping), published in memory after the inventory's commit: the listener hands
 * the set-aside to a {@link FoldingWorker} (the announcer is the reservation engine's worker, which
 * must not wait for a reservation only it can decide), whose run does for that one deal what the
 * durable job ({@link #catchUp}) does for every deal, and so finds what a crash lost: offers whose
 * hold is gone or that an order took close, and the set-aside's open units go to those still waiting.
 */
@Service
public class OfferingWaitlistUnits implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OfferingWaitlistUnits.class);

    private final WaitlistStore store;
    private final Deals deals;
    private final BuyingFromDeals buying;
    private final WaitlistSupply supply;
    private final WaitlistNotices notices;
    private final WaitlistWebhookEvents webhooks;
    private final WaitlistProperties properties;
    private final ReservingStock reserving;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final FoldingWorker worker;

    OfferingWaitlistUnits(WaitlistStore store, Deals deals, BuyingFromDeals buying, WaitlistSupply supply,
                          WaitlistNotices notices, WaitlistWebhookEvents webhooks, WaitlistProperties properties,
                          ReservingStock reserving, PlatformTransactionManager transactions,
                          Clock clock) {
        this.store = store;
        this.deals = deals;
        this.buying = buying;
        this.supply = supply;
        this.notices = notices;
        this.webhooks = webhooks;
        this.properties = properties;
        this.reserving = reserving;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.worker = new FoldingWorker("zaiko-waitlist-offer", "offer the units back in set-aside",
                setAside -> refilled(UUID.fromString(setAside)));
    }

    /**
     * Only hands the set-aside over, after the announcer's commit: never blocks, never throws into it.
     * Refills of one set-aside that arrive while its run is still waiting to start are folded into it.
     */
    @EventListener
    void on(SetAsideRefilled event) {
        AfterCommit.run(() -> worker.handOver(event.setAside().toString()));
    }

    /** Units came back to the deal whose units the set-aside holds: its finished offers close, the line gets them. */
    void refilled(UUID setAside) {
        deals.bySetAside(setAside).ifPresent(this::catchUp);
        webhooks.sendDue();
    }

    /**
     * One offer run for a deal: the first WAITING gets one unit, if the deal is LIVE and its set-aside
     * gives one. Under the deal's waitlist lock.
     *
     * @return the entry that got the unit, as it is now (OFFERED)
     */
    public Optional<WaitlistEntry> offerNext(String dealCode) {
        AtomicReference<UUID> drawn = new AtomicReference<>();
        try {
            return tx.execute(t -> {
                Instant now = clock.instant();
                store.lock(dealCode, now);
                Deal deal = deals.find(dealCode).orElse(null);
                if (deal == null || deal.status() != DealStatus.LIVE) return Optional.<WaitlistEntry>empty();
                while (true) {
                    Optional<WaitlistEntry> first = store.firstWaiting(dealCode);
                    if (first.isEmpty()) return Optional.<WaitlistEntry>empty();
                    WaitlistEntry entry = first.get();
                    ReservationOutcome outcome;
                    try {
                        outcome = buying.reserve(new DealPurchase(dealCode, entry.channel(), deal.sku(), 1,
                                entry.email(), entry.segment(), "waitlist:" + entry.id(), properties.waitlistOfferHold(),
                                true));
                    } catch (ConflictException e) {
                        if ("deal-limit-reached".equals(e.type()) || "deal-members-only".equals(e.type())) {
                            // this customer may not take it: they lose their turn, the next one is asked
                            log.info("Waitlist entry {} of deal {} cannot take a unit ({}): passed", entry.id(), dealCode,
                                    e.type());
                            store.move(entry.id(), WaitlistStatus.WAITING, WaitlistStatus.PASSED, now);
                            continue;
                        }
                        log.info("Deal {} gives no unit to its waitlist now: {}", dealCode, e.type());
                        return Optional.<WaitlistEntry>empty();
                    }
                    if (!outcome.reserved()) return Optional.<WaitlistEntry>empty();
                    UUID reservation = outcome.reservationId();
                    drawn.set(reservation);
                    Instant until = reserving.find(reservation).map(Reservation::expiresAt)
                            .orElse(now.plus(properties.waitlistOfferHold()));
                    if (!store.offered(entry, reservation, until, now)) {
                        throw new IllegalStateException("Waitlist entry " + entry.id() + " was no longer WAITING");
                    }
                    WaitlistEntry offered = store.find(entry.id()).orElseThrow();
                    notices.offered(offered, deal, reservation, until);
                    log.info("Deal {}: a unit offered to waitlist entry {} until {} (reservation {})", dealCode,
                            entry.id(), until, reservation);
                    AfterCommit.run(webhooks::wake);
                    return Optional.of(offered);
                }
            });
        } catch (RuntimeException e) {
            UUID reservation = drawn.get();
            if (reservation != null && supply.release(reservation)) {
                log.warn("Deal {}: the offer failed and its unit went back: {}", dealCode, e.toString());
            }
            throw e;
        }
    }

    /**
     * The durable catch-up: offers that an order took become TOOK, offers whose unit went back
     * PASSED; set-asides with open units while someone waits are offered again; the waitlists of
     * deals that ended or were cancelled are CLOSED; due webhook events are sent.
     */
    public void catchUp() {
        for (UUID reservation : store.liveOffers()) close(reservation);
        for (String code : store.dealsWithWaiting()) {
            try {
                Deal deal = deals.find(code).orElse(null);
                if (deal != null) catchUp(deal);
            } catch (RuntimeException e) {
                log.warn("Could not catch up on the waitlist of deal {}: {}", code, e.toString());
            }
        }
        webhooks.sendDue();
    }

    /**
     * One deal: its offers whose unit came back are PASSED (TOOK when an order took it); a deal that
     * ended or was cancelled closes its line; a LIVE one offers what its set-aside holds, at most one
     * unit per customer waiting.
     */
    private void catchUp(Deal deal) {
        String code = deal.code();
        for (UUID reservation : store.liveOfferReservations(code)) close(reservation);
        if (deal.status() == DealStatus.ENDED || deal.status() == DealStatus.CANCELLED) {
            Integer closed = tx.execute(t -> {
                store.lock(code, clock.instant());
                return store.closeWaiting(code, clock.instant());
            });
            if (closed != null && closed > 0) log.info("Deal {} is {}: its waitlist closed ({} waiting)", code,
                    deal.status(), closed);
            return;
        }
        if (deal.status() != DealStatus.LIVE) return;
        int units = Math.min(supply.openUnits(deal), store.waiting(code));
        for (int i = 0; i < units; i++) {
            if (offerNext(code).isEmpty()) break;
        }
    }

    /** A LIVE offer whose hold is over says how it ended; one still held stays. */
    private void close(UUID reservation) {
        WaitlistSupply.Fate fate = supply.fate(reservation);
        if (fate == WaitlistSupply.Fate.HELD) return;
        tx.executeWithoutResult(t -> closeOffer(reservation,
                fate == WaitlistSupply.Fate.TAKEN ? WaitlistStatus.TOOK : WaitlistStatus.PASSED));
    }

    /** An OFFERED entry whose offer an order took, or whose unit went back, says so now. */
    public WaitlistEntry refresh(WaitlistEntry entry) {
        if (entry.status() != WaitlistStatus.OFFERED || entry.reservationId() == null) return entry;
        close(entry.reservationId());
        return store.find(entry.id()).orElseThrow();
    }

    /**
     * The customer lets the offered unit go: it is released and goes to the next in line. Only the
     * current, still held offer of the entry; anything else changes nothing.
     *
     * @return true when the unit went back
     */
    public boolean pass(UUID entryId, UUID reservation) {
        WaitlistEntry entry = store.find(entryId).orElse(null);
        if (entry == null || entry.status() != WaitlistStatus.OFFERED || !reservation.equals(entry.reservationId())) {
            return false;
        }
        if (supply.fate(reservation) != WaitlistSupply.Fate.HELD) {
            refresh(entry);
            return false;
        }
        // released first: the unit goes back into the set-aside and its refill offers it to the next
        if (!supply.release(reservation)) return false;
        tx.executeWithoutResult(t -> closeOffer(reservation, WaitlistStatus.PASSED));
        log.info("Waitlist entry {} passed on its offer (reservation {})", entryId, reservation);
        return true;
    }

    /** Closes a LIVE offer and moves its OFFERED entry along; nothing when it was closed already. */
    void closeOffer(UUID reservation, WaitlistStatus outcome) {
        if (!store.closeOffer(reservation, outcome, clock.instant())) return;
        store.byReservation(reservation).filter(e -> reservation.equals(e.reservationId()))
                .ifPresent(e -> store.move(e.id(), WaitlistStatus.OFFERED, outcome, clock.instant()));
    }

    /** True when no refill is waiting or being offered (what tests wait for, with a bound). */
    public boolean idle() {
        return worker.idle();
    }

    @Override
    public void destroy() {
        worker.close();
    }
}

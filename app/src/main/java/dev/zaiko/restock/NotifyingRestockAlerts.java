package dev.zaiko.restock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.zaiko.inventory.CheckingAvailability;
import dev.zaiko.inventory.ReservationOutcome;
import dev.zaiko.inventory.ReserveRequest;
import dev.zaiko.inventory.ReservingStock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the people waiting for a SKU on a channel that units are there: only as many as there are
 * units, first come first served, one notice per transaction.
 * <p>
 * Each notice is decided under the lock of the queue's row ({@code restock_queue}, {@code SELECT …
 * FOR UPDATE}), so two instances (or two threads) notifying the same SKU and channel take turns and
 * each sees what the other did: nobody is told twice and never more than the units allow. Under the
 * lock, right before each notice, the channel's available-to-sell is read again
 * ({@link CheckingAvailability}); at zero the notifying stops.
 * <p>
 * <b>The round.</b> A notice without a hold leaves its unit on sale, so the queue row counts those
 * notices ({@code covered}): the units now on sale that someone was already told about. At every
 * look, {@code covered} is capped at {@code ceil(ats × factor)}: units that left the channel (sold to
 * anyone, counted out, held) take the round's notices with them, as if the notified bought first. So
 * a later arrival is owed {@code ceil(ats × factor) − covered} notices: people told earlier who did not
 * buy neither make it over-notify (their units are still on sale and still counted) nor under-notify
 * (units sold no longer count). The round ends, and {@code covered} goes back to zero, when a look
 * finds nothing on sale, or {@code zaiko.restock.round-lasts} after its first notice. Every stock
 * change of the SKU, falls included, makes the module look ({@link FollowingStockForAlerts}). A
 * notice with a hold takes its unit off sale (the hold), so it counts nothing: the hold running out
 * brings the unit back, and the next in line is told.
 */
@Component
class NotifyingRestockAlerts {

    private static final Logger log = LoggerFactory.getLogger(NotifyingRestockAlerts.class);

    private final AlertStore store;
    private final CheckingAvailability availability;
    private final ReservingStock reserving;
    private final WritingRestockLetters letters;
    private final RestockProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    NotifyingRestockAlerts(AlertStore store, CheckingAvailability availability, ReservingStock reserving,
                           WritingRestockLetters letters, RestockProperties properties, ApplicationEventPublisher events,
                           PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.availability = availability;
        this.reserving = reserving;
        this.letters = letters;
        this.properties = properties;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Looks at every queue of the SKU (every channel someone waits on, or that has a round open).
     *
     * @return the notices sent, or -1 when the SKU has no queue to look at
     */
    int notifyAll(String sku) {
        int sent = 0;
        List<String[]> queues = store.queuesToLookAt(sku);
        if (queues.isEmpty()) return -1;
        for (String[] queue : queues) {
            try {
                sent += notify(queue[0], queue[1]);
            } catch (RuntimeException e) {
                // one queue's trouble (a channel deleted since) keeps no other channel's people waiting
                log.error("Could not notify the restock alerts of {} on {}", queue[0], queue[1], e);
            }
        }
        return sent;
    }

    /** Notifies what the units on the channel allow now; the number of notices sent. */
    int notify(String sku, String channel) {
        store.ensureQueue(sku, channel);
        int sent = 0;
        while (true) {
            RestockAlertSent notice = tx.execute(status -> next(sku, channel));
            if (notice == null) return sent;
            sent++;
            // after the notice's commit, before the next one is considered
            events.publishEvent(notice);
        }
    }

    /** One notice under the queue's lock, or null when there is nothing (more) to do. */
    private RestockAlertSent next(String sku, String channel) {
        AlertStore.QueueRow queue = store.lockQueue(sku, channel);
        Instant now = clock.instant();
        int ats = availability.ats(List.of(sku), channel).getOrDefault(sku, 0);
        int owed = (int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(ats * properties.notifyFactor()));
        boolean roundOpen = queue.roundStartedAt() != null;
        if (ats <= 0 || (roundOpen && !now.isBefore(queue.roundStartedAt().plus(properties.roundLasts())))) {
            // nothing on sale (or the round is over): the round's notices are spent
            store.updateQueue(new AlertStore.QueueRow(sku, channel, 0, queue.round(), queue.roundNotified(), null), now);
            if (ats <= 0) return null;
            queue = new AlertStore.QueueRow(sku, channel, 0, queue.round(), queue.roundNotified(), null);
            roundOpen = false;
        }
        int covered = Math.min(queue.covered(), owed);
        AlertStore.QueueRow capped = new AlertStore.QueueRow(sku, channel, covered, queue.round(), queue.roundNotified(),
                queue.roundStartedAt());
        var first = covered < owed ? store.firstWaiting(sku, channel) : java.util.Optional.<AlertStore.Row>empty();
        if (first.isEmpty()) {
            store.updateQueue(capped, now);
            return null;
        }
        RestockAlert alert = first.get().alert();
        Duration hold = first.get().holdFor() != null ? first.get().holdFor() : properties.holdFor();
        UUID reservation = null;
        Instant heldUntil = null;
        if (hold != null) {
            ReservationOutcome outcome = reserving.reserve(
                    new ReserveRequest(channel, sku, 1, "restock alert " + alert.id(), null).heldFor(hold));
            if (!outcome.reserved()) {
                // taken between the look and the hold: what is left is for the next look
                store.updateQueue(capped, now);
                return null;
            }
            reservation = outcome.reservationId();
            heldUntil = reserving.find(reservation).map(r -> r.expiresAt()).orElse(now.plus(hold));
        }
        long round = roundOpen ? capped.round() : capped.round() + 1;
        int roundNotified = roundOpen ? capped.roundNotified() + 1 : 1;
        Instant roundStarted = roundOpen ? capped.roundStartedAt() : now;
        if (!store.markNotified(alert.id(), now, round, reservation, heldUntil)) {
            // cannot happen under the queue's lock; if it ever did, no second notice goes out
            throw new IllegalStateException("Restock alert " + alert.id() + " was no longer waiting");
        }
        letters.notice(alert, round, reservation, heldUntil);
        store.updateQueue(new AlertStore.QueueRow(sku, channel, covered + (reservation == null ? 1 : 0), round,
                roundNotified, roundStarted), now);
        log.info("Restock alert {} notified for {} on {} (round {}, {} on sale{})", alert.id(), sku, channel, round, ats,
                reservation == null ? "" : ", held " + reservation);
        return new RestockAlertSent(alert.id(), sku, channel, round, reservation, heldUntil);
    }
}

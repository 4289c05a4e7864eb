package dev.zaiko.deal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.zaiko.channel.PostingWebhookEvents;
import dev.zaiko.platform.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The {@code waitlist.offered} event for the shop's app, posted to the webhook endpoints of the
 * channel the customer joined on ({@link PostingWebhookEvents}, signed like every delivery). Kept
 * durable on the offer's row ({@code webhook_due_at}): posted right after the offer commits, and
 * again with a doubling wait (1 minute to 1 hour, 20 attempts) until every endpoint took it. A
 * sender takes a due event by moving its due time a few minutes on first, so that two instances
 * seldom post the same one; receivers tell repeats apart by {@code eventId} (the offer's reservation id).
 */
@Component
class WaitlistWebhookEvents implements DisposableBean {

    static final String OFFERED = "waitlist.offered";
    static final int MAX_ATTEMPTS = 20;
    private static final Duration TAKEN_FOR = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(WaitlistWebhookEvents.class);

    private final WaitlistStore store;
    private final PostingWebhookEvents posting;
    private final Deals deals;
    private final WaitlistLinks links;
    private final Clock clock;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "zaiko-waitlist-webhooks");
        t.setDaemon(true);
        return t;
    });

    WaitlistWebhookEvents(WaitlistStore store, PostingWebhookEvents posting, Deals deals,
                          WaitlistLinks links, Clock clock,
                          org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.store = store;
        this.posting = posting;
        this.deals = deals;
        this.links = links;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** Sends what is due soon, on a thread of its own. */
    void wake() {
        if (!queued.compareAndSet(false, true)) return;
        try {
            sender.execute(() -> {
                queued.set(false);
                try {
                    sendDue();
                } catch (RuntimeException e) {
                    log.warn("Waitlist webhook events not sent now; the waitlist job tries again: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            queued.set(false);
        }
    }

    void sendDue() {
        Instant now = clock.instant();
        for (WaitlistStore.DueWebhook due : store.webhooksDue(now, 100)) {
            // taken by this sender: another one sees it due only after TAKEN_FOR
            if (jdbc.update("update deal_waitlist_offer set webhook_due_at = ? where reservation_id = ? "
                    + "and webhook_due_at <= ?", java.sql.Timestamp.from(now.plus(TAKEN_FOR)), due.reservationId(),
                    java.sql.Timestamp.from(now)) != 1) {
                continue;
            }
            WaitlistEntry entry = store.find(due.entryId()).orElseThrow();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("deal", due.deal());
            data.put("sku", deals.find(due.deal()).map(Deal::sku).orElse(null));
            data.put("entryId", entry.id().toString());
            data.put("email", entry.email());
            data.put("locale", entry.locale());
            data.put("reservationId", due.reservationId().toString());
            data.put("offeredUntil", due.offeredUntil().toString());
            data.put("checkoutUrl", links.checkout(due.deal(), due.reservationId()).toString());
            PostingWebhookEvents.Posted posted = posting.post(due.channel(), OFFERED, due.reservationId().toString(),
                    due.offeredAt(), data);
            if (posted.everyoneTook()) {
                store.webhookSent(due.reservationId(), clock.instant());
            } else {
                int attempts = due.attempts() + 1;
                Instant next = attempts >= MAX_ATTEMPTS ? null
                        : clock.instant().plus(Durations.doubling(Duration.ofMinutes(1), Duration.ofHours(1), attempts));
                store.webhookFailed(due.reservationId(), next);
                if (next == null) {
                    log.warn("Waitlist event {} for offer {} given up after {} attempts ({} of {} endpoints took it)",
                            OFFERED, due.reservationId(), attempts, posted.took(), posted.endpoints());
                }
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        sender.shutdown();
        if (!sender.awaitTermination(10, TimeUnit.SECONDS)) sender.shutdownNow();
    }
}

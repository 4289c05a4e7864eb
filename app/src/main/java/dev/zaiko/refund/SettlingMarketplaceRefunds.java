package dev.zaiko.refund;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The platform's answer to a stock-out cancellation, for the marketplace refunds that waited for it
 * ({@link MarketplaceCancellationAsked}): CONFIRMED completes them (the marketplace gives the
 * payment back itself), a refusal flags them for a person (FAILED, needs attention,
 * {@link RefundNeedsAttention}), the same way as a refund whose attempts ran out. Only refunds on
 * the {@link Route#MARKETPLACE} route still PROCESSING are touched, so an answer heard twice, or
 * after a person settled the refund, changes nothing. Joins the caller's transaction.
 */
@Service
public class SettlingMarketplaceRefunds {

    private static final Logger log = LoggerFactory.getLogger(SettlingMarketplaceRefunds.class);

    private final RefundStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SettlingMarketplaceRefunds(RefundStore store, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** @param reference the platform's reference of the cancellation, or null when it gave none */
    @Transactional
    public void confirmed(List<String> refundIds, String platform, String reference) {
        Instant now = clock.instant();
        for (String refundId : refundIds) {
            UUID id = UUID.fromString(refundId);
            Refund r = store.lock(id).orElse(null);
            if (!waiting(r)) continue;
            Map<String, Object> outcome = reference == null ? Map.of("platform", platform)
                    : Map.of("platform", platform, "cancellation", reference);
            store.completed(id, null, outcome, now);
            store.changeStatus(id, RefundStatus.PROCESSING, RefundStatus.COMPLETED, r.route(), "system",
                    RefundNotes.marketplaceConfirmed(platform, reference), now);
            events.publishEvent(new RefundCompleted(refundId, r.orderNumber(), r.lineNo(), r.reason(),
                    r.means().name(), r.route().name(), r.amount(), r.expectedBy(), now));
            log.info("Refund {} for order {}: {} confirmed the cancellation; completed", id, r.orderNumber(),
                    platform);
        }
    }

    /** @param why the platform's words, or what kept the cancellation from being sent (English) */
    @Transactional
    public void refused(List<String> refundIds, String platform, String why) {
        Instant now = clock.instant();
        for (String refundId : refundIds) {
            UUID id = UUID.fromString(refundId);
            Refund r = store.lock(id).orElse(null);
            if (!waiting(r)) continue;
            String reason = "marketplace-cancellation-refused: " + why;
            store.attempted(id, r.attempts(), null, reason, true);
            store.changeStatus(id, RefundStatus.PROCESSING, RefundStatus.FAILED, r.route(), "system",
                    RefundNotes.marketplaceRefused(platform, why), now);
            events.publishEvent(new RefundNeedsAttention(refundId, r.orderNumber(), r.route().name(), r.amount(),
                    reason, now));
            log.warn("Refund {} for order {}: {} did not cancel the line; flagged for a person", id,
                    r.orderNumber(), platform);
        }
    }

    private static boolean waiting(Refund r) {
        return r != null && r.route() == Route.MARKETPLACE && r.status() == RefundStatus.PROCESSING;
    }
}

package dev.zaiko.refund;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.zaiko.platform.ConflictException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person sends a FAILED refund off again (after the customer's card issuer is back, or the
 * gateway's support confirmed it): the attempts start over, with the same idempotency rules.
 */
@Service
public class RetryingRefunds {

    private final RefundStore store;
    private final RequestingRefunds requesting;
    private final TransactionTemplate tx;
    private final Clock clock;

    RetryingRefunds(RefundStore store, RequestingRefunds requesting, PlatformTransactionManager transactions,
                    Clock clock) {
        this.store = store;
        this.requesting = requesting;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** @throws ConflictException {@code refund-not-failed} unless the refund is FAILED */
    public Refund retry(UUID id, String actor) {
        return tx.execute(t -> {
            Refund r = store.lock(id).orElseThrow(() -> RefundingByBankTransfer.noRefund(id));
            if (r.status() != RefundStatus.FAILED) {
                throw new ConflictException("refund-not-failed", "Refund " + id + " is " + r.status() + "; only a "
                        + "FAILED refund is sent off again by hand.", Map.of("id", id.toString(), "refundStatus",
                        r.status().name()));
            }
            Instant now = clock.instant();
            store.retryByHand(id);
            store.changeStatus(id, RefundStatus.FAILED, RefundStatus.REQUESTED, r.route(), actor,
                    RefundNotes.sentAgainByHand(), now);
            requesting.scheduleAttempt(id, now);
            return store.find(id).orElseThrow();
        });
    }
}

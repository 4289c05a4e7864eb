package dev.zaiko.stockout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One stockout case: one order line, one reason.
 *
 * @param id          {@code SO-000123}, short enough to read on the phone
 * @param orderNumber as shown to customers ({@code ddd-ddddddd-ddddddd})
 * @param detectedAt  when the order module found the line short
 * @param history     every status change, oldest first; the first is the opening
 * @param withdrawal  why and when the case was closed without a decision (its line is gone); null otherwise
 */
public record StockoutCase(String id, String orderNumber, int lineNo, String sku, int quantityShort, String reason,
                           StockoutStatus status, int priority, Instant contactDeadline, String serviceLevelRule,
                           Instant detectedAt, Instant createdAt, StockoutFacts facts, List<StatusChange> history,
                           Withdrawal withdrawal) {

    public StockoutCase {
        history = List.copyOf(history);
    }

    /** A case that was never withdrawn. */
    public StockoutCase(String id, String orderNumber, int lineNo, String sku, int quantityShort, String reason,
                        StockoutStatus status, int priority, Instant contactDeadline, String serviceLevelRule,
                        Instant detectedAt, Instant createdAt, StockoutFacts facts, List<StatusChange> history) {
        this(id, orderNumber, lineNo, sku, quantityShort, reason, status, priority, contactDeadline, serviceLevelRule,
                detectedAt, createdAt, facts, history, null);
    }

    /**
     * Closed without a decision: the order line is gone.
     *
     * @param reason  {@value #CANCELLED_ON_CHANNEL}: the channel (its buyer or the marketplace) cancelled the order
     * @param channel the channel that cancelled it
     */
    public record Withdrawal(String reason, String channel, Instant at) {

        public static final String CANCELLED_ON_CHANNEL = "CANCELLED_ON_CHANNEL";
    }

    /**
     * When the customer's time to answer runs out: {@code limit} after they were last given the
     * options (the case became AWAITING_DECISION), or after the case opened when nobody reached them.
     * The store's query for overdue cases says the same in SQL.
     */
    public Instant decisionDeadline(Duration limit) {
        Instant from = history.stream().filter(h -> h.to() == StockoutStatus.AWAITING_DECISION)
                .map(StatusChange::at).max(Instant::compareTo).orElse(createdAt);
        return from.plus(limit);
    }

    /**
     * @param from    null for the opening; @param actor {@code system} or who changed it
     * @param reason  why, in English (an older row's only text)
     * @param wording why, as a bundle key and arguments to word in the reader's language; null for older rows
     */
    public record StatusChange(StockoutStatus from, StockoutStatus to, String actor, String reason, Instant at,
                               dev.zaiko.platform.Wording wording) {

        public StatusChange(StockoutStatus from, StockoutStatus to, String actor, String reason, Instant at) {
            this(from, to, actor, reason, at, null);
        }
    }
}

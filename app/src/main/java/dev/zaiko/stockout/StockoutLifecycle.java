package dev.zaiko.stockout;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import dev.zaiko.platform.ConflictException;

/**
 * The allowed status changes of a case, in one place:
 * <pre>
 * OPEN ──▶ AWAITING_DECISION ──▶ RESOLVED ──▶ CLOSED
 *   └──────────────────────────────▲
 * </pre>
 * A customer reached on the first call may decide at once (OPEN → RESOLVED). Nothing goes
 * back, and CLOSED is final.
 * <p>
 * <b>Withdrawal.</b> A case whose order line the channel cancelled (the buyer or the marketplace
 * cancelled the order on the platform: {@link ClosingCasesCancelledOnTheChannel}) has nothing left to
 * decide and nobody to call: it goes straight to CLOSED from OPEN or AWAITING_DECISION, with no
 * decision and no refund (the marketplace refunds an order it cancelled). That move is a separate
 * one ({@link #allowsWithdrawal}, {@link #checkWithdrawal}), not in {@link #allows}: an ordinary
 * status change may never close an undecided case, because CLOSED otherwise means "carried out and
 * confirmed in writing". A RESOLVED case is not withdrawn (its decision is being carried out and its
 * follow-up closes it), and a CLOSED one stays as it is.
 * <pre>
 * OPEN ─────────────────┐
 * AWAITING_DECISION ────┴─(withdrawn)─▶ CLOSED
 * </pre>
 */
public final class StockoutLifecycle {

    private static final Map<StockoutStatus, Set<StockoutStatus>> NEXT = Map.of(
            StockoutStatus.OPEN, EnumSet.of(StockoutStatus.AWAITING_DECISION, StockoutStatus.RESOLVED),
            StockoutStatus.AWAITING_DECISION, EnumSet.of(StockoutStatus.RESOLVED),
            StockoutStatus.RESOLVED, EnumSet.of(StockoutStatus.CLOSED),
            StockoutStatus.CLOSED, EnumSet.noneOf(StockoutStatus.class));

    private StockoutLifecycle() {
    }

    /** The statuses a case may be withdrawn from (to CLOSED, without a decision). */
    private static final Set<StockoutStatus> WITHDRAWABLE = EnumSet.of(StockoutStatus.OPEN,
            StockoutStatus.AWAITING_DECISION);

    public static boolean allows(StockoutStatus from, StockoutStatus to) {
        return from != null && to != null && NEXT.get(from).contains(to);
    }

    /** @throws ConflictException {@code stockout-status-conflict} (409) when the change is not allowed */
    public static void check(String caseId, StockoutStatus from, StockoutStatus to) {
        if (!allows(from, to)) {
            throw new ConflictException("stockout-status-conflict", "Stockout case " + caseId + " is " + from
                    + " and cannot become " + to + "; allowed next: " + NEXT.get(from) + ".",
                    Map.of("id", caseId, "caseStatus", from.name(), "requested", String.valueOf(to)));
        }
    }

    /** Whether a case in {@code from} may be withdrawn: closed without a decision because its line is gone. */
    public static boolean allowsWithdrawal(StockoutStatus from) {
        return from != null && WITHDRAWABLE.contains(from);
    }

    /** @throws ConflictException {@code stockout-status-conflict} (409) when the case cannot be withdrawn */
    public static void checkWithdrawal(String caseId, StockoutStatus from) {
        if (!allowsWithdrawal(from)) {
            throw new ConflictException("stockout-status-conflict", "Stockout case " + caseId + " is " + from
                    + " and cannot be withdrawn; only " + WITHDRAWABLE + " cases can.",
                    Map.of("id", caseId, "caseStatus", String.valueOf(from), "requested", "WITHDRAWN"));
        }
    }
}

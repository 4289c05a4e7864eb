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
 */
public final class StockoutLifecycle {

    private static final Map<StockoutStatus, Set<StockoutStatus>> NEXT = Map.of(
            StockoutStatus.OPEN, EnumSet.of(StockoutStatus.AWAITING_DECISION, StockoutStatus.RESOLVED),
            StockoutStatus.AWAITING_DECISION, EnumSet.of(StockoutStatus.RESOLVED),
            StockoutStatus.RESOLVED, EnumSet.of(StockoutStatus.CLOSED),
            StockoutStatus.CLOSED, EnumSet.noneOf(StockoutStatus.class));

    private StockoutLifecycle() {
    }

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
}

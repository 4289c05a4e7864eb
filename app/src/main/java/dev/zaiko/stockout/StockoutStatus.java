package dev.zaiko.stockout;

/**
 * Where a case stands. {@link StockoutLifecycle} says which changes are allowed.
 * <ul>
 * <li>{@code OPEN}: facts prepared, nobody has reached the customer yet.</li>
 * <li>{@code AWAITING_DECISION}: the customer knows and has been given the options.</li>
 * <li>{@code RESOLVED}: the customer (or the shop's default) decided; the decision is being carried out.</li>
 * <li>{@code CLOSED}: carried out and confirmed in writing; nothing left to do.</li>
 * </ul>
 */
public enum StockoutStatus {
    OPEN, AWAITING_DECISION, RESOLVED, CLOSED
}

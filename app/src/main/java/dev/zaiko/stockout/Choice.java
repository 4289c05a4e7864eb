package dev.zaiko.stockout;

/**
 * What a customer can choose when an ordered item is missing.
 * <ul>
 * <li>{@code WAIT}: keep the order and wait for a dated inbound (a new promised date);</li>
 * <li>{@code SUBSTITUTE}: take another product that serves the same purpose;</li>
 * <li>{@code DROP_SHIP}: the supplier sends the item straight to the customer;</li>
 * <li>{@code TRANSFER}: another store or warehouse, outside the channel's pool, sends it;</li>
 * <li>{@code PARTIAL}: ship the rest of the order now, the missing units are cancelled and refunded;</li>
 * <li>{@code CANCEL}: cancel the line with a full refund (always possible).</li>
 * </ul>
 */
public enum Choice {
    WAIT, SUBSTITUTE, DROP_SHIP, TRANSFER, PARTIAL, CANCEL
}

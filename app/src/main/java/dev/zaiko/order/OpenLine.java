package dev.zaiko.order;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An order line that is still open for its product: its units reserved and not yet shipped
 * ({@link OrderStatus#ALLOCATED}, {@link OrderStatus#PICKING}), or waiting for an inbound
 * ({@link OrderStatus#BACKORDERED}, with the promised date when an inbound was promised).
 *
 * @param orderNumber the order number as customers see it
 */
public record OpenLine(String orderNumber, int lineNo, String sku, int quantity, OrderStatus status, String channel,
                       boolean b2b, Instant placedAt, LocalDate promisedDate) {

    /** Waiting for a dated inbound: today's form of a preorder (a backorder with a promised date). */
    public boolean waitingOnInbound() {
        return status == OrderStatus.BACKORDERED && promisedDate != null;
    }
}

package dev.zaiko.order;

import java.time.Instant;
import java.util.List;

/**
 * The channel an order came from cancelled it (the buyer on the marketplace, the marketplace
 * itself): these lines are cancelled and their units released. Published in the cancelling transaction.
 */
public record OrderCancelledOnChannel(String orderNumber, String channel, String externalRef, List<Integer> lines,
                                      Instant at) {

    public OrderCancelledOnChannel {
        lines = List.copyOf(lines);
    }
}

package dev.zaiko.inventory;

import java.time.LocalDate;

/**
 * The supplier cancelled an expected inbound: its date can no longer be promised. Published
 * inside the cancelling transaction.
 */
public record InboundCancelled(long inboundId, String sku, String location, int quantity, LocalDate expectedOn) {
}

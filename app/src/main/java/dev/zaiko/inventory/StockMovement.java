package dev.zaiko.inventory;

import java.time.Instant;

public record StockMovement(long id, String sku, String location, Bucket from, Bucket to, int quantity,
                            MovementKind kind, String reference, String reason, Instant occurredAt) {
}

package dev.zaiko.inventory;

import java.time.Instant;

/**
 * One row of the ledger.
 *
 * @param occurredAt when it happened: for a till sale entered later (an imported till file), when the
 *                   till sold it; else when it was recorded
 * @param recordedAt when Zaiko wrote it
 */
public record StockMovement(long id, String sku, String location, Bucket from, Bucket to, int quantity,
                            MovementKind kind, String reference, String reason, Instant occurredAt,
                            Instant recordedAt) {
}

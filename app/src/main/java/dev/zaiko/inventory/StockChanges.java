package dev.zaiko.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link StockPicture} changed, ready to be written in one go: movements (summed per
 * location, buckets, kind and reference, so a batch of 1,000 reservations is one ledger row per
 * location), level deltas, new and touched reservation parts.
 */
final class StockChanges {

    final String sku;
    private final Instant now;
    final Map<MovementKey, Integer> movements = new LinkedHashMap<>();
    final Map<String, int[]> levelDeltas = new LinkedHashMap<>();
    final List<StockPicture.PartState> newParts = new ArrayList<>();
    final Set<StockPicture.PartState> touchedParts = new LinkedHashSet<>();
    /** set-asides made, and ended, by this change */
    final Set<java.util.UUID> newSetAsides = new LinkedHashSet<>();
    final Set<java.util.UUID> endedSetAsides = new LinkedHashSet<>();
    /** drawn units that went back into their set-aside, announced after the commit */
    final List<SetAsideRefilled> refills = new ArrayList<>();

    /** Set by a change that needs its ledger rows' ids after the write (a till sale's {@link TillSold}). */
    boolean wantsMovementIds;
    /** The ledger rows written, when {@link #wantsMovementIds}: filled by the write. */
    final List<WrittenMovement> written = new ArrayList<>();

    StockChanges(String sku, Instant now) {
        this.sku = sku;
        this.now = now;
    }

    Instant now() {
        return now;
    }

    /** @param occurredAt when it happened, if not now (a till sale entered later), else null */
    void record(String location, Bucket from, Bucket to, int quantity, MovementKind kind, String reference,
                String reason, Instant occurredAt) {
        movements.merge(new MovementKey(location, from, to, kind, reference, reason, occurredAt), quantity,
                Integer::sum);
        int[] delta = levelDeltas.computeIfAbsent(location, k -> new int[4]);
        if (from != null) delta[from.ordinal()] -= quantity;
        if (to != null) delta[to.ordinal()] += quantity;
    }

    void touched(StockPicture.PartState part) {
        if (!part.isNew) touchedParts.add(part);
    }

    /** Some location gained sellable units (another may have lost some at the same time). */
    boolean sellableRose() {
        return levelDeltas.values().stream().anyMatch(d -> d[Bucket.SELLABLE.ordinal()] > 0);
    }

    boolean isEmpty() {
        return movements.isEmpty() && newParts.isEmpty() && touchedParts.isEmpty() && newSetAsides.isEmpty()
                && endedSetAsides.isEmpty();
    }

    /** The id of the ledger row of this kind at the location, written by this change. */
    long movementId(MovementKind kind, String location) {
        return written.stream().filter(w -> w.kind() == kind && w.location().equals(location))
                .mapToLong(WrittenMovement::id).findFirst()
                .orElseThrow(() -> new IllegalStateException("No " + kind + " movement of " + sku + " at " + location
                        + " was written"));
    }

    record WrittenMovement(long id, String location, MovementKind kind) {
    }

    record MovementKey(String location, Bucket from, Bucket to, MovementKind kind, String reference, String reason,
                       Instant occurredAt) {
        MovementKey {
            Objects.requireNonNull(location);
        }
    }
}

package dev.zaiko.restock;

import java.time.Instant;

/**
 * The demand for one SKU on one channel: how many wait and since when (purchasing reads it), and the
 * current round of notices.
 *
 * @param oldestWaitingSince when the first in line subscribed (confirmed), null when nobody waits
 * @param notifiedLastRound  notices sent in the current round (since the units were last seen at zero)
 */
public record RestockQueue(String sku, String channel, int waiting, Instant oldestWaitingSince, int pending,
                           long round, int notifiedLastRound, Instant roundStartedAt) {
}

package dev.zaiko.deal;

import java.time.Instant;
import java.util.UUID;

/**
 * One customer's place in a deal's waitlist.
 *
 * @param position      1 for the first in line, among those still in line (WAITING or OFFERED); 0 once out of it
 * @param segment       the customer's member segment from the shop's systems, for a members-only deal; may be null
 * @param reservationId the held reservation of the current (or last) offer; null before any
 * @param offeredUntil  when the current offer's hold runs out; null unless OFFERED
 */
public record WaitlistEntry(UUID id, String deal, int position, String email, String locale, String channel,
                            String segment, WaitlistStatus status, UUID reservationId, Instant offeredUntil, Instant joinedAt,
                            Instant changedAt) {
}

package dev.zaiko.mail;

import java.time.Instant;
import java.util.UUID;

/** The email will not reach its recipient: refused for good, or reported bounced later. Published once per email. */
public record EmailBounced(UUID id, String messageId, String reference, String orderNumber, String kind, String reason,
                           Instant at) {
}

package dev.zaiko.mail;

import java.time.Instant;
import java.util.UUID;

/** Delivery was given up after {@code zaiko.mail.max-attempts}; a person should look (and may retry). */
public record EmailFailed(UUID id, String messageId, String reference, String orderNumber, String kind,
                          String lastError, Instant at) {
}

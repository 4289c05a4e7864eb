package dev.zaiko.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * An email as the outbox holds it.
 *
 * @param messageId     the RFC 5322 Message-ID with its angle brackets, the same on every attempt
 * @param attempts      delivery attempts so far
 * @param nextAttemptAt when a RETRYING email is tried next
 * @param lastError     why the last attempt failed (addresses blanked)
 * @param bounceReason  why it bounced (addresses blanked)
 */
public record QueuedEmail(UUID id, String messageId, String idempotencyKey, String to, String toName, String subject,
                          String text, String html, String reference, String orderNumber, String kind, boolean urgent,
                          String locale, EmailStatus status, int attempts, Instant createdAt, Instant nextAttemptAt,
                          Instant sentAt, String lastError, String bounceReason) {
}

package dev.zaiko.mail;

import java.time.Instant;
import java.util.UUID;

/** The email was accepted by the SMTP server (or written as a file). */
public record EmailSent(UUID id, String messageId, String reference, String orderNumber, String kind, Instant at) {
}

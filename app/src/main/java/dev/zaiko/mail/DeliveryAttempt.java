package dev.zaiko.mail;

import java.time.Instant;

/**
 * One attempt to deliver an email.
 *
 * @param attempt   1 for the first
 * @param outcome   {@code SENT}, {@code TRANSIENT} (tried again later) or {@code REJECTED} (bounced)
 * @param transport {@code smtp} or {@code file}
 * @param error     why it failed, addresses blanked; null when sent
 */
public record DeliveryAttempt(int attempt, Instant at, String outcome, String transport, String error) {
}

package dev.zaiko.mail;

/**
 * Where an email stands. PENDING: recorded, not tried yet (or being tried for the first time).
 * RETRYING: an attempt failed in a way that may pass; tried again at {@code nextAttemptAt}.
 * SENT: accepted by the SMTP server (or written as a file). FAILED: given up after the maximum of
 * attempts; a person may retry it. BOUNCED: the recipient's server refused it for good.
 */
public enum EmailStatus {
    PENDING, SENT, RETRYING, FAILED, BOUNCED
}

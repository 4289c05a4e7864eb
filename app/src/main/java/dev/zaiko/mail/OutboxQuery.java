package dev.zaiko.mail;

/**
 * Which emails to list, newest first. Every filter is optional (null: any).
 *
 * @param recipient exact address, case-insensitive
 * @param page      from 0
 * @param size      1 to {@value #MAX_SIZE}
 */
public record OutboxQuery(EmailStatus status, String reference, String orderNumber, String kind, String recipient,
                          int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public static OutboxQuery all() {
        return new OutboxQuery(null, null, null, null, null, 0, DEFAULT_SIZE);
    }

    public OutboxQuery withReference(String reference) {
        return new OutboxQuery(status, reference, orderNumber, kind, recipient, page, size);
    }

    public OutboxQuery withStatus(EmailStatus status) {
        return new OutboxQuery(status, reference, orderNumber, kind, recipient, page, size);
    }
}

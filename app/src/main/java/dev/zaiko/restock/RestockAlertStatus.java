package dev.zaiko.restock;

/** Where one subscription stands. */
public enum RestockAlertStatus {
    /** Subscribed through the public door; waits for its confirm link to be followed. */
    PENDING,
    /** In the queue, told at its turn. */
    WAITING,
    /** Told that units are there (once); subscribing again puts it at the end of the queue. */
    NOTIFIED,
    /** Left with the unsubscribe link or by the shop's systems. */
    UNSUBSCRIBED,
    /** The confirm link was not followed in time. */
    EXPIRED
}

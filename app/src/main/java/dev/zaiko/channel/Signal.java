package dev.zaiko.channel;

/**
 * A wake-up that is never lost: {@link #raise} before {@link #await} makes the wait return at once.
 * Used by the feed writer, the webhook dispatcher and long-polling readers.
 */
final class Signal {

    private long raised;
    private long seen;

    synchronized void raise() {
        raised++;
        notifyAll();
    }

    /** The number of raises so far, to wait for the next one with {@link #awaitAfter}. */
    synchronized long count() {
        return raised;
    }

    /** Waits until raised since the last call (or the timeout); clears it. */
    synchronized void await(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (raised == seen) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) break;
            wait(left);
        }
        seen = raised;
    }

    /** Waits until raised after {@code count} was read (or the timeout), for any number of waiters. */
    synchronized void awaitAfter(long count, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (raised == count) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) return;
            wait(left);
        }
    }
}

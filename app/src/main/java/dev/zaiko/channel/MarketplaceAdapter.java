package dev.zaiko.channel;

/**
 * The port to one marketplace's stock API for one channel, with that marketplace's limits. The
 * sender of the channel calls {@link #push} from its own thread, at most {@link #requestsPerSecond}
 * times a second after a burst of at most {@link #burst}, and with at most {@link #maxBatch} items:
 * the pace is kept by the sender's {@link TokenBucket}, not by the adapter.
 */
public interface MarketplaceAdapter {

    String marketplace();

    int maxBatch();

    double requestsPerSecond();

    /** Requests that may go at once before the rate applies (the platform's documented burst). */
    default int burst() {
        return 1;
    }

    /**
     * Whether a push at the safety floor may go before its token is there, the bucket going into debt
     * (paid back by the pushes after it). A platform that enforces its limit strictly does not
     * tolerate it: the push at the floor still goes first, but waits for its token.
     */
    default boolean toleratesDebt() {
        return true;
    }

    /** Sets the quantities; returns only when the marketplace took them, throws otherwise. */
    void push(ChannelPush batch) throws Exception;
}

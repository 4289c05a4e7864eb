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

    /**
     * Of these SKUs, the ones this adapter cannot send at all (a connected platform's SKU with no
     * mapping to the platform's item): the sender drops them from its queue without a request, as if
     * pushed, so they take no turn of the channel's rate. A SKU that becomes sendable later is sent
     * again by whoever made it so ({@link MarketplaceAdapters#pushAgain}). Called from the sender's
     * thread; it must be cheap when every SKU is sendable. Default: none (every SKU is sent).
     */
    default java.util.Set<String> cannotSend(java.util.Collection<String> skus) {
        return java.util.Set.of();
    }

    /** Sets the quantities; returns only when the marketplace took them, throws otherwise. */
    void push(ChannelPush batch) throws Exception;
}

package dev.zaiko.channel;

/**
 * The port to one marketplace's stock API for one channel, with that marketplace's limits. The
 * sender of the channel calls {@link #push} from its own thread, at most {@link #requestsPerSecond}
 * times a second and with at most {@link #maxBatch} items.
 */
public interface MarketplaceAdapter {

    String marketplace();

    int maxBatch();

    double requestsPerSecond();

    /** Sets the quantities; returns only when the marketplace took them, throws otherwise. */
    void push(ChannelPush batch) throws Exception;
}

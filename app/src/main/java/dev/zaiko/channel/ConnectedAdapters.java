package dev.zaiko.channel;

import java.util.Optional;

/**
 * The adapters of channels connected to their platform's real API (implemented by the connector
 * module, which channel does not know). The sender of a channel asks it first: a channel with a
 * connector pushes through the adapter it gives; any other channel with an adapter row posts its
 * marketplace's JSON to the row's URL ({@link PostingAdapter}).
 */
public interface ConnectedAdapters {

    /** The adapter pushing the channel to its platform, or empty when the channel has no connector. */
    Optional<MarketplaceAdapter> adapterFor(String channel);
}

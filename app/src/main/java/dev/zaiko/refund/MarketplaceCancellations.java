package dev.zaiko.refund;

/**
 * The refund module's port for marketplaces that are told of a cancellation through their API (the
 * connector module implements it; without an implementation, or for a channel it does not connect,
 * a marketplace refund is settled at once, as the marketplace gives the payment back by its own
 * rules). For a channel it connects, a refund on the {@link Route#MARKETPLACE} route stays under way
 * (PROCESSING) until the platform answered the cancellation: {@link MarketplaceCancellationAsked}
 * goes out, and the answer comes back through {@link SettlingMarketplaceRefunds}.
 */
public interface MarketplaceCancellations {

    /** True when the channel's platform is told of a stock-out cancellation and its answer awaited. */
    boolean cancelsOnThePlatform(String channel);
}

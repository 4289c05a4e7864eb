package dev.zaiko.connector;

import dev.zaiko.inventory.ChannelKind;

/** The platforms Zaiko has a connector for, and the kind of channel each one is. */
public enum Platform {
    AMAZON(ChannelKind.MARKETPLACE), RAKUTEN(ChannelKind.MARKETPLACE), YAHOO(ChannelKind.MARKETPLACE),
    /** A shop's own web shop hosted on Shopify: Shopify takes the orders and their payments, so a marketplace to Zaiko. */
    SHOPIFY(ChannelKind.MARKETPLACE),
    /** The store's till: Zaiko's own channel, its sales come in as till sales. */
    SMAREGI(ChannelKind.OWN);

    private final ChannelKind channelKind;

    Platform(ChannelKind channelKind) {
        this.channelKind = channelKind;
    }

    /**
     * The kind of channel the platform's connector belongs on. A platform that takes the orders and
     * their payments (and gives the money back itself when an order is cancelled) is a MARKETPLACE to
     * Zaiko: its orders are recorded as accepted elsewhere, a refund goes the marketplace's way, and no
     * coupon or point of the shop's own wallet is spent. The till is the shop's OWN channel.
     */
    public ChannelKind channelKind() {
        return channelKind;
    }
}

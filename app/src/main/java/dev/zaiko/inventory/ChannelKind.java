package dev.zaiko.inventory;

/**
 * OWN channels (web shop, till) run a checkout that can refuse an order; MARKETPLACE orders
 * were already accepted elsewhere and must be recorded even when stock is gone.
 */
public enum ChannelKind {
    OWN, MARKETPLACE
}

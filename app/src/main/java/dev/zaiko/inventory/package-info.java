/**
 * Inventory: locations, channels and the pools they sell from, stock per SKU and location in
 * disjoint buckets (INSPECTING, SELLABLE, RESERVED, DEFECTIVE), the append-only movement
 * ledger, protections, expected inbounds, availability per channel and the reservation engine,
 * the one writer every channel's stock goes through. Owns the {@code inventory_*} tables.
 * How much of an inbound is promised is asked of {@link dev.zaiko.inventory.InboundPromises}, which
 * the order module implements (the inventory keeps no promises and does not depend on orders).
 * <p>
 * See docs/reservations.md.
 */
@dev.zaiko.platform.ApiTag("Locations, channels and their pools, stock per SKU and location in buckets "
        + "(INSPECTING, SELLABLE, RESERVED, DEFECTIVE), the movement ledger, protections, expected "
        + "inbounds, availability per channel and the reservation engine every channel's stock goes through.")
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"catalog", "platform"})
package dev.zaiko.inventory;

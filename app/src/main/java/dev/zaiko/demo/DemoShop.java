package dev.zaiko.demo;

import java.util.List;

import dev.zaiko.catalog.ProductDraft;
import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.Location;
import dev.zaiko.inventory.ProtectionKind;

/**
 * Everything the demo loader writes, as plain data. The first location is the marker: when it
 * exists, the shop is considered loaded. {@link StandardDemoShop} holds the real data.
 */
record DemoShop(List<Location> locations, List<Channel> channels, List<ProductDraft> products,
                List<Stock> stock, List<Expected> inbounds, List<Keep> protections, List<Hold> reservations,
                List<DemoOrders.DemoOrder> orders, List<Sale> deals, List<Alert> alerts) {

    DemoShop(List<Location> locations, List<Channel> channels, List<ProductDraft> products, List<Stock> stock,
             List<Expected> inbounds, List<Keep> protections, List<Hold> reservations,
             List<DemoOrders.DemoOrder> orders) {
        this(locations, channels, products, stock, inbounds, protections, reservations, orders, List.of(), List.of());
    }

    DemoShop {
        if (locations.isEmpty()) throw new IllegalArgumentException("A demo shop needs at least one location");
        locations = List.copyOf(locations);
        channels = List.copyOf(channels);
        products = List.copyOf(products);
        stock = List.copyOf(stock);
        inbounds = List.copyOf(inbounds);
        protections = List.copyOf(protections);
        reservations = List.copyOf(reservations);
        deals = List.copyOf(deals);
        alerts = List.copyOf(alerts);
    }

    /** A time sale running from the demo's first start for {@code days} days. */
    record Sale(String code, String sku, String channel, long price, int quantity, int days, Integer perCustomerLimit) {
    }

    /** A customer waiting for a SKU to come back on a channel (a back-in-stock alert). */
    record Alert(String sku, String channel, String email, String locale) {
    }

    /** The location whose existence means "the demo is already there". */
    String marker() {
        return locations.get(0).code();
    }

    /**
     * A delivery that was counted in and (partly) inspected: {@code received} units arrive,
     * {@code passed} become sellable, {@code failed} defective, the rest stay INSPECTING.
     */
    record Stock(String sku, String location, int received, int passed, int failed) {
        Stock {
            if (received <= 0 || passed < 0 || failed < 0 || passed + failed > received) {
                throw new IllegalArgumentException("Bad demo stock line for " + sku + " at " + location
                        + ": received " + received + ", passed " + passed + ", failed " + failed);
            }
        }

        int inspecting() {
            return received - passed - failed;
        }
    }

    /** An expected receipt (purchase order) due {@code inDays} days after the day of loading. */
    record Expected(String sku, String location, int quantity, int inDays, String reference) {
    }

    /** A protection; {@code segment} only for MEMBER_QUOTA. */
    record Keep(ProtectionKind kind, String location, String sku, int quantity, String segment) {
    }

    /** An open order's reservation; {@code holder} is an order reference, never a person. */
    record Hold(String channel, String sku, int quantity, String holder, String segment) {
    }
}

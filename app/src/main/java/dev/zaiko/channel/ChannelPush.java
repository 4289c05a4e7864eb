package dev.zaiko.channel;

import java.util.List;

/**
 * One request to a marketplace: the quantities to set on a channel, most urgent first.
 *
 * @param items each SKU once; {@code quantity} is what the marketplace is told (0 at or below the
 *              channel's safety floor), {@code ats} what Zaiko computed
 */
public record ChannelPush(String channel, String marketplace, List<Item> items) {

    public ChannelPush {
        items = List.copyOf(items);
    }

    public record Item(String sku, int quantity, int ats, long seq) {
    }
}

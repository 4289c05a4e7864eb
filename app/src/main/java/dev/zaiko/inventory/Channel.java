package dev.zaiko.inventory;

import java.util.List;

/**
 * A place that sells. {@code online} is false for a store's till, which is what protections
 * such as "the store keeps N units from online channels" are about.
 *
 * @param locations the pool this channel may take from, in the order the engine prefers
 */
public record Channel(String code, ChannelKind kind, String name, boolean online, List<String> locations) {
    public Channel {
        locations = List.copyOf(locations);
    }
}

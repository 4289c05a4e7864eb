package dev.zaiko.inventory;

import java.time.Duration;
import java.util.List;

/**
 * A place that sells. {@code online} is false for a store's till, which is what protections
 * such as "the store keeps N units from online channels" are about.
 *
 * @param locations the pool this channel may take from, in the order the engine prefers
 * @param cartHold  how long a reservation on this channel is held when its maker does not say
 *                  ({@code POST /api/reservations} without {@code holdFor}: a cart); null: the shop's
 *                  default, {@code zaiko.inventory.reservation-hold}. PT1S to P7D.
 */
public record Channel(String code, ChannelKind kind, String name, boolean online, List<String> locations,
                      Duration cartHold) {
    public Channel {
        locations = List.copyOf(locations);
    }

    public Channel(String code, ChannelKind kind, String name, boolean online, List<String> locations) {
        this(code, kind, name, online, locations, null);
    }
}

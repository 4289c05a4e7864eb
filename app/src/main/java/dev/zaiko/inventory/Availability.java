package dev.zaiko.inventory;

import java.time.LocalDate;

/**
 * What a channel may sell of a SKU right now, and how to say it to a shopper.
 *
 * @param expectedOn the next inbound's date when the level is BACKORDER, else null
 * @param sharedWithStore the channel sells online from a pool that includes a store's shelf
 */
public record Availability(String sku, String channel, int ats, AvailabilityLevel level, String displayText,
                           LocalDate expectedOn, boolean sharedWithStore) {
}

package dev.zaiko.deal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A time sale of one SKU.
 *
 * @param channels         the own channels it sells on
 * @param price            the deal price, whole yen per unit
 * @param quantity         the units planned for the deal
 * @param setAside         the inventory set-aside holding its units while it runs; null before it starts
 * @param memberSegment    only buyers of this member segment may buy; null for everyone
 * @param perCustomerLimit the most units one customer may hold or buy; null for no limit
 */
public record Deal(String code, String sku, List<String> channels, long price, int quantity, Instant startsAt,
                   Instant endsAt, String memberSegment, Integer perCustomerLimit, DealStatus status, UUID setAside) {
}

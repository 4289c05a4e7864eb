package dev.zaiko.deal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A deal as the API and the console show it, with how it sells.
 *
 * @param setAsideUnits the units set aside when it started (null before); fewer than quantity when stock was short
 * @param shortBy       quantity minus setAsideUnits once started: units it could not set aside
 * @param sold          units taken by orders (claimed or shipped)
 * @param held          units in carts, held until their hold runs out
 * @param remaining     units still for sale in the deal (PLANNED: its quantity; ENDED: 0)
 * @param sellThrough   sold / setAsideUnits, 0 to 1; null before it started or when nothing was set aside
 * @param waiting       customers on its waitlist; null when Zaiko runs without waitlists
 */
public record DealView(String code, String sku, List<String> channels, long price, int quantity, Instant startsAt,
                       Instant endsAt, String memberSegment, Integer perCustomerLimit, DealStatus status,
                       UUID setAside, Integer setAsideUnits, int shortBy, int sold, int held, int remaining,
                       Double sellThrough, Integer waiting, Instant startedAt, Instant endedAt, boolean endedEarly) {
}

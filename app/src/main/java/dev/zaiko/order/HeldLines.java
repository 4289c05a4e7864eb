package dev.zaiko.order;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.Reservation;
import dev.zaiko.inventory.ReservationOutcome;
import dev.zaiko.inventory.ReservationStatus;
import dev.zaiko.inventory.ReservingStock;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;

/**
 * The lines of an order that take over a reservation the buyer already holds (a cart hold,
 * {@code lines[i].reservationId}) instead of reserving again. Checked before anything is reserved:
 * the reservation exists, is for the line's SKU, the order's channel and the line's quantity, and
 * is still open and held (not kept, not claimed by another order, its hold not run out). The
 * order's transaction claims it with the reservations it made itself; a refused order never
 * releases it: it stays the buyer's hold, and ends as holds do.
 *
 * @param byLine the line index and the reservation's outcome, as if the order had reserved it now
 */
record HeldLines(Map<Integer, ReservationOutcome> byLine) {

    static final HeldLines NONE = new HeldLines(Map.of());

    /**
     * @throws InvalidRequestException {@code invalid-reservation} naming {@code lines[i].reservationId}: unknown,
     *                                 or for another SKU, channel or quantity; or the same reservation on two lines
     * @throws ConflictException       {@code reservation-expired} naming the field: closed, no longer held, or its
     *                                 hold ran out
     */
    static HeldLines check(List<OrderRequest.Line> lines, Channel channel, ReservingStock reserving,
                           Function<UUID, Optional<String>> dealOfSetAside, Instant now) {
        Map<Integer, ReservationOutcome> byLine = new HashMap<>();
        Map<UUID, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderRequest.Line line = lines.get(i);
            UUID id = line.reservationId();
            if (id == null) continue;
            String field = "lines[" + i + "].reservationId";
            Integer first = seen.putIfAbsent(id, i);
            if (first != null) {
                throw invalid(field, field + " " + id + " is already the reservation of lines[" + first + "]; a "
                        + "reservation is taken over by one line.");
            }
            Reservation r = reserving.find(id).orElseThrow(() -> invalid(field, field + " names no reservation ("
                    + id + ")."));
            if (!r.sku().equals(line.sku()) || !r.channel().equals(channel.code()) || r.quantity() != line.quantity()) {
                throw invalid(field, field + " " + id + " holds " + r.quantity() + " of " + r.sku() + " on channel "
                        + r.channel() + "; the line asks for " + line.quantity() + " of " + line.sku() + " on "
                        + channel.code() + ". A line takes over a reservation of the same SKU, channel and quantity.");
            }
            // a hold drawn from a deal's quantity is sold at the deal price: the line names that deal, and a line
            // naming a deal takes only a hold of that deal's units
            String deal = r.drawnFrom() == null ? null : dealOfSetAside.apply(r.drawnFrom()).orElse(null);
            String named = line.deal() == null ? null : line.deal().strip();
            if (r.drawnFrom() != null ? !java.util.Objects.equals(deal, named) : named != null) {
                throw invalid(field, field + " " + id + (r.drawnFrom() == null ? " holds regular stock"
                        : " holds units of deal " + (deal == null ? "(ended)" : "'" + deal + "'")) + ", and the line "
                        + (named == null ? "names no deal" : "names deal '" + named + "'") + ". A line takes over a "
                        + "hold of the deal it names (lines[" + i + "].deal, at the deal price), or of regular stock "
                        + "when it names none.");
            }
            if (r.status() != ReservationStatus.OPEN || r.expiresAt() == null || !r.expiresAt().isAfter(now)) {
                throw expired(field, id, r.status() != ReservationStatus.OPEN ? "it is " + r.status()
                        : r.expiresAt() == null ? "it is no longer held (taken by an order, or kept by its owner)"
                        : "its hold ran out at " + r.expiresAt());
            }
            byLine.put(i, new ReservationOutcome(r.sku(), true, id, r.parts(), r.quantity(), null));
        }
        return byLine.isEmpty() ? NONE : new HeldLines(Map.copyOf(byLine));
    }

    boolean takes(int line) {
        return byLine.containsKey(line);
    }

    ReservationOutcome outcome(int line) {
        return byLine.get(line);
    }

    List<UUID> reservations() {
        return byLine.values().stream().map(ReservationOutcome::reservationId).toList();
    }

    /**
     * The claim found a brought reservation's hold gone between the check and the order's
     * transaction (the sweep, or another order, came first): said with the field it came from.
     */
    RuntimeException lostWhileClaiming(ConflictException claim) {
        if (!"reservation-expired".equals(claim.type())
                || !(claim.properties().get("reservationIds") instanceof List<?> lost)) return claim;
        for (Map.Entry<Integer, ReservationOutcome> e : new java.util.TreeMap<>(byLine).entrySet()) {
            UUID id = e.getValue().reservationId();
            if (lost.contains(id.toString())) {
                return expired("lines[" + e.getKey() + "].reservationId", id,
                        "its hold ran out, or another order took it, while this order was being recorded");
            }
        }
        return claim;
    }

    private static InvalidRequestException invalid(String field, String detail) {
        return new InvalidRequestException("invalid-reservation", detail, Map.of("field", field));
    }

    private static ConflictException expired(String field, UUID id, String why) {
        return new ConflictException("reservation-expired", field + " " + id + " cannot be taken over: " + why + ". "
                + "Nothing was recorded; reserve again (POST /api/reservations) or order without it.",
                Map.of("field", field, "reservationIds", List.of(id.toString())));
    }
}

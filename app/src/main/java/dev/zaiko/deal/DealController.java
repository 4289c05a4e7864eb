package dev.zaiko.deal;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.zaiko.inventory.Reservation;
import dev.zaiko.inventory.ReservationOutcome;
import dev.zaiko.inventory.ReservingStock;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/deals")
class DealController {

    /** The longest hold a cart may ask for. */
    static final Duration MAX_HOLD = Duration.ofDays(7);

    private final DealDesk desk;
    private final BuyingFromDeals buying;
    private final ReservingStock reserving;
    private final DealProperties properties;

    DealController(DealDesk desk, BuyingFromDeals buying, ReservingStock reserving, DealProperties properties) {
        this.desk = desk;
        this.buying = buying;
        this.reserving = reserving;
        this.properties = properties;
    }

    @Operation(summary = "Plan a deal (time sale)",
            description = "A quantity of a SKU sold at a deal price on own channels between startsAt and endsAt, "
                    + "optionally to one member segment only and with a limit per customer. At startsAt the quantity "
                    + "is set aside from the first channel's pool (what there is, when stock is short); at endsAt "
                    + "unsold units are regular stock again.")
    @ApiResponse(responseCode = "201", description = "The deal, PLANNED.")
    @ApiResponse(responseCode = "400", description = "A rule the plan breaks; the problem names the field.")
    @ApiResponse(responseCode = "409", description = "A deal with that code exists (deal-exists).")
    @PostMapping
    ResponseEntity<DealView> plan(@Valid @RequestBody DealPlan plan) {
        DealView deal = desk.plan(plan);
        return ResponseEntity.created(URI.create("/api/deals/" + deal.code())).body(deal);
    }

    @Operation(summary = "List deals", description = "Newest start first, optionally of one status and one SKU.")
    @GetMapping
    List<DealView> list(@RequestParam(required = false) String status, @RequestParam(required = false) String sku) {
        return desk.list(status(status), sku);
    }

    @Operation(summary = "What a channel offers of a SKU now",
            description = "The regular offer (the channel's available-to-sell at the catalog price) and each live "
                    + "deal's offer (remaining units, deal price, end, members-only, limit per customer).")
    @GetMapping("/offers")
    DealOffers offers(@RequestParam String sku, @RequestParam String channel) {
        return desk.offers(sku, channel);
    }

    @Operation(summary = "Read a deal", description = "With sold, held, remaining and sell-through.")
    @GetMapping("/{code}")
    DealView deal(@PathVariable String code) {
        return desk.view(code);
    }

    @Operation(summary = "Change a planned deal")
    @ApiResponse(responseCode = "200", description = "The changed deal, still PLANNED.")
    @ApiResponse(responseCode = "409", description = "The deal already started or was cancelled (deal-not-planned).")
    @PutMapping("/{code}")
    DealView change(@PathVariable String code, @Valid @RequestBody DealPlan plan) {
        return desk.change(code, plan);
    }

    @Operation(summary = "Cancel a planned deal")
    @ApiResponse(responseCode = "200", description = "The deal, CANCELLED.")
    @ApiResponse(responseCode = "409", description = "The deal already started (deal-not-planned).")
    @PostMapping("/{code}/cancel")
    DealView cancel(@PathVariable String code) {
        return desk.cancel(code);
    }

    @Operation(summary = "Pause a live deal", description = "Its units stay set aside; nobody can buy until it is resumed.")
    @PostMapping("/{code}/pause")
    DealView pause(@PathVariable String code) {
        return desk.pause(code);
    }

    @Operation(summary = "Resume a paused deal")
    @PostMapping("/{code}/resume")
    DealView resume(@PathVariable String code) {
        return desk.resume(code);
    }

    @Operation(summary = "End a deal early", description = "Unsold units are regular stock again at once.")
    @PostMapping("/{code}/end")
    DealView end(@PathVariable String code) {
        return desk.end(code);
    }

    /**
     * @param customer the buyer's email address, for the per-customer limit
     * @param segment  the buyer's member segment, for a members-only deal
     * @param holdFor  ISO-8601 duration, PT1S to P7D; left out, {@code zaiko.deals.hold}
     */
    record HoldIn(@NotBlank @Size(max = 64) String channel, @NotNull @Positive @Max(10_000) Integer quantity,
                  @NotBlank @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+",
                          message = "must be an email address like name@example.jp") String customer,
                  @Size(max = 64) String segment, @Size(max = 40) String holdFor, @Size(max = 200) String holder) {
    }

    @Operation(summary = "Hold deal units for a cart",
            description = "Draws units from the deal as a reservation held for holdFor (default zaiko.deals.hold). "
                    + "Extend it with POST /api/reservations/{id}/hold, give it back with /release; an order that "
                    + "names the deal takes it. Not taken in time, the units go back to the deal.")
    @ApiResponse(responseCode = "201", description = "The reservation (id, expiresAt).")
    @ApiResponse(responseCode = "409", description = "deal-sold-out (with remaining and the waitlist), deal-not-live, "
            + "deal-members-only, deal-limit-reached or deal-waitlist-first.")
    @PostMapping("/{code}/holds")
    @dev.zaiko.platform.NotAudited
    ResponseEntity<Reservation> hold(@PathVariable String code, @Valid @RequestBody HoldIn in) {
        Duration hold = in.holdFor() == null || in.holdFor().isBlank() ? properties.hold() : holdFor(in.holdFor());
        DealView deal = desk.view(code);
        String holder = in.holder() == null || in.holder().isBlank() ? "deal " + code + " cart" : in.holder().strip();
        ReservationOutcome outcome = buying.reserve(new DealPurchase(code, in.channel().strip(), deal.sku(),
                in.quantity(), in.customer(), in.segment(), holder, hold, false));
        if (!outcome.reserved()) {
            throw new ConflictException("deal-sold-out", "Deal " + code + " has " + outcome.available()
                    + " unit(s) left, fewer than the " + in.quantity() + " asked for. Join its waitlist: units that come "
                    + "back go to the first in line.", Map.of("code", code, "remaining", outcome.available(),
                    "waitlist", "/api/waitlists/" + code + "/entries"));
        }
        Reservation reservation = reserving.find(outcome.reservationId()).orElseThrow();
        return ResponseEntity.created(URI.create("/api/reservations/" + reservation.id())).body(reservation);
    }

    private static Duration holdFor(String text) {
        Duration d;
        try {
            d = Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            d = null;
        }
        if (d == null || d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(MAX_HOLD) > 0) {
            throw new InvalidRequestException("invalid-hold", "holdFor must be an ISO-8601 duration from PT1S to P7D "
                    + "(for example PT15M), or left out for the shop's deal hold.", Map.of("field", "holdFor"));
        }
        return d;
    }

    static DealStatus status(String status) {
        if (status == null || status.isBlank()) return null;
        return Arrays.stream(DealStatus.values()).filter(s -> s.name().equalsIgnoreCase(status.strip())).findFirst()
                .orElseThrow(() -> new InvalidRequestException("invalid-request", "status must be one of "
                        + Arrays.toString(DealStatus.values()) + ".", Map.of("field", "status")));
    }
}

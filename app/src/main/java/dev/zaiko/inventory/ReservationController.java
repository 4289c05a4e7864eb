package dev.zaiko.inventory;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

@RestController
@RequestMapping("/api/reservations")
class ReservationController {

    private final ReservingStock reserving;

    ReservationController(ReservingStock reserving) {
        this.reserving = reserving;
    }

    /**
     * @param holdFor ISO-8601 duration the reservation is held (PT1S to P7D); left out, the
     *                channel's cart hold ({@code cartHold}), else {@code zaiko.inventory.reservation-hold}. Not committed, released or held
     *                longer by then, it is released (docs/reservations.md, "Holds").
     */
    record ReserveIn(@NotBlank String channel, @NotBlank String sku,
                     @NotNull @Positive @Max(StockController.MAX_UNITS) Integer quantity,
                     @Size(max = 200) String holder, @Size(max = 64) String segment, @Size(max = 40) String holdFor) {
    }

    /** @param holdFor ISO-8601 duration from now (PT1S to P7D) */
    record HoldIn(@NotBlank @Size(max = 40) String holdFor) {
    }

    /** 201 with the reservation, or 409 with how many the channel could still take. */
    @Operation(summary = "Reserve stock for a channel",
            description = "Atomically reserves units of a SKU on a channel, never more than the channel may take. The reservation is held for holdFor (ISO-8601, PT1S to P7D; default the channel's cartHold, else zaiko.inventory.reservation-hold): commit or release it before expiresAt, or the sweep releases it.")
    @ApiResponse(responseCode = "201", description = "Reserved; the response carries the reservation id and expiresAt.")
    @ApiResponse(responseCode = "409", description = "Not enough available to sell on the channel (insufficient-stock); the problem names what is available.")
    @PostMapping
    @dev.zaiko.platform.NotAudited
    ResponseEntity<Reservation> reserve(@Valid @RequestBody ReserveIn in) {
        Duration hold = in.holdFor() == null ? reserving.cartHold(in.channel()) : holdFor(in.holdFor());
        ReservationOutcome outcome = reserving.reserve(new ReserveRequest(in.channel(), in.sku(), in.quantity(),
                in.holder(), in.segment() == null || in.segment().isBlank() ? null : in.segment(), null, hold));
        if (!outcome.reserved()) {
            throw new ConflictException("insufficient-stock",
                    "Cannot reserve " + in.quantity() + " of " + in.sku() + " on " + in.channel() + ": only "
                            + outcome.available() + " available.",
                    Map.of("sku", in.sku(), "channel", in.channel(), "available", outcome.available()));
        }
        Reservation reservation = reserving.find(outcome.reservationId()).orElseThrow();
        return ResponseEntity.created(URI.create("/api/reservations/" + reservation.id())).body(reservation);
    }

    @Operation(summary = "Read a reservation")
    @GetMapping("/{id}")
    Reservation reservation(@PathVariable String id) {
        UUID uuid = parse(id);
        return reserving.find(uuid).orElseThrow(() -> new NotFoundException("No reservation " + id + "."));
    }

    /** Reservations whose units a forced till sale or a count took and nobody could cover. */
    @Operation(summary = "List displaced reservations",
            description = "Reservations whose units a forced till sale or a stock count took and nobody could cover. Only status=DISPLACED can be listed.")
    @GetMapping
    List<Reservation> displaced(@RequestParam String status, @RequestParam(required = false) String sku) {
        if (!"DISPLACED".equals(status)) {
            throw new InvalidRequestException("Only status=DISPLACED can be listed; look up others by id.");
        }
        return reserving.displaced(sku);
    }

    @Operation(summary = "Release a reservation",
            description = "Gives the held units back to the channels.")
    @ApiResponse(responseCode = "200", description = "The reservation, released.")
    @ApiResponse(responseCode = "409", description = "The reservation is no longer open (reservation-closed).")
    @PostMapping("/{id}/release")
    @dev.zaiko.platform.NotAudited
    Reservation release(@PathVariable String id) {
        return reserving.release(parse(id));
    }

    @Operation(summary = "Commit a reservation",
            description = "The units are sold: they leave RESERVED for good.")
    @ApiResponse(responseCode = "200", description = "The reservation, committed.")
    @ApiResponse(responseCode = "409", description = "The reservation is no longer open (reservation-closed).")
    @PostMapping("/{id}/commit")
    @dev.zaiko.platform.NotAudited
    Reservation commit(@PathVariable String id) {
        return reserving.commit(parse(id));
    }

    /** An API client still deciding holds its reservation longer: {@code holdFor} from now. */
    @Operation(summary = "Extend a reservation's hold",
            description = "An API client still deciding holds its reservation longer: holdFor from now.")
    @ApiResponse(responseCode = "200", description = "The reservation with its new expiresAt.")
    @ApiResponse(responseCode = "409", description = "The reservation is no longer held (reservation-not-held).")
    @PostMapping("/{id}/hold")
    @dev.zaiko.platform.NotAudited
    Reservation hold(@PathVariable String id, @Valid @RequestBody HoldIn in) {
        return reserving.extend(parse(id), holdFor(in.holdFor()));
    }

    static Duration holdFor(String text) {
        return holdFor(text, "holdFor");
    }

    /** An ISO-8601 duration from PT1S to P7D, or 400 {@code invalid-hold} naming {@code field}. */
    static Duration holdFor(String text, String field) {
        Duration d;
        try {
            d = Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            d = null;
        }
        if (d == null || d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(ReservationHoldProperties.MAX_HOLD) > 0) {
            throw new InvalidRequestException("invalid-hold", field + " must be an ISO-8601 duration from PT1S to P7D "
                    + "(for example PT15M), or left out for the shop's default hold.", Map.of("field", field));
        }
        return d;
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("'" + id + "' is not a reservation id (a UUID).");
        }
    }
}

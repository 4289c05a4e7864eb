package dev.zaiko.inventory;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import dev.zaiko.platform.InvalidRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

@RestController
@RequestMapping("/api/inbounds")
class InboundController {

    private final ExpectingInbounds inbounds;
    private final Clock clock;

    InboundController(ExpectingInbounds inbounds, Clock clock) {
        this.inbounds = inbounds;
        this.clock = clock;
    }

    record InboundIn(@NotBlank String sku, @NotBlank String location,
                     @NotNull @Positive @Max(StockController.MAX_UNITS) Integer quantity,
                     @NotNull LocalDate expectedOn, @Size(max = 200) String reference) {
    }

    @Operation(summary = "Expect an inbound",
            description = "Records units a supplier will deliver to a location on a date (not in the past). Expected inbounds are what stockout cases offer as a wait-for date.")
    @ApiResponse(responseCode = "201", description = "The inbound, EXPECTED; Location names it.")
    @PostMapping
    ResponseEntity<Inbound> expect(@Valid @RequestBody InboundIn in) {
        if (in.expectedOn().isBefore(LocalDate.now(clock))) {
            throw new InvalidRequestException("expectedOn " + in.expectedOn() + " is in the past.");
        }
        Inbound created = inbounds.expect(in.sku(), in.location(), in.quantity(), in.expectedOn(), in.reference());
        return ResponseEntity.created(URI.create("/api/inbounds/" + created.id())).body(created);
    }

    record ArrivalIn(@NotNull @Positive @Max(StockController.MAX_UNITS) Integer quantity) {
    }

    /** 200 with the inbound, ARRIVED, its units INSPECTING; 404 unknown; 409 not EXPECTED. */
    @Operation(summary = "Record an inbound's arrival",
            description = "The units arrived: they are received into the location (to INSPECTING) and the inbound is ARRIVED.")
    @ApiResponse(responseCode = "200", description = "The inbound, ARRIVED.")
    @ApiResponse(responseCode = "409", description = "The inbound is not EXPECTED any more (inbound-not-expected).")
    @PostMapping("/{id}/arrivals")
    Inbound arrive(@org.springframework.web.bind.annotation.PathVariable long id, @Valid @RequestBody ArrivalIn in) {
        return inbounds.arrive(id, in.quantity());
    }

    /** The supplier cancelled: 200 with the inbound, CANCELLED; 404 unknown; 409 not EXPECTED. */
    @Operation(summary = "Cancel an inbound",
            description = "The supplier cancelled: the inbound becomes CANCELLED and is no longer offered as a date.")
    @ApiResponse(responseCode = "200", description = "The inbound, CANCELLED.")
    @ApiResponse(responseCode = "409", description = "The inbound is not EXPECTED any more (inbound-not-expected).")
    @PostMapping("/{id}/cancel")
    Inbound cancel(@org.springframework.web.bind.annotation.PathVariable long id) {
        return inbounds.cancel(id);
    }

    @Operation(summary = "Read an inbound")
    @GetMapping("/{id}")
    Inbound inbound(@org.springframework.web.bind.annotation.PathVariable long id) {
        return inbounds.find(id);
    }

    @Operation(summary = "List inbounds",
            description = "Every inbound, optionally of one SKU.")
    @GetMapping
    List<Inbound> list(@RequestParam(required = false) String sku) {
        return inbounds.list(sku);
    }
}

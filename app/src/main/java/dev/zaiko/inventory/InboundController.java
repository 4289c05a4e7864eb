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
    private final org.springframework.beans.factory.ObjectProvider<InboundPromises> promises;

    InboundController(ExpectingInbounds inbounds, Clock clock,
                      org.springframework.beans.factory.ObjectProvider<InboundPromises> promises) {
        this.inbounds = inbounds;
        this.clock = clock;
        this.promises = promises;
    }

    /**
     * An inbound with how much of it is promised.
     *
     * @param promised units of it promised to lines still waiting for it (backordered orders)
     * @param free     units of an EXPECTED inbound not yet promised (what a new backorder can be promised);
     *                 0 once it arrived or was cancelled
     */
    record InboundView(long id, String sku, String location, int quantity, LocalDate expectedOn, String reference,
                       String status, Integer arrivedQuantity, Integer shortBy, int promised, int free) {

        static InboundView of(Inbound i, int promised) {
            return new InboundView(i.id(), i.sku(), i.location(), i.quantity(), i.expectedOn(), i.reference(),
                    i.status(), i.arrivedQuantity(), i.shortBy(), promised,
                    "EXPECTED".equals(i.status()) ? Math.max(0, i.quantity() - promised) : 0);
        }
    }

    private List<InboundView> views(List<Inbound> list) {
        InboundPromises source = promises.getIfAvailable();
        java.util.Map<Long, Integer> promised = source == null || list.isEmpty() ? java.util.Map.of()
                : source.promisedUnits(list.stream().map(Inbound::id).toList());
        return list.stream().map(i -> InboundView.of(i, promised.getOrDefault(i.id(), 0))).toList();
    }

    private InboundView view(Inbound inbound) {
        return views(List.of(inbound)).get(0);
    }

    record InboundIn(@NotBlank String sku, @NotBlank String location,
                     @NotNull @Positive @Max(StockController.MAX_UNITS) Integer quantity,
                     @NotNull LocalDate expectedOn, @Size(max = 200) String reference) {
    }

    @Operation(summary = "Expect an inbound",
            description = "Records units a supplier will deliver to a location on a date (not in the past). Expected inbounds are what stockout cases offer as a wait-for date.")
    @ApiResponse(responseCode = "201", description = "The inbound, EXPECTED; Location names it.")
    @PostMapping
    ResponseEntity<InboundView> expect(@Valid @RequestBody InboundIn in) {
        if (in.expectedOn().isBefore(LocalDate.now(clock))) {
            throw new InvalidRequestException("expectedOn " + in.expectedOn() + " is in the past.");
        }
        Inbound created = inbounds.expect(in.sku(), in.location(), in.quantity(), in.expectedOn(), in.reference());
        return ResponseEntity.created(URI.create("/api/inbounds/" + created.id())).body(view(created));
    }

    record ArrivalIn(@NotNull @Positive @Max(StockController.MAX_UNITS) Integer quantity) {
    }

    /** 200 with the inbound, ARRIVED, its units INSPECTING; 404 unknown; 409 not EXPECTED. */
    @Operation(summary = "Record an inbound's arrival",
            description = "The units arrived: they are received into the location (to INSPECTING) and the inbound is ARRIVED.")
    @ApiResponse(responseCode = "200", description = "The inbound, ARRIVED.")
    @ApiResponse(responseCode = "409", description = "The inbound is not EXPECTED any more (inbound-not-expected).")
    @PostMapping("/{id}/arrivals")
    InboundView arrive(@org.springframework.web.bind.annotation.PathVariable long id, @Valid @RequestBody ArrivalIn in) {
        return view(inbounds.arrive(id, in.quantity()));
    }

    /** The supplier cancelled: 200 with the inbound, CANCELLED; 404 unknown; 409 not EXPECTED. */
    @Operation(summary = "Cancel an inbound",
            description = "The supplier cancelled: the inbound becomes CANCELLED and is no longer offered as a date.")
    @ApiResponse(responseCode = "200", description = "The inbound, CANCELLED.")
    @ApiResponse(responseCode = "409", description = "The inbound is not EXPECTED any more (inbound-not-expected).")
    @PostMapping("/{id}/cancel")
    InboundView cancel(@org.springframework.web.bind.annotation.PathVariable long id) {
        return view(inbounds.cancel(id));
    }

    @Operation(summary = "Read an inbound",
            description = "The inbound with promised (units promised to backordered lines waiting for it) and free (units of an EXPECTED inbound not yet promised).")
    @GetMapping("/{id}")
    InboundView inbound(@org.springframework.web.bind.annotation.PathVariable long id) {
        return view(inbounds.find(id));
    }

    @Operation(summary = "List inbounds",
            description = "Every inbound, optionally of one SKU, each with promised and free units.")
    @GetMapping
    List<InboundView> list(@RequestParam(required = false) String sku) {
        return views(inbounds.list(sku));
    }
}

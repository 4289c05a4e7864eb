package dev.zaiko.inventory;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
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
@RequestMapping("/api/stock")
class StockController {

    static final int MAX_UNITS = 1_000_000;

    private final ReceivingStock receiving;
    private final InspectingStock inspecting;
    private final CountingStock counting;
    private final SellingAtTill till;
    private final CheckingStockLedger ledger;
    private final StockNetwork network;
    private final LockedStock stock;

    StockController(ReceivingStock receiving, InspectingStock inspecting, CountingStock counting, SellingAtTill till,
                    CheckingStockLedger ledger, StockNetwork network, LockedStock stock) {
        this.receiving = receiving;
        this.inspecting = inspecting;
        this.counting = counting;
        this.till = till;
        this.ledger = ledger;
        this.network = network;
        this.stock = stock;
    }

    record ReceiptIn(@NotBlank String sku, @NotBlank String location,
                     @NotNull @Positive @Max(MAX_UNITS) Integer quantity, @Size(max = 200) String reference) {
    }

    record InspectionIn(@NotBlank String sku, @NotBlank String location,
                        @NotNull @PositiveOrZero @Max(MAX_UNITS) Integer passed,
                        @NotNull @PositiveOrZero @Max(MAX_UNITS) Integer failed, @Size(max = 200) String reference) {
        @AssertTrue(message = "passed + failed must be at least 1")
        boolean isSomethingInspected() {
            return passed == null || failed == null || passed + failed > 0;
        }
    }

    record AdjustmentIn(@NotBlank String sku, @NotBlank String location,
                        @NotNull @PositiveOrZero @Max(MAX_UNITS) Integer countedSellable,
                        @NotBlank(message = "must say why the count differs (e.g. cycle count, breakage)")
                        @Size(max = 500) String reason) {
    }

    record TillSaleIn(@NotBlank String sku, @NotBlank String location,
                      @NotNull @Positive @Max(MAX_UNITS) Integer quantity, Boolean force,
                      @Size(max = 64) String segment, @Size(max = 200) String reference,
                      java.time.Instant soldAt) {
    }

    @Operation(summary = "Receive stock",
            description = "Units arrive at a location and wait in INSPECTING until they are inspected; channels cannot sell them yet.")
    @PostMapping("/receipts")
    StockLevel receive(@Valid @RequestBody ReceiptIn in) {
        return receiving.receive(in.sku(), in.location(), in.quantity(), in.reference());
    }

    @Operation(summary = "Record an inspection",
            description = "Of the units in INSPECTING, passed become SELLABLE and failed DEFECTIVE.")
    @ApiResponse(responseCode = "200", description = "The SKU's levels at the location after the inspection.")
    @ApiResponse(responseCode = "409", description = "More units inspected than wait in INSPECTING (not-enough-inspecting).")
    @PostMapping("/inspections")
    StockLevel inspect(@Valid @RequestBody InspectionIn in) {
        return inspecting.inspect(in.sku(), in.location(), in.passed(), in.failed(), in.reference());
    }

    @Operation(summary = "Adjust stock to a count",
            description = "Sets SELLABLE at a location to the counted units, with the reason the count differs (cycle count, breakage); the difference is a movement in the ledger. Reservations a lower count cannot cover become DISPLACED.")
    @PostMapping("/adjustments")
    CountingStock.Result adjust(@Valid @RequestBody AdjustmentIn in) {
        return counting.adjust(in.sku(), in.location(), in.countedSellable(), in.reason().strip());
    }

    @Operation(summary = "Record a till sale",
            description = "A sale at a store's till takes units from the location at once. A sale that would take protected or reserved units is refused unless force is true, in which case the reservations it takes are displaced.")
    @ApiResponse(responseCode = "200", description = "The sale with the stock left and any reservations it displaced.")
    @ApiResponse(responseCode = "409", description = "Not enough stock, or the units are protected or reserved and force is not set (insufficient-stock, protected-stock, reserved-stock).")
    @PostMapping("/pos-sales")
    @dev.zaiko.platform.NotAudited
    SellingAtTill.Result sellAtTill(@Valid @RequestBody TillSaleIn in) {
        return till.sell(in.sku(), in.location(), in.quantity(), in.segment(), Boolean.TRUE.equals(in.force()),
                in.reference(), in.soldAt());
    }

    /** Levels per location and what each channel may take. */
    @Operation(summary = "Read a SKU's stock",
            description = "Levels per location and bucket, and what each channel may take.")
    @GetMapping("/{sku}")
    Map<String, Object> stock(@PathVariable String sku) {
        List<Map<String, Object>> channels = stock.read(sku, picture -> network.channels().stream()
                .map(c -> Map.<String, Object>of("channel", c.code(), "ats",
                        picture.ats(picture.channel(c.code()), null)))
                .toList());
        return Map.of("sku", sku, "locations", ledger.levels(sku), "channels", channels);
    }

    @Operation(summary = "Read a SKU's stock movements",
            description = "The newest entries of the append-only movement ledger (limit 1 to 1000).")
    @GetMapping("/{sku}/movements")
    List<StockMovement> movements(@PathVariable String sku,
                                  @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        stock.read(sku, picture -> picture.item());
        return ledger.movements(sku, limit);
    }

    @Operation(summary = "Check stock consistency",
            description = "Compares the stock levels with the movement ledger and lists reservations whose hold ran out (strays); consistent is true when there is nothing to list.")
    @GetMapping("/consistency")
    Map<String, Object> consistency(@RequestParam(required = false) String sku) {
        List<LedgerMismatch> mismatches = ledger.mismatches(sku);
        List<StrayReservation> strays = ledger.strays(sku);
        return Map.of("consistent", mismatches.isEmpty() && strays.isEmpty(), "mismatches", mismatches,
                "strayReservations", strays);
    }
}

package dev.zaiko.inventory;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
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
@RequestMapping("/api/protections")
class ProtectionController {

    private final ProtectingStock protecting;

    ProtectionController(ProtectingStock protecting) {
        this.protecting = protecting;
    }

    /** sku may be omitted to protect every SKU at the location. */
    record ProtectionIn(@NotNull ProtectionKind kind, @NotBlank String location, String sku,
                        @NotNull @Positive @Max(StockController.MAX_UNITS) Integer quantity,
                        @Size(max = 64) String segment) {
    }

    @Operation(summary = "Protect stock from channels",
            description = "Withholds units at a location from channels by a policy (for example the store keeps units for walk-ins, an online-only quota, a member segment), for one SKU or every SKU. Channels' available-to-sell drops at once.")
    @ApiResponse(responseCode = "201", description = "The protection; Location names it.")
    @PostMapping
    ResponseEntity<Protection> protect(@Valid @RequestBody ProtectionIn in) {
        Protection created = protecting.protect(in.kind(), in.location(),
                in.sku() == null || in.sku().isBlank() ? null : in.sku(), in.quantity(), in.segment());
        return ResponseEntity.created(URI.create("/api/protections/" + created.id())).body(created);
    }

    @Operation(summary = "List protections",
            description = "Protections, optionally of one location and one SKU.")
    @GetMapping
    List<Protection> list(@RequestParam(required = false) String location, @RequestParam(required = false) String sku) {
        return protecting.list(location, sku);
    }

    @Operation(summary = "Read a protection")
    @GetMapping("/{id}")
    Protection protection(@PathVariable long id) {
        return protecting.find(id);
    }

    @Operation(summary = "Lift a protection",
            description = "The withheld units become available to channels again.")
    @ApiResponse(responseCode = "204", description = "Lifted.")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> lift(@PathVariable long id) {
        protecting.lift(id);
        return ResponseEntity.noContent().build();
    }
}

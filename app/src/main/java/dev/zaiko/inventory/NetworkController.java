package dev.zaiko.inventory;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

@RestController
@RequestMapping("/api")
class NetworkController {

    static final String CODE = "^[A-Z0-9][A-Z0-9_-]{0,31}$";
    static final String CODE_MESSAGE = "must be 1-32 upper-case letters, digits, '-' or '_' (e.g. WH-TOKYO)";

    private final StockNetwork network;

    NetworkController(StockNetwork network) {
        this.network = network;
    }

    record LocationIn(@NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
                      @NotNull LocationKind kind,
                      @NotBlank @Size(max = 200) String name) {
    }

    record ChannelIn(@NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
                     @NotNull ChannelKind kind,
                     @Size(max = 200) String name,
                     Boolean online,
                     @NotEmpty(message = "must list at least one location the channel sells from")
                     List<@NotBlank String> locations,
                     @Size(max = 40) String cartHold) {
    }

    /** @param cartHold ISO-8601 duration (PT1S to P7D), or null for the shop's default hold */
    record CartHoldIn(@Size(max = 40) String cartHold) {
    }

    @Operation(summary = "Add a location",
            description = "A warehouse or a store where stock is kept. Codes are upper-case letters, digits, - and _.")
    @ApiResponse(responseCode = "201", description = "The location; Location names it.")
    @ApiResponse(responseCode = "409", description = "A location with this code already exists (location-exists).")
    @PostMapping("/locations")
    ResponseEntity<Location> addLocation(@Valid @RequestBody LocationIn in) {
        Location created = network.addLocation(new Location(in.code(), in.kind(), in.name().strip()));
        return ResponseEntity.created(URI.create("/api/locations/" + created.code())).body(created);
    }

    @Operation(summary = "List locations")
    @GetMapping("/locations")
    List<Location> locations() {
        return network.locations();
    }

    @Operation(summary = "Read a location")
    @GetMapping("/locations/{code}")
    Location location(@PathVariable String code) {
        return network.requireLocation(code);
    }

    /** {@code online} defaults to true; a store's till channel sets it to false. */
    @Operation(summary = "Add a sales channel",
            description = "A channel (own web shop, store till, marketplace) and the locations whose stock it sells from. online defaults to true; a store's till channel sets it to false. cartHold (ISO-8601, PT1S to P7D, optional) is how long a reservation without holdFor is held on it.")
    @ApiResponse(responseCode = "201", description = "The channel; Location names it.")
    @ApiResponse(responseCode = "409", description = "A channel with this code already exists (channel-exists).")
    @PostMapping("/channels")
    ResponseEntity<Channel> addChannel(@Valid @RequestBody ChannelIn in) {
        Channel created = network.addChannel(new Channel(in.code(), in.kind(),
                in.name() == null || in.name().isBlank() ? in.code() : in.name().strip(),
                in.online() == null || in.online(), in.locations(), cartHold(in.cartHold())));
        return ResponseEntity.created(URI.create("/api/channels/" + created.code())).body(created);
    }

    @Operation(summary = "List sales channels")
    @GetMapping("/channels")
    List<Channel> channels() {
        return network.channels();
    }

    @Operation(summary = "Read a sales channel")
    @GetMapping("/channels/{code}")
    Channel channel(@PathVariable String code) {
        return network.requireChannel(code);
    }

    /** How long a cart's reservation on the channel is held when it does not say ({@code holdFor}). */
    @Operation(summary = "Set a channel's cart hold",
            description = "How long POST /api/reservations on this channel holds units when the request has no holdFor "
                    + "(a cart): an ISO-8601 duration from PT1S to P7D, or null for the shop's default "
                    + "(zaiko.inventory.reservation-hold). Reservations made before keep their expiry.")
    @ApiResponse(responseCode = "200", description = "The channel with its cartHold.")
    @ApiResponse(responseCode = "400", description = "Not a duration from PT1S to P7D (invalid-hold, field cartHold).")
    @PutMapping("/channels/{code}/cart-hold")
    Channel cartHold(@PathVariable String code, @Valid @RequestBody CartHoldIn in) {
        network.requireChannel(code);
        return network.setCartHold(code, cartHold(in.cartHold()));
    }

    private static Duration cartHold(String text) {
        return text == null || text.isBlank() ? null : ReservationController.holdFor(text, "cartHold");
    }
}

package dev.zaiko.channel;

import dev.zaiko.platform.Authority;
import dev.zaiko.platform.Requires;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** A channel's marketplace adapter. */
@RestController
@RequestMapping("/api/channels/{code}/adapter")
class ChannelAdapterController {

    private final MarketplaceAdapters adapters;

    ChannelAdapterController(MarketplaceAdapters adapters) {
        this.adapters = adapters;
    }

    record AdapterIn(String marketplace, String url, Double requestsPerSecond, Integer batch, Integer safetyFloor) {
    }

    @Requires(Authority.ADMINISTER)
    @Operation(summary = "Set a channel's marketplace adapter",
            description = "Connects the channel to a marketplace (Amazon, Rakuten, Yahoo) that pushes its feed: the marketplace's endpoint, its rate limit (requests per second), batch size and the safety floor at which a SKU is pushed as 0. The URL must be an allowed outbound target.")
    @PutMapping
    ChannelAdapter set(@PathVariable String code, @RequestBody AdapterIn in) {
        return adapters.set(code, in.marketplace(), in.url(), in.requestsPerSecond(), in.batch(), in.safetyFloor());
    }

    @Operation(summary = "Read a channel's marketplace adapter",
            description = "The adapter's settings and how its pushing goes (last push, failures).")
    @GetMapping
    ChannelAdapter get(@PathVariable String code) {
        return adapters.get(code);
    }

    @Requires(Authority.ADMINISTER)
    @Operation(summary = "Remove a channel's marketplace adapter",
            description = "The channel's feed is no longer pushed to the marketplace.")
    @ApiResponse(responseCode = "204", description = "Removed.")
    @DeleteMapping
    ResponseEntity<Void> delete(@PathVariable String code) {
        adapters.delete(code);
        return ResponseEntity.noContent().build();
    }
}

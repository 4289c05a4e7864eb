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
    @PutMapping
    ChannelAdapter set(@PathVariable String code, @RequestBody AdapterIn in) {
        return adapters.set(code, in.marketplace(), in.url(), in.requestsPerSecond(), in.batch(), in.safetyFloor());
    }

    @GetMapping
    ChannelAdapter get(@PathVariable String code) {
        return adapters.get(code);
    }

    @Requires(Authority.ADMINISTER)
    @DeleteMapping
    ResponseEntity<Void> delete(@PathVariable String code) {
        adapters.delete(code);
        return ResponseEntity.noContent().build();
    }
}

package dev.zaiko.inventory;

import java.util.Locale;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;

@RestController
class AvailabilityController {

    private final CheckingAvailability availability;

    AvailabilityController(CheckingAvailability availability) {
        this.availability = availability;
    }

    /** displayText follows Accept-Language (Japanese unless English is asked for). */
    @Operation(summary = "Read a SKU's availability on a channel",
            description = "What the channel may sell now (available-to-sell after every protection), its display level and the next dated inbound, in the caller's language (Accept-Language).")
    @GetMapping("/api/availability/{sku}")
    Availability availability(@PathVariable String sku, @RequestParam String channel, Locale locale) {
        return availability.of(sku, channel, locale);
    }
}

package dev.zaiko.inventory;

import java.util.Locale;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AvailabilityController {

    private final CheckingAvailability availability;

    AvailabilityController(CheckingAvailability availability) {
        this.availability = availability;
    }

    /** displayText follows Accept-Language (Japanese unless English is asked for). */
    @GetMapping("/api/availability/{sku}")
    Availability availability(@PathVariable String sku, @RequestParam String channel, Locale locale) {
        return availability.of(sku, channel, locale);
    }
}

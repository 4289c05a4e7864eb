package dev.zaiko.stockout;

import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/lead-time")
class LeadTimeController {

    private final AnsweringLeadTimes leadTimes;

    LeadTimeController(AnsweringLeadTimes leadTimes) {
        this.leadTimes = leadTimes;
    }

    @Operation(summary = "The earliest realistic date for a quantity of a SKU",
            description = "Every source that can deliver the whole quantity, earliest first: own stock in the channel's pool (after the units waiting backorders are owed), a transfer from a store or warehouse outside the pool, the next inbound with enough units not yet promised, drop-ship from the supplier; and every source that cannot, with why (in the request's language). channel defaults to zaiko.lead-time.channel (else the first online OWN channel); customer is optional.")
    @ApiResponse(responseCode = "200", description = "The answer; earliest is null when no source can deliver.")
    @ApiResponse(responseCode = "400", description = "sku, quantity or customer is missing or invalid (the problem names the field).")
    @ApiResponse(responseCode = "404", description = "No such SKU or channel (the problem names the field).")
    @GetMapping
    LeadTime answer(@RequestParam(required = false) String sku, @RequestParam(required = false) String quantity,
                    @RequestParam(required = false) String customer, @RequestParam(required = false) String channel,
                    Locale locale) {
        return leadTimes.answer(sku, quantity, customer, channel, locale);
    }
}

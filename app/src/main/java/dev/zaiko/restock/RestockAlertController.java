package dev.zaiko.restock;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The shop's own systems: subscriptions they vouch for, the queues, and the demand signal. */
@RestController
@RequestMapping("/api/restock-alerts")
class RestockAlertController {

    private final SubscribingToRestockAlerts subscribing;
    private final RestockAlerts alerts;

    RestockAlertController(SubscribingToRestockAlerts subscribing, RestockAlerts alerts) {
        this.subscribing = subscribing;
        this.alerts = alerts;
    }

    /**
     * @param holdFor ISO-8601 duration: this subscriber's notice holds one unit that long (at most
     *                {@code zaiko.restock.max-hold-for}); absent, {@code zaiko.restock.hold-for} applies
     */
    record Subscription(String sku, String channel, String email, String locale, Duration holdFor) {
    }

    @Operation(summary = "Subscribe a customer to a back-in-stock alert",
            description = "Confirmed at once: the shop vouches for its customer. A person appears once per SKU, channel and "
                    + "email: subscribing again while waiting keeps the place. Unknown SKU or channel: 400 naming the field.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    RestockAlert subscribe(@RequestBody Subscription body) {
        return subscribing.subscribeForShop(body.sku(), body.channel(), body.email(), body.locale(), body.holdFor());
    }

    @Operation(summary = "Subscriptions in queue order",
            description = "Per SKU and channel, first in line first; filters sku, channel, status (PENDING, WAITING, "
                    + "NOTIFIED, UNSUBSCRIBED, EXPIRED). At most 1000.")
    @GetMapping
    List<RestockAlert> list(@RequestParam(required = false) String sku, @RequestParam(required = false) String channel,
                            @RequestParam(required = false) String status) {
        RestockAlertStatus s = null;
        if (status != null && !status.isBlank()) {
            s = Arrays.stream(RestockAlertStatus.values()).filter(v -> v.name().equalsIgnoreCase(status.strip()))
                    .findFirst().orElseThrow(() -> new InvalidRequestException("invalid-request",
                            "status must be one of " + Arrays.toString(RestockAlertStatus.values()) + ".",
                            Map.of("field", "status")));
        }
        return alerts.list(blankToNull(sku), blankToNull(channel), s);
    }

    @Operation(summary = "The demand signal: how many wait per SKU and channel",
            description = "waiting, oldestWaitingSince and pending (unconfirmed) per SKU and channel, the longest queues "
                    + "first, with the current round of notices; purchasing reads it.")
    @GetMapping("/demand")
    List<RestockQueue> demand(@RequestParam(required = false) String sku) {
        return alerts.queues(blankToNull(sku));
    }

    @Operation(summary = "One subscription", description = "With its status, and the hold given with its notice if any.")
    @GetMapping("/{id}")
    RestockAlert one(@PathVariable UUID id) {
        return alerts.find(id).orElseThrow(() -> new NotFoundException("No restock alert " + id + "."));
    }

    @Operation(summary = "Unsubscribe", description = "The subscription stays, UNSUBSCRIBED. Safe to repeat.")
    @DeleteMapping("/{id}")
    RestockAlert unsubscribe(@PathVariable UUID id) {
        return subscribing.unsubscribe(id);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

package dev.zaiko.connector;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Orders in from a connected channel: the pull, its lag, and the import inbox. */
@RestController
@RequestMapping("/api/channels/{code}/connector")
class ConnectorOrdersController {

    private final ImportingOrders importing;

    ConnectorOrdersController(ImportingOrders importing) {
        this.importing = importing;
    }

    @Operation(summary = "Read how a channel's orders come in",
            description = "The order pull's last run, last success, last error and next run, the open import inbox, and the import lag of the orders recorded in the last hour (from the order's creation on the platform to its recording in Zaiko: median, 99th percentile and maximum, in milliseconds).")
    @GetMapping("/orders")
    ImportingOrders.Status orders(@PathVariable String code) {
        return importing.status(code);
    }

    @Operation(summary = "Pull a channel's orders now",
            description = "Reads the orders created or changed on the platform since the channel's cursor, page by page, and records each once (an order the platform cancelled releases its units). An order that cannot be recorded is kept in the import inbox with the reason. Answers what the pull did; pulled is false when the platform's adapter reads no orders or a pull of the channel is under way.")
    @PostMapping("/orders/pull")
    ImportingOrders.PullReport pull(@PathVariable String code) {
        return importing.pull(code);
    }

    @Operation(summary = "List a channel's import inbox",
            description = "Platform orders that could not be recorded, open ones first: the platform's order id, the reason (UNKNOWN_SKU, PAYMENT_MISMATCH, BUYER_MISSING, MALFORMED, REFUSED) and its explanation, the platform's record as read, attempts, and the status (OPEN, RECORDED, DISMISSED) with the order number once recorded.")
    @GetMapping("/inbox")
    List<OrderInbox.Entry> inbox(@PathVariable String code) {
        return importing.entries(code);
    }

    @Operation(summary = "Try an inbox entry again",
            description = "Records the kept order with the channel's mapping as it is now (after a SKU was mapped, say). It is recorded once; when it still cannot be, the entry stays open with the new reason. 409 inbox-entry-closed when the entry is not open.")
    @PostMapping("/inbox/{id}/retry")
    OrderInbox.Entry retry(@PathVariable String code, @PathVariable UUID id) {
        return importing.retry(code, id);
    }

    @Operation(summary = "Dismiss an inbox entry",
            description = "A person decided the kept order is not to be recorded (a test order, one handled by hand). 409 inbox-entry-closed when the entry is not open.")
    @PostMapping("/inbox/{id}/dismiss")
    OrderInbox.Entry dismiss(@PathVariable String code, @PathVariable UUID id) {
        return importing.dismiss(code, id);
    }
}

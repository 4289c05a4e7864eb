package dev.zaiko.connector;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Till sales in from a connected POS channel (Smaregi): the pull and its lag. The inbox is the orders' one. */
@RestController
@RequestMapping("/api/channels/{code}/connector")
class ConnectorTillSalesController {

    private final ImportingTillSales importing;

    ConnectorTillSalesController(ImportingTillSales importing) {
        this.importing = importing;
    }

    @Operation(summary = "Read how a channel's till sales come in",
            description = "The till-sale pull's last run, last success, last error and next run, and the lag of the transaction lines recorded in the last hour (from the sale at the till to its recording in Zaiko: median, 99th percentile and maximum, in milliseconds).")
    @GetMapping("/till-sales")
    ImportingTillSales.Status tillSales(@PathVariable String code) {
        return importing.status(code);
    }

    @Operation(summary = "Pull a channel's till sales now",
            description = "Reads the POS platform's transactions at the channel's store since the channel's cursor, page by page: each sold line becomes a till sale at the store (as POST /api/stock/pos-sales, forced: the customer had the item), each returned line a receipt into INSPECTING (as POST /api/stock/receipts), each line once. A transaction with a line that cannot be recorded (a product with no mapping, a sale the inventory refuses) is kept in the import inbox with the reason; its other lines are recorded. pulled is false when the platform has no till or a pull of the channel is under way.")
    @PostMapping("/till-sales/pull")
    ImportingTillSales.PullReport pull(@PathVariable String code) {
        return importing.pull(code);
    }
}

package dev.zaiko.catalog;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import dev.zaiko.platform.InvalidRequestException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

@RestController
@RequestMapping("/api/products")
class ProductController {

    private final RegisteringProducts registering;
    private final Products products;
    private final PriceHistory prices;
    private final Clock clock;

    ProductController(RegisteringProducts registering, Products products, PriceHistory prices, Clock clock) {
        this.registering = registering;
        this.products = products;
        this.prices = prices;
        this.clock = clock;
    }

    @Operation(summary = "Register a product",
            description = "Adds a product to the catalog with its SKU, Japanese and English names, category, price in whole yen and stock-handling facts. A SKU is registered once.")
    @ApiResponse(responseCode = "201", description = "The product, registered; Location names it.")
    @ApiResponse(responseCode = "409", description = "A product with this SKU already exists (sku-taken).")
    @PostMapping
    ResponseEntity<Product> register(@RequestBody ProductRequest request) {
        Product product = registering.register(request.toDraft());
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{sku}")
                .buildAndExpand(product.sku()).toUri();
        return ResponseEntity.created(location).body(product);
    }

    /** Full replacement; a missing status keeps the current one (discontinuing is its own act). */
    @Operation(summary = "Replace a product",
            description = "Full replacement of the product's fields; a missing status keeps the current one (discontinuing is its own operation). The read-only fields GET returns may be sent back and are ignored.")
    @PutMapping("/{sku}")
    Product update(@PathVariable String sku, @RequestBody ProductRequest request) {
        return registering.update(sku, request.toDraft());
    }

    /** The manufacturer discontinued it: 200 with the product, DISCONTINUED (also when it already was); 404 unknown. */
    @Operation(summary = "Discontinue a product",
            description = "The manufacturer discontinued it: answers the product as DISCONTINUED, also when it already was.")
    @PostMapping("/{sku}/discontinue")
    Product discontinue(@PathVariable String sku) {
        return registering.discontinue(sku);
    }

    /** The shop's own substitutes for the product, offered first when it is missing. */
    @Operation(summary = "Read a product's pinned substitutes",
            description = "The shop's own substitutes for the product, most preferred first; they are offered before computed ones when it is missing.")
    @GetMapping("/{sku}/substitutes")
    PinnedSubstitutes pinnedSubstitutes(@PathVariable String sku) {
        return new PinnedSubstitutes(products.get(sku).sku(), products.pinnedSubstitutes(sku));
    }

    @Operation(summary = "Pin a product's substitutes",
            description = "Replaces the list of the shop's own substitutes, most preferred first. A sku in the body must equal the one in the path.")
    @PutMapping("/{sku}/substitutes")
    PinnedSubstitutes pinSubstitutes(@PathVariable String sku, @RequestBody PinnedSubstitutes request) {
        if (request.sku() != null && !request.sku().equals(sku)) {
            throw new dev.zaiko.platform.InvalidRequestException("sku in the body (" + request.sku()
                    + ") differs from the path (" + sku + "); leave it out or make them equal.");
        }
        return new PinnedSubstitutes(sku, registering.pinSubstitutes(sku, request.skus()));
    }

    /** @param sku the product (optional in requests); @param skus its substitutes, most preferred first */
    record PinnedSubstitutes(String sku, java.util.List<String> skus) {
    }

    @Operation(summary = "Read a product")
    @GetMapping("/{sku}")
    Product get(@PathVariable String sku) {
        return products.get(sku);
    }

    @Operation(summary = "List products",
            description = "A page of products, filtered by category, status (ACTIVE or DISCONTINUED) and a text query on SKU and names.")
    @GetMapping
    ProductPage list(@RequestParam(required = false) String category,
                     @RequestParam(required = false) String q,
                     @RequestParam(required = false) String status,
                     @RequestParam(defaultValue = "0") int page,
                     @RequestParam(defaultValue = "" + ProductQuery.DEFAULT_SIZE) int size) {
        return products.list(new ProductQuery(category, q, status(status), page, size));
    }

    /** A product's prices over a period: the one in force when it began, then every change in it. */
    record PriceHistoryAnswer(String sku, String currency, LocalDate from, LocalDate to,
                              List<PriceHistory.PricePoint> points) {
    }

    @Operation(summary = "Read a product's price history",
            description = "Every price of the product from the start of `from` to the end of `to` (ISO dates, the shop's days; default: the year up to today): the price in force when the period began (with the time it was set), then each change, oldest first. A change that kept the price is not one.")
    @ApiResponse(responseCode = "400", description = "from or to is not an ISO date (yyyy-MM-dd), or from is after to; the problem's field names which.")
    @ApiResponse(responseCode = "404", description = "No product with this SKU.")
    @GetMapping("/{sku}/price-history")
    PriceHistoryAnswer priceHistory(@PathVariable String sku, @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to) {
        LocalDate last = date("to", to, LocalDate.now(clock));
        LocalDate first = date("from", from, last.minusYears(1).plusDays(1));
        if (first.isAfter(last)) {
            throw new InvalidRequestException("invalid-request", "from " + first + " is after to " + last
                    + "; the period runs from the first day to the last.", Map.of("field", "from"));
        }
        Product product = products.get(sku);
        ZoneId zone = clock.getZone();
        return new PriceHistoryAnswer(product.sku(), PriceHistory.CURRENCY, first, last, prices.of(product.sku(),
                first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant()));
    }

    private static LocalDate date(String field, String value, LocalDate absent) {
        if (value == null || value.isBlank()) return absent;
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("invalid-request", field + " must be a date like 2026-04-01, got '"
                    + value + "'.", Map.of("field", field));
        }
    }

    private static ProductStatus status(String status) {
        if (status == null || status.isBlank()) return null;
        try {
            return ProductStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status must be ACTIVE or DISCONTINUED, got '" + status + "'.");
        }
    }
}

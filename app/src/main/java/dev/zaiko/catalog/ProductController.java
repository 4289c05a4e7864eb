package dev.zaiko.catalog;

import java.net.URI;

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

    ProductController(RegisteringProducts registering, Products products) {
        this.registering = registering;
        this.products = products;
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

    private static ProductStatus status(String status) {
        if (status == null || status.isBlank()) return null;
        try {
            return ProductStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status must be ACTIVE or DISCONTINUED, got '" + status + "'.");
        }
    }
}

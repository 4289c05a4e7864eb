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

@RestController
@RequestMapping("/api/products")
class ProductController {

    private final RegisteringProducts registering;
    private final Products products;

    ProductController(RegisteringProducts registering, Products products) {
        this.registering = registering;
        this.products = products;
    }

    @PostMapping
    ResponseEntity<Product> register(@RequestBody ProductRequest request) {
        Product product = registering.register(request.toDraft());
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{sku}")
                .buildAndExpand(product.sku()).toUri();
        return ResponseEntity.created(location).body(product);
    }

    /** Full replacement; a missing status keeps the current one (discontinuing is its own act). */
    @PutMapping("/{sku}")
    Product update(@PathVariable String sku, @RequestBody ProductRequest request) {
        return registering.update(sku, request.toDraft());
    }

    /** The manufacturer discontinued it: 200 with the product, DISCONTINUED (also when it already was); 404 unknown. */
    @PostMapping("/{sku}/discontinue")
    Product discontinue(@PathVariable String sku) {
        return registering.discontinue(sku);
    }

    /** The shop's own substitutes for the product, offered first when it is missing. */
    @GetMapping("/{sku}/substitutes")
    PinnedSubstitutes pinnedSubstitutes(@PathVariable String sku) {
        return new PinnedSubstitutes(products.get(sku).sku(), products.pinnedSubstitutes(sku));
    }

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

    @GetMapping("/{sku}")
    Product get(@PathVariable String sku) {
        return products.get(sku);
    }

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

package dev.zaiko.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading the catalog: what other modules call to learn about products. */
@Service
@Transactional(readOnly = true)
public class Products {

    private final ProductRepository repository;

    Products(ProductRepository repository) {
        this.repository = repository;
    }

    public Optional<Product> find(String sku) {
        return sku == null ? Optional.empty() : repository.find(sku);
    }

    /** The products among these SKUs, by SKU (SKUs no product has are left out): one query for many. */
    public java.util.Map<String, Product> find(Collection<String> skus) {
        java.util.Map<String, Product> found = new java.util.HashMap<>();
        if (!skus.isEmpty()) repository.findAll(skus).forEach(p -> found.put(p.sku(), p));
        return found;
    }

    /** The product with this JAN code, if any (a JAN belongs to one product at most). */
    public Optional<Product> findByJan(String jan) {
        String normalized = Jan.normalize(jan);
        return normalized == null ? Optional.empty() : repository.findByJan(normalized);
    }

    /** For each of the JAN codes some product has, that product's SKU (JANs no product has are left out). */
    public java.util.Map<String, String> skusByJan(Collection<String> jans) {
        return jans.isEmpty() ? java.util.Map.of() : repository.skusByJan(jans);
    }

    /** Those of the given SKUs that are products (active or not). */
    public java.util.Set<String> existing(Collection<String> skus) {
        return skus.isEmpty() ? java.util.Set.of() : new java.util.HashSet<>(repository.existing(skus));
    }

    /** @throws NotFoundException when there is no such product (404 in the API) */
    public Product get(String sku) {
        return find(sku).orElseThrow(() -> noSuchProduct(sku));
    }

    /** Products sorted by SKU; blank category and text filters mean "any". */
    public ProductPage list(ProductQuery query) {
        if (query.page() < 0) {
            throw new InvalidRequestException("page must be 0 or more (pages are counted from 0), got " + query.page() + ".");
        }
        if (query.size() < 1 || query.size() > ProductQuery.MAX_SIZE) {
            throw new InvalidRequestException(
                    "size must be between 1 and " + ProductQuery.MAX_SIZE + ", got " + query.size() + ".");
        }
        return repository.list(new ProductQuery(blankToNull(query.category()), blankToNull(query.text()),
                query.status(), query.page(), query.size()));
    }

    /** Every product (active or not) that shares at least one purpose tag with the given ones, by SKU. */
    public List<Product> servingAnyPurpose(Collection<String> purposeTags) {
        return purposeTags.isEmpty() ? List.of() : repository.servingAnyPurpose(purposeTags);
    }

    /**
     * Active products of the same category that serve at least one purpose of the product (any
     * of its purpose tags; any product of the category when it has none), by SKU, at most
     * {@code limit}. Ranking them is the caller's business.
     */
    public List<Product> sameCategoryAndPurpose(Product product, int limit) {
        return repository.substitutesFor(product.sku(), product.category(), product.purposeTags(), limit);
    }

    /** The substitutes the shop pinned for the product, in its order of preference (empty when none). */
    public List<String> pinnedSubstitutes(String sku) {
        return sku == null ? List.of() : repository.pinnedSubstitutes(sku);
    }

    static NotFoundException noSuchProduct(String sku) {
        return new NotFoundException("No product with SKU '" + sku + "'.");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

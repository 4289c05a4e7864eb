package dev.zaiko.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.access.Actor;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering new products and changing existing ones. Every change publishes
 * {@link ProductChanged} synchronously inside the same transaction, so a listener that fails
 * (inventory cannot store its copy) rolls the product change back too. A new price (on
 * registration, and on every change that changes the price) is kept in {@link PriceHistory} and
 * announced as {@link PriceChanged} in the same transaction.
 */
@Service
public class RegisteringProducts {

    private final ProductRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PriceHistory prices;

    RegisteringProducts(ProductRepository repository, ApplicationEventPublisher events, Clock clock,
                        PriceHistory prices) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
        this.prices = prices;
    }

    /**
     * @throws InvalidRequestException when the draft breaks a rule (all broken rules are listed)
     * @throws ConflictException       {@code sku-taken} when a product with that SKU exists
     */
    @Transactional
    public Product register(ProductDraft draft) {
        ProductDraft checked = checked(draft);
        requireJanFree(checked.jan(), checked.sku());
        ProductStatus status = checked.status() == null ? ProductStatus.ACTIVE : checked.status();
        Product product = repository.insert(checked, status, now())
                .orElseThrow(() -> new ConflictException("sku-taken",
                        "A product with SKU '" + checked.sku() + "' already exists; change it with PUT /api/products/"
                                + checked.sku() + ".",
                        Map.of("sku", checked.sku())));
        publish(product);
        priceChanged(product, null);
        return product;
    }

    /**
     * Replaces every field of the product with the draft's, except the SKU (which identifies it)
     * and, when the draft's status is {@code null}, the status. The draft's SKU may be
     * {@code null}; otherwise it must be {@code sku}.
     *
     * @throws dev.zaiko.platform.NotFoundException when there is no such product
     */
    @Transactional
    public Product update(String sku, ProductDraft draft) {
        if (draft.sku() != null && !draft.sku().equals(sku)) {
            throw new InvalidRequestException("sku '" + draft.sku() + "' in the request does not match the product's SKU '"
                    + sku + "'; a product's SKU cannot be changed.");
        }
        if (ProductRules.skuProblem(sku) != null) {
            // No product can have such a SKU, so this is an unknown product, not a bad draft.
            throw Products.noSuchProduct(sku);
        }
        ProductDraft checked = checked(draft.withSku(sku));
        requireJanFree(checked.jan(), sku);
        // locked first: of two changes at once, the second sees the price the first set
        Long oldPrice = repository.lockPrice(sku).orElseThrow(() -> Products.noSuchProduct(sku));
        Product product = repository.update(sku, checked, now()).orElseThrow(() -> Products.noSuchProduct(sku));
        publish(product);
        if (product.price() != oldPrice) priceChanged(product, oldPrice);
        return product;
    }

    /**
     * The manufacturer discontinued the product: it is DISCONTINUED and {@link ProductChanged}
     * is published in this transaction, so inventory makes it unsellable on every channel and
     * orders waiting for it learn it at once. Discontinuing a discontinued product changes
     * nothing and publishes nothing.
     *
     * @throws dev.zaiko.platform.NotFoundException when there is no such product
     */
    @Transactional
    public Product discontinue(String sku) {
        if (ProductRules.skuProblem(sku) != null) throw Products.noSuchProduct(sku);
        Optional<Product> changed = repository.discontinue(sku, now());
        if (changed.isEmpty()) return repository.find(sku).orElseThrow(() -> Products.noSuchProduct(sku));
        publish(changed.get());
        return changed.get();
    }

    /**
     * A JAN names one product: another product's JAN is refused (400, type {@code jan-taken}, field
     * {@code jan}). The unique index decides a race between two registrations; the loser's insert fails.
     */
    private void requireJanFree(String jan, String sku) {
        if (jan == null) return;
        repository.findByJan(jan).filter(other -> !other.sku().equals(sku)).ifPresent(other -> {
            throw new InvalidRequestException("jan-taken", "jan " + jan + " is already the JAN of product "
                    + other.sku() + "; a JAN code names one product.", Map.of("field", "jan", "sku", other.sku()));
        });
    }

    private static ProductDraft checked(ProductDraft draft) {
        ProductRules.check(draft);
        return ProductRules.normalize(draft);
    }

    private void publish(Product product) {
        events.publishEvent(new ProductChanged(product.sku(), product.status(), product.oneOfAKind(),
                product.backorderable(), product.lowStockThreshold()));
    }

    /** The catalog keeps the new price ({@link PriceHistory}) and announces it, in the changing transaction. */
    private void priceChanged(Product product, Long oldPrice) {
        String by = changedBy();
        prices.record(product.sku(), product.price(), product.updatedAt(), by);
        events.publishEvent(new PriceChanged(product.sku(), oldPrice, product.price(), PriceHistory.CURRENCY, by,
                product.updatedAt()));
    }

    /** Who is changing it: the signed-in user or API token, else the system (demo data, imports in jobs). */
    private static String changedBy() {
        Actor actor = Actor.current();
        return actor.kind() == Actor.Kind.USER || actor.kind() == Actor.Kind.TOKEN ? actor.label() : "system";
    }

    private Instant now() {
        // PostgreSQL keeps microseconds; what we return must equal what a later read returns.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** At most this many pinned substitutes per product: a phone call cannot offer more. */
    public static final int MAX_PINNED_SUBSTITUTES = 10;

    /**
     * The substitutes the shop offers first when {@code sku} is missing, in its order of
     * preference; replaces the previous list (an empty list removes them all).
     *
     * @throws dev.zaiko.platform.NotFoundException when there is no such product
     * @throws InvalidRequestException             an unknown or repeated SKU, the product itself, or too many
     */
    @Transactional
    public List<String> pinSubstitutes(String sku, List<String> substitutes) {
        Product product = repository.find(sku).orElseThrow(() -> Products.noSuchProduct(sku));
        if (substitutes == null) throw new InvalidRequestException("skus must be a list of SKUs (it may be empty).");
        List<String> problems = new java.util.ArrayList<>();
        if (substitutes.size() > MAX_PINNED_SUBSTITUTES) {
            problems.add("at most " + MAX_PINNED_SUBSTITUTES + " substitutes can be pinned, got " + substitutes.size());
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < substitutes.size(); i++) {
            String s = substitutes.get(i);
            if (s == null || s.isBlank()) {
                problems.add("skus[" + i + "] is blank");
            } else if (s.equals(product.sku())) {
                problems.add("skus[" + i + "] is the product itself");
            } else if (!seen.add(s)) {
                problems.add("skus[" + i + "] repeats " + s);
            } else if (repository.find(s).isEmpty()) {
                problems.add("skus[" + i + "]: no product with SKU '" + s + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Cannot pin substitutes for " + sku + ": " + String.join("; ", problems)
                    + ".");
        }
        repository.replacePinnedSubstitutes(product.sku(), List.copyOf(substitutes));
        return repository.pinnedSubstitutes(product.sku());
    }
}

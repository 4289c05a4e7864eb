package dev.zaiko.catalog;

import static dev.zaiko.catalog.Api.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import dev.zaiko.catalog.Product.Attribute;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** The Java API other modules (and the demo loader) use. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RegisteringProductsTest {

    @Autowired
    RegisteringProducts registering;

    @Autowired
    Products products;

    @Autowired
    ProductEventProbe probe;

    @Autowired
    JdbcClient jdbc;

    private static ProductDraft tent(String sku) {
        return ProductDraft.of(sku, "ドームテント 4人用", "Dome tent for 4", "tent", 29_800)
                .withPurposeTags("camping", "shelter", "camping")
                .withAttribute("material", Attribute.text("polyester"))
                .withAttribute("capacity", Attribute.number(4, "persons"))
                .withAttribute("weight", Attribute.number(new BigDecimal("4.50"), "kg"))
                .withSupplier("Yamanami Outdoor", 14);
    }

    @Test
    void registersFromJavaAndFindsTheSameProduct() {
        String sku = uniqueSku("JTENT");

        Product product = registering.register(tent(sku));

        assertThat(product.sku()).isEqualTo(sku);
        assertThat(product.status()).isEqualTo(ProductStatus.ACTIVE);
        assertThat(product.lowStockThreshold()).isEqualTo(3);
        assertThat(product.purposeTags()).containsExactly("camping", "shelter");
        assertThat(product.attributes()).containsOnlyKeys("capacity", "material", "weight");
        assertThat(product.attributes().keySet()).containsExactly("capacity", "material", "weight");
        assertThat(product.attributes().get("weight")).isEqualTo(Attribute.number(new BigDecimal("4.5"), "kg"));
        assertThat(product.currency()).isEqualTo("JPY");
        assertThat(products.find(sku)).contains(product);
        assertThat(products.get(sku)).isEqualTo(product);
        assertThat(probe.about(sku)).containsExactly(new ProductEventProbe.Received(
                new ProductChanged(sku, ProductStatus.ACTIVE, false, false, 3), true));
    }

    @Test
    void updatesFromADraftOfTheProduct() {
        String sku = uniqueSku("JTENT");
        Product registered = registering.register(tent(sku));

        Product updated = registering.update(sku, registered.toDraft()
                .withPrice(24_800)
                .withStatus(ProductStatus.DISCONTINUED)
                .withOneOfAKind(true));

        assertThat(updated.price()).isEqualTo(24_800);
        assertThat(updated.status()).isEqualTo(ProductStatus.DISCONTINUED);
        assertThat(updated.createdAt()).isEqualTo(registered.createdAt());
        assertThat(products.get(sku)).isEqualTo(updated);
        assertThat(probe.about(sku)).extracting(ProductEventProbe.Received::event).containsExactly(
                new ProductChanged(sku, ProductStatus.ACTIVE, false, false, 3),
                new ProductChanged(sku, ProductStatus.DISCONTINUED, true, false, 3));
    }

    @Test
    void aListenerThatFailsRollsTheRegistrationBack() {
        String sku = uniqueSku(ProductEventProbe.REFUSED_PREFIX + "TENT");

        assertThatThrownBy(() -> registering.register(tent(sku))).isInstanceOf(IllegalStateException.class);

        assertThat(probe.about(sku)).hasSize(1);
        assertThat(products.find(sku)).isEmpty();
    }

    @Test
    void refusesABadDraftListingEveryBrokenRule() {
        long rows = productRows();
        ProductDraft bad = ProductDraft.of("tent 1", " ", "Tent", "", -5)
                .withLowStockThreshold(-1)
                .withSupplier(null, -2)
                .withAttribute(" ", Attribute.number(1))
                .withAttribute("colour", Attribute.text(""));

        assertThatThrownBy(() -> registering.register(bad))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("sku 'tent 1' must match ^[A-Z0-9][A-Z0-9._-]{1,63}$")
                .hasMessageContaining("name.ja is required")
                .hasMessageContaining("category is required")
                .hasMessageContaining("price must be 0 or more")
                .hasMessageContaining("lowStockThreshold must be 0 or more")
                .hasMessageContaining("leadTimeDays must be 0 or more")
                .hasMessageContaining("attribute names must not be empty or blank")
                .hasMessageContaining("attributes.colour must not be an empty or blank text");
        assertThat(productRows()).isEqualTo(rows);
    }

    @Test
    void refusesATakenSkuAndAnUnknownOne() {
        String sku = uniqueSku("JDUP");
        Product first = registering.register(tent(sku));

        assertThatThrownBy(() -> registering.register(tent(sku).withPrice(1)))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.type()).isEqualTo("sku-taken");
                    assertThat(e.properties()).containsEntry("sku", sku);
                });
        assertThat(products.get(sku)).isEqualTo(first);

        String unknown = uniqueSku("JNONE");
        assertThatThrownBy(() -> registering.update(unknown, tent(null)))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No product with SKU '" + unknown + "'.");
        assertThatThrownBy(() -> products.get("lower-case")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void findsProductsServingTheSamePurpose() {
        String purpose = "purpose-" + UUID.randomUUID();
        String a = registering.register(tent(uniqueSku("JPA")).withPurposeTags(purpose, "camping")).sku();
        String b = registering.register(tent(uniqueSku("JPB")).withPurposeTags("other-" + purpose, purpose)).sku();
        registering.register(tent(uniqueSku("JPC")).withPurposeTags("other-" + purpose));

        assertThat(products.servingAnyPurpose(List.of(purpose))).extracting(Product::sku).containsExactly(a, b);
        assertThat(products.servingAnyPurpose(List.of())).isEmpty();
    }

    @Test
    void listsThroughTheJavaApi() {
        String category = "jcat-" + UUID.randomUUID();
        registering.register(tent(uniqueSku("JL")).withCategory(category));
        registering.register(tent(uniqueSku("JL")).withCategory(category).withStatus(ProductStatus.DISCONTINUED));

        ProductPage page = products.list(ProductQuery.all().inCategory(category).withStatus(ProductStatus.ACTIVE));

        assertThat(page.total()).isEqualTo(1);
        assertThat(page.items()).singleElement().satisfies(p -> assertThat(p.status()).isEqualTo(ProductStatus.ACTIVE));
        assertThatThrownBy(() -> products.list(ProductQuery.all().page(0, 0))).isInstanceOf(InvalidRequestException.class);
    }

    private long productRows() {
        return jdbc.sql("select count(*) from catalog_product").query(Long.class).single();
    }
}

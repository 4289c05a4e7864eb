package dev.zaiko.catalog;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.catalog.Product.Attribute;
import dev.zaiko.catalog.Product.Name;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The only code that knows the {@code catalog_product} table. */
@Repository
class ProductRepository {

    // The stored shape of attributes must not change with the web layer's JSON settings, and
    // numbers must come back exactly as stored (no detour through double).
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final String COLUMNS = """
            sku, name_ja, name_en, category, purpose_tags, attributes, price, status, one_of_a_kind,
            low_stock_threshold, backorderable, supplier, lead_time_days, jan, created_at, updated_at""";

    private final JdbcClient jdbc;

    ProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the SKU is taken: the primary key decides, so two racing registrations cannot both win. */
    Optional<Product> insert(ProductDraft d, ProductStatus status, Instant now) {
        return jdbc.sql("""
                        insert into catalog_product (%s)
                        values (:sku, :nameJa, :nameEn, :category, :purposeTags, cast(:attributes as jsonb), :price,
                                :status, :oneOfAKind, :lowStockThreshold, :backorderable, :supplier, :leadTimeDays,
                                :jan, :now, :now)
                        on conflict (sku) do nothing
                        returning %s""".formatted(COLUMNS, COLUMNS))
                .params(fields(d))
                .param("status", status.name())
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .query(ProductRepository::product)
                .optional();
    }

    /** The product's price, its row locked until the transaction ends; empty when there is no such product. */
    Optional<Long> lockPrice(String sku) {
        return jdbc.sql("select price from catalog_product where sku = :sku for update")
                .param("sku", sku)
                .query(Long.class)
                .optional();
    }

    /** A null status in the draft keeps the stored one. Empty when there is no such product. */
    Optional<Product> update(String sku, ProductDraft d, Instant now) {
        return jdbc.sql("""
                        update catalog_product set
                            name_ja = :nameJa, name_en = :nameEn, category = :category, purpose_tags = :purposeTags,
                            attributes = cast(:attributes as jsonb), price = :price,
                            status = coalesce(:status, status), one_of_a_kind = :oneOfAKind,
                            low_stock_threshold = :lowStockThreshold, backorderable = :backorderable,
                            supplier = :supplier, lead_time_days = :leadTimeDays, jan = :jan, updated_at = :now
                        where sku = :sku
                        returning %s""".formatted(COLUMNS))
                .params(fields(d))
                .param("sku", sku)
                .param("status", d.status() == null ? null : d.status().name(), java.sql.Types.VARCHAR)
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .query(ProductRepository::product)
                .optional();
    }

    /** Sets the status to DISCONTINUED; empty when there is no such product or it already was. */
    Optional<Product> discontinue(String sku, Instant now) {
        return jdbc.sql("""
                        update catalog_product set status = 'DISCONTINUED', updated_at = :now
                        where sku = :sku and status <> 'DISCONTINUED'
                        returning %s""".formatted(COLUMNS))
                .param("sku", sku)
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .query(ProductRepository::product)
                .optional();
    }

    Optional<Product> find(String sku) {
        return jdbc.sql("select " + COLUMNS + " from catalog_product where sku = :sku")
                .param("sku", sku)
                .query(ProductRepository::product)
                .optional();
    }

    Optional<Product> findByJan(String jan) {
        return jdbc.sql("select " + COLUMNS + " from catalog_product where jan = :jan")
                .param("jan", jan)
                .query(ProductRepository::product)
                .optional();
    }

    /** JAN -> SKU for the JANs some product has. */
    Map<String, String> skusByJan(Collection<String> jans) {
        Map<String, String> skus = new HashMap<>();
        jdbc.sql("select jan, sku from catalog_product where jan = any(cast(:jans as text[]))")
                .param("jans", jans.toArray(String[]::new))
                .query((rs, row) -> skus.put(rs.getString(1), rs.getString(2)))
                .list();
        return skus;
    }

    /** Those of the given SKUs that are products. */
    List<String> existing(Collection<String> skus) {
        return jdbc.sql("select sku from catalog_product where sku = any(cast(:skus as text[]))")
                .param("skus", skus.toArray(String[]::new))
                .query(String.class)
                .list();
    }

    ProductPage list(ProductQuery query) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> params = new HashMap<>();
        if (query.category() != null) {
            where.append(" and category = :category");
            params.put("category", query.category());
        }
        if (query.text() != null) {
            // position() rather than LIKE: the text is the user's, with no wildcards to escape.
            where.append(" and (position(lower(:text) in lower(sku)) > 0"
                    + " or position(lower(:text) in lower(name_ja)) > 0"
                    + " or position(lower(:text) in lower(name_en)) > 0)");
            params.put("text", query.text());
        }
        if (query.status() != null) {
            where.append(" and status = :status");
            params.put("status", query.status().name());
        }
        long total = jdbc.sql("select count(*) from catalog_product" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Product> items = jdbc.sql("select " + COLUMNS + " from catalog_product" + where
                        + " order by sku limit :limit offset :offset")
                .params(params)
                .param("limit", query.size())
                .param("offset", (long) query.page() * query.size())
                .query(ProductRepository::product)
                .list();
        return new ProductPage(items, query.page(), query.size(), total);
    }

    List<Product> servingAnyPurpose(Collection<String> purposeTags) {
        return jdbc.sql("select " + COLUMNS + " from catalog_product where purpose_tags && cast(:tags as text[]) order by sku")
                .param("tags", purposeTags.toArray(String[]::new))
                .query(ProductRepository::product)
                .list();
    }

    List<Product> substitutesFor(String sku, String category, Collection<String> purposeTags, int limit) {
        return jdbc.sql("select " + COLUMNS + " from catalog_product where category = :category and sku <> :sku "
                        + "and status = 'ACTIVE' and (cardinality(cast(:tags as text[])) = 0 "
                        + "or purpose_tags && cast(:tags as text[])) order by sku limit :limit")
                .param("category", category)
                .param("sku", sku)
                .param("tags", purposeTags.toArray(String[]::new))
                .param("limit", limit)
                .query(ProductRepository::product)
                .list();
    }

    List<String> pinnedSubstitutes(String sku) {
        return jdbc.sql("select substitute_sku from catalog_pinned_substitute where sku = :sku order by position")
                .param("sku", sku)
                .query(String.class)
                .list();
    }

    void replacePinnedSubstitutes(String sku, List<String> substitutes) {
        jdbc.sql("delete from catalog_pinned_substitute where sku = :sku").param("sku", sku).update();
        for (int i = 0; i < substitutes.size(); i++) {
            jdbc.sql("insert into catalog_pinned_substitute (sku, substitute_sku, position) values (:sku, :sub, :pos)")
                    .param("sku", sku).param("sub", substitutes.get(i)).param("pos", i + 1).update();
        }
    }

    private static Map<String, Object> fields(ProductDraft d) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("sku", d.sku());
        fields.put("nameJa", d.name().ja());
        fields.put("nameEn", d.name().en());
        fields.put("category", d.category());
        fields.put("purposeTags", d.purposeTags().toArray(String[]::new));
        fields.put("attributes", attributesJson(d.attributes()));
        fields.put("price", d.price());
        fields.put("oneOfAKind", d.oneOfAKind());
        fields.put("lowStockThreshold", d.lowStockThreshold());
        fields.put("backorderable", d.backorderable());
        fields.put("supplier", d.supplier());
        fields.put("leadTimeDays", d.leadTimeDays());
        fields.put("jan", d.jan());
        return fields;
    }

    private static String attributesJson(Map<String, Attribute> attributes) {
        ObjectNode json = JSON.createObjectNode();
        attributes.forEach((name, attribute) -> {
            ObjectNode value = json.putObject(name);
            if (attribute.isNumber()) {
                value.put("value", attribute.number());
            } else {
                value.put("value", attribute.text());
            }
            if (attribute.unit() != null) value.put("unit", attribute.unit());
        });
        return JSON.writeValueAsString(json);
    }

    private static Map<String, Attribute> attributes(String stored) {
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : JSON.readTree(stored).properties()) {
            JsonNode value = entry.getValue().get("value");
            JsonNode unit = entry.getValue().get("unit");
            attributes.put(entry.getKey(), value.isNumber()
                    ? Attribute.number(value.decimalValue(), unit == null ? null : unit.asString())
                    : Attribute.text(value.asString()));
        }
        return attributes;
    }

    private static Product product(ResultSet rs, int row) throws SQLException {
        Array tags = rs.getArray("purpose_tags");
        Object leadTime = rs.getObject("lead_time_days");
        return new Product(
                rs.getString("sku"),
                new Name(rs.getString("name_ja"), rs.getString("name_en")),
                rs.getString("category"),
                new ArrayList<>(List.of((String[]) tags.getArray())),
                attributes(rs.getString("attributes")),
                rs.getLong("price"),
                ProductStatus.valueOf(rs.getString("status")),
                rs.getBoolean("one_of_a_kind"),
                rs.getInt("low_stock_threshold"),
                rs.getBoolean("backorderable"),
                rs.getString("supplier"),
                leadTime == null ? null : ((Number) leadTime).intValue(),
                rs.getString("jan"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}

package dev.zaiko.catalog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code catalog_attribute} and {@code catalog_attribute_value} tables. */
@Repository
class AttributeDictionaryStore {

    private final JdbcTemplate jdbc;

    AttributeDictionaryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every entry, by attribute key. */
    Map<String, AttributeEntry> all() {
        Map<String, Map<String, Product.Name>> values = new LinkedHashMap<>();
        jdbc.query("select attribute, value, text_ja, text_en from catalog_attribute_value order by attribute, value",
                rs -> {
                    values.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .put(rs.getString(2), new Product.Name(rs.getString(3), rs.getString(4)));
                });
        Map<String, AttributeEntry> entries = new LinkedHashMap<>();
        jdbc.query("select attribute, name_ja, name_en, unit_ja, unit_en, updated_at from catalog_attribute "
                + "order by attribute", rs -> {
            String key = rs.getString(1);
            entries.put(key, new AttributeEntry(key, new Product.Name(rs.getString(2), rs.getString(3)),
                    rs.getString(4) == null ? null : new Product.Name(rs.getString(4), rs.getString(5)),
                    values.getOrDefault(key, Map.of()), rs.getTimestamp(6).toInstant()));
        });
        return entries;
    }

    Optional<AttributeEntry> find(String attribute) {
        return Optional.ofNullable(all().get(attribute));
    }

    /** Creates or replaces the entry with its values; @return whether it was new */
    boolean put(AttributeEntry e, Instant now) {
        List<Boolean> inserted = jdbc.queryForList("""
                insert into catalog_attribute (attribute, name_ja, name_en, unit_ja, unit_en, updated_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (attribute) do update set name_ja = excluded.name_ja, name_en = excluded.name_en,
                    unit_ja = excluded.unit_ja, unit_en = excluded.unit_en, updated_at = excluded.updated_at
                returning (xmax = 0)""", Boolean.class, e.attribute(), e.name().ja(), e.name().en(),
                e.unit() == null ? null : e.unit().ja(), e.unit() == null ? null : e.unit().en(), Timestamp.from(now));
        jdbc.update("delete from catalog_attribute_value where attribute = ?", e.attribute());
        e.values().forEach((value, text) -> jdbc.update("insert into catalog_attribute_value (attribute, value, "
                + "text_ja, text_en) values (?, ?, ?, ?)", e.attribute(), value, text.ja(), text.en()));
        return Boolean.TRUE.equals(inserted.get(0));
    }
}

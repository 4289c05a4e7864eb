package dev.zaiko.catalog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every price a product has had ({@code catalog_price_change}): one point per change of price,
 * written in the transaction that changed it, and one for the price a product was registered with.
 */
@Component
public class PriceHistory {

    /** The currency of every catalog price: whole yen. */
    public static final String CURRENCY = "JPY";

    /** A price from {@code at} on, until the next point. */
    public record PricePoint(long price, String currency, Instant at, String changedBy) {
    }

    private final JdbcTemplate jdbc;

    PriceHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The prices of {@code sku} in {@code [from, to)}, oldest first: the price in force at {@code from}
     * (with the time it was set, before {@code from}) when there was one, then every change after it.
     * Empty for a SKU without prices (unknown, or none yet at {@code to}).
     */
    public List<PricePoint> of(String sku, Instant from, Instant to) {
        return jdbc.query("""
                        (select price, currency, changed_at, changed_by from catalog_price_change
                         where sku = ? and changed_at <= ? order by changed_at desc, id desc limit 1)
                        union all
                        (select price, currency, changed_at, changed_by from catalog_price_change
                         where sku = ? and changed_at > ? and changed_at < ?)
                        order by 3""",
                (rs, i) -> new PricePoint(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4)),
                sku, Timestamp.from(from), sku, Timestamp.from(from), Timestamp.from(to));
    }

    void record(String sku, long price, Instant at, String changedBy) {
        jdbc.update("insert into catalog_price_change (sku, price, currency, changed_at, changed_by) "
                + "values (?, ?, ?, ?, ?)", sku, price, CURRENCY, Timestamp.from(at), changedBy);
    }
}

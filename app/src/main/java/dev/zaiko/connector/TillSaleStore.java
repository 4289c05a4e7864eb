package dev.zaiko.connector;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SQL of till sales in, in one place: the transaction lines recorded (the cursor is kept by
 * {@link PullCursors}, the inbox is {@link OrderInbox}'s).
 */
@Component
class TillSaleStore {

    private final JdbcTemplate jdbc;
    private final PullCursors cursors;

    TillSaleStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.cursors = new PullCursors(jdbc, PullCursors.Table.TILL_SALES);
    }

    /** Each channel's till-sale pull: its cursor and how the last pull went. */
    PullCursors cursors() {
        return cursors;
    }

    /**
     * Claims one transaction line, in the caller's database transaction: false when it was recorded
     * before (then nothing is to be done for it).
     */
    boolean claim(String channel, String transactionId, String lineId, TillSale.Kind kind, String sku, String location,
                  int quantity, Instant soldAt, Instant recordedAt) {
        long lag = soldAt == null ? 0 : Math.max(0, Duration.between(soldAt, recordedAt).toMillis());
        return jdbc.update("""
                insert into connector_till_sale_line (channel, transaction_id, line_id, kind, sku, location, quantity,
                    sold_at, recorded_at, lag_ms)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing
                """, channel, transactionId, lineId, kind.name(), sku, location, quantity,
                soldAt == null ? null : Timestamp.from(soldAt), Timestamp.from(recordedAt), lag) == 1;
    }

    boolean recorded(String channel, String transactionId, String lineId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select exists (select 1 from connector_till_sale_line where channel = ? and transaction_id = ? and line_id = ?)
                """, Boolean.class, channel, transactionId, lineId));
    }

    /** Lines recorded in the window: how many, and the lag from the till's sale to its recording (ms). */
    Map<String, Object> lag(String channel, Instant since) {
        return jdbc.queryForMap("""
                select count(*) as imported,
                       percentile_disc(0.5) within group (order by lag_ms) as lag_p50_ms,
                       percentile_disc(0.99) within group (order by lag_ms) as lag_p99_ms,
                       max(lag_ms) as lag_max_ms
                from connector_till_sale_line where channel = ? and recorded_at >= ?
                """, channel, Timestamp.from(since));
    }
}

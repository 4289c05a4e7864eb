package dev.zaiko.connector;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SQL of till sales in, in one place: each channel's till-sale cursor and the transaction lines
 * recorded (the inbox is {@link OrderInbox}'s).
 */
@Component
class TillSaleStore {

    private final JdbcTemplate jdbc;

    TillSaleStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A channel's till-sales-in state. */
    record Pulling(String cursor, Instant nextPullAt, Instant lastPullAt, Instant lastSuccessAt, String lastError,
                   Instant lastErrorAt) {
    }

    Optional<Pulling> pulling(String channel) {
        return jdbc.query("""
                select cursor, next_pull_at, last_pull_at, last_success_at, last_error, last_error_at
                from connector_till_sale_cursor where channel = ?
                """, (rs, i) -> new Pulling(rs.getString(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)),
                instant(rs.getTimestamp(4)), rs.getString(5), instant(rs.getTimestamp(6))), channel).stream().findFirst();
    }

    /** The page was recorded: the cursor moves on. */
    void moved(String channel, String cursor, Instant at) {
        jdbc.update("""
                insert into connector_till_sale_cursor (channel, cursor, last_pull_at, last_success_at) values (?, ?, ?, ?)
                on conflict (channel) do update set cursor = excluded.cursor, last_pull_at = excluded.last_pull_at,
                    last_success_at = excluded.last_success_at, last_error = null, last_error_at = null
                """, channel, cursor, Timestamp.from(at), Timestamp.from(at));
    }

    void pullFailed(String channel, String message, Instant at, Instant nextPullAt) {
        String m = message == null ? "failed" : message.length() > 500 ? message.substring(0, 500) : message;
        jdbc.update("""
                insert into connector_till_sale_cursor (channel, last_pull_at, last_error, last_error_at, next_pull_at)
                values (?, ?, ?, ?, ?)
                on conflict (channel) do update set last_pull_at = excluded.last_pull_at, last_error = excluded.last_error,
                    last_error_at = excluded.last_error_at, next_pull_at = excluded.next_pull_at
                """, channel, Timestamp.from(at), m, Timestamp.from(at), nextPullAt == null ? null : Timestamp.from(nextPullAt));
    }

    void nextPullAt(String channel, Instant at) {
        jdbc.update("""
                insert into connector_till_sale_cursor (channel, next_pull_at) values (?, ?)
                on conflict (channel) do update set next_pull_at = excluded.next_pull_at
                """, channel, Timestamp.from(at));
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

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

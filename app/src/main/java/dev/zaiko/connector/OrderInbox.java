package dev.zaiko.connector;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of orders in, in one place: the orders recorded with their import lag and the inbox of
 * orders that could not be recorded; each channel's pull cursor is kept by {@link PullCursors}.
 */
@Component
class OrderInbox {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final PullCursors cursors;

    OrderInbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.cursors = new PullCursors(jdbc, PullCursors.Table.ORDERS);
    }

    /** Each channel's order pull: its cursor and how the last pull went. */
    PullCursors cursors() {
        return cursors;
    }

    /** One inbox entry as the API and the console show it. */
    public record Entry(UUID id, String channel, String orderId, String reason, String message, String raw,
                        Instant receivedAt, Instant lastTriedAt, int attempts, String status, String orderNumber) {
    }

    boolean recorded(String channel, String orderId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from connector_order_import where channel = ? and order_id = ?)", Boolean.class,
                channel, orderId));
    }

    /** @return false when another pull recorded it first */
    boolean record(String channel, String orderId, String orderNumber, Instant createdAt, Instant recordedAt) {
        long lag = Math.max(0, Duration.between(createdAt, recordedAt).toMillis());
        int rows = jdbc.update("""
                insert into connector_order_import (channel, order_id, order_number, platform_created_at, recorded_at, lag_ms)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing
                """, channel, orderId, orderNumber, Timestamp.from(createdAt), Timestamp.from(recordedAt), lag);
        jdbc.update("""
                update connector_order_inbox set status = 'RECORDED', order_number = ?, last_tried_at = ?
                where channel = ? and order_id = ? and status = 'OPEN'
                """, orderNumber, Timestamp.from(recordedAt), channel, orderId);
        return rows == 1;
    }

    void cancelled(String channel, String orderId, Instant at) {
        jdbc.update("update connector_order_import set cancelled_at = ? where channel = ? and order_id = ? and cancelled_at is null",
                Timestamp.from(at), channel, orderId);
    }

    /** Keeps (or keeps again) an order that could not be recorded; an entry already RECORDED stays so. */
    void keep(String channel, PlatformOrder order, String reason, String message, Instant at) {
        jdbc.update("""
                insert into connector_order_inbox (id, channel, order_id, reason, message, raw, platform_order, received_at,
                    last_tried_at, attempts, status)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, 1, 'OPEN')
                on conflict (channel, order_id) do update set reason = excluded.reason, message = excluded.message,
                    raw = excluded.raw, platform_order = excluded.platform_order, last_tried_at = excluded.last_tried_at,
                    attempts = connector_order_inbox.attempts + 1,
                    status = case when connector_order_inbox.status = 'RECORDED' then 'RECORDED' else 'OPEN' end
                """, UUID.randomUUID(), channel, order.orderId(), reason, message, order.raw(),
                JSON.writeValueAsString(order), Timestamp.from(at), Timestamp.from(at));
    }

    /**
     * Keeps (or keeps again) a till transaction that could not be recorded whole, under its
     * transaction id; an entry already RECORDED stays so.
     */
    void keepTillSale(String channel, TillSale sale, String reason, String message, Instant at) {
        jdbc.update("""
                insert into connector_order_inbox (id, channel, order_id, reason, message, raw, platform_order, received_at,
                    last_tried_at, attempts, status, kind)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, 1, 'OPEN', 'TILL_SALE')
                on conflict (channel, order_id) do update set reason = excluded.reason, message = excluded.message,
                    raw = excluded.raw, platform_order = excluded.platform_order, last_tried_at = excluded.last_tried_at,
                    attempts = connector_order_inbox.attempts + 1,
                    status = case when connector_order_inbox.status = 'RECORDED' then 'RECORDED' else 'OPEN' end
                """, UUID.randomUUID(), channel, sale.transactionId(), reason, message, sale.raw(),
                JSON.writeValueAsString(sale), Timestamp.from(at), Timestamp.from(at));
    }

    /** Every line of a kept till transaction is now recorded: its open entry is closed. */
    void tillSaleRecorded(String channel, String transactionId, Instant at) {
        jdbc.update("""
                update connector_order_inbox set status = 'RECORDED', last_tried_at = ?
                where channel = ? and order_id = ? and kind = 'TILL_SALE' and status = 'OPEN'
                """, Timestamp.from(at), channel, transactionId);
    }

    /** The till transaction kept in this entry, when the entry is one. */
    Optional<TillSale> tillSale(String channel, UUID id) {
        return jdbc.query("""
                select platform_order::text from connector_order_inbox where channel = ? and id = ? and kind = 'TILL_SALE'
                """, (rs, i) -> JSON.readValue(rs.getString(1), TillSale.class), channel, id).stream().findFirst();
    }

    /** An open entry of an order the platform then cancelled: nothing is left to record. */
    void dismissedByPlatform(String channel, String orderId, Instant at) {
        jdbc.update("""
                update connector_order_inbox set status = 'DISMISSED', message = message || ' (cancelled on the platform)',
                    last_tried_at = ? where channel = ? and order_id = ? and status = 'OPEN'
                """, Timestamp.from(at), channel, orderId);
    }

    /** @return false when the entry is not OPEN (or not there) */
    boolean dismiss(String channel, UUID id, Instant at) {
        return jdbc.update("""
                update connector_order_inbox set status = 'DISMISSED', last_tried_at = ?
                where channel = ? and id = ? and status = 'OPEN'
                """, Timestamp.from(at), channel, id) == 1;
    }

    Optional<Entry> entry(String channel, UUID id) {
        return entries("where channel = ? and id = ?", channel, id).stream().findFirst();
    }

    Optional<PlatformOrder> order(String channel, UUID id) {
        return jdbc.query("select platform_order::text from connector_order_inbox where channel = ? and id = ? and kind = 'ORDER'",
                (rs, i) -> JSON.readValue(rs.getString(1), PlatformOrder.class), channel, id).stream().findFirst();
    }

    /** Open entries first, then the newest. */
    List<Entry> entries(String channel, int limit) {
        return entries("where channel = ? order by (status = 'OPEN') desc, last_tried_at desc limit " + limit, channel);
    }

    int open(String channel) {
        Integer n = jdbc.queryForObject("select count(*) from connector_order_inbox where channel = ? and status = 'OPEN'",
                Integer.class, channel);
        return n == null ? 0 : n;
    }

    /** Recorded in the window: how many, and the lag's median and maximum in milliseconds. */
    Map<String, Object> lag(String channel, Instant since) {
        return jdbc.queryForMap("""
                select count(*) as imported,
                       percentile_disc(0.5) within group (order by lag_ms) as lag_p50_ms,
                       percentile_disc(0.99) within group (order by lag_ms) as lag_p99_ms,
                       max(lag_ms) as lag_max_ms
                from connector_order_import where channel = ? and recorded_at >= ?
                """, channel, Timestamp.from(since));
    }

    private List<Entry> entries(String where, Object... args) {
        return jdbc.query("""
                select id, channel, order_id, reason, message, raw, received_at, last_tried_at, attempts, status, order_number
                from connector_order_inbox
                """ + where, (rs, i) -> new Entry(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7)),
                instant(rs.getTimestamp(8)), rs.getInt(9), rs.getString(10), rs.getString(11)), args);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

package dev.zaiko.restock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The module's one home for SQL on {@code restock_subscription} and {@code restock_queue}. */
@Component
class AlertStore {

    private static final String COLUMNS = "id, sku, channel, email, locale, source, status, place, subscribed_at, "
            + "confirmed_at, notified_at, notified_round, reservation_id, held_until, unsubscribed_at, "
            + "extract(epoch from hold_for)::bigint as hold_seconds";

    private final JdbcTemplate jdbc;

    AlertStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored subscription and the hold it asked for (null: the configured one). */
    record Row(RestockAlert alert, Duration holdFor) {
    }

    /**
     * Subscribes (sku, channel, email) as {@code status}: a new row at the end of the queue, or the
     * existing one. A person already PENDING or WAITING keeps their place (and a WAITING one stays
     * WAITING); after a notice, an unsubscribe or an expiry they get a new place at the end.
     *
     * @return the row as it is now, and whether a confirmation is due (the row is PENDING now)
     */
    Row subscribe(String sku, String channel, String email, String locale, String source, RestockAlertStatus status,
                  Duration holdFor, Instant now) {
        Timestamp at = Timestamp.from(now);
        Timestamp confirmed = status == RestockAlertStatus.WAITING ? at : null;
        jdbc.update("""
                insert into restock_subscription as s (id, sku, channel, email, locale, source, status, place,
                    subscribed_at, confirmed_at, hold_for)
                values (?, ?, ?, ?, ?, ?, ?, nextval('restock_place'), ?, ?, ?::interval)
                on conflict (sku, channel, email) do update set
                    locale = excluded.locale,
                    hold_for = coalesce(excluded.hold_for, s.hold_for),
                    place = case when s.status in ('PENDING', 'WAITING') then s.place else excluded.place end,
                    subscribed_at = case when s.status in ('PENDING', 'WAITING') then s.subscribed_at
                        else excluded.subscribed_at end,
                    status = case when s.status = 'WAITING' then 'WAITING' else excluded.status end,
                    confirmed_at = case when s.status = 'WAITING' then s.confirmed_at else excluded.confirmed_at end,
                    notified_at = case when s.status = 'WAITING' then s.notified_at else null end,
                    reservation_id = case when s.status = 'WAITING' then s.reservation_id else null end,
                    held_until = case when s.status = 'WAITING' then s.held_until else null end,
                    unsubscribed_at = null
                """, UUID.randomUUID(), sku, channel, email, locale, source, status.name(), at, confirmed,
                holdFor == null ? null : holdFor.getSeconds() + " seconds");
        return find(sku, channel, email).orElseThrow();
    }

    Optional<Row> find(String sku, String channel, String email) {
        return jdbc.query("select " + COLUMNS + " from restock_subscription where sku = ? and channel = ? and email = ?",
                AlertStore::row, sku, channel, email).stream().findFirst();
    }

    Optional<Row> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from restock_subscription where id = ?", AlertStore::row, id)
                .stream().findFirst();
    }

    /** PENDING → WAITING; true if it was pending. */
    boolean confirm(UUID id, Instant now) {
        return jdbc.update("update restock_subscription set status = 'WAITING', confirmed_at = ? "
                + "where id = ? and status = 'PENDING'", Timestamp.from(now), id) == 1;
    }

    /** Any status but UNSUBSCRIBED → UNSUBSCRIBED; true if it changed. */
    boolean unsubscribe(UUID id, Instant now) {
        return jdbc.update("update restock_subscription set status = 'UNSUBSCRIBED', unsubscribed_at = ? "
                + "where id = ? and status <> 'UNSUBSCRIBED'", Timestamp.from(now), id) == 1;
    }

    /** PENDING subscriptions made before {@code before} → EXPIRED. */
    int expire(Instant before) {
        return jdbc.update("update restock_subscription set status = 'EXPIRED' where status = 'PENDING' "
                + "and subscribed_at < ?", Timestamp.from(before));
    }

    /** Where the subscription stands in its queue: 1 for the first waiting, 0 when it does not wait. */
    int rank(RestockAlert alert) {
        if (alert.status() != RestockAlertStatus.WAITING) return 0;
        Integer ahead = jdbc.queryForObject("select count(*) from restock_subscription where sku = ? and channel = ? "
                + "and status = 'WAITING' and place < ?", Integer.class, alert.sku(), alert.channel(), alert.place());
        return (ahead == null ? 0 : ahead) + 1;
    }

    List<RestockAlert> list(String sku, String channel, RestockAlertStatus status, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from restock_subscription where true");
        List<Object> args = new ArrayList<>();
        if (sku != null) {
            sql.append(" and sku = ?");
            args.add(sku);
        }
        if (channel != null) {
            sql.append(" and channel = ?");
            args.add(channel);
        }
        if (status != null) {
            sql.append(" and status = ?");
            args.add(status.name());
        }
        sql.append(" order by sku, channel, place limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> row(rs, n).alert(), args.toArray());
    }

    // ---- the queue row: the notifiers' lock ---------------------------------------------------

    record QueueRow(String sku, String channel, int covered, long round, int roundNotified, Instant roundStartedAt) {
    }

    void ensureQueue(String sku, String channel) {
        jdbc.update("insert into restock_queue (sku, channel) values (?, ?) on conflict do nothing", sku, channel);
    }

    /** Locks the queue row until the caller's transaction ends: one notifier per SKU and channel at a time. */
    QueueRow lockQueue(String sku, String channel) {
        return jdbc.queryForObject("select sku, channel, covered, round, round_notified, round_started_at "
                + "from restock_queue where sku = ? and channel = ? for update", (rs, n) -> new QueueRow(
                rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getInt(5),
                instant(rs.getTimestamp(6))), sku, channel);
    }

    void updateQueue(QueueRow q, Instant checkedAt) {
        jdbc.update("update restock_queue set covered = ?, round = ?, round_notified = ?, round_started_at = ?, "
                        + "checked_at = ? where sku = ? and channel = ?", q.covered(), q.round(), q.roundNotified(),
                q.roundStartedAt() == null ? null : Timestamp.from(q.roundStartedAt()), Timestamp.from(checkedAt),
                q.sku(), q.channel());
    }

    /** The first in line, under the queue row's lock. */
    Optional<Row> firstWaiting(String sku, String channel) {
        return jdbc.query("select " + COLUMNS + " from restock_subscription where sku = ? and channel = ? "
                + "and status = 'WAITING' order by place limit 1", AlertStore::row, sku, channel).stream().findFirst();
    }

    boolean markNotified(UUID id, Instant now, long round, UUID reservationId, Instant heldUntil) {
        return jdbc.update("update restock_subscription set status = 'NOTIFIED', notified_at = ?, notified_round = ?, "
                        + "reservation_id = ?, held_until = ? where id = ? and status = 'WAITING'", Timestamp.from(now),
                round, reservationId, heldUntil == null ? null : Timestamp.from(heldUntil), id) == 1;
    }

    /**
     * Every (sku, channel) a look is for: someone waits, or a round is open (its notices must be
     * capped when units leave). {@code sku} null: every SKU.
     */
    List<String[]> queuesToLookAt(String sku) {
        return jdbc.query("select sku, channel from restock_subscription where status = 'WAITING'"
                        + (sku == null ? "" : " and sku = ?")
                        + " union select sku, channel from restock_queue where round_started_at is not null"
                        + (sku == null ? "" : " and sku = ?") + " order by 1, 2",
                (rs, n) -> new String[]{rs.getString(1), rs.getString(2)},
                sku == null ? new Object[0] : new Object[]{sku, sku});
    }

    /** The demand per SKU and channel, the longest queues first. */
    List<RestockQueue> queues(String sku) {
        return jdbc.query("""
                select s.sku, s.channel,
                       count(*) filter (where s.status = 'WAITING') as waiting,
                       min(s.confirmed_at) filter (where s.status = 'WAITING') as oldest,
                       count(*) filter (where s.status = 'PENDING') as pending,
                       coalesce(q.round, 0) as round,
                       count(*) filter (where s.notified_round = q.round and q.round > 0) as round_notified,
                       q.round_started_at
                from restock_subscription s
                left join restock_queue q on q.sku = s.sku and q.channel = s.channel
                where (cast(? as text) is null or s.sku = ?)
                group by s.sku, s.channel, q.round, q.round_started_at
                having count(*) filter (where s.status in ('WAITING', 'PENDING', 'NOTIFIED')) > 0
                order by waiting desc, oldest, s.sku, s.channel
                """, (rs, n) -> new RestockQueue(rs.getString(1), rs.getString(2), rs.getInt(3),
                instant(rs.getTimestamp(4)), rs.getInt(5), rs.getLong(6), rs.getInt(7), instant(rs.getTimestamp(8))),
                sku, sku);
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        long holdSeconds = rs.getLong("hold_seconds");
        Duration hold = rs.wasNull() ? null : Duration.ofSeconds(holdSeconds);
        long round = rs.getLong("notified_round");
        Long notifiedRound = rs.wasNull() ? null : round;
        return new Row(new RestockAlert(rs.getObject("id", UUID.class), rs.getString("sku"), rs.getString("channel"),
                rs.getString("email"), rs.getString("locale"), rs.getString("source"),
                RestockAlertStatus.valueOf(rs.getString("status")), rs.getLong("place"),
                instant(rs.getTimestamp("subscribed_at")), instant(rs.getTimestamp("confirmed_at")),
                instant(rs.getTimestamp("notified_at")), notifiedRound, rs.getObject("reservation_id", UUID.class),
                instant(rs.getTimestamp("held_until")), instant(rs.getTimestamp("unsubscribed_at"))), hold);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

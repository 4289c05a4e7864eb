package dev.zaiko.deal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The deal module's SQL: deals, the per-customer lock rows and the takes (tables {@code deal_*} but the waitlist's). */
@Repository
class DealStore {

    private static final String COLUMNS = "code, sku, channels, price, quantity, starts_at, ends_at, member_segment, "
            + "per_customer_limit, status, set_aside, set_aside_units, created_at, started_at, ended_at, ended_early";

    private final JdbcTemplate jdbc;

    DealStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ---- deals ---------------------------------------------------------------------------------

    /** @return false when a deal with that code exists */
    boolean insert(DealRow d) {
        return jdbc.update("insert into deal_deal (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict (code) do nothing", d.code(), d.sku(), array(d.channels()), d.price(), d.quantity(),
                ts(d.startsAt()), ts(d.endsAt()), d.memberSegment(), d.perCustomerLimit(), d.status().name(),
                d.setAside(), d.setAsideUnits(), ts(d.createdAt()), ts(d.startedAt()), ts(d.endedAt()), d.endedEarly()) == 1;
    }

    /** Changes what a PLANNED deal plans. */
    void replan(DealRow d) {
        jdbc.update("update deal_deal set sku = ?, channels = ?, price = ?, quantity = ?, starts_at = ?, ends_at = ?, "
                        + "member_segment = ?, per_customer_limit = ? where code = ?", d.sku(), array(d.channels()),
                d.price(), d.quantity(), ts(d.startsAt()), ts(d.endsAt()), d.memberSegment(), d.perCustomerLimit(),
                d.code());
    }

    Optional<DealRow> find(String code) {
        return jdbc.query("select " + COLUMNS + " from deal_deal where code = ?", this::row, code).stream().findFirst();
    }

    /** The deal, its row locked until the transaction ends: every change of its status goes through this. */
    Optional<DealRow> lock(String code) {
        return jdbc.query("select " + COLUMNS + " from deal_deal where code = ? for update", this::row, code).stream()
                .findFirst();
    }

    Optional<DealRow> bySetAside(UUID setAside) {
        return jdbc.query("select " + COLUMNS + " from deal_deal where set_aside = ?", this::row, setAside).stream()
                .findFirst();
    }

    /** Newest start first; null filters are not applied. */
    List<DealRow> list(DealStatus status, String sku, int limit) {
        return jdbc.query("select " + COLUMNS + " from deal_deal where (?::text is null or status = ?) "
                        + "and (?::text is null or sku = ?) order by starts_at desc, code limit ?", this::row,
                status == null ? null : status.name(), status == null ? null : status.name(), sku, sku, limit);
    }

    /** LIVE deals of a SKU selling on a channel. */
    List<DealRow> liveOn(String sku, String channel) {
        return jdbc.query("select " + COLUMNS + " from deal_deal where sku = ? and status = 'LIVE' and ? = any(channels) "
                + "order by ends_at, code", this::row, sku, channel);
    }

    /** Codes of PLANNED deals whose start has come, and of running deals whose end has come. */
    List<String> dueToStart(Instant now, int limit) {
        return jdbc.queryForList("select code from deal_deal where status = 'PLANNED' and starts_at <= ? "
                + "order by starts_at limit ?", String.class, ts(now), limit);
    }

    List<String> dueToEnd(Instant now, int limit) {
        return jdbc.queryForList("select code from deal_deal where status in ('LIVE', 'PAUSED') and ends_at <= ? "
                + "order by ends_at limit ?", String.class, ts(now), limit);
    }

    void started(String code, UUID setAside, int units, Instant at) {
        jdbc.update("update deal_deal set status = 'LIVE', set_aside = ?, set_aside_units = ?, started_at = ? "
                + "where code = ?", setAside, units, ts(at), code);
    }

    void ended(String code, Instant at, boolean early) {
        jdbc.update("update deal_deal set status = 'ENDED', ended_at = ?, ended_early = ? where code = ?", ts(at), early,
                code);
    }

    void status(String code, DealStatus status) {
        jdbc.update("update deal_deal set status = ? where code = ?", status.name(), code);
    }

    // ---- takes ---------------------------------------------------------------------------------

    /** Serializes every take of this customer from this deal until the transaction ends. */
    void lockCustomer(String deal, String customer) {
        jdbc.update("insert into deal_customer (deal_code, customer) values (?, ?) on conflict do nothing", deal,
                customer);
        jdbc.queryForList("select customer from deal_customer where deal_code = ? and customer = ? for update",
                String.class, deal, customer);
    }

    /** Units of the customer's takes still pending (not run out at {@code now}); LIVE ones are listed by {@link #liveTakes}. */
    int pendingUnits(String deal, String customer, Instant now) {
        Integer units = jdbc.queryForObject("select coalesce(sum(quantity), 0) from deal_take where deal_code = ? "
                + "and customer = ? and state = 'PENDING' and pending_until > ?", Integer.class, deal, customer, ts(now));
        return units == null ? 0 : units;
    }

    record Take(UUID id, String customer, int quantity, UUID reservationId) {
    }

    List<Take> liveTakes(String deal, String customer) {
        return jdbc.query("select id, customer, quantity, reservation_id from deal_take where deal_code = ? "
                + "and customer = ? and state = 'LIVE'", (rs, n) -> take(rs), deal, customer);
    }

    List<Take> liveTakes(String deal) {
        return jdbc.query("select id, customer, quantity, reservation_id from deal_take where deal_code = ? "
                + "and state = 'LIVE'", (rs, n) -> take(rs), deal);
    }

    void insertTake(UUID id, String deal, String customer, int quantity, String holder, UUID reservationId,
                    String state, Instant at, Instant pendingUntil) {
        jdbc.update("insert into deal_take (id, deal_code, customer, quantity, holder, reservation_id, state, created_at, "
                        + "pending_until) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, deal, customer, quantity, holder,
                reservationId, state, ts(at), ts(pendingUntil));
    }

    void takeLive(UUID id, UUID reservationId) {
        jdbc.update("update deal_take set state = 'LIVE', reservation_id = ?, pending_until = null where id = ?",
                reservationId, id);
    }

    void deleteTake(UUID id) {
        jdbc.update("delete from deal_take where id = ? and state = 'PENDING'", id);
    }

    /** The take's units are back in the deal (released, or its hold ran out): it no longer counts. */
    int takeBack(UUID reservationId) {
        return jdbc.update("update deal_take set state = 'BACK' where reservation_id = ? and state = 'LIVE'",
                reservationId);
    }

    // ---- mapping -------------------------------------------------------------------------------

    private static Take take(ResultSet rs) throws SQLException {
        return new Take(rs.getObject("id", UUID.class), rs.getString("customer"), rs.getInt("quantity"),
                rs.getObject("reservation_id", UUID.class));
    }

    private DealRow row(ResultSet rs, int n) throws SQLException {
        Array channels = rs.getArray("channels");
        List<String> codes = Arrays.asList((String[]) channels.getArray());
        int limit = rs.getInt("per_customer_limit");
        Integer perCustomer = rs.wasNull() ? null : limit;
        int units = rs.getInt("set_aside_units");
        Integer setAsideUnits = rs.wasNull() ? null : units;
        return new DealRow(rs.getString("code"), rs.getString("sku"), List.copyOf(codes), rs.getLong("price"),
                rs.getInt("quantity"), instant(rs, "starts_at"), instant(rs, "ends_at"), rs.getString("member_segment"),
                perCustomer, DealStatus.valueOf(rs.getString("status")), rs.getObject("set_aside", UUID.class),
                setAsideUnits, instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "ended_at"),
                rs.getBoolean("ended_early"));
    }

    private Array array(List<String> values) {
        return jdbc.execute((ConnectionCallback<Array>) c -> c.createArrayOf("text", values.toArray()));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}

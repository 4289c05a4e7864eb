package dev.zaiko.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one home of the SQL on reservations: {@code inventory_reservation} (a reservation's parts),
 * {@code inventory_reservation_hold} (how long an unclaimed reservation is held) and
 * {@code inventory_set_aside} (which reservations are set-asides, and whether in force), reads and
 * writes alike. Nothing else in the module names these tables.
 * <p>
 * It decides nothing and opens no transaction: each method runs in the caller's. The reservation
 * engine and {@link LockedStock} pass their own {@link Connection} (the batch's transaction, under
 * the SKU's row lock, locking parts and holds in the order they always did); the Spring services
 * pass their {@link JdbcTemplate}, which joins the surrounding transaction if there is one. Every
 * method is one statement, so moving the SQL here changed no statement count, order or batching.
 */
final class ReservationStore {

    private static final String PART_COLUMNS = "select id, part, channel, location, quantity, status, holder, "
            + "segment, created_at, drawn_from, exists (select 1 from inventory_set_aside s "
            + "where s.id = inventory_reservation.id and s.ended_at is null) from inventory_reservation ";

    /**
     * The open units per SKU and location, for a query that checks the reserved levels against
     * them in one snapshot ({@link CheckingStockLedger#mismatches}). Takes the SKU (or null for
     * all) twice: {@code (?::text is null or sku = ?)}.
     */
    static final String OPEN_UNITS_BY_LOCATION = """
            select sku, location, sum(quantity) as units from inventory_reservation
                where status = 'OPEN' and (?::text is null or sku = ?) group by sku, location""";

    // ---- the engine's and LockedStock's side: a plain connection, the SKU's row locked by the caller

    /** The SKU a reservation is for, or null when there is no such reservation. */
    String skuOf(Connection c, UUID reservationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select sku from inventory_reservation where id = ? limit 1")) {
            ps.setObject(1, reservationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Every part of the given reservations of this SKU, locked. */
    List<StockPicture.PartState> parts(Connection c, String sku, Collection<UUID> ids) throws SQLException {
        if (ids.isEmpty()) return List.of();
        try (PreparedStatement ps = c.prepareStatement(PART_COLUMNS
                + "where sku = ? and id = any(?) order by id, part for update")) {
            ps.setString(1, sku);
            ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            return readParts(ps);
        }
    }

    /**
     * The newest open parts at the location (enough to cover the units, plus some spare so that
     * a till sale can prefer moving a reservation to displacing one), with all other parts of
     * their reservations, and the parts of the SKU's set-asides in force (whose unsold units a till
     * sale takes before a buyer's), locked.
     */
    List<StockPicture.PartState> newestOpenPartsAt(Connection c, String sku, String location, int atLeastUnits)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PART_COLUMNS
                + "where sku = ? and (id in (select id from inventory_reservation "
                + "where sku = ? and location = ? and status = 'OPEN' order by created_at desc, id desc limit ?) "
                + "or id in (select id from inventory_set_aside where sku = ? and ended_at is null)) "
                + "order by id, part for update")) {
            ps.setString(1, sku);
            ps.setString(2, sku);
            ps.setString(3, location);
            ps.setInt(4, atLeastUnits + 50);
            ps.setString(5, sku);
            return readParts(ps);
        }
    }

    private static List<StockPicture.PartState> readParts(PreparedStatement ps) throws SQLException {
        List<StockPicture.PartState> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(new StockPicture.PartState(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), ReservationStatus.valueOf(rs.getString(6)), rs.getString(7),
                        rs.getString(8), rs.getTimestamp(9).toInstant(), rs.getObject(10, UUID.class),
                        rs.getBoolean(11)));
            }
        }
        return result;
    }

    /**
     * COPY rather than INSERT: a flash-sale batch is thousands of rows, and COPY streams them
     * without parsing a statement's parameters (several times faster on PostgreSQL).
     */
    void insertParts(Connection c, StockChanges changes, UUID batch, Timestamp now) throws SQLException {
        String closedAt = now.toInstant().toString();
        // every part a batch creates shares the batch's time: format it once, not per row
        String batchTime = changes.now().toString();
        String batchText = batch == null ? "\\N" : batch.toString();
        StringBuilder rows = new StringBuilder(changes.newParts.size() * 160);
        for (StockPicture.PartState p : changes.newParts) {
            rows.append(p.id).append('\t')
                    .append(p.part).append('\t');
            copyText(rows, changes.sku).append('\t');
            copyText(rows, p.channel).append('\t');
            copyText(rows, p.location).append('\t')
                    .append(p.quantity).append('\t')
                    .append(p.status.name()).append('\t');
            copyText(rows, p.holder).append('\t');
            copyText(rows, p.segment).append('\t')
                    .append(p.createdAt.equals(changes.now()) ? batchTime : p.createdAt.toString()).append('\t')
                    .append(p.status == ReservationStatus.OPEN ? "\\N" : closedAt).append('\t')
                    .append(batchText).append('\t')
                    .append(p.drawnFrom == null ? "\\N" : p.drawnFrom.toString()).append('\n');
        }
        try {
            c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(
                    "copy inventory_reservation (id, part, sku, channel, location, quantity, status, holder, segment, "
                            + "created_at, closed_at, batch, drawn_from) from stdin",
                    new java.io.StringReader(rows.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException("Could not stream reservations to PostgreSQL", e);
        }
    }

    /** Escapes a value for COPY's text format; null becomes \N. */
    private static StringBuilder copyText(StringBuilder out, String value) {
        if (value == null) return out.append("\\N");
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
        return out;
    }

    /** One statement for every part a batch touched, however many. */
    void updateParts(Connection c, Collection<StockPicture.PartState> touched, Timestamp now) throws SQLException {
        List<StockPicture.PartState> list = new ArrayList<>(touched);
        int n = list.size();
        UUID[] ids = new UUID[n];
        Short[] parts = new Short[n];
        String[] locations = new String[n];
        Integer[] quantities = new Integer[n];
        String[] statuses = new String[n];
        for (int i = 0; i < n; i++) {
            StockPicture.PartState p = list.get(i);
            ids[i] = p.id;
            parts[i] = (short) p.part;
            locations[i] = p.location;
            quantities[i] = p.quantity;
            statuses[i] = p.status.name();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "update inventory_reservation r set location = u.location, quantity = u.quantity, status = u.status, "
                        + "closed_at = case when u.status = 'OPEN' then null else ?::timestamptz end "
                        + "from unnest(?::uuid[], ?::int2[], ?::text[], ?::int4[], ?::text[]) "
                        + "as u(id, part, location, quantity, status) where r.id = u.id and r.part = u.part")) {
            ps.setTimestamp(1, now);
            ps.setArray(2, c.createArrayOf("uuid", ids));
            ps.setArray(3, c.createArrayOf("int2", parts));
            ps.setArray(4, c.createArrayOf("text", locations));
            ps.setArray(5, c.createArrayOf("int4", quantities));
            ps.setArray(6, c.createArrayOf("text", statuses));
            ps.executeUpdate();
        }
    }

    /** The holds of these reservations that still exist, locked: a claim or an extension waits for the sweep, or wins. */
    Map<UUID, Instant> lockHolds(Connection c, Collection<UUID> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select id, expires_at from inventory_reservation_hold where id = any(?) order by id for update")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            Map<UUID, Instant> result = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) result.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
            }
            return result;
        }
    }

    /** One statement for a batch's held reservations, however many. */
    void insertHolds(Connection c, String sku, Map<UUID, Instant> holds) throws SQLException {
        UUID[] ids = holds.keySet().toArray(UUID[]::new);
        Timestamp[] expiry = holds.values().stream().map(Timestamp::from).toArray(Timestamp[]::new);
        try (PreparedStatement ps = c.prepareStatement("insert into inventory_reservation_hold (id, sku, expires_at) "
                + "select u.id, ?, u.expires_at from unnest(?::uuid[], ?::timestamptz[]) as u(id, expires_at)")) {
            ps.setString(1, sku);
            ps.setArray(2, c.createArrayOf("uuid", ids));
            ps.setArray(3, c.createArrayOf("timestamptz", expiry));
            ps.executeUpdate();
        }
    }

    void deleteHolds(Connection c, Collection<UUID> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from inventory_reservation_hold where id = any(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            ps.executeUpdate();
        }
    }

    /** Which of these set-asides of the SKU exist, and whether each is still in force, locked. */
    Map<UUID, Boolean> lockSetAsides(Connection c, String sku, Collection<UUID> ids) throws SQLException {
        if (ids.isEmpty()) return Map.of();
        try (PreparedStatement ps = c.prepareStatement("select id, ended_at is null from inventory_set_aside "
                + "where sku = ? and id = any(?) order by id for update")) {
            ps.setString(1, sku);
            ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            Map<UUID, Boolean> result = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) result.put(rs.getObject(1, UUID.class), rs.getBoolean(2));
            }
            return result;
        }
    }

    void insertSetAsides(Connection c, String sku, Collection<UUID> ids, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into inventory_set_aside (id, sku, created_at) "
                + "select u.id, ?, ? from unnest(?::uuid[]) as u(id)")) {
            ps.setString(1, sku);
            ps.setTimestamp(2, now);
            ps.setArray(3, c.createArrayOf("uuid", ids.toArray()));
            ps.executeUpdate();
        }
    }

    void endSetAsides(Connection c, Collection<UUID> ids, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update inventory_set_aside set ended_at = ? where id = any(?) and ended_at is null")) {
            ps.setTimestamp(1, now);
            ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            ps.executeUpdate();
        }
    }

    /** The open units of a set-aside (0 when ended, drawn out or unknown). */
    int setAsideUnits(JdbcTemplate jdbc, UUID setAside) {
        Integer units = jdbc.queryForObject("select coalesce(sum(quantity), 0) from inventory_reservation "
                + "where id = ? and status = 'OPEN'", Integer.class, setAside);
        return units == null ? 0 : units;
    }

    /** The units of reservations drawn from a set-aside: still held, kept (an order's) and shipped. */
    DrawnUnits drawnUnits(JdbcTemplate jdbc, UUID setAside) {
        return jdbc.queryForObject("""
                select coalesce(sum(r.quantity) filter (where r.status = 'OPEN' and h.id is not null), 0),
                       coalesce(sum(r.quantity) filter (where r.status = 'OPEN' and h.id is null), 0),
                       coalesce(sum(r.quantity) filter (where r.status = 'COMMITTED'), 0)
                from inventory_reservation r left join inventory_reservation_hold h on h.id = r.id
                where r.drawn_from = ?
                """, (rs, i) -> new DrawnUnits(rs.getInt(1), rs.getInt(2), rs.getInt(3)), setAside);
    }

    /** The SKU of a set-aside, or null. */
    String setAsideSku(JdbcTemplate jdbc, UUID setAside) {
        return jdbc.query("select sku from inventory_set_aside where id = ?",
                rs -> rs.next() ? rs.getString(1) : null, setAside);
    }

    // ---- the services' side: a JdbcTemplate, in the caller's transaction if it has one

    /** Deletes the holds of these reservations in one statement; answers the ones that still had a hold. */
    List<UUID> claimHolds(JdbcTemplate jdbc, Collection<UUID> ids) {
        return jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(
                    "delete from inventory_reservation_hold where id = any(?) returning id");
            ps.setArray(1, con.createArrayOf("uuid", ids.toArray()));
            return ps;
        }, (rs, i) -> rs.getObject(1, UUID.class));
    }

    /** Moves the hold of an open, held reservation to {@code until}; false when it is closed or not held. */
    boolean extendHold(JdbcTemplate jdbc, UUID reservationId, Instant until) {
        return jdbc.update("update inventory_reservation_hold h set expires_at = ? where h.id = ? and exists ("
                        + "select 1 from inventory_reservation r where r.id = h.id and r.status = 'OPEN')",
                Timestamp.from(until), reservationId) > 0;
    }

    /** A reservation whose hold ran out, as the sweep finds it. */
    record DueHold(UUID id, String sku) {
    }

    /** The holds that ran out by {@code now}, the oldest first, at most {@code limit}. */
    List<DueHold> dueHolds(JdbcTemplate jdbc, Instant now, int limit) {
        return jdbc.query("select id, sku from inventory_reservation_hold where expires_at <= ? "
                        + "order by expires_at, id limit ?", (rs, i) -> new DueHold(rs.getObject(1, UUID.class),
                        rs.getString(2)), Timestamp.from(now), limit);
    }

    /** Open reservations whose hold ran out by {@code now}, of the SKU or (null) of all. */
    List<StrayReservation> strays(JdbcTemplate jdbc, Instant now, String skuOrNull) {
        return jdbc.query("""
                select r.id, r.sku, min(r.channel) as channel, min(r.holder) as holder, sum(r.quantity) as units,
                       min(r.created_at) as created_at, h.expires_at
                from inventory_reservation_hold h
                join inventory_reservation r on r.id = h.id and r.status = 'OPEN'
                where h.expires_at <= ? and (?::text is null or h.sku = ?)
                group by r.id, r.sku, h.expires_at
                order by h.expires_at, r.id
                """, (rs, i) -> new StrayReservation(rs.getObject("id", UUID.class), rs.getString("sku"),
                        rs.getString("channel"), rs.getString("holder"), rs.getInt("units"),
                        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant()),
                Timestamp.from(now), skuOrNull, skuOrNull);
    }

    Optional<Reservation> find(JdbcTemplate jdbc, UUID id) {
        return load(jdbc, "where id = ?", id).stream().findFirst();
    }

    /** Reservations whose units were taken and that no other location could cover, of the SKU or (null) of all. */
    List<Reservation> displaced(JdbcTemplate jdbc, String skuOrNull) {
        return load(jdbc, "where id in (select id from inventory_reservation where status = 'DISPLACED'"
                + " and (?::text is null or sku = ?))", skuOrNull, skuOrNull);
    }

    /** Reads reservations with their parts and holds. */
    private static List<Reservation> load(JdbcTemplate jdbc, String where, Object... args) {
        Map<UUID, List<Object[]>> rows = new LinkedHashMap<>();
        jdbc.query("select r.id, r.part, r.sku, r.channel, r.location, r.quantity, r.status, r.holder, r.segment, "
                + "r.created_at, h.expires_at, r.drawn_from from (select * from inventory_reservation " + where + ") r "
                + "left join inventory_reservation_hold h on h.id = r.id order by r.created_at, r.id, r.part", rs -> {
            UUID id = rs.getObject(1, UUID.class);
            Timestamp expires = rs.getTimestamp(11);
            rows.computeIfAbsent(id, k -> new ArrayList<>()).add(new Object[] {
                    rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                    rs.getString(7), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant(),
                    expires == null ? null : expires.toInstant(), rs.getObject(12, UUID.class)});
        }, args);
        List<Reservation> result = new ArrayList<>();
        rows.forEach((id, parts) -> {
            Object[] first = parts.get(0);
            List<ReservationPart> ps = parts.stream().map(p -> new ReservationPart((Integer) p[0], (String) p[3],
                    (Integer) p[4], ReservationStatus.valueOf((String) p[5]))).toList();
            Reservation r = new Reservation(id, (String) first[1], (String) first[2], (String) first[6],
                    (String) first[7], ps, (Instant) first[8], (Instant) first[9], (UUID) first[10]);
            // a hold outlives a reservation closed outside the engine (displaced) until the sweep drops it
            result.add(r.status() == ReservationStatus.OPEN ? r : new Reservation(r.id(), r.sku(), r.channel(),
                    r.holder(), r.segment(), r.parts(), r.createdAt(), null, r.drawnFrom()));
        });
        return result;
    }
}

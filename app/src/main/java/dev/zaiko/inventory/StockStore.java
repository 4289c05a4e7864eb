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
import java.util.UUID;

/**
 * The SQL behind a {@link StockPicture}: loading one SKU under its lock and writing its changes
 * back. Works on a plain {@link Connection} so the reservation engine (its own transactions) and
 * the Spring services (the transaction's connection) share it. Every writer locks the SKU's
 * {@code inventory_item} row first, so writers of one SKU never interleave, on any node.
 * Reservation rows are read and written through {@link ReservationStore}, their one home.
 */
final class StockStore {

    private final ReservationStore reservations = new ReservationStore();

    private static final String ITEM = "select sku, one_of_a_kind, backorderable, low_stock_threshold, discontinued "
            + "from inventory_item where sku = ?";

    ItemFacts lockItem(Connection c, String sku) throws SQLException {
        return item(c, sku, ITEM + " for update");
    }

    ItemFacts readItem(Connection c, String sku) throws SQLException {
        return item(c, sku, ITEM);
    }

    private ItemFacts item(Connection c, String sku, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                return new ItemFacts(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getInt(4), rs.getBoolean(5));
            }
        }
    }

    List<StockLevel> levels(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select location, inspecting, sellable, reserved, defective from inventory_stock_level "
                        + "where sku = ? order by location")) {
            ps.setString(1, sku);
            List<StockLevel> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new StockLevel(sku, rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)));
                }
            }
            return result;
        }
    }

    List<Protection> protections(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select id, kind, location, sku, quantity, segment from inventory_protection "
                        + "where sku = ? or sku is null")) {
            ps.setString(1, sku);
            List<Protection> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Protection(rs.getLong(1), ProtectionKind.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getString(4), rs.getInt(5), rs.getString(6)));
                }
            }
            return result;
        }
    }

    /**
     * @param codes the channels to load, or null for all. Pools come warehouses first, then
     *              stores, then suppliers, each in the order the channel lists them.
     */
    List<StockPicture.ChannelPool> channelPools(Connection c, Collection<String> codes) throws SQLException {
        String sql = "select ch.code, ch.online, cl.location from inventory_channel ch "
                + "left join inventory_channel_location cl on cl.channel = ch.code "
                + "left join inventory_location l on l.code = cl.location "
                + (codes == null ? "" : "where ch.code = any(?) ")
                + "order by ch.code, case l.kind when 'WAREHOUSE' then 0 when 'STORE' then 1 else 2 end, cl.position";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (codes != null) ps.setArray(1, c.createArrayOf("text", codes.toArray()));
            Map<String, Boolean> online = new LinkedHashMap<>();
            Map<String, List<String>> pools = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString(1);
                    online.put(code, rs.getBoolean(2));
                    List<String> pool = pools.computeIfAbsent(code, k -> new ArrayList<>());
                    if (rs.getString(3) != null) pool.add(rs.getString(3));
                }
            }
            List<StockPicture.ChannelPool> result = new ArrayList<>();
            online.forEach((code, on) -> result.add(new StockPicture.ChannelPool(code, on, pools.get(code))));
            return result;
        }
    }

    /**
     * The one way a {@link StockPicture} is loaded: the item (read or locked by the caller, who
     * decides what an unknown SKU means), the SKU's levels and protections, the channels' pools, and
     * the reservation parts a rule needs.
     *
     * @param pools             from {@link #channelPools}: all channels, the batch's only, or loaded once for many SKUs
     * @param reservationIds    reservations whose parts are loaded, and locked, up front (empty for none)
     * @param openPartsOnDemand whether a rule may load (and lock) the newest open parts at a location
     *                          when it needs them (a till sale or a count that displaces reservations)
     */
    StockPicture picture(Connection c, ItemFacts item, List<StockPicture.ChannelPool> pools,
                         Collection<UUID> reservationIds, boolean openPartsOnDemand, Instant now) throws SQLException {
        String sku = item.sku();
        List<StockLevel> levels = levels(c, sku);
        List<Protection> protections = protections(c, sku);
        List<StockPicture.PartState> parts = reservations.parts(c, sku, reservationIds);
        StockPicture.OpenParts openParts = !openPartsOnDemand ? StockPicture.OpenParts.NONE : (location, units) -> {
            try {
                return reservations.newestOpenPartsAt(c, sku, location, units);
            } catch (SQLException e) {
                throw new org.springframework.jdbc.UncategorizedSQLException("loading open reservations", null, e);
            }
        };
        return new StockPicture(item, levels, protections, pools, parts, openParts, now);
    }

    /** Writes everything a picture changed with a fixed number of statements, however large. */
    void write(Connection c, StockChanges changes, UUID batch) throws SQLException {
        Timestamp now = Timestamp.from(changes.now());
        if (!changes.newParts.isEmpty()) reservations.insertParts(c, changes, batch, now);
        if (!changes.touchedParts.isEmpty()) reservations.updateParts(c, changes.touchedParts, now);
        if (!changes.newSetAsides.isEmpty()) reservations.insertSetAsides(c, changes.sku, changes.newSetAsides, now);
        if (!changes.endedSetAsides.isEmpty()) reservations.endSetAsides(c, changes.endedSetAsides, now);
        if (!changes.movements.isEmpty()) insertMovements(c, changes, now);
        if (!changes.levelDeltas.isEmpty()) applyLevelDeltas(c, changes);
    }

    /**
     * Appends the SKU's change to the stock change journal ({@code inventory_stock_change}) in the
     * caller's transaction: one small row per engine batch, whatever its size.
     */
    /** The same journal row for callers outside a batch that have only a JdbcTemplate: sellable may have risen. */
    static void journalRise(org.springframework.jdbc.core.JdbcTemplate jdbc, String sku, java.time.Instant at) {
        jdbc.update("insert into inventory_stock_change (sku, changed_at, sellable_rose) values (?, ?, true)", sku,
                Timestamp.from(at));
    }

    void journal(Connection c, String sku, java.time.Instant at, boolean sellableRose) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into inventory_stock_change (sku, changed_at, sellable_rose) values (?, ?, ?)")) {
            ps.setString(1, sku);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setBoolean(3, sellableRose);
            ps.executeUpdate();
        }
    }

    private static void insertMovements(Connection c, StockChanges changes, Timestamp now) throws SQLException {
        int n = changes.movements.size();
        String[] locations = new String[n];
        String[] from = new String[n];
        String[] to = new String[n];
        Integer[] quantities = new Integer[n];
        String[] kinds = new String[n];
        String[] references = new String[n];
        String[] reasons = new String[n];
        Timestamp[] occurred = new Timestamp[n];
        int i = 0;
        for (Map.Entry<StockChanges.MovementKey, Integer> e : changes.movements.entrySet()) {
            StockChanges.MovementKey k = e.getKey();
            locations[i] = k.location();
            from[i] = k.from() == null ? null : k.from().name();
            to[i] = k.to() == null ? null : k.to().name();
            quantities[i] = e.getValue();
            kinds[i] = k.kind().name();
            references[i] = k.reference();
            reasons[i] = k.reason();
            occurred[i] = k.occurredAt() == null ? null : Timestamp.from(k.occurredAt());
            i++;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into inventory_movement "
                        + "(sku, location, from_bucket, to_bucket, quantity, kind, reference, reason, occurred_at, "
                        + "recorded_at) "
                        + "select ?, u.location, u.from_bucket, u.to_bucket, u.quantity, u.kind, u.reference, u.reason, "
                        + "coalesce(u.occurred_at, ?), ? "
                        + "from unnest(?::text[], ?::text[], ?::text[], ?::int4[], ?::text[], ?::text[], ?::text[], "
                        + "?::timestamptz[]) as u(location, from_bucket, to_bucket, quantity, kind, reference, reason, "
                        + "occurred_at)" + (changes.wantsMovementIds ? " returning id, location, kind" : ""))) {
            ps.setString(1, changes.sku);
            ps.setTimestamp(2, now);
            ps.setTimestamp(3, now);
            ps.setArray(4, c.createArrayOf("text", locations));
            ps.setArray(5, c.createArrayOf("text", from));
            ps.setArray(6, c.createArrayOf("text", to));
            ps.setArray(7, c.createArrayOf("int4", quantities));
            ps.setArray(8, c.createArrayOf("text", kinds));
            ps.setArray(9, c.createArrayOf("text", references));
            ps.setArray(10, c.createArrayOf("text", reasons));
            ps.setArray(11, c.createArrayOf("timestamptz", occurred));
            if (!changes.wantsMovementIds) {
                ps.executeUpdate();
                return;
            }
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changes.written.add(new StockChanges.WrittenMovement(rs.getLong(1), rs.getString(2),
                            MovementKind.valueOf(rs.getString(3))));
                }
            }
        }
    }

    /** Deltas, not absolute values: together with the CHECK constraints a wrong rule fails loudly. */
    private static void applyLevelDeltas(Connection c, StockChanges changes) throws SQLException {
        int n = changes.levelDeltas.size();
        String[] locations = new String[n];
        Integer[][] deltas = new Integer[4][n];
        int i = 0;
        for (Map.Entry<String, int[]> e : changes.levelDeltas.entrySet()) {
            locations[i] = e.getKey();
            for (int b = 0; b < 4; b++) deltas[b][i] = e.getValue()[b];
            i++;
        }
        // CHECK constraints are evaluated on an upsert's proposed row before ON CONFLICT applies,
        // so a negative delta cannot travel through an upsert: create missing rows, then add.
        try (PreparedStatement ps = c.prepareStatement(
                "insert into inventory_stock_level (sku, location) select ?, unnest(?::text[]) "
                        + "on conflict (sku, location) do nothing")) {
            ps.setString(1, changes.sku);
            ps.setArray(2, c.createArrayOf("text", locations));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "update inventory_stock_level s set inspecting = s.inspecting + u.i, sellable = s.sellable + u.s, "
                        + "reserved = s.reserved + u.r, defective = s.defective + u.d "
                        + "from unnest(?::text[], ?::int4[], ?::int4[], ?::int4[], ?::int4[]) as u(location, i, s, r, d) "
                        + "where s.sku = ? and s.location = u.location")) {
            ps.setArray(1, c.createArrayOf("text", locations));
            for (int b = 0; b < 4; b++) ps.setArray(2 + b, c.createArrayOf("int4", deltas[b]));
            ps.setString(6, changes.sku);
            ps.executeUpdate();
        }
    }
}

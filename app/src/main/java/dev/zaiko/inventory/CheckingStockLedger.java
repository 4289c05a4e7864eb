package dev.zaiko.inventory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads levels and movements, and proves the ledger: every stored level equals the fold of its
 * movements, and every reserved count equals the units of the open reservations there; and lists
 * the reservations that belong to nothing ({@link #strays}).
 */
@Component
public class CheckingStockLedger {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ReservationStore reservations = new ReservationStore();

    CheckingStockLedger(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<StockLevel> levels(String sku) {
        return jdbc.query("select sku, location, inspecting, sellable, reserved, defective from inventory_stock_level "
                        + "where sku = ? order by location",
                (rs, i) -> new StockLevel(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6)), sku);
    }

    /** The levels of many SKUs at once (by SKU, then location): one query for a whole list. */
    public List<StockLevel> levels(java.util.Collection<String> skus) {
        if (skus.isEmpty()) return List.of();
        return jdbc.query("select sku, location, inspecting, sellable, reserved, defective from inventory_stock_level "
                        + "where sku = any(?) order by sku, location",
                (rs, i) -> new StockLevel(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6)), (Object) skus.toArray(String[]::new));
    }

    public List<StockMovement> movements(String sku, int limit) {
        return jdbc.query("select * from inventory_movement where sku = ? order by id desc limit ?",
                (rs, i) -> new StockMovement(rs.getLong("id"), rs.getString("sku"), rs.getString("location"),
                        bucket(rs.getString("from_bucket")), bucket(rs.getString("to_bucket")), rs.getInt("quantity"),
                        MovementKind.valueOf(rs.getString("kind")), rs.getString("reference"), rs.getString("reason"),
                        rs.getTimestamp("occurred_at").toInstant(), rs.getTimestamp("recorded_at").toInstant()),
                sku, limit);
    }

    /**
     * The SKU's SELLABLE units over every location at the end of each day from {@code first} to
     * {@code last} (inclusive; days in the shop's time zone), folded from the ledger: the history
     * the console draws. Reserved units are left out: nobody else can buy them.
     */
    public List<SellableOnDay> sellableByDay(String sku, LocalDate first, LocalDate last) {
        if (last.isBefore(first)) throw new IllegalArgumentException("last " + last + " is before first " + first);
        return jdbc.query("""
                with moves as (
                    select (occurred_at at time zone ?)::date as day,
                           sum(case when to_bucket = 'SELLABLE' then quantity else 0 end)
                             - sum(case when from_bucket = 'SELLABLE' then quantity else 0 end) as delta
                    from inventory_movement
                    where sku = ? and (to_bucket = 'SELLABLE' or from_bucket = 'SELLABLE')
                    group by 1)
                select d::date as day, (select coalesce(sum(delta), 0) from moves where moves.day <= d::date) as sellable
                from generate_series(?::date, ?::date, interval '1 day') d
                order by 1
                """, (rs, i) -> new SellableOnDay(rs.getObject("day", LocalDate.class), rs.getInt("sellable")),
                clock.getZone().getId(), sku, first, last);
    }

    /**
     * Repeatable read: levels, movements and reservations are read from one snapshot, so the
     * check is exact even while the engine keeps writing.
     */
    @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
    public List<LedgerMismatch> mismatches(String skuOrNull) {
        return jdbc.query("""
                with folded as (
                    select sku, location,
                           sum(case when to_bucket = 'INSPECTING' then quantity else 0 end)
                             - sum(case when from_bucket = 'INSPECTING' then quantity else 0 end) as inspecting,
                           sum(case when to_bucket = 'SELLABLE' then quantity else 0 end)
                             - sum(case when from_bucket = 'SELLABLE' then quantity else 0 end) as sellable,
                           sum(case when to_bucket = 'RESERVED' then quantity else 0 end)
                             - sum(case when from_bucket = 'RESERVED' then quantity else 0 end) as reserved,
                           sum(case when to_bucket = 'DEFECTIVE' then quantity else 0 end)
                             - sum(case when from_bucket = 'DEFECTIVE' then quantity else 0 end) as defective
                    from inventory_movement where ?::text is null or sku = ?
                    group by sku, location),
                open as (
                """ + ReservationStore.OPEN_UNITS_BY_LOCATION + """
                ),
                stored as (
                    select * from inventory_stock_level where ?::text is null or sku = ?)
                select coalesce(s.sku, f.sku, o.sku) as sku, coalesce(s.location, f.location, o.location) as location,
                       coalesce(s.inspecting, 0) as s_i, coalesce(s.sellable, 0) as s_s, coalesce(s.reserved, 0) as s_r,
                       coalesce(s.defective, 0) as s_d,
                       coalesce(f.inspecting, 0) as f_i, coalesce(f.sellable, 0) as f_s, coalesce(f.reserved, 0) as f_r,
                       coalesce(f.defective, 0) as f_d, coalesce(o.units, 0) as open_units
                from stored s
                full join folded f on f.sku = s.sku and f.location = s.location
                full join open o on o.sku = coalesce(s.sku, f.sku) and o.location = coalesce(s.location, f.location)
                where coalesce(s.inspecting, 0) <> coalesce(f.inspecting, 0)
                   or coalesce(s.sellable, 0) <> coalesce(f.sellable, 0)
                   or coalesce(s.reserved, 0) <> coalesce(f.reserved, 0)
                   or coalesce(s.defective, 0) <> coalesce(f.defective, 0)
                   or coalesce(s.reserved, 0) <> coalesce(o.units, 0)
                order by 1, 2
                """, (rs, i) -> new LedgerMismatch(rs.getString("sku"), rs.getString("location"),
                        new StockLevel(rs.getString("sku"), rs.getString("location"), rs.getInt("s_i"), rs.getInt("s_s"),
                                rs.getInt("s_r"), rs.getInt("s_d")),
                        new StockLevel(rs.getString("sku"), rs.getString("location"), rs.getInt("f_i"), rs.getInt("f_s"),
                                rs.getInt("f_r"), rs.getInt("f_d")),
                        rs.getInt("open_units")),
                skuOrNull, skuOrNull, skuOrNull, skuOrNull, skuOrNull, skuOrNull);
    }

    /**
     * Open reservations whose hold ran out: nothing claimed them (no order was recorded for them, or
     * their API client went away). Empty after the sweep ({@link ReleasingExpiredReservations}).
     */
    public List<StrayReservation> strays(String skuOrNull) {
        return reservations.strays(jdbc, clock.instant(), skuOrNull);
    }

    private static Bucket bucket(String name) {
        return name == null ? null : Bucket.valueOf(name);
    }
}

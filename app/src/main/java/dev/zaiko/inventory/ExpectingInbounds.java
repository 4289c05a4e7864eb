package dev.zaiko.inventory;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.platform.ConflictException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Expected receipts (purchase orders): the dates a backorder or a stockout can promise. */
@Component
public class ExpectingInbounds {

    private static final RowMapper<Inbound> ROW = (rs, i) -> new Inbound(rs.getLong("id"), rs.getString("sku"),
            rs.getString("location"), rs.getInt("quantity"), rs.getObject("expected_on", LocalDate.class),
            rs.getString("reference"), rs.getString("status"), (Integer) rs.getObject("arrived_quantity"));

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final StockNetwork network;
    private final ApplicationEventPublisher events;
    private final LockedStock stock;

    ExpectingInbounds(JdbcTemplate jdbc, Clock clock, StockNetwork network, ApplicationEventPublisher events,
                      LockedStock stock) {
        this.stock = stock;
        this.jdbc = jdbc;
        this.clock = clock;
        this.network = network;
        this.events = events;
    }

    @Transactional
    public Inbound expect(String sku, String location, int quantity, LocalDate expectedOn, String reference) {
        network.requireLocation(location);
        stock.requireKnown(sku);
        Long id = jdbc.queryForObject("insert into inventory_inbound (sku, location, quantity, expected_on, reference, "
                        + "status, created_at) values (?, ?, ?, ?, ?, 'EXPECTED', ?) returning id", Long.class,
                sku, location, quantity, expectedOn, reference, Timestamp.from(clock.instant()));
        events.publishEvent(new StockChanged(sku, false)); // a date for availability texts, no units
        return jdbc.queryForObject("select * from inventory_inbound where id = ?", ROW, id);
    }

    /**
     * The goods of an expected inbound arrived: the actual quantity is received as INSPECTING at
     * the inbound's location (movement reference {@code inbound:<id>}) and kept next to the
     * expected one; the inbound is ARRIVED and no longer promised to new lines (the lines promised it are
     * filled from what passes inspection, or settled by the order module).
     *
     * @throws dev.zaiko.platform.NotFoundException no such inbound
     * @throws ConflictException {@code inbound-not-expected} when it already arrived or was cancelled
     */
    @Transactional
    public Inbound arrive(long id, int quantity) {
        Inbound inbound = lockExpected(id, "record an arrival for");
        stock.change(inbound.sku(), picture -> {
            picture.receive(inbound.location(), quantity, "inbound:" + id);
            return null;
        });
        jdbc.update("update inventory_inbound set status = 'ARRIVED', arrived_quantity = ?, closed_at = ? where id = ?",
                quantity, Timestamp.from(clock.instant()), id);
        return find(id);
    }

    /**
     * The supplier cancelled the inbound. Publishes {@link InboundCancelled} in the transaction.
     *
     * @throws dev.zaiko.platform.NotFoundException no such inbound
     * @throws ConflictException {@code inbound-not-expected} when it already arrived or was cancelled
     */
    @Transactional
    public Inbound cancel(long id) {
        Inbound inbound = lockExpected(id, "cancel");
        jdbc.update("update inventory_inbound set status = 'CANCELLED', closed_at = ? where id = ?",
                Timestamp.from(clock.instant()), id);
        events.publishEvent(new StockChanged(inbound.sku(), false));
        events.publishEvent(new InboundCancelled(id, inbound.sku(), inbound.location(), inbound.quantity(),
                inbound.expectedOn()));
        return find(id);
    }

    private Inbound lockExpected(long id, String what) {
        Inbound inbound = jdbc.query("select * from inventory_inbound where id = ? for update", ROW, id).stream()
                .findFirst().orElseThrow(() -> new dev.zaiko.platform.NotFoundException("No inbound " + id + "."));
        if (!"EXPECTED".equals(inbound.status())) {
            throw new ConflictException("inbound-not-expected", "Inbound " + id + " is " + inbound.status()
                    + "; cannot " + what + " it.", Map.of("inboundId", id, "inboundStatus", inbound.status()));
        }
        return inbound;
    }

    public Inbound find(long id) {
        return jdbc.query("select * from inventory_inbound where id = ?", ROW, id).stream().findFirst()
                .orElseThrow(() -> new dev.zaiko.platform.NotFoundException("No inbound " + id + "."));
    }

    public List<Inbound> list(String sku) {
        return jdbc.query("select * from inventory_inbound where (?::text is null or sku = ?) "
                + "order by expected_on, id", ROW, sku, sku);
    }

    /** The inbounds of these SKUs still EXPECTED (overdue ones too), by SKU and date: one query for a whole list. */
    public List<Inbound> expected(java.util.Collection<String> skus) {
        if (skus.isEmpty()) return List.of();
        return jdbc.query("select * from inventory_inbound where status = 'EXPECTED' and sku = any(?) "
                + "order by sku, expected_on, id", ROW, (Object) skus.toArray(String[]::new));
    }

    /** The earliest expected inbound dated today or later into any of the locations. */
    public Optional<Inbound> next(String sku, List<String> locations) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.query("select * from inventory_inbound where sku = ? and status = 'EXPECTED' and expected_on >= ? "
                        + "and location = any(?) order by expected_on, id limit 1", ROW, sku, today,
                        locations.toArray(String[]::new))
                .stream().findFirst();
    }

    /** Expected inbounds of the SKU dated today or later into any of the locations, earliest first. */
    public List<Inbound> upcoming(String sku, List<String> locations) {
        return jdbc.query("select * from inventory_inbound where sku = ? and status = 'EXPECTED' and expected_on >= ? "
                + "and location = any(?) order by expected_on, id", ROW, sku, LocalDate.now(clock),
                locations.toArray(String[]::new));
    }

    /** Expected inbounds of the SKU dated today or later, earliest first (what {@link #next} picks from). */
    List<Inbound> upcoming(String sku) {
        return jdbc.query("select * from inventory_inbound where sku = ? and status = 'EXPECTED' and expected_on >= ? "
                + "order by expected_on, id", ROW, sku, LocalDate.now(clock));
    }

    /** Locations with an expected inbound of the SKU dated today or later (what {@link #next} looks for). */
    java.util.Set<String> expectingLocations(String sku) {
        LocalDate today = LocalDate.now(clock);
        return new java.util.HashSet<>(jdbc.queryForList("select distinct location from inventory_inbound "
                + "where sku = ? and status = 'EXPECTED' and expected_on >= ?", String.class, sku, today));
    }
}

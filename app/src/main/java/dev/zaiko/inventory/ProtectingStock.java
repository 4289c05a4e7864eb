package dev.zaiko.inventory;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Sets and lifts protections; the engine reads them under each SKU's lock. */
@Component
public class ProtectingStock {

    private static final RowMapper<Protection> ROW = (rs, i) -> new Protection(rs.getLong("id"),
            ProtectionKind.valueOf(rs.getString("kind")), rs.getString("location"), rs.getString("sku"),
            rs.getInt("quantity"), rs.getString("segment"));

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final StockNetwork network;
    private final ApplicationEventPublisher events;
    private final LockedStock stock;

    ProtectingStock(JdbcTemplate jdbc, Clock clock, StockNetwork network, ApplicationEventPublisher events,
                    LockedStock stock) {
        this.stock = stock;
        this.jdbc = jdbc;
        this.clock = clock;
        this.network = network;
        this.events = events;
    }

    /** @param sku null protects every SKU at the location */
    @Transactional
    public Protection protect(ProtectionKind kind, String location, String sku, int quantity, String segment) {
        network.requireLocation(location);
        if ((kind == ProtectionKind.MEMBER_QUOTA) != (segment != null && !segment.isBlank())) {
            throw new InvalidRequestException(kind == ProtectionKind.MEMBER_QUOTA
                    ? "A MEMBER_QUOTA protection needs the member segment it keeps units for."
                    : "Only a MEMBER_QUOTA protection takes a segment.");
        }
        if (sku != null) {
            stock.requireKnown(sku);
            // Changing what a SKU's requesters may take is a stock change: take the SKU's lock.
            jdbc.queryForList("select sku from inventory_item where sku = ? for update", sku);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("insert into inventory_protection (kind, location, sku, quantity, segment, created_at) "
                    + "values (?, ?, ?, ?, ?, ?)", new String[] {"id"});
            ps.setString(1, kind.name());
            ps.setString(2, location);
            ps.setString(3, sku);
            ps.setInt(4, quantity);
            ps.setString(5, kind == ProtectionKind.MEMBER_QUOTA ? segment : null);
            ps.setTimestamp(6, Timestamp.from(clock.instant()));
            return ps;
        }, key);
        long id = key.getKey().longValue();
        announce(sku);
        return find(id);
    }

    @Transactional
    public void lift(long id) {
        Protection protection = find(id);
        jdbc.update("delete from inventory_protection where id = ?", id);
        announce(protection.sku());
    }

    public Protection find(long id) {
        return jdbc.query("select * from inventory_protection where id = ?", ROW, id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No protection " + id + "."));
    }

    public List<Protection> list(String location, String sku) {
        return jdbc.query("select * from inventory_protection where (?::text is null or location = ?) "
                + "and (?::text is null or sku = ? or sku is null) order by id", ROW, location, location, sku, sku);
    }

    private void announce(String sku) {
        // a lifted protection frees units: journaled in this transaction (the durable mark) and announced
        if (sku != null) {
            StockStore.journalRise(jdbc, sku, clock.instant());
            events.publishEvent(new StockChanged(sku, true));
        } else {
            jdbc.queryForList("select sku from inventory_stock_level group by sku", String.class)
                    .forEach(s -> {
                        StockStore.journalRise(jdbc, s, clock.instant());
                        events.publishEvent(new StockChanged(s, true));
                    });
        }
    }
}

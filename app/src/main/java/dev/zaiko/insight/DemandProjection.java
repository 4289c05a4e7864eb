package dev.zaiko.insight;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.zaiko.inventory.StockCounted;
import dev.zaiko.inventory.TillSold;
import dev.zaiko.order.OrderPlaced;
import dev.zaiko.shop.ShopCalendar;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What reorder suggestions read: units demanded per SKU and day (the shop's day) from orders placed
 * (every line, backordered ones too: what customers asked for) and from the till, and every count of a
 * SKU at a location with what the system held. Additive upserts and inserts keyed by the count, so
 * the same facts in any order give the same tables (each fact is folded exactly once).
 */
@Component
class DemandProjection implements InsightProjection {

    private final JdbcTemplate jdbc;
    private final ShopCalendar calendar;

    DemandProjection(JdbcTemplate jdbc, ShopCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    @Override
    public List<String> tables() {
        return List.of("insight_sku_demand", "insight_count");
    }

    @Override
    public void apply(Object fact) {
        ZoneId zone = calendar.zone();
        if (fact instanceof OrderPlaced o) {
            LocalDate day = o.placedAt().atZone(zone).toLocalDate();
            Map<String, Integer> units = new TreeMap<>();
            for (OrderPlaced.PlacedLine line : o.lines()) units.merge(line.sku(), line.quantity(), Integer::sum);
            units.forEach((sku, quantity) -> jdbc.update("""
                    insert into insight_sku_demand (sku, day, ordered_units) values (?, ?, ?)
                    on conflict (sku, day) do update
                    set ordered_units = insight_sku_demand.ordered_units + excluded.ordered_units""",
                    sku, day, quantity));
        } else if (fact instanceof TillSold t) {
            jdbc.update("""
                    insert into insight_sku_demand (sku, day, till_units) values (?, ?, ?)
                    on conflict (sku, day) do update
                    set till_units = insight_sku_demand.till_units + excluded.till_units""",
                    t.sku(), t.soldAt().atZone(zone).toLocalDate(), t.quantity());
        } else if (fact instanceof StockCounted c) {
            jdbc.update("""
                    insert into insight_count (sku, location, at, expected, counted) values (?, ?, ?, ?, ?)
                    on conflict (sku, location, at) do nothing""",
                    c.sku(), c.location(), Timestamp.from(c.at()), c.expected(), c.counted());
        }
    }
}

package dev.zaiko.inventory;

import java.sql.Timestamp;
import java.time.Clock;

import dev.zaiko.catalog.ProductChanged;
import dev.zaiko.catalog.ProductStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Keeps inventory's copy of the product facts the engine needs, in the catalog's transaction. */
@Component
class InventoryItems {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    InventoryItems(JdbcTemplate jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    @EventListener
    void on(ProductChanged product) {
        jdbc.update("""
                insert into inventory_item (sku, one_of_a_kind, backorderable, low_stock_threshold, discontinued, updated_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (sku) do update set one_of_a_kind = excluded.one_of_a_kind,
                    backorderable = excluded.backorderable, low_stock_threshold = excluded.low_stock_threshold,
                    discontinued = excluded.discontinued, updated_at = excluded.updated_at
                """,
                product.sku(), product.oneOfAKind(), product.backorderable(), product.lowStockThreshold(),
                product.status() == ProductStatus.DISCONTINUED, Timestamp.from(clock.instant()));
        // the product's facts (one of a kind, discontinued) decide what may be sold: sellable may rise
        StockStore.journalRise(jdbc, product.sku(), clock.instant());
        events.publishEvent(new StockChanged(product.sku(), true));
    }

    /** Every SKU the inventory knows, in SKU order. */
    java.util.List<String> skus() {
        return jdbc.queryForList("select sku from inventory_item order by sku", String.class);
    }
}

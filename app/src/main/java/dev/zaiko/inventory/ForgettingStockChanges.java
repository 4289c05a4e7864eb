package dev.zaiko.inventory;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes stock change journal rows older than {@code zaiko.inventory.stock-changes.keep}: readers
 * follow the journal within seconds, so old rows only take space. Runs as the durable job
 * {@value #TASK} every {@code zaiko.inventory.stock-changes.forget-every}.
 */
@Component
class ForgettingStockChanges {

    /** The recurring job's name in {@code scheduled_tasks}. */
    static final String TASK = "inventory-stock-changes-cleanup";

    private static final Logger log = LoggerFactory.getLogger(ForgettingStockChanges.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final StockChangesProperties properties;

    ForgettingStockChanges(JdbcTemplate jdbc, Clock clock, StockChangesProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** @return how many rows were deleted */
    int forget() {
        int deleted = jdbc.update("delete from inventory_stock_change where changed_at < ?",
                Timestamp.from(clock.instant().minus(properties.keep())));
        if (deleted > 0) log.info("Stock change journal: {} rows older than {} deleted", deleted, properties.keep());
        return deleted;
    }
}

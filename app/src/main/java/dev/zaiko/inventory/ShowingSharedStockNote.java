package dev.zaiko.inventory;

import dev.zaiko.platform.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The per-SKU display switch of the shared-stock note: when on, every channel whose pool is shared
 * with another channel says so next to IN_STOCK and LOW ("availability.sharedWithOtherChannels"), not
 * only channels that sell from a store's shelf (which always say so). Off by default. Insight's
 * display feedback turns it on when orders failed on such a channel while it showed the SKU in stock.
 */
@Component
public class ShowingSharedStockNote {

    private final JdbcTemplate jdbc;

    ShowingSharedStockNote(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws NotFoundException for a SKU the inventory does not know */
    @Transactional
    public void show(String sku, boolean on) {
        if (jdbc.update("update inventory_item set shared_stock_note = ? where sku = ?", on, sku) == 0) {
            throw new NotFoundException("No inventory item '" + sku + "'.");
        }
    }

    /** @throws NotFoundException for a SKU the inventory does not know */
    public boolean shows(String sku) {
        return jdbc.query("select shared_stock_note from inventory_item where sku = ?", (rs, i) -> rs.getBoolean(1), sku)
                .stream().findFirst().orElseThrow(() -> new NotFoundException("No inventory item '" + sku + "'."));
    }
}

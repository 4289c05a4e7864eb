package dev.zaiko.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the stock change journal ({@code inventory_stock_change}): the reservation engine writes
 * one row per batch that changed a SKU, in the batch's own transaction, so a change that committed
 * is always found here, also when the process died before the engine's in-memory
 * {@link StockChanged} announcement. (Every other stock change announces {@link StockChanged}
 * inside its own transaction, where listeners write what they need in that transaction.)
 * <p>
 * A reader keeps a position and asks for what changed since. The position is a transaction id
 * horizon, not a row number: {@link #since} answers only rows of transactions older than every
 * transaction still running, and the next position is that horizon. A row whose transaction
 * commits later always lies at or after the horizon, so a reader never skips it (with a sequence,
 * numbers taken in one order and committed in another would be skipped). See docs/reliability.md.
 * <p>
 * Any number of readers follow it, each from a position of its own that it keeps in its own module
 * (channel sync: {@code channel_stock_change_cursor}; the order module, for releases that let
 * waiting backorders be filled: {@code orders_stock_change_cursor}); this class keeps no position
 * and knows none of them. Rows are kept {@code zaiko.inventory.stock-changes.keep} (1 day)
 * whatever the readers' positions: a reader that stops reading longer than that misses rows.
 */
@Component
public class FollowingStockChanges {

    /** Where a reader that never read starts: every row the journal still keeps. */
    public static final long START = 0;

    /**
     * @param sku                  the SKU
     * @param since                its earliest change in the answer
     * @param sellableMayHaveRisen some of its changes may have made units sellable (a release)
     */
    public record ChangedSku(String sku, Instant since, boolean sellableMayHaveRisen) {
    }

    /**
     * @param skus every SKU changed between the asked position and {@code next}
     * @param next the position to ask from next time
     */
    public record Changes(List<ChangedSku> skus, long next) {
    }

    private final JdbcTemplate jdbc;

    FollowingStockChanges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What changed at or after {@code position} in transactions that have all ended. One statement,
     * so the horizon and the rows come from one snapshot. Runs in the caller's transaction, if any:
     * ask before that transaction writes anything (its own id would hold the horizon back, delaying
     * rows to the next call, never losing them).
     */
    public Changes since(long position) {
        List<ChangedSku> skus = new ArrayList<>();
        long[] horizon = {position};
        jdbc.query("""
                with h as (select pg_snapshot_xmin(pg_current_snapshot()) as horizon)
                select h.horizon::text, c.sku, min(c.changed_at), bool_or(c.sellable_rose)
                from h left join inventory_stock_change c on c.tx >= ?::text::xid8 and c.tx < h.horizon
                group by h.horizon, c.sku
                order by c.sku
                """, rs -> {
            horizon[0] = Math.max(horizon[0], Long.parseLong(rs.getString(1)));
            String sku = rs.getString(2);
            if (sku != null) skus.add(new ChangedSku(sku, rs.getTimestamp(3).toInstant(), rs.getBoolean(4)));
        }, Long.toString(position));
        return new Changes(List.copyOf(skus), horizon[0]);
    }
}

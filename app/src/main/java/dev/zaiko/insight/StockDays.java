package dev.zaiko.insight;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import dev.zaiko.inventory.AvailabilityLevel;
import dev.zaiko.inventory.ChannelStock;
import dev.zaiko.inventory.CheckingAvailability;
import dev.zaiko.platform.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records what each channel can sell of a SKU into today's row of {@code insight_stock_day} (the shop's
 * time zone): the lowest and the last ATS of the day, whether it was 0 at some point, how many times it
 * fell from above 0 to 0, and whether the channel showed LOW. A day's first look compares with the
 * channel's last recorded day, so a fall to 0 across midnight counts as that day's sell-out.
 * <p>
 * These rows are observations, not facts folded from the journal: a rebuild leaves them alone.
 * Looks at one SKU are serialised by a per-SKU advisory lock (the live follower and the daily job,
 * on any instance). Every write of a day row also updates the monthly roll-up {@code insight_stock_month}
 * (a database trigger, V73: the same statement, so the same transaction and lock), which the list of SKUs
 * that sell out most often reads.
 */
@Component
class StockDays {

    private final JdbcTemplate jdbc;
    private final CheckingAvailability availability;
    private final TransactionTemplate tx;
    private final Clock clock;

    StockDays(JdbcTemplate jdbc, CheckingAvailability availability, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.availability = availability;
        this.tx = tx;
        this.clock = clock;
    }

    /** Looks at the SKU on every channel now and records it in today's rows; an unknown SKU is ignored. */
    void look(String sku) {
        tx.executeWithoutResult(status -> {
            // read under the lock: two looks at one SKU write in the order they read
            jdbc.queryForObject("select pg_advisory_xact_lock(hashtext('insight_stock_day'), hashtext(?))::text",
                    String.class, sku);
            List<ChannelStock> stock;
            try {
                stock = availability.everyChannel(sku);
            } catch (NotFoundException e) {
                return;
            }
            LocalDate today = LocalDate.now(clock);
            Timestamp now = Timestamp.from(clock.instant());
            // the channels recorded for the SKU so far, read once for the look, not once per channel
            java.util.Set<String> recorded = new java.util.HashSet<>(jdbc.queryForList(
                    "select distinct channel from insight_stock_day where sku = ?", String.class, sku));
            for (ChannelStock s : stock) {
                // a channel is recorded from the first time it could sell the SKU: one that never could (it
                // sells from other locations, or never got the SKU) is not "out of stock every day"
                if (s.ats() > 0 || recorded.contains(s.channel())) record(s, today, now);
            }
        });
    }

    /** Looks at every SKU the inventory knows (the daily job: days without a change get their row). */
    int lookAtAll() {
        int n = 0;
        for (String sku : availability.skus()) {
            try {
                look(sku);
                n++;
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(StockDays.class).error("Could not record the stock of {}", sku, e);
            }
        }
        return n;
    }

    private void record(ChannelStock s, LocalDate day, Timestamp now) {
        int ats = Math.max(0, s.ats());
        boolean low = s.level() == AvailabilityLevel.LOW;
        jdbc.update("""
                insert into insight_stock_day as d (sku, channel, day, min_ats, close_ats, out, sellouts, low, looked_at)
                values (?, ?, ?, ?, ?, ?,
                        case when ? = 0 and coalesce((select p.close_ats from insight_stock_day p
                             where p.sku = ? and p.channel = ? and p.day < ? order by p.day desc limit 1), 0) > 0
                             then 1 else 0 end,
                        ?, ?)
                on conflict (sku, channel, day) do update set
                    min_ats = least(d.min_ats, excluded.min_ats),
                    close_ats = excluded.close_ats,
                    out = d.out or excluded.out,
                    sellouts = d.sellouts + case when excluded.close_ats = 0 and d.close_ats > 0 then 1 else 0 end,
                    low = d.low or excluded.low,
                    looked_at = excluded.looked_at
                """,
                s.sku(), s.channel(), Date.valueOf(day), ats, ats, ats == 0,
                ats, s.sku(), s.channel(), Date.valueOf(day),
                low, now);
    }
}

package dev.zaiko.insight;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reorder suggestions list, precomputed (docs/insight-reorder.md#freshness): {@link #refresh()}
 * computes every listed SKU with {@link SuggestingReorders} (the same numbers as a live answer) and
 * replaces {@code insight_reorder_suggestion} in one transaction (readers see the old list until it
 * commits); {@link #list} reads it, filtered and ordered in SQL, and puts each row into the reader's
 * language.
 */
@Service
public class ReorderSuggestionTable {

    private static final Logger log = LoggerFactory.getLogger(ReorderSuggestionTable.class);
    /** Serializes refreshes across instances (a transaction-scoped advisory lock). */
    private static final long REFRESH_LOCK = 0x7265_6f72_6465_72L; // "reorder"
    private static final int BATCH = 500;

    /**
     * One page of the stored list.
     *
     * @param today       the day the dates were counted from (the day of the refresh); null before the first
     * @param computedAt  when the list was computed; null before the first refresh
     * @param total       the rows the filter matches (suggestions holds at most the limit)
     */
    public record Listed(LocalDate today, Instant computedAt, int total, List<ReorderSuggestion> suggestions) {
    }

    /** @param skus the rows written */
    public record Refreshed(Instant computedAt, LocalDate today, int skus, long tookMs) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SuggestingReorders suggesting;

    private final ReorderSettings settings;

    ReorderSuggestionTable(JdbcTemplate jdbc, Clock clock, SuggestingReorders suggesting, ReorderSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.suggesting = suggesting;
        this.settings = settings;
    }

    /**
     * A supervisor changes the service level and/or the review period ({@link ReorderSettings#change}),
     * and every stored suggestion is recomputed for it in the same transaction.
     */
    @Transactional
    public ReorderSettings.Setting changeSettings(java.math.BigDecimal serviceLevelPercent, Integer reviewPeriodDays) {
        ReorderSettings.Setting changed = settings.change(serviceLevelPercent, reviewPeriodDays);
        refresh();
        return changed;
    }

    /** The stored list is missing, or older than {@code age}: time for a refresh. */
    @Transactional(readOnly = true)
    public boolean staleAfter(Duration age) {
        Instant at = computedAt();
        return at == null || at.isBefore(clock.instant().minus(age));
    }

    /** Recomputes every SKU's suggestion and replaces the stored list with them. */
    @Transactional
    public Refreshed refresh() {
        long started = System.nanoTime();
        jdbc.queryForList("select pg_advisory_xact_lock(?)", REFRESH_LOCK);
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as PostgreSQL keeps it
        LocalDate today = suggesting.today();
        List<SuggestingReorders.Computed> all = suggesting.computeAll(null, SuggestingReorders.PAGE);
        jdbc.update("delete from insight_reorder_suggestion");
        Timestamp computedAt = Timestamp.from(at);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Object[]> rows = new ArrayList<>();
            for (SuggestingReorders.Computed c : all.subList(from, Math.min(all.size(), from + BATCH))) {
                rows.add(new Object[]{c.sku(), c.nameJa(), c.nameEn(), c.quantity(), date(c.orderBy()),
                        date(c.arrivesBy()), c.late(), c.method().name(), c.rate(), c.sigma(), c.historyDays(),
                        c.demandDays(), c.cappedDays(), c.cap(), c.leadTimeDays(), c.defaultLeadTime(),
                        c.reviewPeriodDays(), c.serviceLevelPercent(), c.safetyStock(), c.onHand(), c.inbound(),
                        c.waiting(), c.stockoutCases(), c.countDifferences(),
                        c.flags().stream().map(Enum::name).toArray(String[]::new), c.demanded(), computedAt});
            }
            jdbc.batchUpdate("""
                    insert into insight_reorder_suggestion (sku, name_ja, name_en, quantity, order_by, arrives_by,
                        late, method, rate, sigma, history_days, demand_days, capped_days, cap, lead_time_days,
                        default_lead_time, review_period_days, service_level_percent, safety_stock, on_hand, inbound,
                        waiting, stockout_cases, count_differences, flags, demanded, computed_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        }
        long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        jdbc.update("""
                insert into insight_reorder_refresh (id, computed_at, today, skus, took_ms) values (true, ?, ?, ?, ?)
                on conflict (id) do update set computed_at = excluded.computed_at, today = excluded.today,
                    skus = excluded.skus, took_ms = excluded.took_ms""",
                computedAt, Date.valueOf(today), all.size(), tookMs);
        log.info("insight recomputed the reorder suggestions of {} SKU(s) in {} ms", all.size(), tookMs);
        return new Refreshed(at, today, all.size(), tookMs);
    }

    /** When the stored list was last computed; null before the first refresh. */
    @Transactional(readOnly = true)
    public Instant computedAt() {
        return jdbc.query("select computed_at from insight_reorder_refresh", (rs, i) -> rs.getTimestamp(1).toInstant())
                .stream().findFirst().orElse(null);
    }

    /**
     * The stored suggestions, sorted by the day to order (nothing to order last), then by SKU.
     *
     * @param sku   only this SKU, or null
     * @param flag  only SKUs with this flag, or null
     * @param limit the most rows to return, or null for all
     */
    @Transactional(readOnly = true)
    public Listed list(String sku, ReorderSuggestion.Flag flag, Integer limit, Locale locale) {
        return list(sku, flag, limit, 0, locale);
    }

    /** The same, from the {@code offset}-th row on (0 = the first). */
    @Transactional(readOnly = true)
    public Listed list(String sku, ReorderSuggestion.Flag flag, Integer limit, int offset, Locale locale) {
        String flagName = flag == null ? null : flag.name();
        Object[] refresh = jdbc.query("select computed_at, today from insight_reorder_refresh",
                        (rs, i) -> new Object[]{rs.getTimestamp(1).toInstant(), rs.getDate(2).toLocalDate()})
                .stream().findFirst().orElse(new Object[]{null, null});
        Integer total = jdbc.queryForObject("""
                select count(*) from insight_reorder_suggestion
                where (?::text is null or sku = ?) and (?::text is null or ? = any(flags))""",
                Integer.class, sku, sku, flagName, flagName);
        List<ReorderSuggestion> rows = jdbc.query("""
                select * from insight_reorder_suggestion
                where (?::text is null or sku = ?) and (?::text is null or ? = any(flags))
                order by order_by nulls last, sku collate "C" limit ?::integer offset ?""",
                (rs, i) -> suggesting.render(computed(rs), locale), sku, sku, flagName, flagName, limit, offset);
        return new Listed((LocalDate) refresh[1], (Instant) refresh[0], total == null ? 0 : total, rows);
    }

    private static SuggestingReorders.Computed computed(ResultSet rs) throws SQLException {
        Array flags = rs.getArray("flags");
        List<ReorderSuggestion.Flag> parsed = Arrays.stream((String[]) flags.getArray())
                .map(ReorderSuggestion.Flag::valueOf).toList();
        return new SuggestingReorders.Computed(rs.getString("sku"), rs.getString("name_ja"), rs.getString("name_en"),
                rs.getLong("quantity"), localDate(rs.getDate("order_by")), localDate(rs.getDate("arrives_by")),
                rs.getBoolean("late"), DemandForecast.Method.valueOf(rs.getString("method")), rs.getDouble("rate"),
                rs.getDouble("sigma"), rs.getInt("history_days"), rs.getInt("demand_days"), rs.getInt("capped_days"),
                rs.getDouble("cap"), rs.getInt("lead_time_days"), rs.getBoolean("default_lead_time"),
                rs.getInt("review_period_days"), rs.getBigDecimal("service_level_percent"), rs.getLong("safety_stock"),
                rs.getInt("on_hand"), rs.getInt("inbound"), rs.getInt("waiting"), rs.getInt("stockout_cases"),
                rs.getInt("count_differences"), parsed, rs.getBoolean("demanded"));
    }

    private static Date date(LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}

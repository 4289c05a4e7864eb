package dev.zaiko.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.Products;
import dev.zaiko.inventory.CheckingStockLedger;
import dev.zaiko.inventory.ExpectingInbounds;
import dev.zaiko.inventory.Inbound;
import dev.zaiko.inventory.StockLevel;
import dev.zaiko.restock.RestockAlerts;
import dev.zaiko.restock.RestockQueue;
import dev.zaiko.shop.ShopCalendar;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reorder suggestions per SKU (docs/insight-reorder.md): the demand forecast from insight's own
 * demand table ({@link DemandForecast}), the stock, open inbounds and back-in-stock queue from the
 * inventory and restock modules' public queries, the lead time from the catalog, and the plan
 * ({@link ReorderPlan}) for the shop's service level and review period. Plus two flags: stockouts
 * that repeat (from {@code insight_case}) and counts that keep differing (from {@code insight_count}).
 */
@Service
@Transactional(readOnly = true)
public class SuggestingReorders {

    /** The days of demand a forecast reads (ending yesterday), and the span the flags look at. */
    static final int WINDOW_DAYS = 90;
    static final int REPEAT_CASES = 3;
    static final int REPEAT_EPISODES = 2;
    /** Cases further apart than this belong to different sell-out episodes. */
    static final int EPISODE_GAP_DAYS = 7;
    static final int COUNT_DIFFERENCES = 2;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ShopCalendar calendar;
    private final Products products;
    private final CheckingStockLedger ledger;
    private final ExpectingInbounds inbounds;
    private final RestockAlerts restock;
    private final ReorderSettings settings;
    private final ReorderProperties properties;
    private final MessageSource messages;

    SuggestingReorders(JdbcTemplate jdbc, Clock clock, ShopCalendar calendar, Products products,
                       CheckingStockLedger ledger, ExpectingInbounds inbounds, RestockAlerts restock,
                       ReorderSettings settings, ReorderProperties properties, MessageSource messages) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.calendar = calendar;
        this.products = products;
        this.ledger = ledger;
        this.inbounds = inbounds;
        this.restock = restock;
        this.settings = settings;
        this.properties = properties;
        this.messages = messages;
    }

    /**
     * What a SKU's suggestion is made of, before it is put into words: the numbers the list shows and
     * the parameters of its reason, in no language (both product names kept). What
     * {@code insight_reorder_suggestion} stores, one row per SKU.
     */
    record Computed(String sku, String nameJa, String nameEn, long quantity, LocalDate orderBy,
                    LocalDate arrivesBy, boolean late, DemandForecast.Method method, double rate, double sigma,
                    int historyDays, int demandDays, int cappedDays, double cap, int leadTimeDays,
                    boolean defaultLeadTime, int reviewPeriodDays, BigDecimal serviceLevelPercent, long safetyStock,
                    int onHand, int inbound, int waiting, int stockoutCases, int countDifferences,
                    List<ReorderSuggestion.Flag> flags, boolean demanded) {
    }

    /** The SKUs a list names (read live): the inputs gathered in bulk. */
    private record Inputs(LocalDate today, TreeSet<String> skus, Map<String, int[]> demand,
                          Map<String, Integer> waiting, Map<String, Integer> cases, Map<String, Integer> episodes,
                          Map<String, Integer> differences) {
    }

    /**
     * Every SKU with demand in the last 90 days, people waiting for it or a flag, sorted by the day to
     * order (those with nothing to order last), then by SKU, computed now (the stored list is
     * {@link ReorderSuggestionTable}; this is what it stores, and what one SKU's answer is).
     *
     * @param sku  only this SKU, or null
     * @param flag only SKUs with this flag, or null
     */
    public List<ReorderSuggestion> list(String sku, ReorderSuggestion.Flag flag, Locale locale) {
        List<ReorderSuggestion> all = new ArrayList<>();
        for (Computed c : computeAll(sku, PAGE)) {
            if (flag == null || c.flags().contains(flag)) all.add(render(c, locale));
        }
        return all;
    }

    /** The SKUs looked at in one go when computing all of them (products, stock, inbounds). */
    static final int PAGE = 1000;

    /** Every listed SKU's suggestion, computed now, in list order. */
    List<Computed> computeAll(String sku, int page) {
        Inputs in = inputs(sku);
        ReorderSettings.Setting setting = settings.current();
        List<String> skus = new ArrayList<>(in.skus());
        List<Computed> all = new ArrayList<>(skus.size());
        for (int from = 0; from < skus.size(); from += page) {
            List<String> part = skus.subList(from, Math.min(skus.size(), from + page));
            Map<String, Product> known = products.find(part);
            Map<String, List<StockLevel>> levels = new HashMap<>();
            for (StockLevel level : ledger.levels(part)) levels.computeIfAbsent(level.sku(), s -> new ArrayList<>()).add(level);
            Map<String, List<Inbound>> expected = new HashMap<>();
            for (Inbound i : inbounds.expected(part)) expected.computeIfAbsent(i.sku(), s -> new ArrayList<>()).add(i);
            for (String s : part) {
                all.add(compute(s, in.today(), in.demand().getOrDefault(s, new int[WINDOW_DAYS]),
                        Optional.ofNullable(known.get(s)), levels.getOrDefault(s, List.of()),
                        expected.getOrDefault(s, List.of()), in.waiting().getOrDefault(s, 0),
                        in.cases().getOrDefault(s, 0), repeats(in.cases(), in.episodes(), s),
                        in.differences().getOrDefault(s, 0), setting));
            }
        }
        all.sort(Comparator.comparing(Computed::orderBy, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Computed::sku));
        return all;
    }

    private Inputs inputs(String sku) {
        LocalDate today = today();
        Map<String, int[]> demand = demand(sku, today);
        Map<String, Integer> waiting = waiting(sku);
        Map<String, Integer> cases = new HashMap<>();
        Map<String, Integer> episodes = new HashMap<>();
        stockouts(sku, cases, episodes);
        Map<String, Integer> differences = countDifferences(sku);
        TreeSet<String> skus = new TreeSet<>(demand.keySet());
        waiting.forEach((s, w) -> {
            if (w > 0) skus.add(s);
        });
        cases.keySet().stream().filter(s -> repeats(cases, episodes, s)).forEach(skus::add);
        differences.forEach((s, d) -> {
            if (d >= COUNT_DIFFERENCES) skus.add(s);
        });
        return new Inputs(today, skus, demand, waiting, cases, episodes, differences);
    }

    /** The suggestion for one SKU (quantity 0 when it has no demand); empty for a SKU nobody knows. */
    public Optional<ReorderSuggestion> one(String sku, Locale locale) {
        List<ReorderSuggestion> listed = list(sku, null, locale);
        if (!listed.isEmpty()) return Optional.of(listed.get(0));
        Optional<Product> product = products.find(sku);
        if (product.isEmpty()) return Optional.empty();
        return Optional.of(render(compute(sku, today(), new int[WINDOW_DAYS], product, ledger.levels(sku),
                inbounds.expected(List.of(sku)), 0, 0, false, 0, settings.current()), locale));
    }

    /** Today in the shop's time zone: the day suggestions count from. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), calendar.zone());
    }

    private Computed compute(String sku, LocalDate today, int[] window, Optional<Product> product,
                             List<StockLevel> levels, List<Inbound> expected, int waiting, int cases,
                             boolean repeats, int differences, ReorderSettings.Setting setting) {
        Integer own = product.map(Product::leadTimeDays).orElse(null);
        int leadTime = own == null ? properties.defaultLeadTimeDays() : own;
        int onHand = 0;
        for (StockLevel level : levels) onHand += level.sellable() + level.inspecting();
        List<ReorderPlan.Incoming> incoming = new ArrayList<>();
        int inbound = 0;
        for (Inbound in : expected) {
            incoming.add(new ReorderPlan.Incoming((int) Math.max(0, ChronoUnit.DAYS.between(today, in.expectedOn())),
                    in.quantity()));
            inbound += in.quantity();
        }
        DemandForecast forecast = DemandForecast.of(window);
        double z = new NormalDistribution().inverseCumulativeProbability(
                setting.serviceLevelPercent().doubleValue() / 100);
        boolean demanded = forecast.method() != DemandForecast.Method.NONE || waiting > 0;
        ReorderPlan plan = demanded
                ? ReorderPlan.of(forecast.rate(), forecast.sigma(), z, onHand, waiting, incoming, leadTime,
                setting.reviewPeriodDays())
                : new ReorderPlan(0, null, null, 0, false);
        List<ReorderSuggestion.Flag> flags = new ArrayList<>();
        if (repeats) flags.add(ReorderSuggestion.Flag.REPEAT_STOCKOUTS);
        if (differences >= COUNT_DIFFERENCES) flags.add(ReorderSuggestion.Flag.COUNT_DIFFERS);
        LocalDate orderBy = plan.orderInDays() == null ? null : today.plusDays(plan.orderInDays());
        LocalDate arrivesBy = plan.arrivalInDays() == null ? null : today.plusDays(plan.arrivalInDays());
        long safety = (long) Math.ceil(plan.safetyStock() - 1e-9);
        return new Computed(sku, product.map(p -> p.name().ja()).orElse(null),
                product.map(p -> p.name().en()).orElse(null), plan.quantity(), orderBy, arrivesBy, plan.late(),
                forecast.method(), forecast.rate(), forecast.sigma(), forecast.historyDays(), forecast.demandDays(),
                forecast.cappedDays(), forecast.cap(), leadTime, own == null, setting.reviewPeriodDays(),
                setting.serviceLevelPercent(), safety, onHand, inbound, waiting, cases, differences,
                List.copyOf(flags), demanded);
    }

    /** The suggestion in the caller's language (name, flag texts, reason). */
    ReorderSuggestion render(Computed c, Locale locale) {
        List<String> flagTexts = c.flags().stream().map(f -> text("insight.reorder.flag." + f.name(), locale)).toList();
        String name = "en".equals(locale.getLanguage()) && c.nameEn() != null ? c.nameEn() : c.nameJa();
        return new ReorderSuggestion(c.sku(), name, c.quantity(), c.orderBy(), c.arrivesBy(), c.late(),
                c.method().name(), round(c.rate()), round(c.sigma()), c.historyDays(), c.leadTimeDays(),
                c.defaultLeadTime(), c.reviewPeriodDays(), c.serviceLevelPercent(), c.safetyStock(), c.onHand(),
                c.inbound(), c.waiting(), c.stockoutCases(), c.countDifferences(), c.flags(), flagTexts,
                reason(c, locale));
    }

    private String reason(Computed c, Locale locale) {
        List<String> parts = new ArrayList<>();
        switch (c.method()) {
            case SES -> parts.add(text("insight.reorder.reason.ses", locale, round(c.rate()), c.historyDays()));
            case CROSTON_SBA -> parts.add(text("insight.reorder.reason.croston", locale, round(c.rate()),
                    c.historyDays(), c.demandDays()));
            case NONE -> parts.add(text("insight.reorder.reason.none", locale));
        }
        if (c.cappedDays() > 0) {
            parts.add(text("insight.reorder.reason.capped", locale, c.cappedDays(), round(c.cap())));
        }
        if (c.demanded()) {
            parts.add(text(c.defaultLeadTime() ? "insight.reorder.reason.lead-time-default"
                    : "insight.reorder.reason.lead-time", locale, c.leadTimeDays()));
            parts.add(text("insight.reorder.reason.safety", locale, c.safetyStock(),
                    c.serviceLevelPercent().toPlainString(), c.reviewPeriodDays()));
        }
        parts.add(text("insight.reorder.reason.on-hand", locale, c.onHand()));
        if (c.inbound() > 0) parts.add(text("insight.reorder.reason.inbound", locale, c.inbound()));
        if (c.waiting() > 0) parts.add(text("insight.reorder.reason.waiting", locale, c.waiting()));
        if (c.late()) parts.add(text("insight.reorder.reason.late", locale));
        if (c.demanded() && c.orderBy() == null) {
            parts.add(text("insight.reorder.reason.no-order", locale, ReorderPlan.HORIZON_DAYS));
        }
        return String.join(text("insight.reorder.reason.separator", locale), parts);
    }

    /** Units demanded per SKU and day over the window (index 0 = 90 days ago, last = yesterday). */
    private Map<String, int[]> demand(String sku, LocalDate today) {
        LocalDate first = today.minusDays(WINDOW_DAYS);
        Map<String, int[]> demand = new HashMap<>();
        jdbc.query("""
                select sku, array_agg(day - ?::date), array_agg(ordered_units + till_units) from insight_sku_demand
                where day >= ? and day < ? and (?::text is null or sku = ?) and ordered_units + till_units > 0
                group by sku""",
                rs -> {
                    Integer[] days = (Integer[]) rs.getArray(2).getArray();
                    Integer[] units = (Integer[]) rs.getArray(3).getArray();
                    int[] window = demand.computeIfAbsent(rs.getString(1), s -> new int[WINDOW_DAYS]);
                    for (int i = 0; i < days.length; i++) window[days[i]] += units[i];
                }, first, first, today, sku, sku);
        return demand;
    }

    private Map<String, Integer> waiting(String sku) {
        Map<String, Integer> waiting = new HashMap<>();
        for (RestockQueue queue : restock.queues(sku)) waiting.merge(queue.sku(), queue.waiting(), Integer::sum);
        return waiting;
    }

    private void stockouts(String sku, Map<String, Integer> cases, Map<String, Integer> episodes) {
        Map<String, Instant> lastAt = new HashMap<>();
        jdbc.query("""
                select c.sku, c.detected_at from insight_case c
                where c.detected_at >= ? and (?::text is null or c.sku = ?)
                  and not exists (select 1 from insight_case_withdrawal w where w.case_id = c.case_id)
                order by c.sku, c.detected_at""", rs -> {
            String s = rs.getString(1);
            Instant at = rs.getTimestamp(2).toInstant();
            cases.merge(s, 1, Integer::sum);
            Instant previous = lastAt.put(s, at);
            if (previous == null || java.time.Duration.between(previous, at).toDays() > EPISODE_GAP_DAYS) {
                episodes.merge(s, 1, Integer::sum);
            }
        }, Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(WINDOW_DAYS))), sku, sku);
    }

    private static boolean repeats(Map<String, Integer> cases, Map<String, Integer> episodes, String sku) {
        return cases.getOrDefault(sku, 0) >= REPEAT_CASES || episodes.getOrDefault(sku, 0) >= REPEAT_EPISODES;
    }

    private Map<String, Integer> countDifferences(String sku) {
        Map<String, Integer> differences = new HashMap<>();
        jdbc.query("""
                select sku, count(*) from insight_count
                where counted <> expected and at >= ? and (?::text is null or sku = ?) group by sku""",
                rs -> {
                    differences.put(rs.getString(1), rs.getInt(2));
                }, Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(WINDOW_DAYS))), sku, sku);
        return differences;
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private static double round(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}

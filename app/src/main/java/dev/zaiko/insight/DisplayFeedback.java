package dev.zaiko.insight;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.Products;
import dev.zaiko.catalog.RegisteringProducts;
import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.Location;
import dev.zaiko.inventory.LocationKind;
import dev.zaiko.inventory.ProtectingStock;
import dev.zaiko.inventory.Protection;
import dev.zaiko.inventory.ProtectionKind;
import dev.zaiko.inventory.ShowingSharedStockNote;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.order.OrderLineShort;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Display feedback: SKUs whose orders failed although the channel had accepted them as in stock (a
 * stockout case on a line that was not backordered: the allocation failed, a till sale displaced it,
 * or the unit was defective at packing) get a suggestion to change what the channels show, with the
 * reason in words:
 * <ul>
 * <li>{@link Kind#RAISE_LOW_THRESHOLD}: the channel showed IN_STOCK that day (LOW was never seen): a
 * higher low-stock threshold shows 残りわずか sooner (catalog: the product's lowStockThreshold);</li>
 * <li>{@link Kind#SHARED_STOCK_NOTE}: the channel shares its pool with another channel but did not say
 * so (only store pools say it by default): the SKU's shared-stock note ({@link ShowingSharedStockNote});</li>
 * <li>{@link Kind#PROTECT_FOR_STORE}: till sales displaced online orders: the store keeps units
 * (an inventory STORE_KEEPS protection at the store).</li>
 * </ul>
 * Suggestions are computed from the read tables and stored ({@code insight_display_suggestion}): all of
 * them by {@link #refresh()} (the {@code insight-display-refresh} job, at start when stale, after a
 * rebuild), one SKU's when a case on it is recorded live or a supervisor decides on one. The list and
 * the page read the stored rows a page at a time ({@link #list}). A supervisor applies or dismisses a
 * suggestion (checked against a fresh computation), which is recorded ({@code insight_display_decision})
 * with the newest failure it covered: the same SKU and kind is suggested again only when a newer
 * failure comes.
 */
@Component
public class DisplayFeedback implements InsightLiveFollower {

    /** How far back failures are read. */
    static final int LOOK_BACK_DAYS = 180;

    /** How many of a suggestion's case ids the list keeps (the newest); caseCount says how many there are. */
    static final int CASES_LISTED = 5;
    /** Serializes a full refresh (exclusive) against one SKU's (shared), across instances. */
    private static final long REFRESH_LOCK = 0x6469_7370_6c61_79L; // "display"
    private static final int BATCH = 500;

    static final List<String> FAILURES = List.of(OrderLineShort.ALLOCATION_FAILED, OrderLineShort.DISPLACED,
            OrderLineShort.INSPECTION_DEFECT);

    public enum Kind { RAISE_LOW_THRESHOLD, SHARED_STOCK_NOTE, PROTECT_FOR_STORE }

    /**
     * @param id             what apply and dismiss take
     * @param channels       the channels the failures came on
     * @param caseCount      how many stockout cases it is made of
     * @param cases          the newest of them (at most {@value #CASES_LISTED} in the list; all of them when one
     *                       suggestion is read on its own), newest first
     * @param currentValue   the low-stock threshold now (RAISE_LOW_THRESHOLD), else null
     * @param suggestedValue the new threshold, or the units the store keeps; null for the note
     * @param location       the store that keeps units (PROTECT_FOR_STORE), else null
     */
    public record Suggestion(String id, String sku, Kind kind, List<String> channels, int failures,
                             Instant lastFailureAt, int caseCount, List<String> cases, Integer currentValue,
                             Integer suggestedValue, String location, String reason) {
    }

    /**
     * One page of the stored list.
     *
     * @param computedAt when the list was last computed in full; null before the first time
     * @param total      every stored suggestion (suggestions holds those from offset, at most limit)
     */
    public record Page(Instant computedAt, int total, int limit, int offset, List<Suggestion> suggestions) {

        /** Where the next page starts, or null on the last one. */
        @com.fasterxml.jackson.annotation.JsonProperty("nextOffset")
        public Integer nextOffset() {
            return offset + suggestions.size() < total && !suggestions.isEmpty() ? offset + suggestions.size() : null;
        }
    }

    /** @param suggestions the rows written */
    public record Refreshed(Instant computedAt, int suggestions, long tookMs) {
    }

    public record Decision(String sku, Kind kind, String action, Instant decidedThrough, String detail,
                           String decidedBy, Instant decidedAt) {
    }

    private final JdbcTemplate jdbc;
    private final Products products;
    private final RegisteringProducts registering;
    private final StockNetwork network;
    private final ProtectingStock protecting;
    private final ShowingSharedStockNote note;
    private final MessageSource messages;
    private final Clock clock;

    DisplayFeedback(JdbcTemplate jdbc, Products products, RegisteringProducts registering, StockNetwork network,
                    ProtectingStock protecting, ShowingSharedStockNote note, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.products = products;
        this.registering = registering;
        this.network = network;
        this.protecting = protecting;
        this.note = note;
        this.messages = messages;
        this.clock = clock;
    }

    private record Failure(String caseId, String sku, String reason, Instant detectedAt, String channel, int quantity,
                           LocalDate day, Boolean lowSeen) {
    }

    /** Every open suggestion computed now, the most failures first, each with all its case ids. */
    List<Suggestion> suggestions(Locale locale) {
        return suggestions(null, locale);
    }

    /** One open suggestion computed now, with all its case ids. */
    public Optional<Suggestion> one(String id, Locale locale) {
        String[] skuAndKind = parse(id);
        return suggestions(skuAndKind[0], locale).stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private List<Suggestion> suggestions(String onlySku, Locale locale) {
        Instant since = clock.instant().minus(java.time.Duration.ofDays(LOOK_BACK_DAYS));
        List<Failure> failures = jdbc.query("""
                select c.case_id, c.sku, c.reason, c.detected_at, o.channel, l.quantity,
                       (o.placed_at at time zone ?)::date as day, d.low
                from insight_case c
                join insight_order o on o.order_number = c.order_number
                join insight_order_line l on l.order_number = c.order_number and l.line_no = c.line_no
                left join insight_stock_day d on d.sku = c.sku and d.channel = o.channel
                     and d.day = (o.placed_at at time zone ?)::date
                where not l.backordered and c.reason = any (?)
                  and not exists (select 1 from insight_case_withdrawal w where w.case_id = c.case_id)
                  and c.detected_at >= ?""" + (onlySku == null ? "\n" : " and c.sku = ?\n") + """
                order by c.detected_at, c.case_id""",
                (rs, i) -> new Failure(rs.getString("case_id"), rs.getString("sku"), rs.getString("reason"),
                        rs.getTimestamp("detected_at").toInstant(), rs.getString("channel"), rs.getInt("quantity"),
                        rs.getObject("day", LocalDate.class), (Boolean) rs.getObject("low")),
                onlySku == null
                        ? new Object[] {clock.getZone().getId(), clock.getZone().getId(),
                                FAILURES.toArray(String[]::new), Timestamp.from(since)}
                        : new Object[] {clock.getZone().getId(), clock.getZone().getId(),
                                FAILURES.toArray(String[]::new), Timestamp.from(since), onlySku});
        if (failures.isEmpty()) return List.of();

        Map<String, Instant> decidedThrough = new HashMap<>();
        jdbc.query("select sku, kind, max(decided_through) from insight_display_decision"
                        + (onlySku == null ? "" : " where sku = ?") + " group by sku, kind",
                rs -> {
                    decidedThrough.put(rs.getString(1) + "|" + rs.getString(2), rs.getTimestamp(3).toInstant());
                }, onlySku == null ? new Object[0] : new Object[] {onlySku});
        List<Channel> channels = network.channels();
        Map<String, Channel> byCode = new HashMap<>();
        channels.forEach(c -> byCode.put(c.code(), c));
        Set<String> stores = new LinkedHashSet<>();
        for (Location l : network.locations()) if (l.kind() == LocationKind.STORE) stores.add(l.code());

        Map<String, List<Failure>> grouped = new LinkedHashMap<>();
        Map<String, String> storeOf = new HashMap<>();
        for (Failure f : failures) {
            Channel channel = byCode.get(f.channel());
            Instant through = null;
            List<Kind> kinds = new ArrayList<>();
            if (f.reason().equals(OrderLineShort.DISPLACED)) {
                Optional<String> store = channel == null || !channel.online() ? Optional.empty()
                        : channel.locations().stream().filter(stores::contains).findFirst();
                if (store.isPresent()) {
                    kinds.add(Kind.PROTECT_FOR_STORE);
                    storeOf.putIfAbsent(f.sku(), store.get());
                }
            } else {
                if (!Boolean.TRUE.equals(f.lowSeen())) kinds.add(Kind.RAISE_LOW_THRESHOLD);
                if (channel != null && channel.online() && channel.locations().stream().noneMatch(stores::contains)
                        && sharesPool(channel, channels)) {
                    kinds.add(Kind.SHARED_STOCK_NOTE);
                }
            }
            for (Kind kind : kinds) {
                through = decidedThrough.get(f.sku() + "|" + kind.name());
                if (through != null && !f.detectedAt().isAfter(through)) continue;
                grouped.computeIfAbsent(f.sku() + "|" + kind.name(), k -> new ArrayList<>()).add(f);
            }
        }

        List<Suggestion> result = new ArrayList<>();
        for (var e : grouped.entrySet()) {
            List<Failure> group = e.getValue();
            String sku = group.get(0).sku();
            Kind kind = Kind.valueOf(e.getKey().substring(e.getKey().lastIndexOf('|') + 1));
            Optional<Product> product = products.find(sku);
            if (product.isEmpty()) continue;
            List<String> onChannels = group.stream().map(Failure::channel).distinct().sorted().toList();
            List<String> cases = new ArrayList<>(group.stream().map(Failure::caseId).distinct().toList());
            java.util.Collections.reverse(cases); // newest first
            Instant last = group.stream().map(Failure::detectedAt).max(Comparator.naturalOrder()).orElseThrow();
            int maxQuantity = group.stream().mapToInt(Failure::quantity).max().orElse(1);
            Integer current = null;
            Integer suggested = null;
            String location = null;
            switch (kind) {
                case RAISE_LOW_THRESHOLD -> {
                    current = product.get().lowStockThreshold();
                    suggested = current + Math.max(1, maxQuantity);
                }
                case SHARED_STOCK_NOTE -> {
                    if (note.shows(sku)) continue; // already on
                }
                case PROTECT_FOR_STORE -> {
                    location = storeOf.get(sku);
                    Map<LocalDate, Integer> perDay = new HashMap<>();
                    group.forEach(f -> perDay.merge(f.day(), f.quantity(), Integer::sum));
                    suggested = Math.max(1, perDay.values().stream().mapToInt(Integer::intValue).max().orElse(1));
                }
            }
            result.add(new Suggestion(idOf(sku, kind), sku, kind, onChannels, group.size(), last, cases.size(),
                    cases, current, suggested, location, reason(kind, group.size(), onChannels, current, suggested,
                    location, locale)));
        }
        result.sort(Comparator.comparingInt(Suggestion::failures).reversed()
                .thenComparing(Suggestion::lastFailureAt, Comparator.reverseOrder()).thenComparing(Suggestion::id));
        return result;
    }

    private String reason(Kind kind, int failures, List<String> channels, Integer current, Integer suggested,
                          String location, Locale locale) {
        if (locale == null) return null; // stored: put into words when read
        return messages.getMessage("insight.display.reason." + kind.name(), new Object[] {
                failures, String.join(", ", channels), current, suggested, location}, locale);
    }

    /** Recomputes every suggestion and replaces the stored list with them, in one transaction. */
    @Transactional
    public Refreshed refresh() {
        long started = System.nanoTime();
        jdbc.queryForObject("select pg_advisory_xact_lock(?)::text", String.class, REFRESH_LOCK);
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        List<Suggestion> all = suggestions(null, null);
        jdbc.update("delete from insight_display_suggestion");
        store(all, at);
        long tookMs = java.time.Duration.ofNanos(System.nanoTime() - started).toMillis();
        jdbc.update("""
                insert into insight_display_refresh (id, computed_at, suggestions, took_ms) values (true, ?, ?, ?)
                on conflict (id) do update set computed_at = excluded.computed_at, suggestions = excluded.suggestions,
                    took_ms = excluded.took_ms""", Timestamp.from(at), all.size(), tookMs);
        return new Refreshed(at, all.size(), tookMs);
    }

    /** Recomputes one SKU's stored suggestions (in the caller's transaction). */
    @Transactional
    public void refresh(String sku) {
        jdbc.queryForObject("select pg_advisory_xact_lock_shared(?)::text", String.class, REFRESH_LOCK);
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext('insight_display_sku'), hashtext(?))::text",
                String.class, sku);
        List<Suggestion> now = suggestions(sku, null);
        jdbc.update("delete from insight_display_suggestion where sku = ?", sku);
        store(now, clock.instant());
    }

    /** The stored list is missing, or older than {@code age}. */
    @Transactional(readOnly = true)
    public boolean staleAfter(java.time.Duration age) {
        Instant at = computedAt();
        return at == null || at.isBefore(clock.instant().minus(age));
    }

    private Instant computedAt() {
        return jdbc.query("select computed_at from insight_display_refresh", (rs, i) -> rs.getTimestamp(1).toInstant())
                .stream().findFirst().orElse(null);
    }

    /** A case recorded live on a SKU (or withdrawn) changes that SKU's suggestions at once. */
    @Override
    public void followed(Object fact) {
        String sku = null;
        if (fact instanceof dev.zaiko.stockout.StockoutOpened o) sku = o.sku();
        else if (fact instanceof dev.zaiko.stockout.StockoutWithdrawn w) {
            sku = jdbc.query("select sku from insight_case where case_id = ?", (rs, i) -> rs.getString(1), w.caseId())
                    .stream().findFirst().orElse(null);
        }
        if (sku != null) refresh(sku);
    }

    private void store(List<Suggestion> suggestions, Instant at) {
        Timestamp computedAt = Timestamp.from(at);
        for (int from = 0; from < suggestions.size(); from += BATCH) {
            List<Object[]> rows = new ArrayList<>();
            for (Suggestion s : suggestions.subList(from, Math.min(suggestions.size(), from + BATCH))) {
                rows.add(new Object[] {s.id(), s.sku(), s.kind().name(), s.channels().toArray(String[]::new),
                        s.failures(), Timestamp.from(s.lastFailureAt()), s.caseCount(),
                        s.cases().subList(0, Math.min(CASES_LISTED, s.cases().size())).toArray(String[]::new),
                        s.currentValue(), s.suggestedValue(), s.location(), computedAt});
            }
            jdbc.batchUpdate("""
                    insert into insight_display_suggestion (id, sku, kind, channels, failures, last_failure_at,
                        case_count, cases, current_value, suggested_value, location, computed_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        }
    }

    /** The most rows one page of the list holds. */
    public static final int MAX_LIMIT = 500;

    /**
     * One page of the stored suggestions, the most failures first (then the newest failure, then the id),
     * the reasons in the reader's language.
     *
     * @param sku only this SKU's, or null
     */
    @Transactional(readOnly = true)
    public Page list(String sku, int limit, int offset, Locale locale) {
        Integer total = jdbc.queryForObject(
                "select count(*) from insight_display_suggestion where (?::text is null or sku = ?)", Integer.class,
                sku, sku);
        List<Suggestion> rows = jdbc.query("""
                select * from insight_display_suggestion where (?::text is null or sku = ?)
                order by failures desc, last_failure_at desc, id collate "C" limit ? offset ?""",
                (rs, i) -> {
                    Kind kind = Kind.valueOf(rs.getString("kind"));
                    List<String> channels = List.of((String[]) rs.getArray("channels").getArray());
                    Integer current = (Integer) rs.getObject("current_value");
                    Integer suggested = (Integer) rs.getObject("suggested_value");
                    String location = rs.getString("location");
                    int failures = rs.getInt("failures");
                    return new Suggestion(rs.getString("id"), rs.getString("sku"), kind, channels, failures,
                            rs.getTimestamp("last_failure_at").toInstant(), rs.getInt("case_count"),
                            List.of((String[]) rs.getArray("cases").getArray()), current, suggested, location,
                            reason(kind, failures, channels, current, suggested, location, locale));
                }, sku, sku, limit, offset);
        return new Page(computedAt(), total == null ? 0 : total, limit, offset, rows);
    }

    private static boolean sharesPool(Channel channel, List<Channel> channels) {
        return channels.stream().anyMatch(other -> !other.code().equals(channel.code())
                && other.locations().stream().anyMatch(channel.locations()::contains));
    }

    /** The applied change, in words for the notice and the record. */
    public record Applied(Suggestion suggestion, String detail) {
    }

    /**
     * Makes the suggested change (catalog: the threshold; inventory: the note or the protection) and
     * records who did it, in one transaction.
     *
     * @throws ConflictException when the suggestion was applied or dismissed already (409)
     * @throws NotFoundException when there is no such suggestion
     */
    @Transactional
    public Applied apply(String id, String by, Locale locale) {
        Suggestion s = open(id, locale);
        String detail = switch (s.kind()) {
            case RAISE_LOW_THRESHOLD -> {
                Product p = products.get(s.sku());
                registering.update(s.sku(), p.toDraft().withLowStockThreshold(s.suggestedValue()));
                yield "lowStockThreshold " + p.lowStockThreshold() + " -> " + s.suggestedValue();
            }
            case SHARED_STOCK_NOTE -> {
                note.show(s.sku(), true);
                yield "sharedStockNote on";
            }
            case PROTECT_FOR_STORE -> {
                Protection p = protecting.protect(ProtectionKind.STORE_KEEPS, s.location(), s.sku(),
                        s.suggestedValue(), null);
                yield "STORE_KEEPS " + p.quantity() + " at " + p.location() + " (protection " + p.id() + ")";
            }
        };
        decide(s, "APPLIED", detail, by);
        refresh(s.sku());
        return new Applied(s, detail);
    }

    /** Records that the suggestion is not wanted; it comes back only with newer failures. */
    @Transactional
    public Suggestion dismiss(String id, String by, Locale locale) {
        Suggestion s = open(id, locale);
        decide(s, "DISMISSED", null, by);
        refresh(s.sku());
        return s;
    }

    /** The latest decisions, newest first. */
    public List<Decision> decisions(int limit) {
        return jdbc.query("""
                select sku, kind, action, decided_through, detail, decided_by, decided_at from insight_display_decision
                order by decided_at desc, id desc limit ?""",
                (rs, i) -> new Decision(rs.getString("sku"), Kind.valueOf(rs.getString("kind")), rs.getString("action"),
                        rs.getTimestamp("decided_through").toInstant(), rs.getString("detail"),
                        rs.getString("decided_by"), rs.getTimestamp("decided_at").toInstant()), limit);
    }

    private Suggestion open(String id, Locale locale) {
        String[] skuAndKind = parse(id);
        String sku = skuAndKind[0];
        // one decision at a time per SKU and kind, on any instance
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext('insight_display'), hashtext(?))::text",
                String.class, sku + "|" + skuAndKind[1]);
        Optional<Suggestion> open = suggestions(sku, locale).stream().filter(s -> s.id().equals(id)).findFirst();
        if (open.isPresent()) return open.get();
        Integer decided = jdbc.queryForObject("select count(*) from insight_display_decision where sku = ? and kind = ?",
                Integer.class, sku, skuAndKind[1]);
        if (decided != null && decided > 0) {
            throw new ConflictException("display-suggestion-decided",
                    "The suggestion " + id + " was already applied or dismissed; it comes back only with new failures.");
        }
        throw new NotFoundException("No display suggestion " + id + ".");
    }

    private void decide(Suggestion s, String action, String detail, String by) {
        jdbc.update("""
                insert into insight_display_decision (sku, kind, action, decided_through, detail, decided_by, decided_at)
                values (?, ?, ?, ?, ?, ?, ?)""",
                s.sku(), s.kind().name(), action, Timestamp.from(s.lastFailureAt()), detail, by,
                Timestamp.from(clock.instant()));
    }

    static String idOf(String sku, Kind kind) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind.name() + "|" + sku).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] parse(String id) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar > 0) {
                Kind kind = Kind.valueOf(text.substring(0, bar));
                return new String[] {text.substring(bar + 1), kind.name()};
            }
        } catch (IllegalArgumentException e) {
            // falls through: not one of ours
        }
        throw new NotFoundException("No display suggestion " + id + ".");
    }
}

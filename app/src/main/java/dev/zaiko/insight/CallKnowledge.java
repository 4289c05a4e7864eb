package dev.zaiko.insight;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zaiko.contact.CallOutcome;
import dev.zaiko.contact.EmailKind;
import dev.zaiko.platform.InvalidRequestException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The call knowledge base: every call about a case and every case email ({@code insight_contact}) with
 * the case's SKU and reason ({@code insight_case}), how it was decided ({@code insight_decision}) and
 * whether the customer was kept; and, per case type, which approaches ended in a kept customer most often.
 * <p>
 * Kept: the customer (the same {@code customer_key}) placed an order after the case was detected and
 * within {@value #KEPT_DAYS} days of it. Not kept: {@value #KEPT_DAYS} days went by without one. Not
 * known yet (null) while the days are still running, or when the case or its order is not known to
 * insight; such cases are left out of the kept shares.
 */
@Component
public class CallKnowledge {

    public static final int KEPT_DAYS = 90;
    public static final int PAGE_SIZE = 50;
    static final int MAX_PAGE = 1000;
    static final int MAX_TEXT = 100;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    CallKnowledge(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A search; every field may be null. Built by {@link #filter}, which checks what a request sent. */
    public record CallFilter(String sku, String reason, String tag, String q, String outcome, LocalDate from,
                             LocalDate to, int page) {
    }

    /** A call (kind CALL, outcome the call's) or a case email (kind EMAIL, outcome the email's kind). */
    public record CallRow(String id, Instant at, String caseId, String orderNumber, String sku, String reason,
                          String kind, String outcome, String operator, List<String> helped, List<String> hurt,
                          String lesson, String choice, Boolean kept) {
    }

    public record CallPage(CallFilter filter, List<CallRow> items, int page, int size, boolean more) {
    }

    /** An approach (a tag) and how the cases where it was used ended. */
    public record Approach(String tag, int cases, int known, int kept) {

        /** Kept out of the cases whose end is known, 0 to 1, or null when none is known yet. */
        @JsonProperty("keptShare")
        public Double keptShare() {
            return known == 0 ? null : (double) kept / known;
        }
    }

    /** One case type: what helped and what hurt, the approaches that kept the most customers first. */
    public record ReasonApproaches(String reason, List<Approach> helped, List<Approach> hurt) {
    }

    public record Approaches(LocalDate from, LocalDate to, Instant asOf, List<ReasonApproaches> reasons) {
    }

    // ---- the request's filters -----------------------------------------------------------------------

    /**
     * The filters as a request sends them (blank is none), checked.
     *
     * @throws InvalidRequestException {@code invalid-request} naming the field
     */
    public CallFilter filter(String sku, String reason, String tag, String q, String outcome, String from, String to,
                             String page) {
        String s = text("sku", sku, 64);
        String r = blank(reason) ? null : reason.strip().toUpperCase(Locale.ROOT);
        if (r != null && !r.matches("[A-Z][A-Z_]{0,39}")) {
            throw invalid("reason", "reason must be a stockout reason such as DISPLACED, got \"" + reason + "\".");
        }
        String t = text("tag", tag, 30);
        if (t != null) t = t.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        String words = text("q", q, MAX_TEXT);
        String o = blank(outcome) ? null : outcome.strip().toUpperCase(Locale.ROOT);
        if (o != null && !outcomes().contains(o)) {
            throw invalid("outcome", "outcome must be a call outcome or an email kind (" + String.join(", ", outcomes())
                    + "), got \"" + outcome + "\".");
        }
        LocalDate f = date("from", from);
        LocalDate until = date("to", to);
        if (f != null && until != null && f.isAfter(until)) {
            throw invalid("from", "from " + f + " is after to " + until + ".");
        }
        int p = 0;
        if (!blank(page)) {
            try {
                p = Integer.parseInt(page.strip());
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 0 || p > MAX_PAGE) {
                throw invalid("page", "page must be a whole number from 0 to " + MAX_PAGE + ", got \"" + page + "\".");
            }
        }
        return new CallFilter(s, r, t, words, o, f, until, p);
    }

    /** Every outcome a row can have: the call outcomes, then the email kinds. */
    public static List<String> outcomes() {
        return Stream.concat(Arrays.stream(CallOutcome.values()).map(Enum::name),
                Arrays.stream(EmailKind.values()).map(Enum::name)).toList();
    }

    // ---- search ------------------------------------------------------------------------------------

    public CallPage search(CallFilter f) {
        ZoneId zone = clock.getZone();
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        if (f.sku() != null) { where.append(" and k.sku = ?"); args.add(f.sku()); }
        if (f.reason() != null) { where.append(" and k.reason = ?"); args.add(f.reason()); }
        if (f.tag() != null) { where.append(" and (? = any(c.helped) or ? = any(c.hurt))"); args.add(f.tag()); args.add(f.tag()); }
        if (f.q() != null) {
            String like = "%" + f.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.append(" and (c.lesson ilike ? escape '\\' or array_to_string(c.helped, ' ') ilike ? escape '\\'"
                    + " or array_to_string(c.hurt, ' ') ilike ? escape '\\')");
            args.add(like); args.add(like); args.add(like);
        }
        if (f.outcome() != null) { where.append(" and c.outcome = ?"); args.add(f.outcome()); }
        if (f.from() != null) { where.append(" and c.at >= ?"); args.add(Timestamp.from(f.from().atStartOfDay(zone).toInstant())); }
        if (f.to() != null) { where.append(" and c.at < ?"); args.add(Timestamp.from(f.to().plusDays(1).atStartOfDay(zone).toInstant())); }
        Timestamp now = Timestamp.from(clock.instant());
        List<Object> all = new ArrayList<>();
        all.add(now);
        all.addAll(args);
        all.add(PAGE_SIZE + 1);
        all.add((long) f.page() * PAGE_SIZE);
        // the page first (its 51 rows), then whether each row's customer was kept: not for every match
        List<CallRow> rows = jdbc.query("""
                select b.id, b.at, b.case_id, b.order_number, b.sku, b.reason, b.kind, b.outcome, b.operator,
                       b.helped, b.hurt, b.lesson,
                       (select d.choice from insight_decision d where d.case_id = b.case_id
                        order by d.decided_at desc, d.decided_line desc limit 1) as choice,
                       """ + kept("b.known_case", "b.customer_key", "b.detected_at") + """
                from (select c.id, c.at, c.case_id, c.order_number, k.sku, k.reason, c.kind, c.outcome, c.operator,
                             c.helped, c.hurt, c.lesson, k.case_id as known_case, k.detected_at, o.customer_key
                      from insight_contact c
                      left join insight_case k on k.case_id = c.case_id
                      left join insight_order o on o.order_number = k.order_number
                      """ + where + """
                      order by c.at desc, c.id limit ? offset ?) b
                order by b.at desc, b.id""",
                (rs, i) -> new CallRow(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        texts(rs, 10), texts(rs, 11), rs.getString(12), rs.getString(13),
                        (Boolean) rs.getObject(14)),
                all.toArray());
        boolean more = rows.size() > PAGE_SIZE;
        return new CallPage(f, more ? rows.subList(0, PAGE_SIZE) : rows, f.page(), PAGE_SIZE, more);
    }

    /**
     * Whether the case's customer was kept (true), not (false), or not known yet (null), from the case's id
     * (null when insight does not know the case), its customer's key and when it was detected; the time
     * now is its one parameter. The customer's next order is a scalar subquery, which PostgreSQL runs per
     * row on the index (customer_key, placed_at); an EXISTS would be turned into a join over every order.
     */
    private static String kept(String caseId, String customerKey, String detectedAt) {
        return """
                case when %1$s is null or %2$s is null then null
                     when (select min(n.placed_at) from insight_order n where n.customer_key = %2$s
                           and n.placed_at > %3$s) <= %3$s + make_interval(days => %4$d) then true
                     when %3$s + make_interval(days => %4$d) <= ? then false
                end as kept
                """.formatted(caseId, customerKey, detectedAt, KEPT_DAYS);
    }

    // ---- approaches --------------------------------------------------------------------------------

    /**
     * Per case type, the tags operators gave the calls of cases detected from {@code from} to {@code to}
     * (the shop's days, both included; null: without that bound): each tag with the cases it was given
     * for, how many of those have a known end, and how many kept the customer. A tag counts once per case.
     */
    public Approaches approaches(LocalDate from, LocalDate to) {
        ZoneId zone = clock.getZone();
        Instant now = clock.instant();
        Timestamp start = Timestamp.from(from == null ? Instant.EPOCH : from.atStartOfDay(zone).toInstant());
        Timestamp end = Timestamp.from(to == null ? Instant.parse("9999-01-01T00:00:00Z")
                : to.plusDays(1).atStartOfDay(zone).toInstant());
        Map<String, ReasonApproaches> byReason = new LinkedHashMap<>();
        jdbc.query("""
                with cases as (
                    select k.case_id, k.reason,
                           """ + kept("k.case_id", "o.customer_key", "k.detected_at") + """
                    from insight_case k
                    left join insight_order o on o.order_number = k.order_number
                    where k.detected_at >= ? and k.detected_at < ?
                ), tags as (
                    select distinct c.case_id, 'HELPED' as side, t.tag
                    from insight_contact c cross join unnest(c.helped) as t(tag) where c.kind = 'CALL'
                    union
                    select distinct c.case_id, 'HURT' as side, t.tag
                    from insight_contact c cross join unnest(c.hurt) as t(tag) where c.kind = 'CALL'
                )
                select k.reason, t.side, t.tag, count(*) as cases,
                       count(*) filter (where k.kept is not null) as known,
                       count(*) filter (where k.kept) as kept
                from tags t join cases k on k.case_id = t.case_id
                group by k.reason, t.side, t.tag
                order by k.reason, t.side, kept desc,
                         (count(*) filter (where k.kept))::float8 / nullif(count(*) filter (where k.kept is not null), 0)
                             desc nulls last,
                         cases desc, t.tag collate "C"
                """,
                (ResultSet rs) -> {
                    String reason = rs.getString(1);
                    ReasonApproaches r = byReason.computeIfAbsent(reason,
                            k -> new ReasonApproaches(k, new ArrayList<>(), new ArrayList<>()));
                    Approach a = new Approach(rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getInt(6));
                    ("HELPED".equals(rs.getString(2)) ? r.helped() : r.hurt()).add(a);
                },
                Timestamp.from(now), start, end);
        List<ReasonApproaches> reasons = byReason.values().stream()
                .map(r -> new ReasonApproaches(r.reason(), List.copyOf(r.helped()), List.copyOf(r.hurt()))).toList();
        return new Approaches(from, to, now, reasons);
    }

    // ---- parsing -----------------------------------------------------------------------------------

    /** A day as a request sends it (yyyy-MM-dd), null when blank. */
    public static LocalDate date(String field, String value) {
        if (blank(value)) return null;
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw invalid(field, field + " must be a date like 2026-04-01, got \"" + value + "\".");
        }
    }

    private static String text(String field, String value, int max) {
        if (blank(value)) return null;
        String v = value.strip();
        if (v.length() > max) throw invalid(field, field + " has at most " + max + " characters, got " + v.length() + ".");
        return v;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static InvalidRequestException invalid(String field, String message) {
        return MonthRange.invalid(field, message);
    }

    private static List<String> texts(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}

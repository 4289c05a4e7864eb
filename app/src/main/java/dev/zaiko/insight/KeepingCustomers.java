package dev.zaiko.insight;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Did recovery keep the customer? For the customers who had a stockout in a range of months, the share
 * who ordered again within 30 and within 90 days of it, split by how the case ended and by how fast the
 * shop first got in touch; against the customers who ordered in the same months and never had one.
 * <p>
 * The rules, in words:
 * <ul>
 * <li>A customer counts once per group: with a stockout, from their first case detected in the range
 * (ordered again = any order of theirs placed after the case was detected); without one, from their
 * first order in the range (ordered again = their next order after it). A customer is someone with
 * the same email address ({@code customer_key}); orders without one are left out.</li>
 * <li>A window counts only what had time to happen: the 30-day share is over the customers whose
 * reference moment is at least 30 days before now, the 90-day share likewise.</li>
 * <li>How the case ended: the latest decision's choice; WITHDRAWN when the channel cancelled the order
 * first; OPEN when neither happened yet.</li>
 * <li>How fast: the first call (any outcome) or case email after detection: within an hour, within
 * the service level (by the case's contact deadline), late, or never.</li>
 * </ul>
 * Each case's customer, first contact, outcome and withdrawal are folded ahead into
 * {@code insight_retention_case} ({@link RetentionFacts}); the orders are counted in the database.
 */
@Component
public class KeepingCustomers {

    public static final List<Integer> WINDOWS = List.of(30, 90);

    public enum Speed {
        WITHIN_AN_HOUR, WITHIN_SERVICE_LEVEL, LATE, NEVER
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    KeepingCustomers(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One window's count: how many customers had the time, and how many of them ordered again. */
    public record Share(int days, int eligible, int again) {

        /** Again out of eligible, 0 to 1, or null when nobody had the time yet. */
        @JsonProperty("share")
        public Double share() {
            return eligible == 0 ? null : (double) again / eligible;
        }
    }

    /** A group of customers and its shares, one per window. */
    public record Group(String key, int customers, List<Share> shares) {
    }

    public record Retention(MonthRange range, Instant asOf, Group withoutStockout, Group withStockout,
                            List<Group> byOutcome, List<Group> bySpeed) {
    }

    public Retention of(MonthRange range) {
        ZoneId zone = clock.getZone();
        Instant start = range.start(zone), end = range.end(zone), now = clock.instant();
        // each customer's first order in the range is the one whose previous order lies before it;
        // counted in the database: a year of a big shop is hundreds of thousands of customers
        Tally without = new Tally("WITHOUT_STOCKOUT");
        Timestamp nowAt = Timestamp.from(now);
        jdbc.query("""
                select count(*),
                       count(*) filter (where o.placed_at + make_interval(days => ?) <= ?),
                       count(*) filter (where o.placed_at + make_interval(days => ?) <= ?
                                          and o.next_placed_at <= o.placed_at + make_interval(days => ?)),
                       count(*) filter (where o.placed_at + make_interval(days => ?) <= ?),
                       count(*) filter (where o.placed_at + make_interval(days => ?) <= ?
                                          and o.next_placed_at <= o.placed_at + make_interval(days => ?))
                from insight_order o
                where o.placed_at >= ? and o.placed_at < ? and o.customer_key is not null
                  and (o.prev_placed_at is null or o.prev_placed_at < ?)
                  and o.customer_key not in (
                      select r.customer_key from insight_retention_case r where r.customer_key is not null)""",
                rs -> {
                    without.customers = rs.getInt(1);
                    for (int i = 0; i < WINDOWS.size(); i++) {
                        without.eligible[i] = rs.getInt(2 + 2 * i);
                        without.again[i] = rs.getInt(3 + 2 * i);
                    }
                }, WINDOWS.get(0), nowAt, WINDOWS.get(0), nowAt, WINDOWS.get(0),
                WINDOWS.get(1), nowAt, WINDOWS.get(1), nowAt, WINDOWS.get(1),
                Timestamp.from(start), Timestamp.from(end), Timestamp.from(start));

        Tally with = new Tally("WITH_STOCKOUT");
        Map<String, Tally> byOutcome = new LinkedHashMap<>();
        for (String outcome : List.of("WAIT", "SUBSTITUTE", "DROP_SHIP", "TRANSFER", "PARTIAL", "CANCEL", "WITHDRAWN",
                "OPEN")) {
            byOutcome.put(outcome, new Tally(outcome));
        }
        Map<String, Tally> bySpeed = new LinkedHashMap<>();
        for (Speed s : Speed.values()) bySpeed.put(s.name(), new Tally(s.name()));
        jdbc.query("""
                with firsts as (
                    select distinct on (r.customer_key) r.customer_key, r.detected_at, r.contact_deadline,
                           r.first_contact_at, r.choice, r.withdrawn
                    from insight_retention_case r
                    where r.detected_at >= ? and r.detected_at < ? and r.customer_key is not null
                    order by r.customer_key, r.detected_at, r.case_id)
                select f.detected_at, f.contact_deadline,
                       (select min(a.placed_at) from insight_order a
                        where a.customer_key = f.customer_key and a.placed_at > f.detected_at) as again_at,
                       f.first_contact_at, f.choice, f.withdrawn
                from firsts f""",
                rs -> {
                    Instant detected = rs.getTimestamp(1).toInstant();
                    Instant deadline = instant(rs.getTimestamp(2));
                    Instant again = instant(rs.getTimestamp(3));
                    Instant contact = instant(rs.getTimestamp(4));
                    String choice = rs.getString(5);
                    String outcome = choice != null ? choice : rs.getBoolean(6) ? "WITHDRAWN" : "OPEN";
                    with.add(detected, again, now);
                    byOutcome.get(outcome).add(detected, again, now);
                    bySpeed.get(speed(detected, deadline, contact).name()).add(detected, again, now);
                }, Timestamp.from(start), Timestamp.from(end));
        return new Retention(range, now, without.group(), with.group(),
                byOutcome.values().stream().map(Tally::group).toList(),
                bySpeed.values().stream().map(Tally::group).toList());
    }

    static Speed speed(Instant detected, Instant deadline, Instant firstContact) {
        if (firstContact == null) return Speed.NEVER;
        if (!firstContact.isAfter(detected.plus(Duration.ofHours(1)))) return Speed.WITHIN_AN_HOUR;
        if (deadline == null || !firstContact.isAfter(deadline)) return Speed.WITHIN_SERVICE_LEVEL;
        return Speed.LATE;
    }

    /** One group tallied from its customers' reference moments and next orders ({from, againAt} pairs). */
    static Group tally(String key, Instant now, List<Instant[]> customers) {
        Tally t = new Tally(key);
        for (Instant[] c : customers) t.add(c[0], c[1], now);
        return t.group();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static final class Tally {
        final String key;
        int customers;
        final int[] eligible = new int[WINDOWS.size()];
        final int[] again = new int[WINDOWS.size()];

        Tally(String key) {
            this.key = key;
        }

        void add(Instant from, Instant againAt, Instant now) {
            customers++;
            for (int i = 0; i < WINDOWS.size(); i++) {
                Instant windowEnd = from.plus(Duration.ofDays(WINDOWS.get(i)));
                if (windowEnd.isAfter(now)) continue;
                eligible[i]++;
                if (againAt != null && !againAt.isAfter(windowEnd)) again[i]++;
            }
        }

        Group group() {
            List<Share> shares = new ArrayList<>();
            for (int i = 0; i < WINDOWS.size(); i++) shares.add(new Share(WINDOWS.get(i), eligible[i], again[i]));
            return new Group(key, customers, shares);
        }
    }
}

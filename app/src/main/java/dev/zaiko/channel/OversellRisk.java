package dev.zaiko.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which queued SKU a rate-limited channel gets first. Risk of overselling = recent sales speed
 * (units the SKU's ATS fell by in the last {@link #WINDOW}, per hour) / max(ATS, 1). The rules,
 * in order, each deciding only where the ones before it saw no difference:
 * <ol>
 *   <li>{@link #SAFETY_FLOOR_GOES_FIRST}: ATS at or below the channel's safety floor is pushed as 0,
 *       before anything else (and without waiting for the rate limit);</li>
 *   <li>{@link #NO_SKU_WAITS_LONGER_THAN_MAX_WAIT}: a SKU that has waited {@link #MAX_WAIT} or longer
 *       for its push goes next, the longest waiting first, so that a hot SKU changing faster than a
 *       one-SKU-per-request platform takes pushes (Amazon: 5 a second) cannot keep every other SKU
 *       waiting for as long as the sale lasts;</li>
 *   <li>{@link #FAST_SELLERS_WITH_LITTLE_LEFT_NEXT}: higher risk first;</li>
 *   <li>{@link #EVERYTHING_ELSE_BY_SEQUENCE}: the older change first.</li>
 * </ol>
 * The speed is learnt from the ATS decreases the channel's sender reads in the feed (coalesced, so
 * a burst counts as one decrease of its full size). A reservation lowers ATS as a sale does, which
 * is what matters for overselling. What was learnt survives a restart: the sender stores
 * {@link #sold} in {@code channel_sales_speed} and gives it back through {@link #learnt}. Not
 * thread-safe: each channel's sender has its own.
 */
final class OversellRisk {

    static final Duration WINDOW = Duration.ofHours(1);

    /** How long a SKU may wait behind riskier ones before it goes first. */
    static final Duration MAX_WAIT = Duration.ofSeconds(5);

    /**
     * A SKU waiting to be pushed.
     *
     * @param waitingSince when it began to wait (its first change since its last push)
     */
    record Queued(String sku, int ats, long seq, double risk, boolean atFloor, Instant waitingSince, boolean overdue) {
        int quantity() {
            return atFloor ? 0 : ats;
        }
    }

    static final Comparator<Queued> SAFETY_FLOOR_GOES_FIRST =
            Comparator.comparing(q -> !q.atFloor()); // false (at the floor) sorts first
    static final Comparator<Queued> NO_SKU_WAITS_LONGER_THAN_MAX_WAIT = Comparator
            .comparing((Queued q) -> !q.overdue())
            .thenComparing(q -> q.overdue() ? q.waitingSince() : Instant.MIN);
    static final Comparator<Queued> FAST_SELLERS_WITH_LITTLE_LEFT_NEXT =
            Comparator.comparingDouble(q -> -q.risk());
    static final Comparator<Queued> EVERYTHING_ELSE_BY_SEQUENCE = Comparator.comparingLong(Queued::seq);

    static final List<Comparator<Queued>> RULES = List.of(SAFETY_FLOOR_GOES_FIRST,
            NO_SKU_WAITS_LONGER_THAN_MAX_WAIT, FAST_SELLERS_WITH_LITTLE_LEFT_NEXT, EVERYTHING_ELSE_BY_SEQUENCE);

    static final Comparator<Queued> ORDER = RULES.stream().reduce(Comparator::thenComparing).orElseThrow();

    private record Decrease(Instant at, double units) {
    }

    /** What was learnt about a SKU: its speed at {@code observedAt} and the last ATS read. */
    record Learnt(double perHour, int lastAts, Instant observedAt) {
    }

    private final Map<String, Integer> lastAts = new HashMap<>();
    private final Map<String, Deque<Decrease>> decreases = new HashMap<>();
    private final Set<String> soldSinceAsked = new HashSet<>();
    private final int safetyFloor;

    OversellRisk(int safetyFloor) {
        this.safetyFloor = safetyFloor;
    }

    /** Learns from a feed entry read: a lower ATS than the last one seen counts as sold. */
    void seen(String sku, int ats, Instant at) {
        Integer before = lastAts.put(sku, ats);
        if (before != null && ats < before) {
            decreases.computeIfAbsent(sku, s -> new ArrayDeque<>()).addLast(new Decrease(at, before - ats));
            soldSinceAsked.add(sku);
        }
    }

    /**
     * Starts from what an earlier sender learnt: the speed counts as sold at {@code observedAt}, all
     * of it until the window after that ends (a little longer than the sales it came from would
     * have: a restarted sender errs on the side of pushing the SKU early).
     */
    void learnt(String sku, Learnt learnt) {
        lastAts.putIfAbsent(sku, learnt.lastAts());
        double units = learnt.perHour() * WINDOW.toSeconds() / 3600.0;
        if (units > 0) {
            decreases.computeIfAbsent(sku, s -> new ArrayDeque<>()).addLast(new Decrease(learnt.observedAt(), units));
        }
    }

    /** The SKUs that sold since the last call, with their speed now: what the sender stores. */
    Map<String, Learnt> sold(Instant now) {
        Map<String, Learnt> sold = new HashMap<>();
        for (String sku : soldSinceAsked) sold.put(sku, new Learnt(speed(sku, now), lastAts.get(sku), now));
        soldSinceAsked.clear();
        return sold;
    }

    /** Units per hour over the window before {@code now}. */
    double speed(String sku, Instant now) {
        Deque<Decrease> list = decreases.get(sku);
        if (list == null) return 0;
        Instant from = now.minus(WINDOW);
        while (!list.isEmpty() && list.peekFirst().at().isBefore(from)) list.removeFirst();
        if (list.isEmpty()) {
            decreases.remove(sku);
            return 0;
        }
        double units = 0;
        for (Decrease d : list) {
            if (!d.at().isBefore(from)) units += d.units(); // a re-read entry may be older than what was stored
        }
        return units * 3600.0 / WINDOW.toSeconds();
    }

    Queued queued(FeedEntry entry, Instant now, Instant waitingSince) {
        double risk = speed(entry.sku(), now) / Math.max(entry.ats(), 1);
        Instant since = waitingSince != null ? waitingSince : now;
        return new Queued(entry.sku(), entry.ats(), entry.seq(), risk, entry.ats() <= safetyFloor, since,
                !since.plus(MAX_WAIT).isAfter(now));
    }

    /** The queued entries, most urgent first. */
    List<Queued> order(Iterable<FeedEntry> pending, Instant now) {
        return order(pending, now, sku -> null);
    }

    /** @param waitingSince when each SKU began to wait (null: just now) */
    List<Queued> order(Iterable<FeedEntry> pending, Instant now, java.util.function.Function<String, Instant> waitingSince) {
        List<Queued> list = new ArrayList<>();
        for (FeedEntry e : pending) list.add(queued(e, now, waitingSince.apply(e.sku())));
        list.sort(ORDER);
        return list;
    }
}

package dev.zaiko.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs every stock change with the first value of its SKU that an observer (the feed's
 * long-poll reader, or the webhook receiver) saw and that certainly reflects it, and measures
 * the wall time between the change's HTTP answer and that sighting.
 * <p>
 * An observed value certainly reflects a change when either
 * <ul>
 * <li>its {@code changedAt} is not before the change's answer: the feed writer takes
 * {@code changedAt} before it reads the SKU's stock, and the change committed before it was
 * answered, so the read saw it; or</li>
 * <li>its ATS is at or below the SKU's final ATS: the bench only ever lowers ATS (reservations
 * and till sales, never a release), so that value reflects every change of the run.</li>
 * </ul>
 * Both rules are sound but conservative: a value computed between a change's commit and its
 * answer also reflects it, and is passed over unless it is the final one, so the figures are an
 * upper bound by at most one feed-writer round. A sighting before the answer (possible only
 * through the second rule) counts as zero.
 */
final class PropagationMatch {

    /** A stock change: its SKU and when its answer arrived, on the monotonic and the wall clock. */
    record Change(String sku, long answeredNanos, Instant answeredAt) {
    }

    /** A value of a SKU as an observer got it, in the feed's {@code seq} order per SKU. */
    record Sighting(String sku, int ats, long seq, Instant changedAt, long observedNanos) {
    }

    record Result(LatencyRecorder latencies, long matched, long unmatched, long beforeAnswer) {
    }

    private PropagationMatch() {
    }

    static Result match(List<Change> changes, List<Sighting> sightings, Map<String, Integer> finalAts) {
        Map<String, List<Sighting>> bySku = new HashMap<>();
        for (Sighting s : sightings) bySku.computeIfAbsent(s.sku(), k -> new ArrayList<>()).add(s);
        bySku.values().forEach(list -> list.sort(Comparator.comparingLong(Sighting::seq)));
        Map<String, List<Change>> changesBySku = new HashMap<>();
        for (Change c : changes) changesBySku.computeIfAbsent(c.sku(), k -> new ArrayList<>()).add(c);
        LatencyRecorder latencies = new LatencyRecorder();
        long matched = 0;
        long unmatched = 0;
        long before = 0;
        for (Map.Entry<String, List<Change>> e : changesBySku.entrySet()) {
            List<Sighting> seen = bySku.getOrDefault(e.getKey(), List.of());
            Integer last = finalAts.get(e.getKey());
            List<Change> list = new ArrayList<>(e.getValue());
            list.sort(Comparator.comparing(Change::answeredAt).thenComparingLong(Change::answeredNanos));
            // the first qualifying sighting can only move forward as answers get later: a sighting
            // passed over for an earlier answer has changedAt before it, so before any later one too,
            // and is above the final ATS
            int p = 0;
            for (Change c : list) {
                while (p < seen.size() && !reflects(seen.get(p), c, last)) p++;
                if (p == seen.size()) {
                    unmatched++;
                    continue;
                }
                long nanos = seen.get(p).observedNanos() - c.answeredNanos();
                if (nanos < 0) before++;
                latencies.record(Math.max(0, nanos));
                matched++;
            }
        }
        return new Result(latencies, matched, unmatched, before);
    }

    static boolean reflects(Sighting s, Change c, Integer finalAts) {
        return !s.changedAt().isBefore(c.answeredAt()) || (finalAts != null && s.ats() <= finalAts);
    }
}

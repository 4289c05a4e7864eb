package dev.zaiko.wallet;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where an order's points or gift balance go back to: into the lots the order took them from,
 * the latest-expiring lot first (what comes back stays usable longest). A lot whose validity
 * ended before today is not revived; its part is re-granted as a new lot instead.
 */
final class Returning {

    private Returning() {
    }

    /** A lot an order took from: how much it took and how much it has got back so far. */
    record Taken(long lotId, LocalDate validUntil, long taken, long returned) {
        long outstanding() {
            return taken - returned;
        }
    }

    record Part(long lotId, LocalDate validUntil, long amount) {
    }

    /**
     * @param restored  parts put back into lots still valid today
     * @param regranted parts whose lot expired, to come back in a new lot
     */
    record Plan(List<Part> restored, List<Part> regranted) {
        long restoredTotal() {
            return restored.stream().mapToLong(Part::amount).sum();
        }

        long regrantedTotal() {
            return regranted.stream().mapToLong(Part::amount).sum();
        }

        /** The latest validity among the restored parts; null when nothing went back into a lot. */
        LocalDate restoredUntil() {
            return restored.stream().map(Part::validUntil).max(Comparator.naturalOrder()).orElse(null);
        }
    }

    static long outstanding(List<Taken> lots) {
        return lots.stream().mapToLong(Taken::outstanding).sum();
    }

    /**
     * @throws IllegalStateException when the amount is more than the order took and has not got back:
     *                               the caller's arithmetic is wrong, and giving it would create money
     */
    static Plan plan(List<Taken> lots, long amount, LocalDate today) {
        if (amount <= 0) throw new IllegalArgumentException("Only a positive amount can be given back: " + amount);
        long outstanding = outstanding(lots);
        if (amount > outstanding) {
            throw new IllegalStateException("Cannot give back " + amount + ": the order took " + lots.stream()
                    .mapToLong(Taken::taken).sum() + " and has " + outstanding + " still to get back.");
        }
        List<Taken> order = lots.stream().filter(l -> l.outstanding() > 0)
                .sorted(Comparator.comparing(Taken::validUntil).thenComparingLong(Taken::lotId).reversed()).toList();
        List<Part> restored = new ArrayList<>();
        List<Part> regranted = new ArrayList<>();
        long left = amount;
        for (Taken lot : order) {
            if (left == 0) break;
            long part = Math.min(left, lot.outstanding());
            (lot.validUntil().isBefore(today) ? regranted : restored).add(new Part(lot.lotId(), lot.validUntil(), part));
            left -= part;
        }
        return new Plan(restored, regranted);
    }
}

package dev.zaiko.wallet;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which lots an amount is taken from: only lots still valid today, the one that expires first
 * first (the customer loses the least to expiry), the older lot first on the same day.
 */
final class Spending {

    private Spending() {
    }

    /** A lot and what remains of it. */
    record Spendable(long lotId, LocalDate validUntil, long remaining) {
    }

    record Take(long lotId, long amount) {
    }

    static long available(List<Spendable> lots, LocalDate today) {
        return lots.stream().filter(l -> !l.validUntil().isBefore(today)).mapToLong(Spendable::remaining).sum();
    }

    /** The takes that make up the amount; empty when the valid lots do not hold that much. */
    static Optional<List<Take>> plan(List<Spendable> lots, long amount, LocalDate today) {
        if (amount < 0) throw new IllegalArgumentException("A negative amount cannot be spent: " + amount);
        if (available(lots, today) < amount) return Optional.empty();
        List<Spendable> order = lots.stream().filter(l -> !l.validUntil().isBefore(today) && l.remaining() > 0)
                .sorted(Comparator.comparing(Spendable::validUntil).thenComparingLong(Spendable::lotId)).toList();
        List<Take> takes = new ArrayList<>();
        long left = amount;
        for (Spendable lot : order) {
            if (left == 0) break;
            long take = Math.min(left, lot.remaining());
            takes.add(new Take(lot.lotId(), take));
            left -= take;
        }
        return Optional.of(takes);
    }
}

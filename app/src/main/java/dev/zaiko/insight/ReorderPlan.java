package dev.zaiko.insight;

import java.util.List;

/**
 * When to order how much of a SKU, from its demand rate and spread, the stock it has, what is on its
 * way and who waits for it (all in units; days counted from today, day 0).
 * <ul>
 * <li>Safety stock SS = z · σ · √(L + R): the spread of demand over the lead time L and the review
 * period R, z from the service level.</li>
 * <li>Projected stock at the start of day t: P(t) = on hand − waiting + inbounds due by day t − rate · t
 * (an inbound already overdue counts as due today; the waiting customers take the first units).</li>
 * <li>Arrival day A: the first day t ≥ L (nothing ordered today arrives sooner) during which the stock
 * falls to the safety stock, P(t + 1) ≤ SS. Order day D = A − L. {@code late} when the stock falls
 * to the safety stock before day L already: an order today cannot arrive in time.</li>
 * <li>Quantity N: what keeps the stock at or above SS from the arrival through the review period,
 * N = ⌈max over t in A+1..A+R of (SS − P(t))⌉, at least 1.</li>
 * </ul>
 * No arrival day within {@link #HORIZON_DAYS} days after L: nothing to order.
 *
 * @param quantity     N, 0 when nothing is to be ordered
 * @param orderInDays  D, null when nothing is to be ordered
 * @param arrivalInDays A, null when nothing is to be ordered
 */
record ReorderPlan(long quantity, Integer orderInDays, Integer arrivalInDays, double safetyStock, boolean late) {

    static final int HORIZON_DAYS = 365;
    private static final double ROUNDING = 1e-9;

    /** @param inDays the day it is due (0 = today or overdue) */
    record Incoming(int inDays, int units) {
    }

    static ReorderPlan of(double rate, double sigma, double z, int onHand, int waiting, List<Incoming> inbounds,
                          int leadTimeDays, int reviewDays) {
        if (rate < 0 || sigma < 0) throw new IllegalArgumentException("negative rate or spread");
        if (leadTimeDays < 0 || reviewDays < 1) throw new IllegalArgumentException("lead time or review period");
        double safety = Math.max(0, z * sigma * Math.sqrt(leadTimeDays + reviewDays));
        int last = leadTimeDays + HORIZON_DAYS;
        long[] due = new long[last + reviewDays + 2];
        for (Incoming in : inbounds) due[Math.min(Math.max(0, in.inDays()), due.length - 1)] += in.units();
        double[] projected = new double[due.length];
        long arrived = 0;
        for (int t = 0; t < due.length; t++) {
            arrived += due[t];
            projected[t] = (double) onHand - waiting + arrived - rate * t;
        }
        boolean late = false;
        for (int t = 0; t < leadTimeDays; t++) {
            if (projected[t + 1] <= safety + ROUNDING) {
                late = true;
                break;
            }
        }
        for (int a = leadTimeDays; a <= last; a++) {
            if (projected[a + 1] > safety + ROUNDING) continue;
            double need = 0;
            for (int t = a + 1; t <= a + reviewDays; t++) need = Math.max(need, safety - projected[t]);
            long quantity = Math.max(1, (long) Math.ceil(need - ROUNDING));
            return new ReorderPlan(quantity, a - leadTimeDays, a, safety, late);
        }
        return new ReorderPlan(0, null, null, safety, late);
    }
}

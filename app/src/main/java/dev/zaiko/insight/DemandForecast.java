package dev.zaiko.insight;

import java.util.Arrays;

/**
 * A SKU's demand rate (units a day) and its day-to-day spread, forecast from its daily demand.
 * <ul>
 * <li>History: the days since the SKU's first demand in the window, but at least {@link #MIN_HISTORY}
 * days, so that a first sale yesterday is not read as a daily rate.</li>
 * <li>Spikes: once there are at least three days with demand, a day counts at most {@link #CAP_FACTOR}
 * times the median day with demand (one big order does not make a trend).</li>
 * <li>Method: when days with demand are rare (the average interval between them above
 * {@link #INTERMITTENT_INTERVAL} days, Syntetos and Boylan's cut-off) Croston's method with the
 * Syntetos–Boylan correction (sizes and intervals smoothed apart, rate = (1 − α/2)·size/interval);
 * otherwise simple exponential smoothing. Both with α = {@link #ALPHA}.</li>
 * <li>Spread: the sample standard deviation of the (capped) daily demand over the history.</li>
 * </ul>
 * Scaling every day's demand by k scales the rate and the spread by k.
 *
 * @param historyDays the days the forecast looked at
 * @param demandDays  of those, the days with demand
 * @param cappedDays  the days whose demand was cut down to {@code cap}
 * @param cap         the most one day counted for, or 0 when nothing was capped
 */
record DemandForecast(Method method, double rate, double sigma, int historyDays, int demandDays, int cappedDays,
                      double cap) {

    enum Method { NONE, SES, CROSTON_SBA }

    static final double ALPHA = 0.1;
    static final int MIN_HISTORY = 28;
    static final double INTERMITTENT_INTERVAL = 1.32;
    static final double CAP_FACTOR = 3.0;
    private static final int SES_START_DAYS = 7;

    /** @param window units demanded per day, oldest first, ending with the last complete day */
    static DemandForecast of(int[] window) {
        int first = -1;
        for (int i = 0; i < window.length; i++) {
            if (window[i] < 0) throw new IllegalArgumentException("negative demand on day " + i);
            if (first < 0 && window[i] > 0) first = i;
        }
        if (first < 0) return new DemandForecast(Method.NONE, 0, 0, window.length, 0, 0, 0);
        int start = Math.max(0, Math.min(first, window.length - MIN_HISTORY));
        double[] days = new double[window.length - start];
        for (int i = 0; i < days.length; i++) days[i] = window[start + i];
        int n = days.length;
        double[] sizes = Arrays.stream(days).filter(x -> x > 0).sorted().toArray();
        int demandDays = sizes.length;
        double cap = 0;
        int capped = 0;
        if (demandDays >= 3) {
            double median = demandDays % 2 == 1 ? sizes[demandDays / 2]
                    : (sizes[demandDays / 2 - 1] + sizes[demandDays / 2]) / 2;
            double limit = CAP_FACTOR * median;
            for (int i = 0; i < n; i++) {
                if (days[i] > limit) {
                    days[i] = limit;
                    capped++;
                }
            }
            if (capped > 0) cap = limit;
        }
        double sigma = 0;
        if (n >= 2) {
            double mean = Arrays.stream(days).sum() / n;
            double squares = 0;
            for (double x : days) squares += (x - mean) * (x - mean);
            sigma = Math.sqrt(squares / (n - 1));
        }
        double interval = (double) n / demandDays;
        if (interval > INTERMITTENT_INTERVAL) {
            double size = Arrays.stream(days).filter(x -> x > 0).average().orElseThrow();
            double gap = interval;
            int last = -1;
            for (int i = 0; i < n; i++) {
                if (days[i] <= 0) continue;
                if (last >= 0) {
                    size += ALPHA * (days[i] - size);
                    gap += ALPHA * ((i - last) - gap);
                }
                last = i;
            }
            return new DemandForecast(Method.CROSTON_SBA, (1 - ALPHA / 2) * size / gap, sigma, n, demandDays, capped,
                    cap);
        }
        int startDays = Math.min(SES_START_DAYS, n);
        double level = 0;
        for (int i = 0; i < startDays; i++) level += days[i];
        level /= startDays;
        for (double x : days) level += ALPHA * (x - level);
        return new DemandForecast(Method.SES, level, sigma, n, demandDays, capped, cap);
    }
}

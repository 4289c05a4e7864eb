package dev.zaiko.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How fast a platform stub was actually called, against the platform's documented limit:
 * requests per second over the measured window, the most requests in any one-second window, and
 * the requests a token bucket of the documented rate and burst (full at the start) would not
 * have had a token for. Arrivals are the stub's clock, so network jitter can bring two requests
 * closer than the sender spaced them: {@code slackNanos} of extra refill per request absorbs that.
 */
record PushRate(long requests, double perSecond, int maxInAnySecond, long overBucket) {

    static PushRate of(List<Long> arrivalNanos, long fromNanos, long toNanos, double rate, int burst, long slackNanos) {
        List<Long> in = arrivalNanos.stream().filter(t -> t >= fromNanos && t < toNanos).sorted().toList();
        double seconds = (toNanos - fromNanos) / 1e9;
        int max = 0;
        int lo = 0;
        for (int hi = 0; hi < in.size(); hi++) {
            while (in.get(hi) - in.get(lo) >= TimeUnit.SECONDS.toNanos(1)) lo++;
            max = Math.max(max, hi - lo + 1);
        }
        long over = 0;
        double tokens = burst;
        long last = fromNanos;
        for (long t : in) {
            tokens = Math.min(burst, tokens + (t - last + slackNanos) * rate / 1e9);
            last = t;
            if (tokens >= 1) tokens -= 1;
            else over++;
        }
        return new PushRate(in.size(), seconds <= 0 ? 0 : in.size() / seconds, max, over);
    }
}

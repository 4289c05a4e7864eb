package dev.zaiko.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * However a sender pushes (urgent or not, requests fast or slow, pauses or none), a bucket without debt
 * never lets a platform count more than {@code burst + rate × window} requests in any window.
 */
class TokenBucketProperties {

    static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z");

    /**
     * @param steps each request: how long the sender waited after a token was there (ms), how long the
     *              request took (ms)
     */
    @Property(tries = 1000)
    void aBucketWithoutDebtKeepsEveryWindowWithinBurstPlusRateTimesWindow(
            @ForAll @IntRange(min = 1, max = 20) int perTenSeconds, @ForAll @IntRange(min = 1, max = 5) int burst,
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 3_000) Integer> pauses,
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 2_000) Integer> durations) {
        double rate = perTenSeconds / 10.0;
        TokenBucket bucket = new TokenBucket(rate, burst, false, T0);
        Instant now = T0;
        List<Instant[]> requests = new ArrayList<>();
        for (int i = 0; i < pauses.size(); i++) {
            now = now.plusMillis(bucket.millisUntilToken(now)); // the sender sleeps until the token
            bucket.take(now);
            Instant end = now.plusMillis(durations.get(i % durations.size()));
            bucket.spent(now, end);
            requests.add(new Instant[] {now, end});
            now = end.plusMillis(pauses.get(i));
        }
        long period = Math.round(1e9 / rate);
        // the platform counts request i at its end at the latest and request j at its start at the earliest
        for (int i = 0; i < requests.size(); i++) {
            for (int j = i + 1; j < requests.size(); j++) {
                long window = Duration.between(requests.get(i)[1], requests.get(j)[0]).toNanos();
                int counted = j - i + 1;
                assertThat(counted).as("requests %d..%d in %d ns", i, j, window)
                        .isLessThanOrEqualTo(burst + (int) Math.floor(window / (double) period + 1e-9));
            }
        }
    }

    @Property(tries = 500)
    void debtIsPaidBackSoOverTimeTheRateHoldsWhateverWasUrgent(
            @ForAll @IntRange(min = 1, max = 20) int perTenSeconds,
            @ForAll @Size(min = 1, max = 80) List<Boolean> urgent) {
        double rate = perTenSeconds / 10.0;
        long period = Math.round(1e9 / rate);
        TokenBucket bucket = new TokenBucket(rate, T0);
        Instant now = T0;
        for (boolean u : urgent) {
            if (!u) now = now.plusMillis(bucket.millisUntilToken(now));
            bucket.take(now);
        }
        // n requests since T0 (one token there at once): the next is not before T0 + n periods
        Instant next = now.plusMillis(bucket.millisUntilToken(now));
        assertThat(Duration.between(T0, next).toNanos()).isGreaterThanOrEqualTo(urgent.size() * period);
    }
}

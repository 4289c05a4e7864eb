package dev.zaiko.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** A channel's request budget, on instants the test chooses (pure Java: no clock runs by itself). */
class TokenBucketTest {

    static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z");

    static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void theFirstTokenIsThereAtOnceAndTheNextOneAfterOneOverTheRate() {
        TokenBucket bucket = new TokenBucket(5, T0);
        assertThat(bucket.millisUntilToken(T0)).isZero();
        bucket.take(T0);
        assertThat(bucket.millisUntilToken(T0)).isEqualTo(200);
        assertThat(bucket.millisUntilToken(at(150))).isEqualTo(50);
        assertThat(bucket.millisUntilToken(at(199))).isEqualTo(1);
        assertThat(bucket.millisUntilToken(at(200))).isZero();
    }

    @Test
    void itHoldsOneTokenSoTimeWithoutPushesSavesNoBurst() {
        TokenBucket bucket = new TokenBucket(5, T0);
        bucket.take(T0);
        // ten seconds idle would be 50 tokens without the cap: still only one
        assertThat(bucket.millisUntilToken(at(10_000))).isZero();
        bucket.take(at(10_000));
        assertThat(bucket.millisUntilToken(at(10_000))).as("the next one is a whole token away").isEqualTo(200);
    }

    @Test
    void fractionalRatesWaitSecondsForATokenToTheMillisecond() {
        TokenBucket tenth = new TokenBucket(0.1, T0);
        tenth.take(T0);
        assertThat(tenth.millisUntilToken(T0)).isEqualTo(10_000);
        assertThat(tenth.millisUntilToken(at(9_999))).isEqualTo(1);
        assertThat(tenth.millisUntilToken(at(10_000))).isZero();

        TokenBucket half = new TokenBucket(0.5, T0);
        half.take(T0);
        assertThat(half.millisUntilToken(at(1_000))).isEqualTo(1_000);
        assertThat(half.millisUntilToken(at(1_999))).isEqualTo(1);
        assertThat(half.millisUntilToken(at(2_000))).isZero();
    }

    @Test
    void aTokenTakenEarlyIsPaidBackByTheNextWait() {
        TokenBucket bucket = new TokenBucket(0.1, T0);
        bucket.take(T0);
        bucket.take(T0); // the safety floor does not wait: the bucket goes into debt
        assertThat(bucket.millisUntilToken(T0)).isEqualTo(20_000);
        assertThat(bucket.millisUntilToken(at(10_000))).as("the borrowed token").isEqualTo(10_000);
        assertThat(bucket.millisUntilToken(at(20_000))).isZero();
    }

    @Test
    void steppingAMillisecondAtATimeForAMinuteGivesATokenExactlyEveryPeriod() {
        // a sender looks at the bucket at many instants between tokens: the refills must add up exactly,
        // or a token due at a whole 200 ms would come a millisecond late (and on a stopped clock never)
        for (double rate : new double[] {5, 0.5, 0.1}) {
            long period = Math.round(1000 / rate);
            TokenBucket bucket = new TokenBucket(rate, T0);
            int taken = 0;
            for (long ms = 0; ms <= 60_000; ms++) {
                if (bucket.millisUntilToken(at(ms)) == 0) {
                    assertThat(ms % period).as("a token at %d ms at %s/s", ms, rate).isZero();
                    bucket.take(at(ms));
                    taken++;
                }
            }
            assertThat(taken).as("tokens in a minute at %s/s", rate).isEqualTo(1 + (int) (60_000 / period));
        }
    }

    @Test
    void aBucketWithABurstLetsThatManyGoAtOnceThenKeepsTheRate() {
        TokenBucket bucket = new TokenBucket(2, 3, false, T0);
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.millisUntilToken(T0)).as("request %d of the burst", i + 1).isZero();
            bucket.take(T0);
        }
        assertThat(bucket.millisUntilToken(T0)).as("the burst is spent").isEqualTo(500);
        bucket.take(at(500));
        assertThat(bucket.millisUntilToken(at(500))).isEqualTo(500);
        // a minute idle refills the burst, and no more than the burst
        for (int i = 0; i < 3; i++) bucket.take(at(60_000));
        assertThat(bucket.millisUntilToken(at(60_000))).isEqualTo(500);
    }

    @Test
    void aBucketWithoutDebtNeverLendsATokenNotEvenForTheSafetyFloor() {
        TokenBucket bucket = new TokenBucket(1, 1, false, T0);
        assertThat(bucket.debtAllowed()).isFalse();
        bucket.take(T0);
        assertThatThrownBy(() -> bucket.take(at(400))).isInstanceOf(IllegalStateException.class);
        assertThat(bucket.millisUntilToken(at(400))).as("the failed take cost nothing").isEqualTo(600);
        bucket.take(at(1_000));
        assertThat(bucket.millisUntilToken(at(1_000))).isEqualTo(1_000);
    }

    @Test
    void theBucketRefillsFromTheEndOfTheRequestSoASlowOneDoesNotBringTheNextCloser() {
        TokenBucket bucket = new TokenBucket(1, 1, false, T0);
        bucket.take(T0);
        bucket.spent(T0, at(700)); // the platform may have counted it at 700 ms
        assertThat(bucket.millisUntilToken(at(1_000))).isEqualTo(700);
        assertThat(bucket.millisUntilToken(at(1_700))).isZero();

        TokenBucket burst = new TokenBucket(1, 2, false, T0);
        burst.take(T0);
        burst.spent(T0, at(300));
        burst.take(at(300));
        burst.spent(at(300), at(500));
        assertThat(burst.millisUntilToken(at(500))).as("a second after the end of the first").isEqualTo(1_000);
    }
}

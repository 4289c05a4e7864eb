package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Reading the HTTP Retry-After header (pure Java). */
class RetryAfterTest {

    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    @Test
    void deltaSecondsAreTakenAsTheyAre() {
        assertThat(RetryAfter.parse("2", NOW)).contains(Duration.ofSeconds(2));
        assertThat(RetryAfter.parse(" 120 ", NOW)).contains(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse("0", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).as("too many digits for a long: very long")
                .hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofDays(365 * 1000L)));
    }

    @Test
    void anHttpDateInAnyOfItsThreeFormsIsTheTimeUntilIt() {
        assertThat(RetryAfter.parse("Sun, 22 Nov 2026 08:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sunday, 22-Nov-26 08:01:00 GMT", NOW)).contains(Duration.ofMinutes(1));
        assertThat(RetryAfter.parse("Sun Nov 22 08:00:05 2026", NOW)).contains(Duration.ofSeconds(5));
        assertThat(RetryAfter.parse("Tue Dec  1 08:00:00 2026", NOW)).contains(Duration.ofDays(9));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", NOW)).as("94 is 1994, not 2094")
                .contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Sun, 22 Nov 2026 07:59:59 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void nothingUsableIsEmpty() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse("   ", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).as("negative").isEmpty();
        assertThat(RetryAfter.parse("+5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("1.5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("2026-11-22T08:00:30Z", NOW)).as("not an HTTP-date").isEmpty();
        assertThat(RetryAfter.parse("Sun, 22 Nov 2026 08:00:30 +0900", NOW)).as("HTTP-dates are GMT").isEmpty();
        assertThat(RetryAfter.parse("Sun, 31 Nov 2026 08:00:30 GMT", NOW)).as("no such day").isEmpty();
    }
}

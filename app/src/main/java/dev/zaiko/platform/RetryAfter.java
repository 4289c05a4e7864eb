package dev.zaiko.platform;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The HTTP {@code Retry-After} header (RFC 9110, 10.2.3) as a wait: delta-seconds ({@code 120}) or
 * an HTTP-date ({@code Wed, 21 Oct 2015 07:28:00 GMT}). Whoever calls decides on a cap: a server
 * may ask for anything.
 */
public final class RetryAfter {

    /** Far beyond any sensible wait; keeps a huge delta from overflowing a Duration. */
    private static final long MAX_SECONDS = 366L * 24 * 3600;

    private RetryAfter() {
    }

    /**
     * @param now the caller's clock, for an HTTP-date
     * @return empty for null, blank or a value that is neither form; a date in the past gives
     *         {@link Duration#ZERO}
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) return Optional.empty();
        String v = value.strip();
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // more digits than a long holds is still "a very long time", not garbage
            long seconds = v.length() > 12 ? MAX_SECONDS : Math.min(Long.parseLong(v), MAX_SECONDS);
            return Optional.of(Duration.ofSeconds(seconds));
        }
        try {
            // IMF-fixdate, the form senders must use; the obsolete RFC 850 and asctime forms are unparseable here
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

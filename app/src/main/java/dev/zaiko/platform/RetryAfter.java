package dev.zaiko.platform;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTTP {@code Retry-After} header (RFC 9110, 10.2.3): delta-seconds or an HTTP-date, in any of
 * the three date forms a recipient must accept (IMF-fixdate, the obsolete RFC 850 form, asctime).
 * Self-contained on purpose: the channel adapters and the webhook deliveries read it alike.
 */
public final class RetryAfter {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.US)
                    .withResolverStyle(ResolverStyle.STRICT);
    /**
     * RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT", read after the day's name (which the century, settled
     * below, could contradict).
     */
    private static final DateTimeFormatter RFC_850 =
            DateTimeFormatter.ofPattern("dd-MMM-uu HH:mm:ss 'GMT'", Locale.US)
                    .withResolverStyle(ResolverStyle.STRICT);
    /** asctime: "Sun Nov  6 08:49:37 1994" (a day below 10 is padded with a space). */
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss uuuu", Locale.US)
                    .withResolverStyle(ResolverStyle.STRICT);
    /** More digits than a long holds: still a valid header, meaning "very long". */
    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

    private RetryAfter() {
    }

    /**
     * How long the header asks to wait from {@code now}: the delta-seconds, or the time until the
     * date (zero for a date in the past). Empty for null, blank or anything unparseable (a negative
     * or fractional number of seconds included). The caller caps it.
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || now == null) return Optional.empty();
        String v = value.strip();
        if (v.isEmpty()) return Optional.empty();
        if (digitsOnly(v)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.of(FOREVER);
            }
        }
        return date(v, now).map(at -> at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    }

    private static boolean digitsOnly(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    private static Optional<Instant> date(String v, Instant now) {
        try {
            return Optional.of(LocalDateTime.parse(v, IMF_FIXDATE).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // not the preferred form: try the obsolete ones
        }
        try {
            int comma = v.indexOf(", ");
            if (comma < 6) throw new DateTimeParseException("no day name", v, 0); // "Monday" is the shortest
            LocalDateTime at = LocalDateTime.parse(v.substring(comma + 2), RFC_850);
            // RFC 9110 5.6.7: a two-digit year more than 50 years ahead is the same year of the century before
            int thisYear = ZonedDateTime.ofInstant(now, ZoneOffset.UTC).getYear();
            int year = thisYear - Math.floorMod(thisYear, 100) + at.getYear() % 100;
            if (year > thisYear + 50) year -= 100;
            return Optional.of(at.withYear(year).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // nor this one
        } catch (DateTimeException e) {
            return Optional.empty(); // 29 February moved to a year without it
        }
        try {
            return Optional.of(LocalDateTime.parse(v, ASCTIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

package dev.zaiko.shop;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The hours of a day in which the shop may call customers: from {@code opens} (inclusive) to
 * {@code closes} (exclusive), in the shop's zone. A call at 18:00 sharp with hours 10:00–18:00 is
 * too late: nobody should answer a shop's apology call just as its own day has ended.
 */
public record CallingHours(LocalTime opens, LocalTime closes) {

    public CallingHours {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("Calling hours must open before they close: " + opens + "-" + closes);
        }
    }

    public static CallingHours of(String opens, String closes) {
        return new CallingHours(LocalTime.parse(opens), LocalTime.parse(closes));
    }

    /** {@code 10:00-18:00}, as the configuration writes them. */
    public static CallingHours parse(String text) {
        String[] parts = text.strip().split("\\s*-\\s*");
        if (parts.length != 2) throw new IllegalArgumentException("Calling hours are written HH:mm-HH:mm: " + text);
        try {
            return of(parts[0], parts[1]);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Calling hours are written HH:mm-HH:mm: " + text, e);
        }
    }

    public boolean contains(LocalTime time) {
        return !time.isBefore(opens) && time.isBefore(closes);
    }

    @Override
    public String toString() {
        return opens + "-" + closes;
    }
}

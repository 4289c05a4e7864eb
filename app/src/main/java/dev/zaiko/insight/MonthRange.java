package dev.zaiko.insight;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.zaiko.platform.InvalidRequestException;

/**
 * A range of whole months in the shop's time zone, both ends included, as the insight pages and the API
 * take it ({@code from=2026-01&to=2026-12}); by default the last twelve months up to this one.
 */
public record MonthRange(YearMonth from, YearMonth to) {

    public static final int MAX_MONTHS = 36;

    public MonthRange {
        if (to.isBefore(from)) throw invalid("to", "to (" + to + ") must not be before from (" + from + ").");
        if (ChronoUnit.MONTHS.between(from, to) + 1 > MAX_MONTHS) {
            throw invalid("to", "A range holds at most " + MAX_MONTHS + " months, got " + from + " to " + to + ".");
        }
    }

    /** Parses the two request parameters; blank ones default to the last twelve months. */
    public static MonthRange of(String from, String to, Clock clock) {
        YearMonth now = YearMonth.now(clock);
        YearMonth t = blank(to) ? now : parse("to", to);
        YearMonth f = blank(from) ? t.minusMonths(11) : parse("from", from);
        return new MonthRange(f, t);
    }

    public Instant start(ZoneId zone) {
        return from.atDay(1).atStartOfDay(zone).toInstant();
    }

    /** The first instant after the range. */
    public Instant end(ZoneId zone) {
        return to.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }

    public List<YearMonth> months() {
        return java.util.stream.Stream.iterate(from, m -> !m.isAfter(to), m -> m.plusMonths(1)).toList();
    }

    private static YearMonth parse(String field, String value) {
        try {
            return YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw invalid(field, field + " must be a month like 2026-04, got \"" + value + "\".");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException("invalid-request", message,
                Map.of("field", field, "errors", List.of(Map.of("field", field, "message", message))));
    }
}

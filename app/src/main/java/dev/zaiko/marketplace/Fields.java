package dev.zaiko.marketplace;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Reading one CSV field: each method records its own problem on the report and answers null. */
final class Fields {

    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");
    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm[:ss]");

    private final CsvTable.Row row;
    private final ImportReport.Builder report;
    private boolean failed;

    Fields(CsvTable.Row row, ImportReport.Builder report) {
        this.row = row;
        this.report = report;
        if (row.problem() != null) fail(null, "The row " + row.problem() + ".");
    }

    boolean failed() {
        return failed;
    }

    void fail(String field, String message) {
        failed = true;
        report.error(row.number(), field, message);
    }

    String text(String column, boolean required, int maxLength) {
        if (row.problem() != null) return null;
        String value = row.get(column);
        if (value.isEmpty()) {
            if (required) fail(column, "is required.");
            return null;
        }
        if (value.length() > maxLength) {
            fail(column, "must be at most " + maxLength + " characters, has " + value.length() + ".");
            return null;
        }
        String fault = dev.zaiko.platform.InputText.fault(value, false); // no control characters (docs/security.md)
        if (fault != null) {
            fail(column, fault + ".");
            return null;
        }
        return value;
    }

    Long number(String column, boolean required, long min, long max) {
        String value = text(column, required, 20);
        if (value == null) return null;
        try {
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                fail(column, "must be between " + min + " and " + max + ", got " + value + ".");
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            fail(column, "must be a whole number, got '" + value + "'.");
            return null;
        }
    }

    /** true/false, 1/0, yes/no; empty means false. */
    Boolean flag(String column) {
        String value = text(column, false, 10);
        if (value == null) return row.problem() == null ? Boolean.FALSE : null;
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
            case "1":
            case "yes":
                return Boolean.TRUE;
            case "false":
            case "0":
            case "no":
                return Boolean.FALSE;
            default:
                fail(column, "must be true or false (or 1/0), got '" + value + "'.");
                return null;
        }
    }

    String oneOf(String column, boolean required, List<String> allowed) {
        String value = text(column, required, 64);
        if (value == null) return null;
        String upper = value.toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            fail(column, "must be one of " + String.join(", ", allowed) + ", got '" + value + "'.");
            return null;
        }
        return upper;
    }

    /** ISO-8601 with an offset (2026-11-20T14:03:00+09:00), or a local time in the shop's zone (Asia/Tokyo). */
    OffsetDateTime instant(String column, boolean required) {
        String value = text(column, required, 40);
        if (value == null) return null;
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException notWithOffset) {
            for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME, SPACED, SLASHED)) {
                try {
                    return LocalDateTime.parse(value, f).atZone(InventoryFiles.SHOP_ZONE).toOffsetDateTime();
                } catch (DateTimeParseException next) {
                    // try the next pattern
                }
            }
            try {
                return LocalDate.parse(value).atStartOfDay(InventoryFiles.SHOP_ZONE).toOffsetDateTime();
            } catch (DateTimeParseException none) {
                fail(column, "must be a date and time like 2026-11-20T14:03:00+09:00 or 2026-11-20 14:03, got '"
                        + value + "'.");
                return null;
            }
        }
    }
}

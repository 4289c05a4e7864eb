package dev.zaiko.shop;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The shop's calendar as configured. Staff changes made through the API (stored in the database)
 * override the hours of the weekdays they name and add closed days; see {@link ShopCalendar}.
 *
 * @param hours            per weekday, {@code 10:00-18:00} or {@code closed} (keys {@code monday} …
 *                         {@code sunday}); a weekday not named keeps its default: Monday to Friday
 *                         10:00-18:00, Saturday and Sunday closed
 * @param nationalHolidays whether the shop closes on Japanese national holidays (default true)
 * @param closedDates      further closed dates, ISO ({@code 2026-12-29,2026-12-30})
 */
@ConfigurationProperties("zaiko.contact.calendar")
public record CalendarProperties(Map<String, String> hours, Boolean nationalHolidays, List<String> closedDates) {

    static final CallingHours DEFAULT_HOURS = CallingHours.of("10:00", "18:00");

    public CalendarProperties {
        hours = hours == null ? Map.of() : Map.copyOf(hours);
        if (nationalHolidays == null) nationalHolidays = true;
        closedDates = closedDates == null ? List.of() : List.copyOf(closedDates);
        // fail at start-up, naming the property, rather than at the first call
        weeklyHours(hours);
        closedDays(closedDates);
    }

    public static CalendarProperties defaults() {
        return new CalendarProperties(null, null, null);
    }

    /** Every weekday's hours, empty when closed. */
    public Map<DayOfWeek, Optional<CallingHours>> weeklyHours() {
        return weeklyHours(hours);
    }

    public Set<LocalDate> closedDays() {
        return closedDays(closedDates);
    }

    private static Map<DayOfWeek, Optional<CallingHours>> weeklyHours(Map<String, String> configured) {
        Map<DayOfWeek, Optional<CallingHours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
            week.put(day, weekend ? Optional.empty() : Optional.of(DEFAULT_HOURS));
        }
        configured.forEach((key, value) -> {
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf(key.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("zaiko.contact.calendar.hours." + key
                        + ": not a weekday (monday … sunday)");
            }
            try {
                week.put(day, value == null || value.isBlank() || value.strip().equalsIgnoreCase("closed")
                        ? Optional.empty() : Optional.of(CallingHours.parse(value)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("zaiko.contact.calendar.hours." + key + "=" + value
                        + ": write HH:mm-HH:mm (opening before closing) or closed", e);
            }
        });
        return Collections.unmodifiableMap(week);
    }

    private static Set<LocalDate> closedDays(List<String> dates) {
        Set<LocalDate> days = new TreeSet<>();
        for (String date : dates) {
            if (date == null || date.isBlank()) continue;
            try {
                days.add(LocalDate.parse(date.strip()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("zaiko.contact.calendar.closed-dates: not an ISO date (2026-12-29): "
                        + date, e);
            }
        }
        return Collections.unmodifiableSet(days);
    }
}

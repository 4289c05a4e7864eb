package dev.zaiko.shop;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * One reason the shop does not call on a day. {@link ShopCalendar} asks its rules in order
 * (closed date, national holiday, weekday) and the first that closes the day names the reason.
 */
interface ClosingRule {

    CalendarDay.Closure closure();

    boolean closes(LocalDate date);

    /** Dates the shop closed on purpose: the configured ones and those staff entered. */
    record ClosedOnClosedDates(Map<LocalDate, String> closed) implements ClosingRule {
        @Override
        public CalendarDay.Closure closure() {
            return CalendarDay.Closure.CLOSED_DATE;
        }

        @Override
        public boolean closes(LocalDate date) {
            return closed.containsKey(date);
        }
    }

    /** Japanese national holidays, unless the shop is configured to work on them. */
    record ClosedOnNationalHolidays(NationalHolidays holidays, boolean enabled) implements ClosingRule {
        @Override
        public CalendarDay.Closure closure() {
            return CalendarDay.Closure.NATIONAL_HOLIDAY;
        }

        @Override
        public boolean closes(LocalDate date) {
            return enabled && holidays.on(date).isPresent();
        }
    }

    /** Weekdays without calling hours (Saturday and Sunday by default). */
    record ClosedOnWeekdaysWithoutHours(Map<DayOfWeek, Optional<CallingHours>> week) implements ClosingRule {
        @Override
        public CalendarDay.Closure closure() {
            return CalendarDay.Closure.WEEKDAY;
        }

        @Override
        public boolean closes(LocalDate date) {
            return week.get(date.getDayOfWeek()).isEmpty();
        }
    }
}

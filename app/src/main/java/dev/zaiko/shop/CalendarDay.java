package dev.zaiko.shop;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * One day of the shop's calendar as the console shows it.
 *
 * @param hours        the calling hours, null when the shop is closed that day
 * @param holiday      the national holiday on that day, if any (shown even when the shop is
 *                     configured to work on national holidays)
 * @param closedBy     why the shop is closed, null on a business day
 * @param closedReason the shop's own words for a closed date ({@link Closure#CLOSED_DATE}), else null
 */
public record CalendarDay(LocalDate date, DayOfWeek weekday, boolean businessDay, CallingHours hours,
                          Holiday holiday, Closure closedBy, String closedReason) {

    /** Why a day is not a business day; when several apply, the first in this order. */
    public enum Closure {
        /** a date the shop closed on purpose (configured or entered by staff) */
        CLOSED_DATE,
        /** a Japanese national holiday, when the shop closes on them */
        NATIONAL_HOLIDAY,
        /** a weekday without calling hours (Saturday and Sunday by default) */
        WEEKDAY
    }
}

package dev.zaiko.shop;

import java.time.LocalDate;

/**
 * Which days the shop works, for the modules that count business days (stockout deadlines and
 * options, refund dates). {@link ShopCalendar} is the one bean: weekly calling hours, Japanese
 * national holidays and the shop's closed days. An interface so that a unit test can pass a
 * calendar of its own ({@code date -> ...}).
 */
public interface BusinessDays {

    boolean isBusinessDay(LocalDate date);

    /** The first business day strictly after {@code date}. */
    default LocalDate nextBusinessDayAfter(LocalDate date) {
        LocalDate day = date.plusDays(1);
        for (int i = 0; i < 366 && !isBusinessDay(day); i++) day = day.plusDays(1);
        if (!isBusinessDay(day)) throw new IllegalStateException("No business day within a year after " + date);
        return day;
    }

    /** The business day {@code days} business days after {@code date} (0: the date itself when a business day, else the next). */
    default LocalDate plusBusinessDays(LocalDate date, int days) {
        LocalDate day = isBusinessDay(date) ? date : nextBusinessDayAfter(date);
        for (int i = 0; i < days; i++) day = nextBusinessDayAfter(day);
        return day;
    }
}

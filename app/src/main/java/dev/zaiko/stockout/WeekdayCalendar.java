package dev.zaiko.stockout;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** Monday to Friday, no holidays yet. */
public class WeekdayCalendar implements BusinessCalendar {

    @Override
    public boolean isBusinessDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }
}

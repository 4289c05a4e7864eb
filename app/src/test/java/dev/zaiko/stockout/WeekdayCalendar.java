package dev.zaiko.stockout;

import dev.zaiko.shop.BusinessDays;
import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Monday to Friday, no holidays: the stockout rules' unit tests state their dates against it, so
 * that they do not change when the shop's real calendar (contact.ShopCalendar) learns a holiday.
 */
public class WeekdayCalendar implements BusinessDays {

    @Override
    public boolean isBusinessDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }
}

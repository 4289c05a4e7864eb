package dev.zaiko.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import dev.zaiko.stockout.ServiceLevelPolicy;
import dev.zaiko.stockout.ServiceLevelProperties;
import dev.zaiko.stockout.Urgency;
import org.junit.jupiter.api.Test;

/** The configured calendar with a fixed clock in Tokyo. */
class ShopCalendarTest {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T00:00:00Z"), TOKYO);
    final ShopCalendar calendar = ShopCalendar.of(CalendarProperties.defaults(), CLOCK);

    static Instant at(int y, int m, int d, int h, int min) {
        return LocalDateTime.of(y, m, d, h, min).atZone(TOKYO).toInstant();
    }

    @Test
    void byDefaultMondayToFridayTenToSixInTheClocksZone() {
        assertThat(calendar.zone()).isEqualTo(TOKYO);
        assertThat(calendar.hoursOn(LocalDate.of(2026, 11, 20))).contains(CallingHours.of("10:00", "18:00"));
        assertThat(calendar.hoursOn(LocalDate.of(2026, 11, 21))).isEmpty(); // Saturday
        assertThat(calendar.hoursOn(LocalDate.of(2026, 11, 22))).isEmpty(); // Sunday
        assertThat(calendar.isBusinessDay(LocalDate.of(2026, 11, 23))).isFalse(); // 勤労感謝の日, a Monday
        assertThat(calendar.isBusinessDay(LocalDate.of(2026, 11, 24))).isTrue();
        assertThat(calendar.holiday(LocalDate.of(2026, 11, 23)).orElseThrow().nameJa()).isEqualTo("勤労感謝の日");
    }

    @Test
    void aCallAtTwentyToMidnightOnFridayWaitsForMonday() {
        assertThat(calendar.nextCallSlot(at(2026, 11, 13, 23, 40))).isEqualTo(at(2026, 11, 16, 10, 0));
    }

    @Test
    void sundayNightBeforeAHolidayMondayWaitsForTuesday() {
        assertThat(calendar.nextCallSlot(at(2026, 11, 22, 23, 40))).isEqualTo(at(2026, 11, 24, 10, 0));
        assertThat(calendar.nextCallSlot(at(2026, 11, 20, 18, 30))).isEqualTo(at(2026, 11, 24, 10, 0));
    }

    @Test
    void aMinuteBeforeOpeningWaitsForTheOpening() {
        assertThat(calendar.nextCallSlot(at(2026, 11, 24, 9, 59))).isEqualTo(at(2026, 11, 24, 10, 0));
        assertThat(calendar.isCallingTime(at(2026, 11, 24, 9, 59))).isFalse();
    }

    @Test
    void duringCallingHoursNowIsTheSlot() {
        Instant two = at(2026, 11, 24, 14, 0);
        assertThat(calendar.nextCallSlot(two)).isEqualTo(two);
        Instant opening = at(2026, 11, 24, 10, 0);
        assertThat(calendar.nextCallSlot(opening)).isEqualTo(opening);
        Instant lastSecond = at(2026, 11, 24, 17, 59).plusSeconds(59);
        assertThat(calendar.nextCallSlot(lastSecond)).isEqualTo(lastSecond);
    }

    @Test
    void closingTimeItselfIsTooLate() {
        assertThat(calendar.isCallingTime(at(2026, 11, 24, 18, 0))).isFalse();
        assertThat(calendar.nextCallSlot(at(2026, 11, 24, 18, 0))).isEqualTo(at(2026, 11, 25, 10, 0));
    }

    @Test
    void theDayIsReadInTheShopsZone() {
        // 2026-11-24 01:00 UTC is 10:00 in Tokyo on a Tuesday; 2026-11-20 23:30 UTC is Saturday morning in Tokyo
        assertThat(calendar.isCallingTime(Instant.parse("2026-11-24T01:00:00Z"))).isTrue();
        assertThat(calendar.nextCallSlot(Instant.parse("2026-11-20T23:30:00Z"))).isEqualTo(at(2026, 11, 24, 10, 0));
    }

    @Test
    void closedDatesAreSkipped() {
        ShopCalendar yearEnd = ShopCalendar.of(new CalendarProperties(null, null,
                List.of("2026-12-29", "2026-12-30", "2026-12-31")), CLOCK);
        assertThat(yearEnd.nextCallSlot(at(2026, 12, 28, 18, 0))).isEqualTo(at(2027, 1, 4, 10, 0)); // 1/1 holiday
        assertThat(yearEnd.days(LocalDate.of(2026, 12, 29), LocalDate.of(2026, 12, 29)).get(0).closedBy())
                .isEqualTo(CalendarDay.Closure.CLOSED_DATE);
    }

    @Test
    void customHoursSaturdaysAndWorkingOnHolidays() {
        ShopCalendar custom = ShopCalendar.of(new CalendarProperties(Map.of("monday", "09:30-12:00",
                "saturday", "11:00-15:00", "wednesday", "closed"), false, null), CLOCK);
        assertThat(custom.nextCallSlot(at(2026, 11, 21, 15, 0))).isEqualTo(at(2026, 11, 23, 9, 30)); // holiday worked
        assertThat(custom.nextCallSlot(at(2026, 11, 23, 12, 0))).isEqualTo(at(2026, 11, 24, 10, 0));
        assertThat(custom.nextCallSlot(at(2026, 11, 24, 18, 0))).isEqualTo(at(2026, 11, 26, 10, 0)); // no Wednesday
        assertThat(custom.nextCallSlot(at(2026, 11, 27, 20, 0))).isEqualTo(at(2026, 11, 28, 11, 0)); // Saturday
        assertThat(custom.weeklyHours().get(DayOfWeek.SUNDAY)).isEmpty();
        assertThat(custom.isBusinessDay(LocalDate.of(2026, 11, 23))).isTrue();
        assertThat(custom.holiday(LocalDate.of(2026, 11, 23))).isPresent(); // still shown
    }

    @Test
    void theDaysSayWhyTheShopIsClosed() {
        List<CalendarDay> days = calendar.days(LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 24));
        assertThat(days).extracting(CalendarDay::closedBy).containsExactly(CalendarDay.Closure.WEEKDAY,
                CalendarDay.Closure.WEEKDAY, CalendarDay.Closure.NATIONAL_HOLIDAY, null);
        assertThat(days.get(2).holiday().nameEn()).isEqualTo("Labor Thanksgiving Day");
        assertThat(days.get(3).hours()).isEqualTo(CallingHours.of("10:00", "18:00"));
        assertThat(days.get(3).businessDay()).isTrue();
        assertThatThrownBy(() -> calendar.days(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 2, 5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShopThatNeverOpensIsRefusedAtTheFirstCallRatherThanLoopingForever() {
        ShopCalendar never = ShopCalendar.of(new CalendarProperties(Map.of("monday", "closed", "tuesday", "closed",
                "wednesday", "closed", "thursday", "closed", "friday", "closed"), null, null), CLOCK);
        assertThatThrownBy(() -> never.nextCallSlot(at(2026, 11, 24, 9, 0))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> never.nextBusinessDayAfter(LocalDate.of(2026, 11, 24)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badConfigurationFailsNamingTheProperty() {
        assertThatThrownBy(() -> new CalendarProperties(Map.of("monday", "18:00-10:00"), null, null))
                .hasMessageContaining("zaiko.contact.calendar.hours.monday");
        assertThatThrownBy(() -> new CalendarProperties(Map.of("mondy", "10:00-18:00"), null, null))
                .hasMessageContaining("not a weekday");
        assertThatThrownBy(() -> new CalendarProperties(null, null, List.of("2026-12-32")))
                .hasMessageContaining("closed-dates");
        assertThatThrownBy(() -> CallingHours.of("18:00", "18:00")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStockoutServiceLevelOnTheShopsCalendarSkipsTheHoliday() {
        // before national holidays: a Friday evening detection was due on Monday 11/23, 勤労感謝の日
        ServiceLevelPolicy policy = new ServiceLevelPolicy(ServiceLevelProperties.defaults(), calendar, TOKYO);
        assertThat(policy.levelFor(new Urgency(false, false, null, false, at(2026, 11, 20, 19, 30))).contactDeadline())
                .isEqualTo(at(2026, 11, 24, 18, 0));
        assertThat(calendar.plusBusinessDays(LocalDate.of(2026, 11, 20), 1)).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(calendar.plusBusinessDays(LocalDate.of(2026, 12, 30), 2)).isEqualTo(LocalDate.of(2027, 1, 4)); // 12/31, then 1/1 (元日) and the weekend
    }
}

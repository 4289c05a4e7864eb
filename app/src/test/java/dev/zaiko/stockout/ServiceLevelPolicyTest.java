package dev.zaiko.stockout;

import dev.zaiko.shop.BusinessDays;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** The contact priorities and deadlines, with a fixed clock in the shop's zone. */
class ServiceLevelPolicyTest {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    final ServiceLevelPolicy policy = new ServiceLevelPolicy(ServiceLevelProperties.defaults(), new WeekdayCalendar(),
            Clock.fixed(at(2026, 11, 20, 19, 30), TOKYO));

    static Instant at(int y, int m, int d, int h, int min) {
        return LocalDateTime.of(y, m, d, h, min).atZone(TOKYO).toInstant();
    }

    static Urgency plain(Instant detected) {
        return new Urgency(false, false, null, false, detected);
    }

    @Test
    void theRulesAreListedInOnePlaceInTheirOrder() {
        assertThat(policy.rules()).extracting(ServiceLevelRule::name).containsExactly("ExpressFirst",
                "GiftsAndBusinessCustomersNext", "EveryoneElseWithinTheNextBusinessDay");
    }

    @Test
    void anExpressOrderIsPriorityOneFifteenMinutesAfterDetectionEvenOnAFridayEvening() {
        Instant friday = at(2026, 11, 20, 19, 30); // a Friday
        ServiceLevel level = policy.levelFor(new Urgency(true, true, LocalDate.of(2026, 11, 25), true, friday));
        assertThat(level.priority()).isEqualTo(1);
        assertThat(level.contactDeadline()).isEqualTo(at(2026, 11, 20, 19, 45));
        assertThat(level.rule()).isEqualTo("ExpressFirst");
    }

    @Test
    void aGiftWithANeededByDateAndABusinessOrderArePriorityTwoWithinTwoHours() {
        Instant detected = at(2026, 11, 18, 10, 0);
        ServiceLevel gift = policy.levelFor(new Urgency(false, true, LocalDate.of(2026, 11, 24), false, detected));
        ServiceLevel b2b = policy.levelFor(new Urgency(false, false, null, true, detected));
        assertThat(gift).isEqualTo(new ServiceLevel(2, at(2026, 11, 18, 12, 0), "GiftsAndBusinessCustomersNext"));
        assertThat(b2b).isEqualTo(new ServiceLevel(2, at(2026, 11, 18, 12, 0), "GiftsAndBusinessCustomersNext"));
    }

    @Test
    void aGiftWithoutANeededByDateIsTreatedLikeEveryoneElse() {
        ServiceLevel level = policy.levelFor(new Urgency(false, true, null, false, at(2026, 11, 18, 10, 0)));
        assertThat(level.priority()).isEqualTo(3);
        assertThat(level.contactDeadline()).isEqualTo(at(2026, 11, 19, 18, 0));
    }

    @Test
    void everyoneElseByTheEndOfTheNextBusinessDay() {
        assertThat(policy.levelFor(plain(at(2026, 11, 16, 9, 0)))) // Monday morning → Tuesday
                .isEqualTo(new ServiceLevel(3, at(2026, 11, 17, 18, 0), "EveryoneElseWithinTheNextBusinessDay"));
        assertThat(policy.levelFor(plain(at(2026, 11, 19, 23, 59))).contactDeadline()) // Thursday night → Friday
                .isEqualTo(at(2026, 11, 20, 18, 0));
    }

    @Test
    void fridayEveningAndWeekendDetectionsAreDueOnMondayEvening() {
        Instant monday = at(2026, 11, 23, 18, 0);
        assertThat(policy.levelFor(plain(at(2026, 11, 20, 19, 30))).contactDeadline()).isEqualTo(monday);
        assertThat(policy.levelFor(plain(at(2026, 11, 21, 0, 5))).contactDeadline()).isEqualTo(monday);
        assertThat(policy.levelFor(plain(at(2026, 11, 22, 23, 50))).contactDeadline()).isEqualTo(monday);
    }

    @Test
    void theDayIsReadInTheShopsZoneNotInUtc() {
        // 2026-11-20 23:30 UTC is Saturday 08:30 in Tokyo: due Monday, not Monday as Friday's next day by chance
        Instant saturdayInTokyo = Instant.parse("2026-11-20T23:30:00Z");
        assertThat(policy.levelFor(plain(saturdayInTokyo)).contactDeadline()).isEqualTo(at(2026, 11, 23, 18, 0));
        // 2026-11-17 16:00 UTC is Wednesday 01:00 in Tokyo: due Thursday (UTC would say Wednesday)
        assertThat(policy.levelFor(plain(Instant.parse("2026-11-17T16:00:00Z"))).contactDeadline())
                .isEqualTo(at(2026, 11, 19, 18, 0));
    }

    @Test
    void theShopConfiguresTheDurationsTheEndOfTheDayAndTheCalendar() {
        BusinessDays noMondays = date -> new WeekdayCalendar().isBusinessDay(date)
                && date.getDayOfWeek() != java.time.DayOfWeek.MONDAY;
        ServiceLevelPolicy custom = new ServiceLevelPolicy(new ServiceLevelProperties(Duration.ofMinutes(10),
                Duration.ofMinutes(45), LocalTime.of(17, 30)), noMondays, TOKYO);
        Instant friday = at(2026, 11, 20, 12, 0);
        assertThat(custom.levelFor(new Urgency(true, false, null, false, friday)).contactDeadline())
                .isEqualTo(friday.plus(Duration.ofMinutes(10)));
        assertThat(custom.levelFor(new Urgency(false, false, null, true, friday)).contactDeadline())
                .isEqualTo(friday.plus(Duration.ofMinutes(45)));
        assertThat(custom.levelFor(plain(friday)).contactDeadline()).isEqualTo(at(2026, 11, 24, 17, 30)); // Tuesday
    }
}

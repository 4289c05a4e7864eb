package dev.zaiko.contact.desk;

import dev.zaiko.contact.CallOutcome;
import dev.zaiko.shop.CalendarProperties;
import dev.zaiko.shop.ShopCalendar;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** What the desk does after a missed call, by the named rules, on the default calendar. */
class MissedCallRulesTest {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Property(tries = 200)
    void everyNextCallIsInsideCallingHoursAndLaterThanTheMissedOne(
            @ForAll @LongRange(min = 0, max = 2 * 365 * 24 * 60) long minutes,
            @ForAll @IntRange(min = 1, max = 5) int missed, @ForAll boolean express, @ForAll boolean gift,
            @ForAll boolean wrongNumber) {
        ShopCalendar calendar = ShopCalendar.of(CalendarProperties.defaults(), java.time.Clock.system(TOKYO));
        MissedCallRules rules = new MissedCallRules(ContactProperties.defaults(), calendar);
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofMinutes(minutes));
        CallOutcome outcome = wrongNumber ? CallOutcome.WRONG_NUMBER : CallOutcome.NO_ANSWER;

        NextCall next = rules.after(new MissedCall(outcome, missed, express, gift, at));

        if (wrongNumber || missed >= 3) {
            assertThat(next.emailOnly()).isTrue();
        } else {
            assertThat(next.at()).isAfter(at);
            assertThat(calendar.isCallingTime(next.at())).isTrue();
            Duration wait = express || gift ? Duration.ofMinutes(30) : Duration.ofHours(2);
            assertThat(next.at()).isAfterOrEqualTo(at.plus(wait));
            assertThat(next.at()).isEqualTo(calendar.nextCallSlot(MissedCallRule.wholeMinute(at.plus(wait))));
            assertThat(next.at().getEpochSecond() % 60).isZero();
            assertThat(next.at().getNano()).isZero();
        }
    }

    @Property(tries = 50)
    void anUrgentOrderIsNeverCalledBackLaterThanAnOrdinaryOne(
            @ForAll @LongRange(min = 0, max = 365 * 24 * 60) long minutes) {
        ShopCalendar calendar = ShopCalendar.of(CalendarProperties.defaults(), java.time.Clock.system(TOKYO));
        MissedCallRules rules = new MissedCallRules(ContactProperties.defaults(), calendar);
        Instant at = Instant.parse("2026-03-01T00:00:00Z").plus(Duration.ofMinutes(minutes));
        Instant urgent = rules.after(new MissedCall(CallOutcome.VOICEMAIL, 1, true, false, at)).at();
        Instant ordinary = rules.after(new MissedCall(CallOutcome.VOICEMAIL, 1, false, false, at)).at();
        assertThat(urgent).isBeforeOrEqualTo(ordinary);
    }

    @org.junit.jupiter.api.Test
    void aMissedExpressCallAtFiveFortyIsTriedAgainTheNextMorning() {
        ShopCalendar calendar = ShopCalendar.of(CalendarProperties.defaults(), java.time.Clock.system(TOKYO));
        MissedCallRules rules = new MissedCallRules(ContactProperties.defaults(), calendar);
        Instant friday = java.time.LocalDate.of(2026, 11, 20).atTime(17, 40).atZone(TOKYO).toInstant();
        NextCall next = rules.after(new MissedCall(CallOutcome.NO_ANSWER, 1, true, false, friday));
        // Saturday and Sunday closed, Monday 23 November a national holiday
        assertThat(next.at()).isEqualTo(java.time.LocalDate.of(2026, 11, 24).atTime(LocalTime.of(10, 0))
                .atZone(TOKYO).toInstant());
        assertThat(next.rule()).isEqualTo("UrgentOrdersAreCalledAgainSoon");
    }
}

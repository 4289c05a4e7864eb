package dev.zaiko.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For any instant of 2026–2027: the next call slot is not earlier, is calling time, and no
 * calling time was skipped before it. The last is checked against the hours themselves, not
 * against nextCallSlot's own loop: every opening between the instant and the slot must be later
 * than the slot, and the instant itself must not be calling time unless it is the slot.
 */
class NextCallSlotProperties {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), TOKYO);

    static final List<ShopCalendar> CALENDARS = List.of(
            ShopCalendar.of(CalendarProperties.defaults(), CLOCK),
            ShopCalendar.of(new CalendarProperties(Map.of("monday", "closed", "tuesday", "13:00-13:30",
                    "saturday", "09:00-21:00", "sunday", "00:00-00:01"), true,
                    List.of("2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-02", "2027-01-03")),
                    CLOCK),
            ShopCalendar.of(new CalendarProperties(Map.of("friday", "23:59-23:59:59"), false, null), CLOCK));

    @Provide
    Arbitrary<Instant> instants() {
        long from = Instant.parse("2025-12-31T15:00:00Z").getEpochSecond(); // 2026-01-01 00:00 in Tokyo
        long to = Instant.parse("2027-12-31T15:00:00Z").getEpochSecond();
        Arbitrary<Instant> any = Arbitraries.longs().between(from, to - 1).map(Instant::ofEpochSecond);
        // around openings and closings, where an off-by-one hides
        Arbitrary<Instant> edges = Arbitraries.longs().between(from / 86_400, to / 86_400 - 1)
                .flatMap(day -> Arbitraries.of(0, 9, 10, 13, 18, 21, 23).flatMap(h -> Arbitraries.of(-60, -1, 0, 1)
                        .map(s -> ZonedDateTime.ofInstant(Instant.ofEpochSecond(day * 86_400), TOKYO)
                                .withHour(h).withMinute(0).withSecond(0).plusSeconds(s).toInstant())))
                .filter(i -> !i.isBefore(Instant.ofEpochSecond(from)) && i.isBefore(Instant.ofEpochSecond(to)));
        return Arbitraries.oneOf(any, edges);
    }

    @Property(tries = 600)
    void theNextSlotIsTheFirstCallingTimeFromTheInstant(@ForAll("instants") Instant t,
                                                        @ForAll("calendars") ShopCalendar calendar) {
        Instant slot = calendar.nextCallSlot(t);

        assertThat(slot).isAfterOrEqualTo(t);
        assertThat(calendar.isCallingTime(slot)).isTrue();
        if (!slot.equals(t)) {
            assertThat(calendar.isCallingTime(t)).isFalse();
            assertThat(calendar.isCallingTime(slot.minusSeconds(1))).isFalse(); // the slot is an opening
        }
        // no day between t and the slot had calling hours after t that began before the slot
        for (LocalDate day = LocalDate.ofInstant(t, TOKYO); !day.isAfter(LocalDate.ofInstant(slot, TOKYO));
             day = day.plusDays(1)) {
            Optional<CallingHours> hours = calendar.hoursOn(day);
            if (hours.isEmpty()) continue;
            Instant opens = day.atTime(hours.get().opens()).atZone(TOKYO).toInstant();
            Instant closes = day.atTime(hours.get().closes()).atZone(TOKYO).toInstant();
            // [opens, closes) and [t, slot) share an instant
            boolean overlaps = max(opens, t).isBefore(min(closes, slot));
            assertThat(overlaps).as("calling hours %s on %s lie between %s and %s", hours.get(), day, t, slot)
                    .isFalse();
        }
        assertThat(Duration.between(t, slot)).isLessThan(Duration.ofDays(30));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @Provide
    Arbitrary<ShopCalendar> calendars() {
        return Arbitraries.of(CALENDARS);
    }
}

package dev.zaiko.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The holidays computed by the law's rules, checked against the Cabinet Office's published lists
 * for 2024 to 2027, and the rules themselves for every year the calendar covers.
 */
class NationalHolidaysTest {

    final NationalHolidays holidays = NationalHolidays.load();

    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    static List<LocalDate> days(String... iso) {
        return java.util.Arrays.stream(iso).map(LocalDate::parse).toList();
    }

    @Test
    void computesEveryHolidayThatTheCabinetOfficePublishedFor2024To2027AndNothingElse() {
        assertThat(holidays.year(2024).keySet()).containsExactlyElementsOf(days(
                "2024-01-01", "2024-01-08", "2024-02-11", "2024-02-12", "2024-02-23", "2024-03-20",
                "2024-04-29", "2024-05-03", "2024-05-04", "2024-05-05", "2024-05-06", "2024-07-15",
                "2024-08-11", "2024-08-12", "2024-09-16", "2024-09-22", "2024-09-23", "2024-10-14",
                "2024-11-03", "2024-11-04", "2024-11-23"));
        assertThat(holidays.year(2025).keySet()).containsExactlyElementsOf(days(
                "2025-01-01", "2025-01-13", "2025-02-11", "2025-02-23", "2025-02-24", "2025-03-20",
                "2025-04-29", "2025-05-03", "2025-05-04", "2025-05-05", "2025-05-06", "2025-07-21",
                "2025-08-11", "2025-09-15", "2025-09-23", "2025-10-13", "2025-11-03", "2025-11-23",
                "2025-11-24"));
        assertThat(holidays.year(2026).keySet()).containsExactlyElementsOf(days(
                "2026-01-01", "2026-01-12", "2026-02-11", "2026-02-23", "2026-03-20", "2026-04-29",
                "2026-05-03", "2026-05-04", "2026-05-05", "2026-05-06", "2026-07-20", "2026-08-11",
                "2026-09-21", "2026-09-22", "2026-09-23", "2026-10-12", "2026-11-03", "2026-11-23"));
        assertThat(holidays.year(2027).keySet()).containsExactlyElementsOf(days(
                "2027-01-01", "2027-01-11", "2027-02-11", "2027-02-23", "2027-03-21", "2027-03-22",
                "2027-04-29", "2027-05-03", "2027-05-04", "2027-05-05", "2027-07-19", "2027-08-11",
                "2027-09-20", "2027-09-23", "2027-10-11", "2027-11-03", "2027-11-23"));
    }

    @Test
    void namesEachHolidayInJapaneseAndEnglish() {
        assertThat(holidays.on(d("2026-11-23"))).contains(new Holiday(d("2026-11-23"), "勤労感謝の日",
                "Labor Thanksgiving Day"));
        assertThat(holidays.on(d("2026-09-22")).orElseThrow().nameJa()).isEqualTo("国民の休日");
        assertThat(holidays.on(d("2026-05-06")).orElseThrow().nameJa()).isEqualTo("振替休日");
        assertThat(holidays.on(d("2027-03-22")).orElseThrow().nameEn()).isEqualTo("Substitute Holiday");
        assertThat(holidays.on(d("2027-03-21")).orElseThrow().nameJa()).isEqualTo("春分の日");
        assertThat(holidays.on(d("2026-11-24"))).isEmpty();
        for (int year = NationalHolidays.FIRST_YEAR; year <= NationalHolidays.LAST_YEAR; year++) {
            holidays.year(year).values().forEach(h -> {
                assertThat(h.nameJa()).isNotBlank().doesNotContainPattern("[A-Za-z]");
                assertThat(h.nameEn()).isNotBlank().matches("[A-Za-z' ]+");
            });
        }
    }

    @Test
    void knowsTheYearsItsRulesHoldForAndNoOthers() {
        assertThat(holidays.covers(2021)).as("the Olympic moves of 2020 and 2021 follow no rule").isFalse();
        assertThat(holidays.covers(2022)).isTrue();
        assertThat(holidays.covers(2028)).isTrue();
        assertThat(holidays.covers(2099)).isTrue();
        assertThat(holidays.covers(2100)).as("the equinox approximation ends with 2099").isFalse();
        assertThat(holidays.year(2100)).isEmpty();
    }

    @Property(tries = 78)
    void everyYearHasTheSixteenNamedHolidaysWithHappyMondaysOnMondaysAndEquinoxesInPlace(
            @ForAll @IntRange(min = NationalHolidays.FIRST_YEAR, max = NationalHolidays.LAST_YEAR) int year) {
        Map<LocalDate, Holiday> all = holidays.year(year);
        assertThat(all.values()).filteredOn(h -> !h.nameJa().equals("振替休日") && !h.nameJa().equals("国民の休日"))
                .hasSize(16);
        for (String name : List.of("成人の日", "海の日", "敬老の日", "スポーツの日")) {
            assertThat(all.values()).filteredOn(h -> h.nameJa().equals(name)).singleElement()
                    .satisfies(h -> assertThat(h.date().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY));
        }
        assertThat(all.values()).filteredOn(h -> h.nameJa().equals("春分の日")).singleElement()
                .satisfies(h -> assertThat(h.date()).isBetween(LocalDate.of(year, Month.MARCH, 19),
                        LocalDate.of(year, Month.MARCH, 21)));
        assertThat(all.values()).filteredOn(h -> h.nameJa().equals("秋分の日")).singleElement()
                .satisfies(h -> assertThat(h.date()).isBetween(LocalDate.of(year, Month.SEPTEMBER, 22),
                        LocalDate.of(year, Month.SEPTEMBER, 24)));
        assertThat(all.keySet()).allSatisfy(day -> assertThat(day.getYear()).isEqualTo(year));
    }

    @Property(tries = 78)
    void aHolidayOnASundayIsFollowedByASubstituteOnTheFirstDayThatIsNotAHoliday(
            @ForAll @IntRange(min = NationalHolidays.FIRST_YEAR, max = NationalHolidays.LAST_YEAR) int year) {
        Map<LocalDate, Holiday> all = holidays.year(year);
        all.values().stream().filter(h -> h.date().getDayOfWeek() == DayOfWeek.SUNDAY).forEach(h -> {
            LocalDate day = h.date().plusDays(1);
            while (all.containsKey(day) && !all.get(day).nameJa().equals("振替休日")) day = day.plusDays(1);
            assertThat(all.get(day)).as("substitute for " + h).isNotNull();
        });
        all.values().stream().filter(h -> h.nameJa().equals("振替休日")).forEach(h -> {
            LocalDate day = h.date().minusDays(1);
            while (all.containsKey(day) && day.getDayOfWeek() != DayOfWeek.SUNDAY) day = day.minusDays(1);
            assertThat(day.getDayOfWeek()).as(h.toString()).isEqualTo(DayOfWeek.SUNDAY);
            assertThat(all).as(h.toString()).containsKey(day);
        });
    }

    @Property(tries = 78)
    void aCitizensHolidayLiesBetweenTwoHolidaysAndEveryDayBetweenTwoHolidaysIsOne(
            @ForAll @IntRange(min = NationalHolidays.FIRST_YEAR, max = NationalHolidays.LAST_YEAR) int year) {
        Map<LocalDate, Holiday> all = holidays.year(year);
        all.values().stream().filter(h -> h.nameJa().equals("国民の休日")).forEach(h -> {
            assertThat(all).containsKey(h.date().minusDays(1)).containsKey(h.date().plusDays(1));
        });
        all.keySet().stream().filter(day -> all.containsKey(day.plusDays(2))
                        && !all.get(day).nameJa().equals("振替休日") && !all.get(day.plusDays(2)).nameJa().equals("振替休日"))
                .forEach(day -> assertThat(all).as("the day after " + day).containsKey(day.plusDays(1)));
    }

    @Test
    void aOneOffHolidayCountsForTheCitizensHolidaysAroundIt() {
        // as 2019-05-01 (即位の日) made 4/30 and 5/2 holidays
        NationalHolidays withOneOff = new NationalHolidays(Map.of(d("2031-05-01"),
                new Holiday(d("2031-05-01"), "即位礼の日", "Enthronement Day")));

        assertThat(withOneOff.on(d("2031-05-01")).orElseThrow().nameJa()).isEqualTo("即位礼の日");
        assertThat(withOneOff.on(d("2031-04-30")).orElseThrow().nameJa()).isEqualTo("国民の休日");
        assertThat(withOneOff.on(d("2031-05-02")).orElseThrow().nameJa()).isEqualTo("国民の休日");
        assertThat(holidays.on(d("2031-04-30"))).as("without it, an ordinary day").isEmpty();
    }
}

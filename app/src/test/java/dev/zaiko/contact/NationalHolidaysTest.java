package dev.zaiko.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The shipped holiday list, checked against the Cabinet Office's dates and the holiday law's rules. */
class NationalHolidaysTest {

    final NationalHolidays holidays = NationalHolidays.load();

    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void listsEveryHolidayOf2026And2027AndNothingElse() {
        assertThat(holidays.all().keySet()).containsExactly(
                d("2026-01-01"), d("2026-01-12"), d("2026-02-11"), d("2026-02-23"), d("2026-03-20"),
                d("2026-04-29"), d("2026-05-03"), d("2026-05-04"), d("2026-05-05"), d("2026-05-06"),
                d("2026-07-20"), d("2026-08-11"), d("2026-09-21"), d("2026-09-22"), d("2026-09-23"),
                d("2026-10-12"), d("2026-11-03"), d("2026-11-23"),
                d("2027-01-01"), d("2027-01-11"), d("2027-02-11"), d("2027-02-23"), d("2027-03-21"),
                d("2027-03-22"), d("2027-04-29"), d("2027-05-03"), d("2027-05-04"), d("2027-05-05"),
                d("2027-07-19"), d("2027-08-11"), d("2027-09-20"), d("2027-09-23"), d("2027-10-11"),
                d("2027-11-03"), d("2027-11-23"));
        assertThat(holidays.all()).hasSize(35);
        assertThat(holidays.covers(2026)).isTrue();
        assertThat(holidays.covers(2027)).isTrue();
        assertThat(holidays.covers(2028)).isFalse();
    }

    @Test
    void namesEachHolidayInJapaneseAndEnglish() {
        assertThat(holidays.on(d("2026-11-23"))).contains(new Holiday(d("2026-11-23"), "勤労感謝の日",
                "Labor Thanksgiving Day"));
        assertThat(holidays.on(d("2026-09-22")).orElseThrow().nameJa()).isEqualTo("国民の休日");
        assertThat(holidays.on(d("2026-05-06")).orElseThrow().nameJa()).isEqualTo("振替休日");
        assertThat(holidays.on(d("2027-03-22")).orElseThrow().nameEn()).isEqualTo("Substitute Holiday");
        assertThat(holidays.on(d("2026-11-24"))).isEmpty();
        holidays.all().values().forEach(h -> {
            assertThat(h.nameJa()).isNotBlank().doesNotContainPattern("[A-Za-z]");
            assertThat(h.nameEn()).isNotBlank().matches("[A-Za-z' ]+");
        });
    }

    @Test
    void happyMondayHolidaysFallOnMondays() {
        for (String name : List.of("成人の日", "海の日", "敬老の日", "スポーツの日")) {
            assertThat(holidays.all().values()).filteredOn(h -> h.nameJa().equals(name)).hasSize(2)
                    .allSatisfy(h -> assertThat(h.date().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY));
        }
    }

    @Test
    void aSubstituteHolidayIsTheFirstNonHolidayAfterAHolidayOnSunday() {
        Map<LocalDate, Holiday> all = holidays.all();
        all.values().stream().filter(h -> h.nameJa().equals("振替休日")).forEach(h -> {
            LocalDate day = h.date().minusDays(1);
            while (all.containsKey(day) && day.getDayOfWeek() != DayOfWeek.SUNDAY) day = day.minusDays(1);
            assertThat(day.getDayOfWeek()).as(h.toString()).isEqualTo(DayOfWeek.SUNDAY);
            assertThat(all).as(h.toString()).containsKey(day);
        });
        // and every holiday on a Sunday has one
        all.values().stream().filter(h -> h.date().getDayOfWeek() == DayOfWeek.SUNDAY).forEach(h -> {
            LocalDate day = h.date().plusDays(1);
            while (all.containsKey(day) && !all.get(day).nameJa().equals("振替休日")) day = day.plusDays(1);
            assertThat(all.get(day)).as("substitute for " + h).isNotNull();
        });
    }

    @Test
    void aCitizensHolidayLiesBetweenTwoHolidays() {
        holidays.all().values().stream().filter(h -> h.nameJa().equals("国民の休日")).forEach(h -> {
            assertThat(holidays.on(h.date().minusDays(1))).isPresent();
            assertThat(holidays.on(h.date().plusDays(1))).isPresent();
        });
        assertThat(holidays.all().values()).filteredOn(h -> h.nameJa().equals("国民の休日")).hasSize(1);
    }
}

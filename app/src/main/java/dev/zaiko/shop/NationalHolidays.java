package dev.zaiko.shop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Japanese national holidays, computed by the rules of the holiday law (国民の祝日に関する法律) for
 * any year from {@link #FIRST_YEAR} to {@link #LAST_YEAR}:
 * <ul>
 * <li>fixed days: 元日, 建国記念の日, 天皇誕生日 (2/23), 昭和の日, 憲法記念日, みどりの日, こどもの日,
 * 山の日, 文化の日, 勤労感謝の日;</li>
 * <li>Happy Monday days: 成人の日 (2nd Monday of January), 海の日 (3rd of July), 敬老の日 (3rd of
 * September), スポーツの日 (2nd of October);</li>
 * <li>the equinox days by the published approximation (valid 1980-2099): vernal
 * {@code floor(20.8431 + 0.242194 (y - 1980) - floor((y - 1980) / 4))} of March, autumnal
 * {@code floor(23.2488 + …)} of September;</li>
 * <li>振替休日: a holiday on a Sunday makes the next day that is not a holiday one (article 3-2);</li>
 * <li>国民の休日: a day between two holidays that is not one itself (article 3-3).</li>
 * </ul>
 * One-off days the law adds for a single year (an imperial ceremony, as in 2019) come from
 * {@code shop/holidays-jp.csv} ({@code date,name_ja,name_en}) and count as holidays for the two
 * derived rules too. The first year is 2022: 2020 and 2021 moved 海の日, 山の日 and スポーツの日 for
 * the Olympic Games, which no rule describes, and a shop's calendar looks ahead, not back.
 */
final class NationalHolidays {

    static final String RESOURCE = "shop/holidays-jp.csv";
    static final int FIRST_YEAR = 2022;
    static final int LAST_YEAR = 2099;

    private final Map<LocalDate, Holiday> oneOff;
    private final Map<Integer, Map<LocalDate, Holiday>> years = new ConcurrentHashMap<>();

    NationalHolidays(Map<LocalDate, Holiday> oneOff) {
        this.oneOff = Collections.unmodifiableMap(new TreeMap<>(oneOff));
    }

    static NationalHolidays load() {
        try (InputStream in = NationalHolidays.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("Missing resource " + RESOURCE);
            Map<LocalDate, Holiday> read = new TreeMap<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#") || line.startsWith("date,")) continue;
                String[] cells = line.split(",", -1);
                if (cells.length != 3) throw new IllegalStateException(RESOURCE + ":" + number + ": expected date,name_ja,name_en");
                LocalDate date = LocalDate.parse(cells[0].strip());
                if (read.put(date, new Holiday(date, cells[1].strip(), cells[2].strip())) != null) {
                    throw new IllegalStateException(RESOURCE + ":" + number + ": " + date + " is listed twice");
                }
            }
            return new NationalHolidays(read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<Holiday> on(LocalDate date) {
        return Optional.ofNullable(year(date.getYear()).get(date));
    }

    /** Whether the year's holidays are known: outside the rules' years, "no holiday" means "not known". */
    boolean covers(int year) {
        return (year >= FIRST_YEAR && year <= LAST_YEAR) || oneOff.keySet().stream().anyMatch(d -> d.getYear() == year);
    }

    /** Every holiday of a year, in date order (empty for a year not covered but for its one-off days). */
    Map<LocalDate, Holiday> year(int year) {
        return years.computeIfAbsent(year, this::compute);
    }

    private Map<LocalDate, Holiday> compute(int year) {
        TreeMap<LocalDate, Holiday> holidays = new TreeMap<>();
        if (year >= FIRST_YEAR && year <= LAST_YEAR) {
            fixed(holidays, year, Month.JANUARY, 1, "元日", "New Year's Day");
            monday(holidays, year, Month.JANUARY, 2, "成人の日", "Coming of Age Day");
            fixed(holidays, year, Month.FEBRUARY, 11, "建国記念の日", "National Foundation Day");
            fixed(holidays, year, Month.FEBRUARY, 23, "天皇誕生日", "The Emperor's Birthday");
            fixed(holidays, year, Month.MARCH, equinox(20.8431, year), "春分の日", "Vernal Equinox Day");
            fixed(holidays, year, Month.APRIL, 29, "昭和の日", "Showa Day");
            fixed(holidays, year, Month.MAY, 3, "憲法記念日", "Constitution Memorial Day");
            fixed(holidays, year, Month.MAY, 4, "みどりの日", "Greenery Day");
            fixed(holidays, year, Month.MAY, 5, "こどもの日", "Children's Day");
            monday(holidays, year, Month.JULY, 3, "海の日", "Marine Day");
            fixed(holidays, year, Month.AUGUST, 11, "山の日", "Mountain Day");
            monday(holidays, year, Month.SEPTEMBER, 3, "敬老の日", "Respect for the Aged Day");
            fixed(holidays, year, Month.SEPTEMBER, equinox(23.2488, year), "秋分の日", "Autumnal Equinox Day");
            monday(holidays, year, Month.OCTOBER, 2, "スポーツの日", "Sports Day");
            fixed(holidays, year, Month.NOVEMBER, 3, "文化の日", "Culture Day");
            fixed(holidays, year, Month.NOVEMBER, 23, "勤労感謝の日", "Labor Thanksgiving Day");
        }
        oneOff.forEach((date, holiday) -> {
            if (date.getYear() == year) holidays.put(date, holiday);
        });
        // the derived days look at the holidays the law names (and the one-off ones), not at each other
        Map<LocalDate, Holiday> named = Map.copyOf(holidays);
        for (LocalDate day : named.keySet()) {
            LocalDate between = day.plusDays(2);
            LocalDate middle = day.plusDays(1);
            if (named.containsKey(between) && !named.containsKey(middle)) {
                holidays.put(middle, new Holiday(middle, "国民の休日", "Citizens' Holiday"));
            }
        }
        for (LocalDate day : named.keySet()) {
            if (day.getDayOfWeek() != DayOfWeek.SUNDAY) continue;
            LocalDate substitute = day.plusDays(1);
            while (named.containsKey(substitute)) substitute = substitute.plusDays(1);
            if (substitute.getYear() == year) {
                holidays.put(substitute, new Holiday(substitute, "振替休日", "Substitute Holiday"));
            }
        }
        return Collections.unmodifiableMap(holidays);
    }

    /** The day of the month of an equinox, by the approximation published for 1980-2099. */
    static int equinox(double base, int year) {
        return (int) Math.floor(base + 0.242194 * (year - 1980) - Math.floor((year - 1980) / 4.0));
    }

    private static void fixed(Map<LocalDate, Holiday> into, int year, Month month, int day, String ja, String en) {
        LocalDate date = LocalDate.of(year, month, day);
        into.put(date, new Holiday(date, ja, en));
    }

    private static void monday(Map<LocalDate, Holiday> into, int year, Month month, int nth, String ja, String en) {
        LocalDate date = LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(nth, DayOfWeek.MONDAY));
        into.put(date, new Holiday(date, ja, en));
    }
}

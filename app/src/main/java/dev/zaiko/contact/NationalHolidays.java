package dev.zaiko.contact;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Japanese national holidays from {@code contact/holidays-jp.csv} (date,name_ja,name_en). A
 * file rather than a computation: equinox days are announced by the government a year ahead and
 * the rules change (the 2020 and 2021 Olympic moves), so the list is data, checked by a test.
 */
final class NationalHolidays {

    static final String RESOURCE = "contact/holidays-jp.csv";

    private final Map<LocalDate, Holiday> holidays;
    private final Set<Integer> years;

    NationalHolidays(Map<LocalDate, Holiday> holidays) {
        this.holidays = Collections.unmodifiableMap(new TreeMap<>(holidays));
        Set<Integer> covered = new TreeSet<>();
        holidays.keySet().forEach(d -> covered.add(d.getYear()));
        this.years = Collections.unmodifiableSet(covered);
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
        return Optional.ofNullable(holidays.get(date));
    }

    /** Whether the list has the year at all: outside it, "no holiday" means "not known". */
    boolean covers(int year) {
        return years.contains(year);
    }

    Map<LocalDate, Holiday> all() {
        return holidays;
    }
}

package dev.zaiko.shop;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.zaiko.platform.VersionedCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The shop's business calendar: which days it works and when it may call customers. A day is a
 * business day unless a {@link ClosingRule} closes it: a closed date, a national holiday (when
 * {@code zaiko.contact.calendar.national-holidays} is on) or a weekday without calling hours.
 * <p>
 * The configuration ({@link CalendarProperties}) gives the defaults; staff changes stored in the
 * database override a weekday's hours and add closed days. Reads come from memory: the call queue
 * asks often (see {@link VersionedCache} for how changes reach every node). All days and times
 * are read in the shop's zone, the Clock's.
 */
@Component
public class ShopCalendar implements BusinessDays {

    /** How far {@link #nextCallSlot} looks: a shop closed for more than a year is misconfigured. */
    static final int SEARCH_DAYS = 366;
    /** The longest range {@link #days} lists. */
    public static final int MAX_DAYS = 400;

    private static final Logger log = LoggerFactory.getLogger(ShopCalendar.class);

    private final CalendarProperties properties;
    private final NationalHolidays holidays;
    private final VersionedCache<Rules> rules;
    private final ZoneId zone;
    private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();

    @Autowired
    ShopCalendar(CalendarProperties properties, CalendarStore store, Clock clock) {
        this(properties, store, clock, NationalHolidays.load());
    }

    private ShopCalendar(CalendarProperties properties, VersionedCache.Source<CalendarStore.Overrides> overrides,
                         Clock clock, NationalHolidays holidays) {
        this.properties = properties;
        this.holidays = holidays;
        this.zone = clock.getZone();
        this.rules = new VersionedCache<>("calendar", new VersionedCache.Source<>() {
            @Override
            public long version() {
                return overrides.version();
            }

            @Override
            public Rules load() {
                return rulesWith(overrides.load());
            }
        }, clock);
    }

    /** The configured calendar alone, no database (unit tests, tools): the zone is the clock's. */
    public static ShopCalendar of(CalendarProperties properties, Clock clock) {
        return new ShopCalendar(properties, new VersionedCache.Source<>() {
            @Override
            public long version() {
                return 0;
            }

            @Override
            public CalendarStore.Overrides load() {
                return CalendarStore.Overrides.NONE;
            }
        }, clock, NationalHolidays.load());
    }

    /** The settings in force: configuration merged with staff changes, and the rules they make. */
    record Rules(Map<DayOfWeek, Optional<CallingHours>> week, Map<LocalDate, String> closedDates,
                 List<ClosingRule> closing) {
    }

    private Rules rulesWith(CalendarStore.Overrides overrides) {
        Map<DayOfWeek, Optional<CallingHours>> week = new EnumMap<>(properties.weeklyHours());
        week.putAll(overrides.hours());
        Map<LocalDate, String> dates = new TreeMap<>();
        properties.closedDays().forEach(d -> dates.put(d, null)); // configured: no reason of staff's
        dates.putAll(overrides.closedDays());
        Map<DayOfWeek, Optional<CallingHours>> weekly = Collections.unmodifiableMap(week);
        Map<LocalDate, String> closed = Collections.unmodifiableMap(dates);
        return new Rules(weekly, closed, List.of(
                new ClosingRule.ClosedOnClosedDates(closed),
                new ClosingRule.ClosedOnNationalHolidays(holidays, properties.nationalHolidays()),
                new ClosingRule.ClosedOnWeekdaysWithoutHours(weekly)));
    }

    @Override
    public boolean isBusinessDay(LocalDate date) {
        return closure(rules.get(), date).isEmpty();
    }

    /** Whether the shop may call a customer at that instant: a business day, inside its hours. */
    public boolean isCallingTime(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        return hoursOn(local.toLocalDate()).map(h -> h.contains(local.toLocalTime())).orElse(false);
    }

    /**
     * {@code from} itself when it is calling time, else the next opening. A callback promised for
     * 23:40 on a Friday is made on Monday at 10:00 (Tuesday when Monday is a holiday).
     *
     * @throws IllegalStateException when there is no calling time within a year
     */
    public Instant nextCallSlot(Instant from) {
        Rules current = rules.get();
        LocalDateTime local = LocalDateTime.ofInstant(from, zone);
        LocalDate day = local.toLocalDate();
        for (int i = 0; i <= SEARCH_DAYS; i++, day = day.plusDays(1)) {
            Optional<CallingHours> hours = hoursOn(current, day);
            if (hours.isEmpty()) continue;
            if (i == 0) {
                if (hours.get().contains(local.toLocalTime())) return from;
                if (!local.toLocalTime().isBefore(hours.get().opens())) continue; // past closing
            }
            return day.atTime(hours.get().opens()).atZone(zone).toInstant();
        }
        throw new IllegalStateException("No calling hours within " + SEARCH_DAYS + " days after " + from
                + ": check zaiko.contact.calendar.* and the closed days");
    }

    /** The calling hours of that day; empty when the shop is closed. */
    public Optional<CallingHours> hoursOn(LocalDate date) {
        return hoursOn(rules.get(), date);
    }

    public Optional<Holiday> holiday(LocalDate date) {
        warnIfUnknown(date);
        return holidays.on(date);
    }

    /** The days from {@code from} to {@code to}, both included, at most {@link #MAX_DAYS}. */
    public List<CalendarDay> days(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) throw new IllegalArgumentException("The range ends before it starts: " + from + ".." + to);
        long count = ChronoUnit.DAYS.between(from, to) + 1;
        if (count > MAX_DAYS) throw new IllegalArgumentException("At most " + MAX_DAYS + " days at a time: " + count);
        Rules current = rules.get();
        List<CalendarDay> days = new ArrayList<>((int) count);
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            LocalDate day = d;
            Optional<CalendarDay.Closure> closed = closure(current, day);
            days.add(new CalendarDay(day, day.getDayOfWeek(), closed.isEmpty(),
                    closed.isEmpty() ? current.week().get(day.getDayOfWeek()).orElseThrow() : null,
                    holidays.on(day).orElse(null), closed.orElse(null),
                    closed.filter(c -> c == CalendarDay.Closure.CLOSED_DATE)
                            .map(c -> current.closedDates().get(day)).orElse(null)));
        }
        return days;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Every weekday's hours in force (configuration with staff changes), empty when closed. */
    public Map<DayOfWeek, Optional<CallingHours>> weeklyHours() {
        return rules.get().week();
    }

    /** Closed dates in force: configured ones (reason null) and those staff entered. */
    public Map<LocalDate, String> closedDates() {
        return rules.get().closedDates();
    }

    public boolean closesOnNationalHolidays() {
        return properties.nationalHolidays();
    }

    /** A change was made on this node: read it at the next call, not a second later. */
    void changed() {
        rules.invalidate();
    }

    private Optional<CallingHours> hoursOn(Rules current, LocalDate date) {
        return closure(current, date).isPresent() ? Optional.empty() : current.week().get(date.getDayOfWeek());
    }

    private Optional<CalendarDay.Closure> closure(Rules current, LocalDate date) {
        if (properties.nationalHolidays()) warnIfUnknown(date);
        for (ClosingRule rule : current.closing()) {
            if (rule.closes(date)) return Optional.of(rule.closure());
        }
        return Optional.empty();
    }

    /** Calls on a holiday would upset customers: say so when the list has run out, once a year. */
    private void warnIfUnknown(LocalDate date) {
        int year = date.getYear();
        if (!holidays.covers(year) && warnedYears.add(year)) {
            log.warn("The national holiday list ({}) has no dates for {}: holidays that year count as business "
                    + "days until the list is extended", NationalHolidays.RESOURCE, year);
        }
    }
}

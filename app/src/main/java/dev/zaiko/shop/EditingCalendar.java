package dev.zaiko.shop;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Staff changes to the calendar: stored, then read back by this node's {@link ShopCalendar} at once. */
@Service
public class EditingCalendar {

    private static final Logger log = LoggerFactory.getLogger(EditingCalendar.class);

    private final CalendarStore store;
    private final ShopCalendar calendar;
    private final Clock clock;

    EditingCalendar(CalendarStore store, ShopCalendar calendar, Clock clock) {
        this.store = store;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** Sets the named weekdays (empty: closed); the others keep their hours. */
    public void setHours(Map<DayOfWeek, Optional<CallingHours>> changes) {
        Map<DayOfWeek, Optional<CallingHours>> week = new EnumMap<>(calendar.weeklyHours());
        week.putAll(changes);
        if (week.values().stream().allMatch(Optional::isEmpty)) {
            // no day would ever be a business day: deadlines, refunds and callbacks could not be dated
            throw new InvalidRequestException("no-calling-hours",
                    "The shop needs calling hours on at least one weekday; this change would close every weekday.",
                    Map.of("errors", List.of(Map.of("field", "hours", "message",
                            "at least one weekday must have calling hours", "rejectedValue", changes.toString()))));
        }
        store.setHours(changes, clock.instant());
        calendar.changed();
        log.info("Calling hours changed: {}", changes);
    }

    public void resetHours() {
        store.resetHours();
        calendar.changed();
        log.info("Calling hours reset to the configuration");
    }

    public void close(LocalDate date, String reason) {
        if (calendar.closedDates().containsKey(date) || !store.addClosedDay(date, reason, clock.instant())) {
            throw new ConflictException("closed-day-exists", "The shop is already closed on " + date + ".",
                    Map.of("date", date.toString()));
        }
        calendar.changed();
        log.info("Closed day added: {}", date);
    }

    public void reopen(LocalDate date) {
        if (store.removeClosedDay(date)) {
            calendar.changed();
            log.info("Closed day removed: {}", date);
            return;
        }
        if (calendar.closedDates().containsKey(date)) {
            throw new ConflictException("closed-day-configured", "The shop's configuration closes " + date
                    + " (zaiko.contact.calendar.closed-dates); change the configuration to open it.",
                    Map.of("date", date.toString()));
        }
        throw new NotFoundException("No closed day on " + date + ".");
    }
}

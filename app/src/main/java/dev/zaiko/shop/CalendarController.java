package dev.zaiko.shop;

import dev.zaiko.platform.Authority;
import dev.zaiko.platform.Requires;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.zaiko.platform.InvalidRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The shop's calendar for the console: {@code GET /api/contact/calendar}, weekly calling hours
 * ({@code PUT}/{@code DELETE /hours}) and closed days ({@code /closed-days}). Holiday names and
 * closing reasons follow Accept-Language (Japanese by default); problem details are English.
 */
@RestController
@RequestMapping("/api/contact/calendar")
class CalendarController {

    static final int DEFAULT_DAYS = 31;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final ShopCalendar calendar;
    private final EditingCalendar editing;
    private final MessageSource messages;
    private final Clock clock;

    CalendarController(ShopCalendar calendar, EditingCalendar editing, MessageSource messages, Clock clock) {
        this.calendar = calendar;
        this.editing = editing;
        this.messages = messages;
        this.clock = clock;
    }

    /** {@code from} defaults to today (shop's zone), {@code to} to 30 days later; at most 400 days. */
    @Operation(summary = "Read the business calendar",
            description = "Each day from `from` (default today in the shop's zone) to `to` (default 30 days later; at most 400 days): open or closed, calling hours, national holidays and closed days with their names in the caller's language (Accept-Language).")
    @GetMapping
    CalendarView get(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     Locale locale) {
        LocalDate start = from == null || from.isBlank() ? LocalDate.now(clock) : date("from", from);
        LocalDate end = to == null || to.isBlank() ? start.plusDays(DEFAULT_DAYS - 1) : date("to", to);
        if (end.isBefore(start)) {
            throw new InvalidRequestException("invalid-date-range", "to (" + end + ") is before from (" + start + ").",
                    Map.of("from", start.toString(), "to", end.toString()));
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days > ShopCalendar.MAX_DAYS) {
            throw new InvalidRequestException("invalid-date-range", "At most " + ShopCalendar.MAX_DAYS
                    + " days at a time; " + start + " to " + end + " is " + days + ".",
                    Map.of("from", start.toString(), "to", end.toString(), "maxDays", ShopCalendar.MAX_DAYS));
        }
        List<DayView> list = calendar.days(start, end).stream().map(d -> view(d, locale)).toList();
        return new CalendarView(calendar.zone().getId(), start, end, calendar.closesOnNationalHolidays(), week(), list);
    }

    /**
     * A partial week: the weekdays named change ({@code null}: closed), the others keep their
     * hours. Answers the whole week as it is now.
     */
    @Requires(Authority.SUPERVISE)
    @Operation(summary = "Set calling hours",
            description = "A partial week: the weekdays named get new hours ({\"MONDAY\": {\"opens\": \"09:00\", \"closes\": \"18:00\"}}; null closes the day), the others keep theirs. Answers the whole week as it is now. Contact deadlines and callbacks follow the new hours.")
    @PutMapping("/hours")
    Map<DayOfWeek, HoursView> setHours(@RequestBody JsonNode body) {
        editing.setHours(WeeklyHoursRequest.parse(body));
        return week();
    }

    /** Back to the configured hours (zaiko.contact.calendar.hours.*) for every weekday. */
    @Requires(Authority.SUPERVISE)
    @Operation(summary = "Reset calling hours to the configured week",
            description = "Every weekday goes back to the hours configured in zaiko.contact.calendar.hours.*.")
    @DeleteMapping("/hours")
    Map<DayOfWeek, HoursView> resetHours() {
        editing.resetHours();
        return week();
    }

    @Operation(summary = "List closed days",
            description = "Days the shop is closed besides national holidays: those configured (not removable through the API) and those a supervisor added.")
    @GetMapping("/closed-days")
    List<ClosedDayView> closedDays() {
        return calendar.closedDates().entrySet().stream()
                .map(e -> new ClosedDayView(e.getKey(), e.getValue(), e.getValue() == null)).toList();
    }

    @Requires(Authority.SUPERVISE)
    @Operation(summary = "Close the shop on a day",
            description = "No calls are due on a closed day; contact deadlines move to the next open day.")
    @ApiResponse(responseCode = "201", description = "The closed day; Location names it.")
    @ApiResponse(responseCode = "409", description = "The shop is already closed on that date (closed-day-exists).")
    @PostMapping("/closed-days")
    ResponseEntity<ClosedDayView> close(@Valid @RequestBody ClosedDayRequest request) {
        editing.close(request.date(), request.reason().strip());
        return ResponseEntity.created(URI.create("/api/contact/calendar/closed-days/" + request.date()))
                .body(new ClosedDayView(request.date(), request.reason().strip(), false));
    }

    @Requires(Authority.SUPERVISE)
    @Operation(summary = "Reopen a closed day")
    @ApiResponse(responseCode = "204", description = "The day is open again.")
    @ApiResponse(responseCode = "409", description = "The configuration closes that date; it cannot be reopened through the API (closed-day-configured).")
    @DeleteMapping("/closed-days/{date}")
    ResponseEntity<Void> reopen(@PathVariable String date) {
        editing.reopen(date("date", date));
        return ResponseEntity.noContent().build();
    }

    record ClosedDayRequest(@NotNull LocalDate date, @NotBlank @Size(max = 200) String reason) {
    }

    /** @param configured closed by zaiko.contact.calendar.closed-dates (not removable through the API) */
    record ClosedDayView(LocalDate date, String reason, boolean configured) {
    }

    record HoursView(String opens, String closes) {
    }

    @JsonPropertyOrder({"zone", "from", "to", "nationalHolidays", "weeklyHours", "days"})
    record CalendarView(String zone, LocalDate from, LocalDate to, boolean nationalHolidays,
                        Map<DayOfWeek, HoursView> weeklyHours, List<DayView> days) {
    }

    /**
     * @param holiday      the national holiday's name in the reader's language, else null
     * @param closedBy     CLOSED_DATE, NATIONAL_HOLIDAY or WEEKDAY; null on a business day
     * @param closedReason why the shop is closed, in words (the staff's own for a closed date)
     */
    @JsonPropertyOrder({"date", "weekday", "businessDay", "opens", "closes", "holiday", "closedBy", "closedReason"})
    record DayView(LocalDate date, DayOfWeek weekday, boolean businessDay, String opens, String closes,
                   String holiday, CalendarDay.Closure closedBy, String closedReason) {
    }

    private DayView view(CalendarDay day, Locale locale) {
        String reason = day.closedBy() == null ? null : switch (day.closedBy()) {
            case CLOSED_DATE -> day.closedReason() != null ? day.closedReason()
                    : messages.getMessage("contact.calendar.closed.configured", null, locale);
            case NATIONAL_HOLIDAY -> day.holiday().name(locale);
            case WEEKDAY -> messages.getMessage("contact.calendar.closed.weekday", null, locale);
        };
        return new DayView(day.date(), day.weekday(), day.businessDay(),
                day.hours() == null ? null : HH_MM.format(day.hours().opens()),
                day.hours() == null ? null : HH_MM.format(day.hours().closes()),
                day.holiday() == null ? null : day.holiday().name(locale), day.closedBy(), reason);
    }

    private Map<DayOfWeek, HoursView> week() {
        Map<DayOfWeek, HoursView> week = new LinkedHashMap<>();
        calendar.weeklyHours().forEach((day, hours) -> week.put(day, hours
                .map(h -> new HoursView(HH_MM.format(h.opens()), HH_MM.format(h.closes()))).orElse(null)));
        return week;
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("invalid-date", name + " must be a date, YYYY-MM-DD: " + value,
                    Map.of("parameter", name));
        }
    }
}

package dev.zaiko.web;

import dev.zaiko.platform.Authority;
import dev.zaiko.platform.Requires;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import dev.zaiko.shop.CalendarDay;
import dev.zaiko.shop.CallingHours;
import dev.zaiko.shop.EditingCalendar;
import dev.zaiko.shop.ShopCalendar;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.refund.RefundProperties;
import dev.zaiko.stockout.ServiceLevelPolicy;
import dev.zaiko.stockout.ServiceLevelProperties;
import dev.zaiko.stockout.StockoutOptionsProperties;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The shop's settings as staff see them: calling hours per weekday and closed days (editable by
 * supervisors), the coming days off, and the service-level, stockout and refund policies in force
 * (set in configuration, shown so staff can answer a customer's "when will I hear from you").
 */
@Controller
class Settings {

    static final int DAYS_AHEAD = 60;

    private final ShopCalendar calendar;
    private final EditingCalendar editing;
    private final ServiceLevelPolicy serviceLevels;
    private final ServiceLevelProperties serviceLevelProperties;
    private final StockoutOptionsProperties stockoutOptions;
    private final RefundProperties refunds;
    private final MessageSource messages;
    private final Clock clock;

    Settings(ShopCalendar calendar, EditingCalendar editing, ServiceLevelPolicy serviceLevels,
             ServiceLevelProperties serviceLevelProperties, StockoutOptionsProperties stockoutOptions,
             RefundProperties refunds, MessageSource messages, Clock clock) {
        this.calendar = calendar;
        this.editing = editing;
        this.serviceLevels = serviceLevels;
        this.serviceLevelProperties = serviceLevelProperties;
        this.stockoutOptions = stockoutOptions;
        this.refunds = refunds;
        this.messages = messages;
        this.clock = clock;
    }

    /** One weekday's row of the hours form: what it shows, and what was typed when it is shown again. */
    record DayRow(DayOfWeek day, String opens, String closes, boolean closed) {
    }

    @GetMapping("/settings")
    String page(@RequestParam(required = false) String notice, Model model, Locale locale) {
        List<DayRow> week = new ArrayList<>();
        for (Map.Entry<DayOfWeek, Optional<CallingHours>> e : calendar.weeklyHours().entrySet()) {
            week.add(new DayRow(e.getKey(), e.getValue().map(h -> h.opens().toString()).orElse(""),
                    e.getValue().map(h -> h.closes().toString()).orElse(""), e.getValue().isEmpty()));
        }
        return show(model, week, Map.of(), notice, "", "", locale);
    }

    @Requires(Authority.SUPERVISE)
    @PostMapping("/settings/hours")
    String hours(@RequestParam Map<String, String> form, Model model, Locale locale, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<DayOfWeek, Optional<CallingHours>> week = new EnumMap<>(DayOfWeek.class);
        List<DayRow> rows = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String opens = form.getOrDefault(day + ".opens", "").trim();
            String closes = form.getOrDefault(day + ".closes", "").trim();
            boolean closed = form.containsKey(day + ".closed");
            rows.add(new DayRow(day, opens, closes, closed));
            if (closed) {
                week.put(day, Optional.empty());
                continue;
            }
            try {
                LocalTime o = LocalTime.parse(opens);
                LocalTime c = LocalTime.parse(closes);
                if (!o.isBefore(c)) {
                    errors.put(day.name(), text("settings.hours.error.order", locale));
                } else {
                    week.put(day, Optional.of(new CallingHours(o, c)));
                }
            } catch (DateTimeParseException e) {
                errors.put(day.name(), text("settings.hours.error.time", locale));
            }
        }
        if (errors.isEmpty()) {
            try {
                editing.setHours(week);
                return "redirect:/settings?notice=hours";
            } catch (InvalidRequestException e) {
                errors.put("hours", e.getMessage());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return show(model, rows, errors, null, "", "", locale);
    }

    @Requires(Authority.SUPERVISE)
    @PostMapping("/settings/closed-days")
    String close(@RequestParam(defaultValue = "") String date, @RequestParam(defaultValue = "") String reason,
                 Model model, Locale locale, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate day = null;
        try {
            day = LocalDate.parse(date.trim());
            if (day.isBefore(LocalDate.now(clock.withZone(calendar.zone())))) {
                errors.put("date", text("settings.closed.error.past", locale));
            }
        } catch (DateTimeParseException e) {
            errors.put("date", text("settings.closed.error.date", locale));
        }
        if (reason.isBlank() || reason.length() > 200) errors.put("reason", text("settings.closed.error.reason", locale));
        if (errors.isEmpty()) {
            try {
                editing.close(day, reason.strip());
                return "redirect:/settings?notice=closed";
            } catch (ConflictException e) {
                errors.put("date", text("settings.closed.error.exists", locale));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return show(model, null, errors, null, date, reason, locale);
    }

    @Requires(Authority.SUPERVISE)
    @PostMapping("/settings/closed-days/{date}/reopen")
    String reopen(@PathVariable LocalDate date, Model model, Locale locale, HttpServletResponse response) {
        try {
            editing.reopen(date);
            return "redirect:/settings?notice=reopened";
        } catch (RuntimeException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return show(model, null, Map.of("closedDays", text("settings.closed.error.configured", locale)), null,
                    "", "", locale);
        }
    }

    private String show(Model model, List<DayRow> week, Map<String, String> errors, String notice, String date,
                        String reason, Locale locale) {
        if (week == null) {
            week = new ArrayList<>();
            for (Map.Entry<DayOfWeek, Optional<CallingHours>> e : calendar.weeklyHours().entrySet()) {
                week.add(new DayRow(e.getKey(), e.getValue().map(h -> h.opens().toString()).orElse(""),
                        e.getValue().map(h -> h.closes().toString()).orElse(""), e.getValue().isEmpty()));
            }
        }
        LocalDate today = LocalDate.now(clock.withZone(calendar.zone()));
        List<CalendarDay> daysOff = calendar.days(today, today.plusDays(DAYS_AHEAD)).stream()
                .filter(d -> d.closedBy() == CalendarDay.Closure.CLOSED_DATE
                        || d.closedBy() == CalendarDay.Closure.NATIONAL_HOLIDAY).toList();
        model.addAttribute("week", week);
        model.addAttribute("dayNames", dayNames(locale));
        model.addAttribute("closedDays", calendar.closedDates());
        model.addAttribute("daysOff", daysOff);
        model.addAttribute("holidaysClosed", calendar.closesOnNationalHolidays());
        model.addAttribute("serviceLevelRules", serviceLevels.rules().stream().map(r -> r.name()).toList());
        model.addAttribute("serviceLevels", serviceLevelProperties);
        model.addAttribute("stockoutOptions", stockoutOptions);
        model.addAttribute("refunds", refunds);
        model.addAttribute("errors", errors);
        model.addAttribute("notice", notice);
        model.addAttribute("closeDate", date);
        model.addAttribute("closeReason", reason);
        return "console/settings";
    }

    private static Map<DayOfWeek, String> dayNames(Locale locale) {
        Map<DayOfWeek, String> names = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            names.put(d, d.getDisplayName(java.time.format.TextStyle.FULL, locale));
        }
        return names;
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}

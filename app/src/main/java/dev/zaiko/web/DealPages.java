package dev.zaiko.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import dev.zaiko.deal.DealDesk;
import dev.zaiko.deal.DealPlan;
import dev.zaiko.deal.DealStatus;
import dev.zaiko.deal.DealView;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.platform.ZaikoProperties;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Deals (time sales) in the console: the list by status with a plan form, and a deal's page to
 * watch it sell (sold, held, remaining, sell-through, waitlist) with pause, resume and end.
 * Everything goes through {@link DealDesk}, the same rules as the API.
 */
@Controller
class DealPages {

    private final DealDesk desk;
    private final MessageSource messages;
    private final ZaikoProperties zaiko;

    DealPages(DealDesk desk, MessageSource messages, ZaikoProperties zaiko) {
        this.desk = desk;
        this.messages = messages;
        this.zaiko = zaiko;
    }

    @GetMapping("/deals")
    String list(@RequestParam(required = false) String status, Model model) {
        fill(model, status);
        return "console/deals";
    }

    @PostMapping("/deals")
    String plan(@RequestParam(required = false) String code, @RequestParam(required = false) String sku,
                @RequestParam(required = false) String channels, @RequestParam(required = false) Long price,
                @RequestParam(required = false) Integer quantity, @RequestParam(required = false) String startsAt,
                @RequestParam(required = false) String endsAt, @RequestParam(required = false) String memberSegment,
                @RequestParam(required = false) Integer perCustomerLimit, Model model, Locale locale,
                HttpServletResponse response) {
        try {
            if (blank(code) || blank(sku) || blank(channels) || price == null || quantity == null || quantity <= 0
                    || price < 0 || (perCustomerLimit != null && perCustomerLimit <= 0)) {
                throw new InvalidRequestException("deal form incomplete");
            }
            List<String> codes = Arrays.stream(channels.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
            DealView deal = desk.plan(new DealPlan(code.strip(), sku.strip(), codes, price, quantity, instant(startsAt),
                    instant(endsAt), blank(memberSegment) ? null : memberSegment.strip(), perCustomerLimit));
            return "redirect:/deals/" + deal.code();
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", text("deals.error.plan", locale) + " " + fieldHint(e.properties().get("field"),
                    locale));
        } catch (NotFoundException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", text("deals.error.plan", locale) + " " + fieldHint("sku", locale));
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("error", text("deals.error.exists", locale));
        }
        fill(model, null);
        return "console/deals";
    }

    @GetMapping("/deals/{code}")
    String deal(@PathVariable String code, Model model) {
        model.addAttribute("deal", find(code));
        return "console/deal";
    }

    @PostMapping("/deals/{code}/{act:pause|resume|end|cancel}")
    String act(@PathVariable String code, @PathVariable String act, Model model, Locale locale,
               HttpServletResponse response) {
        find(code);
        try {
            switch (act) {
                case "pause" -> desk.pause(code);
                case "resume" -> desk.resume(code);
                case "end" -> desk.end(code);
                default -> desk.cancel(code);
            }
            return "redirect:/deals/" + code;
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("error", text("deals.error.state", locale));
            model.addAttribute("deal", find(code));
            return "console/deal";
        }
    }

    private DealView find(String code) {
        try {
            return desk.view(code);
        } catch (NotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private void fill(Model model, String status) {
        DealStatus filter = status == null || status.isBlank() ? null : Arrays.stream(DealStatus.values())
                .filter(s -> s.name().equalsIgnoreCase(status.strip())).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
        model.addAttribute("deals", desk.list(filter, null));
        model.addAttribute("status", filter == null ? "" : filter.name());
        model.addAttribute("statuses", DealStatus.values());
    }

    /** A datetime-local field, in the shop's time zone. */
    private Instant instant(String local) {
        if (blank(local)) throw new InvalidRequestException("invalid-request", "date missing", Map.of("field", "startsAt"));
        try {
            return LocalDateTime.parse(local.strip()).atZone(zaiko.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("invalid-request", "date " + local + " is not a date and time",
                    Map.of("field", "startsAt"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** What to check, in the staff's language: the rule's own words for the fields with one, else the field's name. */
    private String fieldHint(Object field, Locale locale) {
        String name = field == null ? "" : field.toString();
        return switch (name) {
            case "channels", "price", "endsAt", "sku", "code" -> text("deals.error.field." + name, locale);
            case "startsAt", "quantity", "memberSegment", "perCustomerLimit" ->
                    text("deals.error.field", locale, text("deals." + name, locale));
            default -> text("deals.error.form", locale);
        };
    }
}

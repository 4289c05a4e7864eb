package dev.zaiko.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import dev.zaiko.access.Actor;
import dev.zaiko.catalog.Products;
import dev.zaiko.insight.DisplayFeedback;
import dev.zaiko.insight.StockHistory;
import dev.zaiko.platform.Authority;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.Requires;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The insight pages of the price and stock history ({@code /insight/skus}: the SKUs that sell out most
 * often, a SKU search; {@code /insight/skus/{sku}}: one SKU's chart of price, ATS per channel and
 * stockout days, with the table behind it) and of display feedback ({@code /insight/display}: the
 * suggestions, applied or dismissed by a supervisor).
 */
@Controller
class InsightHistoryPages {

    private final StockHistory history;
    private final DisplayFeedback feedback;
    private final Products products;
    private final MessageSource messages;
    private final Clock clock;

    InsightHistoryPages(StockHistory history, DisplayFeedback feedback, Products products, MessageSource messages,
                        Clock clock) {
        this.history = history;
        this.feedback = feedback;
        this.products = products;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/insight/skus")
    String skus(@RequestParam(required = false) String q, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(required = false) String order,
                Model model, Locale locale, HttpServletResponse response) {
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("order", StockHistory.Order.of(null).param());
        Period period = period(from, to, model, locale, response);
        if (period != null) {
            try {
                StockHistory.Order o = StockHistory.Order.of(order);
                model.addAttribute("order", o.param());
                model.addAttribute("rows", history.list(period.from, period.to, o, q, null, 100));
            } catch (InvalidRequestException e) {
                fieldError(model, response, "order", locale);
            }
        }
        if (!model.containsAttribute("rows")) model.addAttribute("rows", List.of());
        return "console/insight/skus";
    }

    @GetMapping("/insight/skus/{sku}")
    String sku(@PathVariable String sku, @RequestParam(required = false) String from,
               @RequestParam(required = false) String to, @RequestParam(required = false) String channel,
               Model model, Locale locale, HttpServletResponse response) {
        var product = products.get(sku);
        model.addAttribute("sku", sku);
        model.addAttribute("productName", locale.getLanguage().equals("en") ? product.name().en() : product.name().ja());
        model.addAttribute("channels", history.channels());
        model.addAttribute("channel", channel == null ? "" : channel);
        Period period = period(from, to, model, locale, response);
        if (period == null) period = new Period(LocalDate.now(clock).minusDays(29), LocalDate.now(clock));
        StockHistory.SkuHistory h;
        try {
            h = history.of(sku, period.from, period.to, channel == null || channel.isBlank() ? null : channel);
        } catch (InvalidRequestException e) {
            fieldError(model, response, "channel", locale);
            h = history.of(sku, period.from, period.to, null);
        }
        model.addAttribute("from", h.from());
        model.addAttribute("to", h.to());
        model.addAttribute("history", h);
        model.addAttribute("rows", rows(h));
        int top = h.channels().stream().flatMap(c -> c.days().stream())
                .mapToInt(d -> d.closeAts() == null ? 0 : d.closeAts()).max().orElse(0);
        model.addAttribute("outBar", Math.max(1, top));
        var f = h.frequency();
        model.addAttribute("summary", messages.getMessage("insight.skus.summary", new Object[] {
                h.from().toString(), h.to().toString(), f.daysObserved(), f.daysOut(),
                Math.round(f.shareOut() * 100), f.sellouts()}, locale));
        return "console/insight/sku";
    }

    /** One day of the chart's table: the price in force at its end, each channel's closing ATS, out or not. */
    record Row(LocalDate day, Long price, List<Integer> ats, boolean out) {
    }

    private List<Row> rows(StockHistory.SkuHistory h) {
        List<Row> rows = new ArrayList<>();
        List<StockHistory.PricePoint> prices = h.prices();
        int p = 0;
        Long price = null;
        for (int i = 0; i < h.skuDays().size(); i++) {
            LocalDate day = h.skuDays().get(i).day();
            Instant end = day.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
            while (p < prices.size() && prices.get(p).at().isBefore(end)) price = prices.get(p++).price();
            List<Integer> ats = new ArrayList<>();
            for (StockHistory.ChannelHistory c : h.channels()) ats.add(c.days().get(i).closeAts());
            rows.add(new Row(day, price, ats, Boolean.TRUE.equals(h.skuDays().get(i).out())));
        }
        return rows;
    }

    @GetMapping("/insight/display")
    String display(@RequestParam(required = false) String notice, @RequestParam(required = false) String page,
                   @RequestParam(required = false) String sku, Model model, Locale locale) {
        model.addAttribute("notice", notice == null ? null : switch (notice) {
            case "applied", "dismissed" -> messages.getMessage("insight.display.notice." + notice, null, locale);
            default -> null;
        });
        fillDisplay(model, locale, pageNumber(page), sku == null || sku.isBlank() ? null : sku.strip());
        return "console/insight/display";
    }

    /** The page's rows per page: the most failures first. */
    static final int DISPLAY_PAGE = 50;

    /** A page number the page cannot read shows the first page. */
    private static int pageNumber(String page) {
        try {
            return page == null ? 1 : Math.max(1, Integer.parseInt(page.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @PostMapping("/insight/display/{id}/apply")
    @Requires(Authority.SUPERVISE)
    String apply(@PathVariable String id, Model model, Locale locale, HttpServletResponse response) {
        try {
            feedback.apply(id, Actor.current().label(), locale);
            return "redirect:/insight/display?notice=applied";
        } catch (ConflictException e) {
            return displayError(model, locale, response);
        }
    }

    @PostMapping("/insight/display/{id}/dismiss")
    @Requires(Authority.SUPERVISE)
    String dismiss(@PathVariable String id, Model model, Locale locale, HttpServletResponse response) {
        try {
            feedback.dismiss(id, Actor.current().label(), locale);
            return "redirect:/insight/display?notice=dismissed";
        } catch (ConflictException e) {
            return displayError(model, locale, response);
        }
    }

    private String displayError(Model model, Locale locale, HttpServletResponse response) {
        response.setStatus(409);
        model.addAttribute("error", messages.getMessage("insight.display.error.decided", null, locale));
        fillDisplay(model, locale, 1, null);
        return "console/insight/display";
    }

    /** One page of the stored suggestions, of one SKU when {@code sku} is given. */
    private void fillDisplay(Model model, Locale locale, int page, String sku) {
        int pages = 1;
        DisplayFeedback.Page listed = feedback.list(sku, DISPLAY_PAGE, (page - 1) * DISPLAY_PAGE, locale);
        if (listed.suggestions().isEmpty() && page > 1) { // past the end: the last page
            pages = Math.max(1, (listed.total() + DISPLAY_PAGE - 1) / DISPLAY_PAGE);
            page = pages;
            listed = feedback.list(sku, DISPLAY_PAGE, (page - 1) * DISPLAY_PAGE, locale);
        }
        pages = Math.max(1, (listed.total() + DISPLAY_PAGE - 1) / DISPLAY_PAGE);
        model.addAttribute("suggestions", listed.suggestions());
        model.addAttribute("total", listed.total());
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("computedAt", listed.computedAt());
        model.addAttribute("decisions", feedback.decisions(20));
        model.addAttribute("supervisor", Authority.SUPERVISE.heldByCaller());
        model.addAttribute("sku", sku);
    }

    private record Period(LocalDate from, LocalDate to) {
    }

    /** The period of the form, or null (with the field's error on the page, 400) when it cannot be read. */
    private Period period(String from, String to, Model model, Locale locale, HttpServletResponse response) {
        LocalDate f;
        LocalDate t;
        try {
            f = from == null || from.isBlank() ? null : LocalDate.parse(from.strip());
        } catch (DateTimeParseException e) {
            fieldError(model, response, "from", locale);
            return null;
        }
        try {
            t = to == null || to.isBlank() ? null : LocalDate.parse(to.strip());
        } catch (DateTimeParseException e) {
            fieldError(model, response, "to", locale);
            return null;
        }
        try {
            StockHistory.Period p = history.period(f, t);
            model.addAttribute("from", p.from());
            model.addAttribute("to", p.to());
            return new Period(p.from(), p.to());
        } catch (InvalidRequestException e) {
            Object field = e.properties().get("field");
            fieldError(model, response, field == null ? "from" : field.toString(), locale);
            return null;
        }
    }

    private void fieldError(Model model, HttpServletResponse response, String field, Locale locale) {
        response.setStatus(400);
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put(field, messages.getMessage("insight.skus.error." + field, null, locale));
        model.addAttribute("errors", errors);
    }
}

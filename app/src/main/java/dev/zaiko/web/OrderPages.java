package dev.zaiko.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import dev.zaiko.access.Actor;
import dev.zaiko.order.Order;
import dev.zaiko.order.OrderNumber;
import dev.zaiko.order.OrderStatus;
import dev.zaiko.order.OrderStatusLinks;
import dev.zaiko.order.Orders;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.refund.Refunds;
import dev.zaiko.stockout.StockoutCase;
import dev.zaiko.stockout.StockoutCases;
import dev.zaiko.stockout.StockoutQuery;
import dev.zaiko.stockout.StockoutTexts;
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
 * Orders as staff look them up while a customer is on the phone: by the number as it is read out
 * (dashes, spaces and full-width digits are fine), then everything about the order on one page,
 * with the link to the customer's own status page that staff can send.
 */
@Controller
class OrderPages {

    private final Orders orders;
    private final Refunds refunds;
    private final StockoutCases cases;
    private final StockoutTexts stockoutTexts;
    private final OrderStatusLinks links;
    private final MessageSource messages;

    OrderPages(Orders orders, Refunds refunds, StockoutCases cases, StockoutTexts stockoutTexts,
               OrderStatusLinks links, MessageSource messages) {
        this.orders = orders;
        this.refunds = refunds;
        this.cases = cases;
        this.stockoutTexts = stockoutTexts;
        this.links = links;
        this.messages = messages;
    }

    record LineView(Order.Line line, String statusText, String fulfilment) {
    }

    record HistoryView(Order.StatusChange change, String fromText, String toText) {
    }

    record CaseView(StockoutCase c, String reasonText, String statusText) {
    }

    @GetMapping("/orders")
    String search(@RequestParam(required = false) String number, Model model, Locale locale,
                  HttpServletResponse response) {
        model.addAttribute("number", number == null ? "" : number);
        if (number == null || number.isBlank()) return "console/orders";
        OrderNumber parsed;
        try {
            parsed = OrderNumber.parse(number);
        } catch (InvalidRequestException e) {
            // the exception's text is for API callers in English; staff get their own language
            boolean seventeen = digitsOf(number).length() == OrderNumber.LENGTH;
            model.addAttribute("error", text(seventeen ? "orders.search.error.checkDigit" : "orders.search.error.format",
                    locale));
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return "console/orders";
        }
        if (orders.find(parsed).isEmpty()) {
            model.addAttribute("error", messages.getMessage("orders.search.notFound", new Object[]{parsed.toString()},
                    locale));
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "console/orders";
        }
        return "redirect:/orders/" + parsed;
    }

    /**
     * Ends every status link sent for the order so far (a forwarded email, a shared screen); the
     * page then shows a new link to send.
     */
    @PostMapping("/orders/{number}/status-link/revoke")
    String revokeStatusLinks(@PathVariable String number) {
        Order order = parse(number).flatMap(orders::find)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        links.revoke(order.orderNumber(), Actor.current().label());
        return "redirect:/orders/" + order.orderNumber() + "?notice=statusLinkRevoked#statuslink";
    }

    @GetMapping("/orders/{number}")
    String order(@PathVariable String number, @RequestParam(required = false) String notice, Model model,
                 Locale locale) {
        model.addAttribute("notice", "statusLinkRevoked".equals(notice) ? notice : null);
        Order order = parse(number).flatMap(orders::find)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String n = order.orderNumber().toString();
        model.addAttribute("order", order);
        model.addAttribute("statusText", status(order.status(), null, locale));
        List<LineView> lines = new ArrayList<>();
        for (Order.Line l : order.lines()) {
            String fulfilment = l.fulfilment() == null ? null : messages.getMessage(
                    "orders.line.fulfilment." + l.fulfilment().route(), new Object[]{l.fulfilment().source()},
                    l.fulfilment().route(), locale);
            lines.add(new LineView(l, lineStatus(l, locale), fulfilment));
        }
        model.addAttribute("lines", lines);
        model.addAttribute("history", order.history().stream().map(h -> new HistoryView(h,
                h.from() == null ? null : status(h.from(), null, locale), status(h.to(), null, locale))).toList());
        model.addAttribute("refunds", refunds.ofOrder(n, locale));
        model.addAttribute("coupons", refunds.apologyCoupons(n));
        List<CaseView> ofOrder = new ArrayList<>();
        for (StockoutCase c : cases.list(new StockoutQuery(null, null, null, null, order.orderNumber().digits(), 0,
                StockoutQuery.MAX_SIZE)).items()) {
            ofOrder.add(new CaseView(c, stockoutTexts.reason(c.reason(), locale), stockoutTexts.status(c.status(), locale)));
        }
        model.addAttribute("cases", ofOrder);
        model.addAttribute("statusLink", links.issue(order.orderNumber()));
        return "console/order";
    }

    private String status(OrderStatus status, LocalDate promised, Locale locale) {
        if (status == OrderStatus.BACKORDERED && promised != null) {
            return messages.getMessage("order.status.BACKORDERED.dated", new Object[]{day(promised, locale)}, locale);
        }
        return messages.getMessage("order.status." + status.name(), null, status.name(), locale);
    }

    /** A line's status; a backordered line without a date says why it has none. */
    private String lineStatus(Order.Line line, Locale locale) {
        if (line.status() == OrderStatus.BACKORDERED && line.promisedDate() == null) {
            return messages.getMessage("order.status.BACKORDERED.undated", null, locale);
        }
        return status(line.status(), line.promisedDate(), locale);
    }

    /** A short date for a line's status: 12月3日 / 3 Dec. */
    static String day(LocalDate date, Locale locale) {
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage())
                ? DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH).format(date)
                : DateTimeFormatter.ofPattern("M月d日", Locale.JAPANESE).format(date);
    }

    private static Optional<OrderNumber> parse(String number) {
        try {
            return Optional.of(OrderNumber.parse(number));
        } catch (InvalidRequestException e) {
            return Optional.empty();
        }
    }

    private static String digitsOf(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).replaceAll("\\D", "");
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}

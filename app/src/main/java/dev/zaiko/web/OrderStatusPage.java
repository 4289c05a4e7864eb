package dev.zaiko.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.Products;
import dev.zaiko.order.Order;
import dev.zaiko.order.OrderStatus;
import dev.zaiko.order.OrderStatusLinks;
import dev.zaiko.order.Orders;
import dev.zaiko.shop.CustomerFacing;
import dev.zaiko.refund.Refunds;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customer's own order status page behind a signed link ({@code /o/<token>}): each item in
 * plain words, the refunds with their route and expected arrival, and how to reach the shop. No
 * login: the link is the key and opens only the order it names; no query parameter can point it
 * at another. A tampered or forged link gets 403 and an expired or revoked one 410, all showing
 * nothing of any order.
 */
@Controller
class OrderStatusPage {

    private final OrderStatusLinks links;
    private final Orders orders;
    private final Products products;
    private final Refunds refunds;
    private final MessageSource messages;
    private final CustomerFacing facing;

    OrderStatusPage(OrderStatusLinks links, Orders orders, Products products, Refunds refunds, MessageSource messages,
                    CustomerFacing facing) {
        this.links = links;
        this.orders = orders;
        this.products = products;
        this.refunds = refunds;
        this.messages = messages;
        this.facing = facing;
    }

    record LineView(String name, int quantity, String status, boolean done) {
    }

    record RefundView(String what, String route, String amount, String status, String expected, String text) {
    }

    /** Only {@code lang} is read: whatever else the address carries cannot change which order is shown. */
    @GetMapping("/o/{token}")
    ResponseEntity<String> show(@PathVariable String token, @RequestParam(required = false) String lang) {
        OrderStatusLinks.Verified verified = links.verify(token);
        Optional<Order> found = verified instanceof OrderStatusLinks.Valid
                ? orders.find(((OrderStatusLinks.Valid) verified).order()) : Optional.empty();
        if (found.isEmpty()) {
            Locale locale = CustomerFacing.locale(lang);
            boolean expired = verified instanceof OrderStatusLinks.Expired;
            // a revoked link worked once and never will again: gone, like an expired one
            boolean revoked = verified instanceof OrderStatusLinks.Revoked;
            Map<String, Object> m = facing.model(locale);
            m.put("problem", revoked ? "revoked" : expired ? "expired" : "invalid");
            m.put("prefix", "orderpage");
            return facing.page(expired || revoked ? HttpStatus.GONE : HttpStatus.FORBIDDEN, "customer/link-problem", m, locale);
        }
        Order order = found.get();
        Locale locale = CustomerFacing.locale(lang,
                "en".equals(order.customer().locale()) ? Locale.ENGLISH : Locale.JAPANESE);
        Map<String, Object> m = facing.model(locale);
        m.put("token", token);
        m.put("orderNumber", order.orderNumber().toString());
        m.put("customerName", order.customer().name());
        m.put("orderedOn", facing.day(order.placedAt(), locale));
        List<LineView> lines = new ArrayList<>();
        for (Order.Line l : order.lines()) {
            lines.add(new LineView(name(l.sku(), locale), l.quantity(), lineStatus(l, locale),
                    l.status() == OrderStatus.SHIPPED || l.status() == OrderStatus.CANCELLED));
        }
        m.put("lines", lines);
        List<RefundView> refundViews = new ArrayList<>();
        for (Refunds.CustomerRefund r : refunds.ofOrder(order.orderNumber().toString(), locale)) {
            String what = r.lineNo() == 0 ? text("orderpage.refund.shippingFee", locale)
                    : order.lines().stream().filter(l -> l.lineNo() == r.lineNo()).findFirst()
                    .map(l -> name(l.sku(), locale)).orElse("");
            refundViews.add(new RefundView(what, r.routeText(), yen(r.amount(), locale), r.statusText(),
                    expected(r, locale), r.text()));
        }
        m.put("refunds", refundViews);
        return facing.page(HttpStatus.OK, "customer/order", m, locale);
    }

    /** What a customer needs to know about a line, in words: never the internal status name. */
    private String lineStatus(Order.Line l, Locale locale) {
        LocalDate promised = l.promisedDate();
        switch (l.status()) {
            case SHIPPED:
                return text("orderpage.line.SHIPPED", locale);
            case CANCELLED:
                return text("orderpage.line.CANCELLED", locale);
            case PICKING:
                return text("orderpage.line.PICKING", locale);
            case BACKORDERED:
                return promised == null ? text("orderpage.line.BACKORDERED", locale)
                        : messages.getMessage("orderpage.line.BACKORDERED.dated",
                        new Object[]{OrderPages.day(promised, locale)}, locale);
            case AWAITING_CUSTOMER:
                return text("orderpage.line.AWAITING_CUSTOMER", locale);
            default:
                // a line coming from a supplier or another store carries the day it should arrive
                return l.fulfilment() != null && promised != null
                        ? messages.getMessage("orderpage.line.NOT_SHIPPED.dated",
                        new Object[]{OrderPages.day(promised, locale)}, locale)
                        : text("orderpage.line.NOT_SHIPPED", locale);
        }
    }

    private String expected(Refunds.CustomerRefund r, Locale locale) {
        if (r.expectedBy() == null) return text("orderpage.refund.expected.none", locale);
        if (r.expectedFrom() == null || r.expectedFrom().equals(r.expectedBy())) {
            return messages.getMessage("orderpage.refund.expected.by",
                    new Object[]{facing.date(r.expectedBy(), locale)}, locale);
        }
        return messages.getMessage("orderpage.refund.expected.between", new Object[]{
                facing.date(r.expectedFrom(), locale), facing.date(r.expectedBy(), locale)}, locale);
    }

    private String name(String sku, Locale locale) {
        Product.Name name = products.find(sku).map(Product::name).orElse(null);
        if (name == null) return sku;
        boolean en = Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
        return en && name.en() != null && !name.en().isBlank() ? name.en() : name.ja() != null ? name.ja() : sku;
    }

    private String yen(long amount, Locale locale) {
        String n = String.format(Locale.ROOT, "%,d", amount);
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? "¥" + n : n + "円";
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}

package dev.zaiko.connector.amazon;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.zaiko.connector.PlatformOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Orders in from the SP-API, the parts without HTTP: the pull cursor, which orders are taken, and one
 * order of the Orders API 2026-01-01 ({@code searchOrders}) or of v0 ({@code getOrders} +
 * {@code getOrderItems}) in the port's words.
 * <ul>
 * <li>Statuses asked for: pre-orders ({@code PENDING_AVAILABILITY} / {@code PendingAvailability}: an
 * order, OPEN), {@code UNSHIPPED}, {@code PARTIALLY_SHIPPED}, and {@code CANCELLED} / {@code Canceled}
 * (→ CANCELLED). {@code PENDING} (payment not authorised yet) is not an order yet: it is not asked
 * for, and left out if it comes anyway; it comes again when its status changes to UNSHIPPED.
 * {@code SHIPPED} is not asked for: its units have left.</li>
 * <li>Only merchant-fulfilled orders ({@code fulfilledBy=MERCHANT} / {@code FulfillmentChannels=MFN}):
 * Amazon ships FBA orders from its own stock, not the shop's.</li>
 * <li>Money: whole yen. The buyer's total is v0 {@code OrderTotal} / 2026 {@code proceeds.grandTotal};
 * the part paid with Amazon points ({@code PointsAccount} payment executions) is split out as points.
 * {@code PointsGranted} / {@code pointsGranted} are points the buyer EARNS (the seller's cost), never
 * points spent: they are not read.</li>
 * </ul>
 *
 * @see <a href="https://github.com/amzn/selling-partner-api-models/blob/main/models/orders-api-model/orders_2026-01-01.json">orders_2026-01-01.json</a>
 * @see <a href="https://github.com/amzn/selling-partner-api-models/blob/main/models/orders-api-model/ordersV0.json">ordersV0.json</a>
 * @see <a href="https://developer-docs.amazon.com/sp-api/docs/orders-api-migration-guide">Orders API migration guide</a>
 */
final class AmazonOrders {

    /** The Orders API a pull uses: {@code settings.ordersApi}, default {@link #CURRENT}. */
    static final String CURRENT = "2026-01-01";
    static final String V0 = "v0";
    static final List<String> APIS = List.of(CURRENT, V0);

    static final String SEARCH_ORDERS = "/orders/2026-01-01/orders";
    static final String GET_ORDERS = "/orders/v0/orders";

    /** searchOrders: 2026-01-01 fulfillment statuses asked for. */
    static final List<String> STATUSES = List.of("PENDING_AVAILABILITY", "UNSHIPPED", "PARTIALLY_SHIPPED", "CANCELLED");
    /** getOrders: v0 order statuses asked for. */
    static final List<String> V0_STATUSES = List.of("PendingAvailability", "Unshipped", "PartiallyShipped", "Canceled");
    /**
     * searchOrders datasets: the buyer (name, relay email), the fulfillment status, the proceeds (item,
     * shipping, discount amounts), the payment executions. Order items are always included.
     */
    static final List<String> INCLUDED_DATA = List.of("BUYER", "FULFILLMENT", "PROCEEDS", "PAYMENT");
    /** searchOrders' largest page. */
    static final int PAGE_SIZE = 100;
    /**
     * getOrders page size: every order of a page needs one getOrderItems (burst 30), so a page is no
     * larger than that burst.
     */
    static final int V0_PAGE_SIZE = 30;
    /** getOrderItems pages read for one order at most (an order of more items than one page holds). */
    static final int MAX_ITEM_PAGES = 5;
    /** Each window starts this much before the cursor: an order Amazon lists late is still found. */
    static final Duration OVERLAP = Duration.ofMinutes(10);
    /** A channel's first pull reaches back one day (older orders are entered by hand or CSV). */
    static final Duration FIRST_LOOKBACK = Duration.ofDays(1);
    /** Amazon answers orders updated at least this long ago (lastUpdatedBefore's documented rule). */
    static final Duration SETTLING = Duration.ofMinutes(2);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AmazonOrders() {
    }

    /**
     * Where the next pull starts, as text: {@code after=<instant>} between runs; inside a run of pages
     * also {@code ;api=<2026-01-01|v0>;until=<instant>;token=<Amazon's paging token, URL-encoded>}.
     *
     * @param after orders updated at and after this (less {@link #OVERLAP}) are still to be read
     * @param api   the API of the run under way (its token is only good there), else null
     * @param until the end of the run's window as Amazon named it, else null
     * @param token the next page's token, else null
     */
    record Cursor(Instant after, String api, Instant until, String token) {

        static Cursor parse(String text, Instant now) {
            if (text == null || text.isBlank()) return new Cursor(now.minus(FIRST_LOOKBACK), null, null, null);
            Map<String, String> parts = new LinkedHashMap<>();
            for (String part : text.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) parts.put(part.substring(0, eq), part.substring(eq + 1));
            }
            try {
                Instant after = Instant.parse(parts.get("after"));
                if (!parts.containsKey("token")) return new Cursor(after, null, null, null);
                return new Cursor(after, parts.get("api"), Instant.parse(parts.get("until")),
                        URLDecoder.decode(parts.get("token"), StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Not an Amazon order cursor: " + text, e);
            }
        }

        String text() {
            StringBuilder s = new StringBuilder("after=").append(after);
            if (token != null) {
                s.append(";api=").append(api).append(";until=").append(until).append(";token=")
                        .append(URLEncoder.encode(token, StandardCharsets.UTF_8));
            }
            return s.toString();
        }

        boolean inRun() {
            return token != null;
        }

        /** The next page of this run. */
        Cursor next(String runApi, Instant runUntil, String nextToken) {
            return new Cursor(after, runApi, runUntil, nextToken);
        }

        /** The run is done: the next one starts where its window ended. */
        Cursor done(Instant runUntil) {
            return new Cursor(runUntil, null, null, null);
        }

        /** The run's token is no good any more: the window is read again from its start. */
        Cursor restart() {
            return new Cursor(after, null, null, null);
        }
    }

    static Instant parseTime(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** A money amount in whole yen (Amazon's Decimal text, half up), or null when absent or unreadable. */
    static Long yen(JsonNode money, String amountField) {
        JsonNode amount = money.path(amountField);
        if (amount.isMissingNode() || amount.isNull()) return null;
        try {
            return new BigDecimal(amount.asString().strip()).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (RuntimeException notANumber) {
            return null;
        }
    }

    private static long yenOrZero(JsonNode money, String amountField) {
        Long v = yen(money, amountField);
        return v == null ? 0 : v;
    }

    /**
     * Amazon's payment method names (v0 {@code PaymentMethodDetails} and {@code PaymentExecutionDetail},
     * 2026-01-01 {@code paymentExecutions[].paymentMethod}) in Zaiko's words; anything else passes
     * through as Amazon names it (the core keeps such an order in the inbox for a person).
     * {@code Standard} is v0's name for Amazon's ordinary payment (a card).
     */
    static String paymentMethod(String amazon) {
        if (amazon == null || amazon.isBlank()) return null;
        return switch (amazon.strip()) {
            case "Standard", "CreditCard" -> "CREDIT_CARD";
            case "COD", "CashOnDelivery" -> "COD";
            case "CVS", "ConvenienceStore" -> "KONBINI";
            case "GC", "GiftCertificate", "GiftCard" -> "GIFT_BALANCE";
            case "PayPay" -> "PAYPAY";
            default -> amazon.strip();
        };
    }

    private static boolean points(String amazon) {
        return "PointsAccount".equals(amazon);
    }

    /**
     * The method of a payment given as Amazon's names: the first that is neither points nor a gift
     * balance, else a gift balance; none named at all is Amazon's standard payment (see
     * docs/connectors.md: the 2026-01-01 model's only payment example is Brazilian).
     */
    static String method(List<String> names) {
        String gift = null;
        for (String n : names) {
            if (n == null || n.isBlank() || points(n)) continue;
            String m = paymentMethod(n);
            if ("GIFT_BALANCE".equals(m)) {
                gift = m;
                continue;
            }
            return m;
        }
        if (gift != null) return gift;
        return names.stream().anyMatch(AmazonOrders::points) ? "PointsAccount" : "CREDIT_CARD";
    }

    /** Whether a searchOrders order is taken at all: merchant-fulfilled and not PENDING. */
    static boolean taken(JsonNode order) {
        JsonNode fulfillment = order.path("fulfillment");
        if ("AMAZON".equals(fulfillment.path("fulfilledBy").asString(""))) return false;
        return !"PENDING".equals(fulfillment.path("fulfillmentStatus").asString(""));
    }

    /** Whether a getOrders order is taken at all: merchant-fulfilled and not Pending. */
    static boolean takenV0(JsonNode order) {
        if ("AFN".equals(order.path("FulfillmentChannel").asString(""))) return false;
        return !"Pending".equals(order.path("OrderStatus").asString(""));
    }

    static boolean cancelledV0(JsonNode order) {
        return "Canceled".equals(order.path("OrderStatus").asString(""));
    }

    /** One searchOrders {@code Order} (2026-01-01) as the port's order; the record itself is kept as {@code raw}. */
    static PlatformOrder order(JsonNode o) {
        String orderId = blankToNull(o.path("orderId").asString(null));
        boolean cancelled = "CANCELLED".equals(o.path("fulfillment").path("fulfillmentStatus").asString(""));
        JsonNode buyer = o.path("buyer");
        PlatformOrder.Buyer who = new PlatformOrder.Buyer(blankToNull(buyer.path("buyerName").asString(null)),
                blankToNull(buyer.path("buyerEmail").asString(null)), null, null);
        long shipping = 0;
        long discount = 0;
        List<PlatformOrder.Line> lines = new ArrayList<>();
        for (JsonNode item : o.path("orderItems")) {
            int quantity = item.path("quantityOrdered").asInt(0);
            for (JsonNode b : item.path("proceeds").path("breakdowns")) {
                String type = b.path("type").asString("");
                if (type.equals("SHIPPING") || type.equals("COD_FEE") || type.equals("GIFT_WRAP")) {
                    shipping += yenOrZero(b.path("subtotal"), "amount");
                } else if (type.equals("DISCOUNT")) {
                    // the model gives no example of a DISCOUNT's sign: what it took off is its magnitude
                    discount += Math.abs(yenOrZero(b.path("subtotal"), "amount"));
                }
            }
            if (quantity == 0) continue; // nothing of it is ordered (any more)
            JsonNode product = item.path("product");
            Long unit = yen(product.path("price").path("unitPrice"), "amount");
            lines.add(line(item.path("orderItemId").asString(null), product.path("sellerSku").asString(null),
                    quantity, unit == null ? -1 : unit));
        }
        List<String> methods = new ArrayList<>();
        long points = 0;
        for (JsonNode e : o.path("payment").path("paymentExecutions")) {
            String m = e.path("paymentMethod").asString(null);
            methods.add(m);
            if (points(m)) points += yenOrZero(e.path("paymentAmount"), "amount");
        }
        Long total = yen(o.path("proceeds").path("grandTotal"), "amount");
        long paid = total == null ? 0 : total;
        PlatformOrder.Payment payment = new PlatformOrder.Payment(method(methods), paid - points, points, discount, null);
        Instant created = parseTime(o.path("createdTime").asString(null));
        return new PlatformOrder(orderId, created, parseTime(o.path("lastUpdatedTime").asString(null)),
                cancelled ? PlatformOrder.State.CANCELLED : PlatformOrder.State.OPEN, who, payment, shipping, lines,
                o.toString());
    }

    /**
     * One getOrders {@code Order} (v0) with its getOrderItems {@code OrderItem}s as the port's order;
     * raw is {@code {"order":…,"orderItems":[…]}}. A cancelled order needs no items (the core cancels
     * by order id): {@code items} may be empty then.
     */
    static PlatformOrder orderV0(JsonNode o, List<JsonNode> items) {
        String orderId = blankToNull(o.path("AmazonOrderId").asString(null));
        JsonNode buyerInfo = o.path("BuyerInfo");
        PlatformOrder.Buyer who = new PlatformOrder.Buyer(blankToNull(buyerInfo.path("BuyerName").asString(null)),
                blankToNull(buyerInfo.path("BuyerEmail").asString(null)), null, null);
        long shipping = 0;
        long discount = 0;
        List<PlatformOrder.Line> lines = new ArrayList<>();
        for (JsonNode item : items) {
            shipping += yenOrZero(item.path("ShippingPrice"), "Amount") + yenOrZero(item.path("CODFee"), "Amount");
            discount += yenOrZero(item.path("PromotionDiscount"), "Amount")
                    + yenOrZero(item.path("ShippingDiscount"), "Amount") + yenOrZero(item.path("CODFeeDiscount"), "Amount");
            int quantity = item.path("QuantityOrdered").asInt(0);
            if (quantity == 0) continue;
            Long itemPrice = yen(item.path("ItemPrice"), "Amount");
            long unit = itemPrice == null ? -1
                    : BigDecimal.valueOf(itemPrice).divide(BigDecimal.valueOf(quantity), 0, RoundingMode.HALF_UP).longValue();
            lines.add(line(item.path("OrderItemId").asString(null), item.path("SellerSKU").asString(null), quantity, unit));
        }
        List<String> methods = new ArrayList<>();
        long points = 0;
        for (JsonNode e : o.path("PaymentExecutionDetail")) {
            String m = e.path("PaymentMethod").asString(null);
            methods.add(m);
            if (points(m)) points += yenOrZero(e.path("Payment"), "Amount");
        }
        for (JsonNode m : o.path("PaymentMethodDetails")) methods.add(m.asString(null));
        Long total = yen(o.path("OrderTotal"), "Amount");
        long paid = total == null ? 0 : total;
        PlatformOrder.Payment payment = new PlatformOrder.Payment(method(methods), paid - points, points, discount, null);
        ObjectNode raw = JSON.createObjectNode();
        raw.set("order", o);
        raw.putArray("orderItems").addAll(items);
        return new PlatformOrder(orderId, parseTime(o.path("PurchaseDate").asString(null)),
                parseTime(o.path("LastUpdateDate").asString(null)),
                cancelledV0(o) ? PlatformOrder.State.CANCELLED : PlatformOrder.State.OPEN, who, payment, shipping, lines,
                raw.toString());
    }

    /** A line: the line id is the OrderItemId, the identifier {@code sellerSku} as the stock mapping names it. */
    private static PlatformOrder.Line line(String orderItemId, String sellerSku, int quantity, long unitPrice) {
        Map<String, String> ids = new LinkedHashMap<>();
        String sku = blankToNull(sellerSku);
        if (sku != null) ids.put("sellerSku", sku);
        return new PlatformOrder.Line(blankToNull(orderItemId), sku, ids, quantity, unitPrice);
    }

    static String csv(List<String> values) {
        return String.join(",", values);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

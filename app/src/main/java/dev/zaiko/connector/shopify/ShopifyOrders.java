package dev.zaiko.connector.shopify;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.zaiko.connector.PlatformOrder;

/**
 * Orders in from Shopify, the parts without HTTP: the pull cursor, and one Shopify order in the
 * port's words, from either shape Shopify gives it in:
 * <ul>
 * <li>a webhook delivery's body, the REST-style order
 * (https://shopify.dev/docs/api/webhooks, topics {@code orders/create}, {@code orders/cancelled},
 * {@code orders/updated}; https://shopify.dev/docs/apps/build/webhooks/delivery-structure);</li>
 * <li>one node of the Admin GraphQL {@code orders} query
 * (https://shopify.dev/docs/api/admin-graphql/2026-10/queries/orders,
 * https://shopify.dev/docs/api/admin-graphql/2026-10/objects/Order).</li>
 * </ul>
 * Both give the same order id (the Order GID, {@code admin_graphql_api_id} in a webhook), the same
 * line ids (LineItem GIDs) and the same amounts, so an order heard by webhook and found again by
 * the pull is one order to the core.
 * <p>
 * Line identifiers use the stock mapping's names: {@code inventoryItemId} where Shopify gives it
 * (the GraphQL line's {@code variant.inventoryItem.id}; a webhook line has none), and always
 * {@code variantId} (the ProductVariant GID) and the line's {@code sku} as the platform SKU. A
 * mapping that holds only {@code inventoryItemId} therefore matches webhook lines through the SKU
 * text (a Shopify SKU equal to the Zaiko SKU) or, where the SKUs differ, once {@code variantId} is
 * added to the mapping.
 */
final class ShopifyOrders {

    /** Each pull asks from this much before where the last one got to: an order Shopify indexes late is still found. */
    static final Duration OVERLAP = Duration.ofMinutes(2);
    /** A channel's first pull reaches back one day (older orders are entered by hand or CSV). */
    static final Duration FIRST_LOOKBACK = Duration.ofDays(1);
    /**
     * Orders per page and line items per order: with the shipping lines, one page's requested cost
     * stays under 1,000 points (the single-query maximum) and within the Standard plan's bucket.
     */
    static final int PAGE_SIZE = 5;
    static final int LINES_PER_ORDER = 30;
    static final int SHIPPING_LINES = 5;
    static final String CURRENCY = "JPY";

    private ShopifyOrders() {
    }

    /**
     * Where the next pull starts, as text {@code from=…} between runs, and
     * {@code from=…;seen=…;after=…} inside a run of pages (every page of one run keeps the same
     * {@code updated_at} window, and the GraphQL cursor moves through it).
     *
     * @param from  orders updated at or after this (less {@link #OVERLAP}) are still to be read
     * @param seen  the latest {@code updatedAt} read so far in this run, or null
     * @param after the GraphQL {@code endCursor} of the last page read in this run, or null between runs
     */
    record Cursor(Instant from, Instant seen, String after) {

        static Cursor parse(String text, Instant now) {
            if (text == null || text.isBlank()) return new Cursor(now.minus(FIRST_LOOKBACK), null, null);
            Map<String, String> parts = new LinkedHashMap<>();
            for (String part : text.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) parts.put(part.substring(0, eq), part.substring(eq + 1));
            }
            try {
                return new Cursor(Instant.parse(parts.get("from")),
                        parts.containsKey("seen") ? Instant.parse(parts.get("seen")) : null, parts.get("after"));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Not a Shopify order cursor: " + text, e);
            }
        }

        String text() {
            StringBuilder s = new StringBuilder("from=").append(from);
            if (seen != null) s.append(";seen=").append(seen);
            if (after != null) s.append(";after=").append(after);
            return s.toString();
        }

        /** The search text of the {@code orders} query (https://shopify.dev/docs/api/usage/search-syntax). */
        String query() {
            return "updated_at:>='" + from.minus(OVERLAP) + "'";
        }

        /** The page read: on to its end cursor, or, at the last page, the next run starts where this one got to. */
        Cursor next(Instant latest, boolean more, String endCursor) {
            Instant s = seen == null || (latest != null && latest.isAfter(seen)) ? latest : seen;
            if (more && endCursor != null) return new Cursor(from, s, endCursor);
            return new Cursor(s != null && s.isAfter(from) ? s : from, null, null);
        }
    }

    // --- a webhook's body ---------------------------------------------------------------------------

    /** The REST-style order of a webhook delivery; the body itself is kept as {@code raw}. */
    static PlatformOrder fromWebhook(JsonNode o, String raw) {
        String id = text(o, "admin_graphql_api_id");
        if (id == null && o.path("id").isNumber()) id = "gid://shopify/Order/" + o.path("id").asLong();
        JsonNode customer = o.path("customer");
        String name = firstNonNull(personName(customer.path("last_name"), customer.path("first_name")),
                personName(o.path("billing_address").path("last_name"), o.path("billing_address").path("first_name")),
                text(o.path("billing_address"), "name"),
                personName(o.path("shipping_address").path("last_name"), o.path("shipping_address").path("first_name")));
        String email = firstNonNull(text(o, "email"), text(o, "contact_email"), text(customer, "email"));
        String phone = firstNonNull(text(o, "phone"), text(customer, "phone"), text(o.path("billing_address"), "phone"));
        PlatformOrder.Buyer buyer = new PlatformOrder.Buyer(name, email, phone, locale(text(o, "customer_locale")));
        List<String> gateways = new ArrayList<>();
        for (JsonNode g : o.path("payment_gateway_names")) if (g.isString()) gateways.add(g.asString());
        long shipping = 0;
        for (JsonNode s : o.path("shipping_lines")) shipping += yen(s.path("price"));
        PlatformOrder.Payment payment = new PlatformOrder.Payment(paymentMethod(gateways, text(o, "currency")),
                yen(o.path("total_price")), 0, yen(o.path("total_discounts")), null);
        List<PlatformOrder.Line> lines = new ArrayList<>();
        for (JsonNode item : o.path("line_items")) {
            String lineId = text(item, "admin_graphql_api_id");
            if (lineId == null && item.path("id").isNumber()) lineId = "gid://shopify/LineItem/" + item.path("id").asLong();
            Map<String, String> ids = new LinkedHashMap<>();
            if (item.path("variant_id").isNumber()) {
                ids.put("variantId", "gid://shopify/ProductVariant/" + item.path("variant_id").asLong());
            }
            lines.add(new PlatformOrder.Line(lineId, text(item, "sku"), ids, item.path("quantity").asInt(0),
                    item.has("price") ? yen(item.path("price")) : -1));
        }
        return new PlatformOrder(id, time(text(o, "created_at")), time(text(o, "updated_at")),
                text(o, "cancelled_at") != null ? PlatformOrder.State.CANCELLED : PlatformOrder.State.OPEN,
                buyer, payment, shipping, lines, raw);
    }

    // --- a GraphQL node ------------------------------------------------------------------------------

    /** The fields one order node of the pull asks for (see {@link #fromGraphql}). */
    static final String ORDER_FIELDS = "id createdAt updatedAt cancelledAt email phone customerLocale currencyCode"
            + " paymentGatewayNames customer { firstName lastName phone }"
            + " billingAddress { firstName lastName name phone }"
            + " totalPriceSet { shopMoney { amount } } totalDiscountsSet { shopMoney { amount } }"
            + " shippingLines(first: " + SHIPPING_LINES + ") { nodes { originalPriceSet { shopMoney { amount } } } }"
            + " lineItems(first: " + LINES_PER_ORDER + ") { nodes { id sku quantity"
            + " variant { id inventoryItem { id } } originalUnitPriceSet { shopMoney { amount } } } }";

    /** One node of the {@code orders} query; the node itself is kept as {@code raw}. */
    static PlatformOrder fromGraphql(JsonNode o) {
        JsonNode customer = o.path("customer");
        JsonNode billing = o.path("billingAddress");
        String name = firstNonNull(personName(customer.path("lastName"), customer.path("firstName")),
                personName(billing.path("lastName"), billing.path("firstName")), text(billing, "name"));
        String phone = firstNonNull(text(o, "phone"), text(customer, "phone"), text(billing, "phone"));
        PlatformOrder.Buyer buyer = new PlatformOrder.Buyer(name, text(o, "email"), phone, locale(text(o, "customerLocale")));
        List<String> gateways = new ArrayList<>();
        for (JsonNode g : o.path("paymentGatewayNames")) if (g.isString()) gateways.add(g.asString());
        long shipping = 0;
        for (JsonNode s : o.path("shippingLines").path("nodes")) shipping += yen(s.path("originalPriceSet").path("shopMoney").path("amount"));
        PlatformOrder.Payment payment = new PlatformOrder.Payment(paymentMethod(gateways, text(o, "currencyCode")),
                yen(o.path("totalPriceSet").path("shopMoney").path("amount")), 0,
                yen(o.path("totalDiscountsSet").path("shopMoney").path("amount")), null);
        List<PlatformOrder.Line> lines = new ArrayList<>();
        for (JsonNode item : o.path("lineItems").path("nodes")) {
            Map<String, String> ids = new LinkedHashMap<>();
            String inventoryItem = text(item.path("variant").path("inventoryItem"), "id");
            if (inventoryItem != null) ids.put("inventoryItemId", inventoryItem);
            String variant = text(item.path("variant"), "id");
            if (variant != null) ids.put("variantId", variant);
            JsonNode price = item.path("originalUnitPriceSet").path("shopMoney").path("amount");
            lines.add(new PlatformOrder.Line(text(item, "id"), text(item, "sku"), ids, item.path("quantity").asInt(0),
                    price.isMissingNode() || price.isNull() ? -1 : yen(price)));
        }
        return new PlatformOrder(text(o, "id"), time(text(o, "createdAt")), time(text(o, "updatedAt")),
                text(o, "cancelledAt") != null ? PlatformOrder.State.CANCELLED : PlatformOrder.State.OPEN,
                buyer, payment, shipping, lines, o.toString());
    }

    // --- shared ---------------------------------------------------------------------------------------

    /**
     * Shopify's payment gateway names (the order's {@code payment_gateway_names}) in Zaiko's words.
     * {@code shopify_payments} is Shopify Payments, whose gateway name does not say card, wallet or
     * konbini: Zaiko records it as CREDIT_CARD. A gift card alongside another gateway gives way to
     * the other; a gift card alone is GIFT_BALANCE. Anything else (manual, bogus, paypal, …) passes
     * through as Shopify names it, as does any gateway of an order not in yen (with the currency), so
     * the core keeps the order in the inbox for a person.
     */
    static String paymentMethod(List<String> gateways, String currency) {
        List<String> others = gateways.stream().filter(g -> !"gift_card".equalsIgnoreCase(g.strip())).toList();
        if (currency != null && !CURRENCY.equalsIgnoreCase(currency)) {
            return String.join(",", gateways) + " (" + currency + ")";
        }
        if (gateways.isEmpty()) return null;
        if (others.isEmpty()) return "GIFT_BALANCE";
        String g = others.get(0).strip();
        String lower = g.toLowerCase(Locale.ROOT);
        if (lower.equals("shopify_payments")) return "CREDIT_CARD";
        if (lower.contains("cash on delivery") || lower.equals("cod") || lower.contains("(cod)") || g.contains("代金引換")
                || g.contains("代引")) return "COD";
        if (lower.contains("bank deposit") || lower.contains("bank transfer") || g.contains("銀行振込")) return "BANK_TRANSFER";
        if (lower.contains("konbini") || g.contains("コンビニ")) return "KONBINI";
        if (lower.contains("paypay")) return "PAYPAY";
        return g;
    }

    /**
     * A money amount as whole yen: Shopify writes decimal text ({@code "29800.00"}, GraphQL's
     * {@code Decimal} too). A fraction (not yen) is kept out by the currency check; it rounds half up.
     */
    static long yen(JsonNode amount) {
        if (amount == null || amount.isMissingNode() || amount.isNull()) return 0;
        try {
            BigDecimal value = amount.isNumber() ? amount.decimalValue() : new BigDecimal(amount.asString("0").strip());
            return value.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static Instant time(String text) {
        if (text == null) return null;
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

    private static String locale(String customerLocale) {
        if (customerLocale == null) return null;
        return customerLocale.toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "ja";
    }

    /** 姓 名, the Japanese order (Shopify keeps them apart). */
    private static String personName(JsonNode last, JsonNode first) {
        String l = last.isString() ? last.asString().strip() : "";
        String f = first.isString() ? first.asString().strip() : "";
        String name = (l + " " + f).strip();
        return name.isEmpty() ? null : name;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isString() || v.asString().isBlank()) return null;
        return v.asString();
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) if (v != null) return v;
        return null;
    }
}

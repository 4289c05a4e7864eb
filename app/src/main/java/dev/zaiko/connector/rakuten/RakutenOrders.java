package dev.zaiko.connector.rakuten;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.zaiko.connector.PlatformOrder;

/**
 * Orders in from RMS, the parts without HTTP: the pull cursor, and one RakutenPayOrderAPI getOrder
 * {@code OrderModel} in the port's words.
 * <p>
 * RMS has no "updated since" search: searchOrder searches a window of one date type (注文日 and
 * others, at most 63 days) and a list of order progresses. So a pull searches the order dates since
 * the cursor (less an overlap) for the progresses before shipping and the cancelled ones, and every
 * {@link #SWEEP_EVERY} a sweep searches the cancelled orders ({@code 900}) of the last
 * {@link #SWEEP_LOOKBACK}, which catches a cancellation made days after the order.
 *
 * @see <a href="https://webservice.rms.rakuten.co.jp/merchant-portal/view/ja/common/1-1_service_index/rakutenpayorderapi/searchorder">searchOrder (RMS, login required)</a>
 * @see <a href="https://webservice.rms.rakuten.co.jp/merchant-portal/view/ja/common/1-1_service_index/rakutenpayorderapi/getorder">getOrder (RMS, login required)</a>
 */
final class RakutenOrders {

    /** orderProgress 100: 注文確認待ち (the shop has not confirmed it; confirmOrder moves it on). */
    static final int AWAITING_CONFIRMATION = 100;
    /** orderProgress 900: キャンセル確定. */
    static final int CANCELLED = 900;
    /**
     * The progresses a new-orders search asks for: 100 注文確認待ち, 200 楽天処理中, 300 発送待ち,
     * 400 変更確定待ち (not shipped yet: their units are still to be reserved), and 900 キャンセル確定.
     * 500 発送済 and later are left out: their units have left the shop.
     */
    static final List<Integer> NEW_PROGRESSES = List.of(100, 200, 300, 400, 900);
    /** searchOrder dateType 1: 注文日. */
    static final int DATE_TYPE_ORDERED = 1;
    /** searchOrder's documented longest window. */
    static final Duration MAX_WINDOW = Duration.ofDays(63);
    /** Each search starts this much before the cursor: an order RMS lists late is still found. */
    static final Duration OVERLAP = Duration.ofMinutes(10);
    /** A channel's first pull reaches back one day (older orders are entered by hand or CSV). */
    static final Duration FIRST_LOOKBACK = Duration.ofDays(1);
    static final Duration SWEEP_EVERY = Duration.ofMinutes(10);
    static final Duration SWEEP_LOOKBACK = Duration.ofDays(30);
    /** Order numbers per searchOrder page: getOrder takes at most 100, so one page is one getOrder. */
    static final int PAGE_SIZE = 100;
    /** searchOrder pages in a cancellation sweep (ids only, no getOrder): RMS's largest page. */
    static final int SWEEP_PAGE_SIZE = 1000;
    /** getOrder version: 7 and later carry the SKU model (SkuModelList with variantId). */
    static final int GET_ORDER_VERSION = 7;
    static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    /** RMS's date-time text, e.g. 2024-05-01T10:15:30+0900. */
    static final DateTimeFormatter RMS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXX", Locale.ROOT);

    private RakutenOrders() {
    }

    enum Phase { NEW, SWEEP }

    /**
     * Where the next pull starts, as text {@code from=…;swept=…} between runs and with
     * {@code ;phase=…;start=…;end=…;page=…} inside a run of pages.
     *
     * @param from  the order dates at and after this are still to be searched (less {@link #OVERLAP})
     * @param swept when the last cancellation sweep began, or null
     * @param phase the run under way, or null between runs
     */
    record Cursor(Instant from, Instant swept, Phase phase, Instant start, Instant end, int page) {

        static Cursor parse(String text, Instant now) {
            if (text == null || text.isBlank()) return new Cursor(now.minus(FIRST_LOOKBACK), null, null, null, null, 0);
            Map<String, String> parts = new LinkedHashMap<>();
            for (String part : text.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) parts.put(part.substring(0, eq), part.substring(eq + 1));
            }
            try {
                Instant from = Instant.parse(parts.get("from"));
                Instant swept = parts.containsKey("swept") ? Instant.parse(parts.get("swept")) : null;
                if (!parts.containsKey("phase")) return new Cursor(from, swept, null, null, null, 0);
                return new Cursor(from, swept, Phase.valueOf(parts.get("phase")), Instant.parse(parts.get("start")),
                        Instant.parse(parts.get("end")), Integer.parseInt(parts.get("page")));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Not a Rakuten order cursor: " + text, e);
            }
        }

        String text() {
            StringBuilder s = new StringBuilder("from=").append(from);
            if (swept != null) s.append(";swept=").append(swept);
            if (phase != null) {
                s.append(";phase=").append(phase).append(";start=").append(start).append(";end=").append(end)
                        .append(";page=").append(page);
            }
            return s.toString();
        }

        Cursor between(Instant nextFrom, Instant nextSwept) {
            return new Cursor(nextFrom, nextSwept, null, null, null, 0);
        }

        Cursor at(Phase p, Instant s, Instant e, int n) {
            return new Cursor(from, swept, p, s, e, n);
        }
    }

    static String rmsTime(Instant at) {
        return RMS_TIME.format(at.atZone(JST));
    }

    static Instant parseTime(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return OffsetDateTime.parse(text, RMS_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /**
     * RMS's settlementMethod (支払方法名) in Zaiko's words; anything else passes through as RMS names
     * it (the core keeps such an order in the inbox for a person).
     */
    static String paymentMethod(String settlementMethod) {
        if (settlementMethod == null || settlementMethod.isBlank()) return null;
        String m = settlementMethod.strip();
        if (m.equals("クレジットカード")) return "CREDIT_CARD";
        if (m.equals("代金引換")) return "COD";
        if (m.equals("銀行振込")) return "BANK_TRANSFER";
        if (m.contains("コンビニ")) return "KONBINI";
        return m;
    }

    /** A whole-yen amount of the record, 0 when RMS left it out. */
    private static long yen(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? v.longValue() : 0;
    }

    /** One getOrder {@code OrderModel} as the port's order; the record itself is kept as {@code raw}. */
    static PlatformOrder order(JsonNode o) {
        String orderNumber = o.path("orderNumber").asString(null);
        int progress = o.path("orderProgress").asInt(0);
        Instant created = parseTime(o.path("orderDatetime").asString(null));
        JsonNode orderer = o.path("OrdererModel");
        String name = (orderer.path("familyName").asString("") + " " + orderer.path("firstName").asString("")).strip();
        String phone = String.join("-", List.of(orderer.path("phoneNumber1").asString(""),
                orderer.path("phoneNumber2").asString(""), orderer.path("phoneNumber3").asString("")))
                .replaceAll("^-+|-+$", "").replaceAll("-{2,}", "-");
        PlatformOrder.Buyer buyer = new PlatformOrder.Buyer(name.isEmpty() ? null : name,
                blankToNull(orderer.path("emailAddress").asString(null)), blankToNull(phone), "ja");
        PlatformOrder.Payment payment = new PlatformOrder.Payment(
                paymentMethod(o.path("SettlementModel").path("settlementMethod").asString(null)),
                yen(o, "requestPrice"), yen(o.path("PointModel"), "usedPoint"), yen(o, "couponAllTotalPrice"), null);
        // 送料 + 代引料 + 決済手数料: everything the buyer pays besides the goods
        long shipping = yen(o, "postagePrice") + Math.max(0, yen(o, "deliveryPrice")) + Math.max(0, yen(o, "paymentCharge"));
        List<PlatformOrder.Line> lines = new ArrayList<>();
        for (JsonNode pkg : o.path("PackageModelList")) {
            for (JsonNode item : pkg.path("ItemModelList")) {
                if (item.path("deleteItemFlag").asInt(0) == 1) continue; // 商品削除フラグ: taken off the order
                Map<String, String> ids = new LinkedHashMap<>();
                String manageNumber = item.path("manageNumber").asString(null);
                if (manageNumber != null && !manageNumber.isBlank()) {
                    ids.put("manageNumber", manageNumber.toLowerCase(Locale.ROOT));
                }
                JsonNode sku = item.path("SkuModelList").path(0);
                String variantId = sku.path("variantId").asString(null);
                if (variantId != null && !variantId.isBlank()) ids.put("variantId", variantId);
                String ownSku = blankToNull(sku.path("merchantDefinedSkuId").asString(null));
                JsonNode price = item.path("priceTaxIncl").isNumber() ? item.path("priceTaxIncl") : item.path("price");
                lines.add(new PlatformOrder.Line(item.path("itemDetailId").isMissingNode() ? null
                        : item.path("itemDetailId").asString(), ownSku, ids, item.path("units").asInt(0),
                        price.isNumber() ? price.longValue() : -1));
            }
        }
        return new PlatformOrder(orderNumber, created, null,
                progress == CANCELLED ? PlatformOrder.State.CANCELLED : PlatformOrder.State.OPEN,
                buyer, payment, shipping, lines, o.toString());
    }

    /** An order the cancellation sweep found at 900: only its number is needed to release its units. */
    static PlatformOrder cancelled(String orderNumber) {
        return new PlatformOrder(orderNumber, null, null, PlatformOrder.State.CANCELLED, null, null, 0, List.of(),
                "{\"orderNumber\":\"" + orderNumber.replace("\"", "") + "\",\"orderProgress\":900,\"from\":\"searchOrder\"}");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

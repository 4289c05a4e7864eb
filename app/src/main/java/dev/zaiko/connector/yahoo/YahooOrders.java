package dev.zaiko.connector.yahoo;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import javax.crypto.Cipher;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.ConnectorException;
import dev.zaiko.connector.PlatformOrder;
import dev.zaiko.platform.outbound.OutboundHttp;

/**
 * Orders in from Yahoo!ショッピング's order API: 注文検索API ({@code orderList}) finds the orders,
 * 注文詳細API ({@code orderInfo}) reads each one.
 * <p>
 * <b>Two sweeps per round.</b> <i>New orders</i>: {@code orderList} over a window of
 * {@code PublicationTime} (the time an order was opened to the store API; an order held by Yahoo's
 * fraud check is published later than it was ordered, so a window on {@code OrderTime} could pass it
 * by), {@code Start}/{@code Result} paging of {@value #PAGE} orders, each read with {@code orderInfo}.
 * <i>Cancellations</i>: {@code orderList} of {@code OrderStatus} 4 (キャンセル) ordered in the last
 * {@link #CANCEL_LOOKBACK}, {@value #CANCEL_PAGE} a page, handing over (as CANCELLED, without an
 * {@code orderInfo}) those whose {@code LastUpdateTime} falls in the round (or that name none).
 * <p>
 * <b>The cursor</b> (form-encoded text): {@code phase} (new | cancel), {@code from} and {@code to}
 * (epoch seconds of the round's window, {@code to} fixed when the round starts so that offsets stay
 * put), {@code start} (the next page's offset) and {@code seen} (orders of the last
 * {@link #OVERLAP} of the previous round, already handed over). The next round starts
 * {@link #OVERLAP} before the last one ended, so an order published a little late is still found;
 * the orders named in {@code seen} are not read again. A repeated page is safe: the core records an
 * order once.
 * <p>
 * <b>Pace.</b> The order API pages ask for no more than 1 query a second to one URL: two calls to the
 * same order API are {@code orderCallGap} apart.
 * <p>
 * <b>Public-key signature</b> (公開鍵認証): when the account has the store's public key (credential
 * {@code publicKey}, PEM or Base64 of the X.509 key) and its version (setting
 * {@code publicKeyVersion}), every order-API call carries {@code X-sws-signature} =
 * Base64(RSA PKCS#1 v1.5 of {@code <sellerId>:<unix seconds>}) and {@code X-sws-signature-version}.
 *
 * @see <a href="https://developer.yahoo.co.jp/webapi/shopping/orderList.html">注文検索API</a>
 * @see <a href="https://developer.yahoo.co.jp/webapi/shopping/orderInfo.html">注文詳細API</a>
 * @see <a href="https://developer.yahoo.co.jp/webapi/shopping/help/">ヘルプ (公開鍵認証)</a>
 */
final class YahooOrders {

    static final String ORDER_LIST = "/ShoppingWebService/V1/orderList";
    static final String ORDER_INFO = "/ShoppingWebService/V1/orderInfo";
    /** New orders a page: each is one orderInfo call, one a second. */
    static final int PAGE = 10;
    /** Cancelled orders a page: no orderInfo for them. */
    static final int CANCEL_PAGE = 100;
    /** Each round starts this far before the previous one ended. */
    static final Duration OVERLAP = Duration.ofMinutes(5);
    /** The first round reaches back this far. */
    static final Duration FIRST_ROUND = Duration.ofHours(24);
    /** Cancellations are looked for among orders placed this far back. */
    static final Duration CANCEL_LOOKBACK = Duration.ofDays(30);
    static final String CANCELLED = "4";
    static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    static final DateTimeFormatter CONDITION_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    static final String LIST_FIELDS = "OrderId,OrderTime,OrderStatus,PublicationTime,LastUpdateTime";
    static final String INFO_FIELDS = String.join(",", List.of("OrderId", "OrderTime", "LastUpdateTime",
            "OrderStatus", "PayMethod", "PayMethodName", "CombinedPayMethod", "SettleId", "BillFirstName",
            "BillLastName", "BillMailAddress", "BillPhoneNumber", "ShipCharge", "PayCharge", "GiftWrapCharge",
            "Discount", "UsePoint", "TotalPrice", "TotalMallCouponDiscount", "LineId", "ItemId", "SubCode",
            "Title", "UnitPrice", "Quantity"));

    /** Yahoo's PayMethod codes Zaiko has a name for; any other passes through as Yahoo's code. */
    static final Map<String, String> METHODS = Map.of(
            "payment_a1", "CREDIT_CARD",      // クレジットカード決済
            "payment_a6", "KONBINI",          // コンビニ (セブン-イレブン)
            "payment_a7", "KONBINI",          // コンビニ (ファミリーマート、ローソン、その他)
            "payment_a17", "PAYPAY",          // PayPay残高等
            "payment_a19", "PAYPAY",          // PayPayクレジット (旧 PayPayあと払い)
            "payment_b1", "BANK_TRANSFER",    // 銀行振込
            "payment_d1", "COD");             // 商品代引

    private final YahooClient client;
    private final ConnectorAccount account;
    private final Clock clock;
    private final Duration gap;
    private final Map<String, Long> lastCallNanos = new LinkedHashMap<>();

    YahooOrders(YahooClient client, ConnectorAccount account, Clock clock, Duration gap) {
        this.client = client;
        this.account = account;
        this.clock = clock;
        this.gap = gap;
    }

    /**
     * The cursor, parsed.
     *
     * @param seen orders of the previous round's overlap, handed over already: not read again
     * @param next orders of this round's overlap so far: the next round's {@code seen}
     */
    record Cursor(String phase, long from, Long to, int start, Set<String> seen, Set<String> next) {

        static Cursor first(Instant now) {
            return new Cursor("new", now.minus(FIRST_ROUND).getEpochSecond(), null, 1, Set.of(), Set.of());
        }

        static Cursor parse(String text, Instant now) {
            if (text == null || text.isBlank()) return first(now);
            Map<String, String> v = new LinkedHashMap<>();
            for (String pair : text.split("&")) {
                String[] kv = pair.split("=", 2);
                v.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            try {
                String to = v.get("to");
                return new Cursor("cancel".equals(v.get("phase")) ? "cancel" : "new", Long.parseLong(v.get("from")),
                        to == null || to.isBlank() ? null : Long.parseLong(to),
                        Math.max(1, Integer.parseInt(v.getOrDefault("start", "1"))), ids(v.get("seen")),
                        ids(v.get("next")));
            } catch (RuntimeException e) {
                return first(now); // a cursor this adapter did not write
            }
        }

        private static Set<String> ids(String list) {
            Set<String> ids = new LinkedHashSet<>();
            if (list != null) for (String id : list.split(",")) if (!id.isBlank()) ids.add(id);
            return ids;
        }

        String text() {
            StringBuilder s = new StringBuilder("phase=").append(phase).append("&from=").append(from);
            if (to != null) s.append("&to=").append(to);
            s.append("&start=").append(start);
            if (!seen.isEmpty()) s.append("&seen=").append(URLEncoder.encode(String.join(",", seen), StandardCharsets.UTF_8));
            if (!next.isEmpty()) s.append("&next=").append(URLEncoder.encode(String.join(",", next), StandardCharsets.UTF_8));
            return s.toString();
        }
    }

    PlatformOrder.Page pull(String cursorText) throws ConnectorException {
        Instant now = clock.instant();
        Cursor c = Cursor.parse(cursorText, now);
        long to = c.to() != null ? c.to() : Math.max(c.from(), now.getEpochSecond());
        return "cancel".equals(c.phase()) ? cancellations(c, to) : newOrders(c, to);
    }

    private PlatformOrder.Page newOrders(Cursor c, long to) throws ConnectorException {
        String condition = "<PublicationTimeFrom>" + condition(c.from()) + "</PublicationTimeFrom>"
                + "<PublicationTimeTo>" + condition(to) + "</PublicationTimeTo>";
        Listing listing = list(condition, c.start(), PAGE);
        List<PlatformOrder> orders = new ArrayList<>();
        Set<String> next = new LinkedHashSet<>(c.next());
        long overlapFrom = to - OVERLAP.getSeconds();
        for (Element row : listing.rows()) {
            String id = YahooClient.text(row, "OrderId");
            if (id.isEmpty()) continue;
            Instant published = time(YahooClient.text(row, "PublicationTime"));
            if (published == null || published.getEpochSecond() >= overlapFrom) next.add(id);
            if (c.seen().contains(id)) continue;
            orders.add(CANCELLED.equals(YahooClient.text(row, "OrderStatus")) ? cancelled(row) : info(id));
        }
        if (!listing.last(c.start())) {
            return new PlatformOrder.Page(orders, new Cursor("new", c.from(), to,
                    c.start() + listing.rows().size(), c.seen(), next).text(), true);
        }
        // the window is read; the cancellations of the round come next
        return new PlatformOrder.Page(orders, new Cursor("cancel", c.from(), to, 1, next, Set.of()).text(), true);
    }

    private PlatformOrder.Page cancellations(Cursor c, long to) throws ConnectorException {
        String condition = "<OrderTimeFrom>" + condition(to - CANCEL_LOOKBACK.getSeconds()) + "</OrderTimeFrom>"
                + "<OrderTimeTo>" + condition(to) + "</OrderTimeTo>"
                + "<OrderStatus>" + CANCELLED + "</OrderStatus>";
        Listing listing = list(condition, c.start(), CANCEL_PAGE);
        long changedFrom = c.from() - OVERLAP.getSeconds();
        List<PlatformOrder> orders = new ArrayList<>();
        for (Element row : listing.rows()) {
            if (YahooClient.text(row, "OrderId").isEmpty()) continue;
            Instant changed = time(YahooClient.text(row, "LastUpdateTime"));
            if (changed != null && changed.getEpochSecond() < changedFrom) continue; // told in an earlier round
            orders.add(cancelled(row));
        }
        if (!listing.last(c.start())) {
            return new PlatformOrder.Page(orders, new Cursor("cancel", c.from(), to,
                    c.start() + listing.rows().size(), c.seen(), Set.of()).text(), true);
        }
        long nextFrom = Math.max(c.from(), to - OVERLAP.getSeconds());
        return new PlatformOrder.Page(orders, new Cursor("new", nextFrom, null, 1, c.seen(), Set.of()).text(), false);
    }

    /** One orderList page. */
    private record Listing(List<Element> rows, long total) {
        boolean last(int start) {
            return rows.isEmpty() || start - 1L + rows.size() >= total;
        }
    }

    private Listing list(String condition, int start, int result) throws ConnectorException {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Req><Search>"
                + "<Result>" + result + "</Result><Start>" + start + "</Start><Sort>+order_time</Sort>"
                + "<Condition>" + condition + "</Condition>"
                + "<Field>" + LIST_FIELDS + "</Field></Search>"
                + "<SellerId>" + YahooClient.escape(sellerId()) + "</SellerId></Req>";
        Document doc = orderApi(ORDER_LIST, body, "orderList");
        List<Element> rows = new ArrayList<>();
        NodeList infos = doc.getElementsByTagName("OrderInfo");
        for (int i = 0; i < infos.getLength(); i++) rows.add((Element) infos.item(i));
        long total;
        try {
            total = Long.parseLong(firstText(doc, "TotalCount"));
        } catch (NumberFormatException e) {
            total = start - 1L + rows.size(); // no count given: this page is the last
        }
        return new Listing(rows, total);
    }

    /** orderInfo of one order, in the port's words; what cannot be read is left for the core to refuse. */
    private PlatformOrder info(String orderId) throws ConnectorException {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Req><Target>"
                + "<OrderId>" + YahooClient.escape(orderId) + "</OrderId>"
                + "<Field>" + INFO_FIELDS + "</Field></Target>"
                + "<SellerId>" + YahooClient.escape(sellerId()) + "</SellerId></Req>";
        Document doc = orderApi(ORDER_INFO, body, "orderInfo");
        NodeList found = doc.getElementsByTagName("OrderInfo");
        String raw = serialize(found.getLength() > 0 ? found.item(0) : doc.getDocumentElement());
        if (found.getLength() == 0) {
            return new PlatformOrder(orderId, null, null, PlatformOrder.State.OPEN, null, null, 0, List.of(), raw);
        }
        Element o = (Element) found.item(0);
        Instant created = time(child(o, "OrderTime"));
        Instant updated = time(child(o, "LastUpdateTime"));
        PlatformOrder.State state = CANCELLED.equals(child(o, "OrderStatus"))
                ? PlatformOrder.State.CANCELLED : PlatformOrder.State.OPEN;
        Element pay = element(o, "Pay");
        Element detail = element(o, "Detail");
        String last = text(pay, "BillLastName");
        String first = text(pay, "BillFirstName");
        String name = (last + " " + first).strip();
        PlatformOrder.Buyer buyer = new PlatformOrder.Buyer(name.isEmpty() ? null : name,
                blankToNull(text(pay, "BillMailAddress")), blankToNull(text(pay, "BillPhoneNumber")), "ja");
        long total = yen(text(detail, "TotalPrice"));
        long points = yen(text(detail, "UsePoint"));
        long mallCoupons = yen(text(detail, "TotalMallCouponDiscount"));
        String code = text(pay, "PayMethod");
        String combined = text(pay, "CombinedPayMethod");
        String method = !combined.isEmpty() && !combined.equals(code)
                ? code + "+" + combined // two ways of paying: Zaiko records one, a person looks
                : METHODS.getOrDefault(code, code.isEmpty() ? null : code);
        PlatformOrder.Payment payment = new PlatformOrder.Payment(method, total - points - mallCoupons, points,
                mallCoupons, blankToNull(text(pay, "SettleId")));
        // everything the buyer pays besides the goods, as the Rakuten adapter counts it: shipping, the
        // cash-on-delivery fee, gift wrapping (Zaiko's order has one field for it)
        long shipping = yen(text(detail, "ShipCharge")) + yen(text(detail, "PayCharge"))
                + yen(text(detail, "GiftWrapCharge"));
        List<PlatformOrder.Line> lines = new ArrayList<>();
        for (Node n = o.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element item) || !"Item".equals(item.getTagName())) continue;
            Map<String, String> ids = new LinkedHashMap<>();
            String itemId = text(item, "ItemId");
            String subCode = text(item, "SubCode");
            if (!itemId.isEmpty()) ids.put("itemCode", itemId);
            if (!subCode.isEmpty()) ids.put("subCode", subCode);
            lines.add(new PlatformOrder.Line(blankToNull(text(item, "LineId")), null, ids,
                    (int) Math.min(Integer.MAX_VALUE, yen(text(item, "Quantity"))), yen(text(item, "UnitPrice"))));
        }
        return new PlatformOrder(orderId, created, updated, state, buyer, payment, shipping, lines, raw);
    }

    /** A cancelled order as orderList shows it: the id is all the core needs. */
    private static PlatformOrder cancelled(Element row) {
        Instant created = time(YahooClient.text(row, "OrderTime"));
        return new PlatformOrder(YahooClient.text(row, "OrderId"), created, time(YahooClient.text(row, "LastUpdateTime")),
                PlatformOrder.State.CANCELLED, null, null, 0, List.of(), serialize(row));
    }

    /** One order-API call at the documented pace; anything but a 200 with a Result is a failure. */
    private Document orderApi(String path, String body, String what) throws ConnectorException {
        OutboundHttp.Exchange answer;
        synchronized (lastCallNanos) {
            pace(path);
            try {
                answer = client.call(path, "application/xml; charset=UTF-8", body.getBytes(StandardCharsets.UTF_8),
                        signature());
            } finally {
                lastCallNanos.put(path, System.nanoTime());
            }
        }
        if (answer.status() != 200) throw YahooClient.failure(what, answer);
        Document doc = YahooClient.xml(answer);
        if (doc == null) throw new ConnectorException.Failed("Yahoo " + what + " answered no XML", null);
        if (doc.getElementsByTagName("Error").getLength() > 0) throw YahooClient.failure(what, answer);
        String status = firstText(doc, "Status");
        if (!status.isEmpty() && !"OK".equalsIgnoreCase(status)) {
            throw new ConnectorException.Failed("Yahoo " + what + " answered Status " + status, null);
        }
        return doc;
    }

    /**
     * Waits until {@code gap} has passed since the last call to the same order API ended (counted from
     * its answer, so Yahoo sees the calls at least {@code gap} apart whatever the network adds).
     */
    private void pace(String path) {
        if (gap.isZero() || gap.isNegative()) return;
        Long last = lastCallNanos.get(path);
        if (last == null) return;
        long wait = last + gap.toNanos() - System.nanoTime();
        while (wait > 0) {
            LockSupport.parkNanos(wait);
            wait = last + gap.toNanos() - System.nanoTime();
        }
    }

    /** The public-key headers, when the account has a key; none otherwise. */
    Map<String, String> signature() throws ConnectorException {
        String key = account.credentials() == null ? null : account.credential("publicKey");
        String version = account.settings() == null ? null : account.setting("publicKeyVersion");
        if (key == null || key.isBlank() || version == null || version.isBlank()) return Map.of();
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, publicKey(key));
            byte[] sealed = rsa.doFinal((sellerId() + ":" + clock.instant().getEpochSecond())
                    .getBytes(StandardCharsets.UTF_8));
            return Map.of("X-sws-signature", Base64.getEncoder().encodeToString(sealed),
                    "X-sws-signature-version", version.strip());
        } catch (Exception e) {
            throw new ConnectorException.Failed("The Yahoo public key (credentials.publicKey) cannot be used: "
                    + e.getClass().getSimpleName(), null);
        }
    }

    /** A PEM or Base64 X.509 (SubjectPublicKeyInfo) RSA key. */
    static PublicKey publicKey(String text) throws Exception {
        String b64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
    }

    private String sellerId() {
        String s = account.setting("sellerId");
        return s == null ? "" : s;
    }

    static String condition(long epochSecond) {
        return CONDITION_TIME.format(LocalDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), JST));
    }

    /** ISO 8601 with an offset, or YYYYMMDDHHmmss in Japan time; null when neither. */
    static Instant time(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text.strip(), CONDITION_TIME).atZone(JST).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static long yen(String text) {
        if (text == null || text.isBlank()) return 0;
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1; // not whole yen: the core refuses the order as malformed or not adding up
        }
    }

    private static String firstText(Document doc, String tag) {
        NodeList n = doc.getElementsByTagName(tag);
        return n.getLength() == 0 || n.item(0).getTextContent() == null ? "" : n.item(0).getTextContent().strip();
    }

    /** A direct child's text ("" when absent). */
    private static String child(Element parent, String tag) {
        Element e = element(parent, tag);
        return e == null || e.getTextContent() == null ? "" : e.getTextContent().strip();
    }

    private static Element element(Element parent, String tag) {
        if (parent == null) return null;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && tag.equals(e.getTagName())) return e;
        }
        return null;
    }

    private static String text(Element parent, String tag) {
        return parent == null ? "" : child(parent, tag);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String serialize(Node node) {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(node), new StreamResult(out));
            return out.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            return node.getTextContent();
        }
    }
}

package dev.zaiko.connector.yahoo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.ConnectorException;
import dev.zaiko.connector.ConnectorHttp;
import dev.zaiko.connector.PlatformClient;
import dev.zaiko.platform.outbound.OutboundHttp;

/**
 * One Yahoo!ショッピング store's store-API conversation.
 * <p>
 * <b>Token.</b> The access token (one hour, {@code expires_in}) comes from the Yahoo! ID連携 v2
 * Token endpoint with {@code grant_type=refresh_token}, the client authenticated by
 * {@code Authorization: Basic Base64(clientId:clientSecret)}. It is renewed {@link #EARLY} before it
 * expires (by the injected clock) and once more when an API call answers 401; a second 401, or a
 * refused refresh ({@code invalid_grant}), is {@link ConnectorException.Unauthorized}. A refresh token
 * in the answer replaces the stored one ({@link ConnectorAccount.TokenStore}, name {@code refreshToken}).
 * <p>
 * <b>Answers.</b> The store API answers XML: {@code <ResultSet><Result>…} on success,
 * {@code <Error><Message/><Code/></Error>} on failure. 429 is {@link ConnectorException.Throttled}
 * (its {@code Retry-After}, else two seconds: the 0.5/s this connector keeps to).
 *
 * @see <a href="https://developer.yahoo.co.jp/yconnect/v2/authorization_code/token.html">Tokenエンドポイント</a>
 * @see <a href="https://developer.yahoo.co.jp/yconnect/v2/api_access.html">APIアクセス実装方法 (Bearer, WWW-Authenticate errors)</a>
 */
class YahooClient implements PlatformClient {

    static final String SET_STOCK = "/ShoppingWebService/V1/setStock";
    static final String GET_STOCK = "/ShoppingWebService/V1/getStock";
    static final String ORDER_STATUS_CHANGE = "/ShoppingWebService/V1/orderStatusChange";
    /** Renew the access token this long before it expires. */
    static final Duration EARLY = Duration.ofMinutes(5);
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(2);
    /** 在庫更新API quantity: -999999999..999999999; a sign means add/subtract, so only plain digits are sent. */
    static final int MAX_QUANTITY = 999_999_999;
    /** orderStatusChange OrderStatus 4: キャンセル. */
    static final int STATUS_CANCELLED = 4;

    /** 商品コード / 個別商品コード: 半角英数字 and '-' (up to 99); '_' is let through, ',' and ':' never. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,99}");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    private final ConnectorAccount account;
    private final ConnectorHttp http;
    private final Clock clock;
    private final String api;
    private final String tokenUrl;
    private final String sellerId;

    private final YahooOrders orders;

    private String accessToken;
    private Instant expiresAt = Instant.MIN;

    YahooClient(ConnectorAccount account, ConnectorHttp http, Clock clock, String api, String tokenUrl,
                Duration orderCallGap) {
        this.account = account;
        this.http = http;
        this.clock = clock;
        this.api = api;
        this.tokenUrl = tokenUrl;
        this.sellerId = account.setting("sellerId");
        this.orders = new YahooOrders(this, account, clock, orderCallGap);
    }

    private record Code(String sku, String itemCode, String subCode) {
        /** item_code as the API takes it: 商品コード, or 商品コード:個別商品コード. */
        String param() {
            return subCode == null ? itemCode : itemCode + ":" + subCode;
        }
    }

    /** The SKU's codes, or why it cannot be sent. */
    private Object code(String sku) {
        Optional<Map<String, String>> ids = account.mapping().identifiers(sku);
        String itemCode = ids.map(m -> m.get("itemCode")).orElse(null);
        String subCode = ids.map(m -> m.get("subCode")).filter(s -> !s.isBlank()).orElse(null);
        if (itemCode == null || itemCode.isBlank()) return "not mapped to a Yahoo itemCode";
        if (!CODE.matcher(itemCode).matches() || (subCode != null && !CODE.matcher(subCode).matches())) {
            return "itemCode/subCode must be 1-99 letters, digits or '-'";
        }
        return new Code(sku, itemCode, subCode);
    }

    /**
     * 在庫更新API: seller_id, item_code and quantity as comma lists in the same order, absolute
     * values only. Yahoo does not refuse an unknown item code (it keeps the quantity for when the
     * item is registered), so a 200 accepts every code sent.
     *
     * @see <a href="https://developer.yahoo.co.jp/webapi/shopping/setStock.html">在庫更新API</a>
     */
    @Override
    public PushOutcome setQuantities(List<QuantityUpdate> updates) throws ConnectorException {
        if (updates.size() > YahooConnector.LIMITS.maxBatch()) {
            throw new IllegalArgumentException("At most " + YahooConnector.LIMITS.maxBatch() + " updates per call");
        }
        Map<String, String> rejected = new LinkedHashMap<>();
        Map<String, Code> byParam = new LinkedHashMap<>();
        Map<String, Integer> quantityOf = new LinkedHashMap<>();
        for (QuantityUpdate u : updates) {
            Object c = code(u.sku());
            if (c instanceof String reason) {
                rejected.put(u.sku(), reason);
                continue;
            }
            Code code = (Code) c;
            Code earlier = byParam.get(code.param());
            if (earlier != null && !earlier.sku().equals(u.sku())) {
                rejected.put(u.sku(), "mapped to the same Yahoo item as " + earlier.sku());
                continue;
            }
            byParam.remove(code.param());
            byParam.put(code.param(), code);
            quantityOf.put(code.param(), Math.max(0, Math.min(MAX_QUANTITY, u.quantity())));
        }
        if (byParam.isEmpty()) return new PushOutcome(List.of(), rejected, null);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("seller_id", sellerId);
        form.put("item_code", String.join(",", byParam.keySet()));
        form.put("quantity", String.join(",", byParam.keySet().stream().map(p -> String.valueOf(quantityOf.get(p))).toList()));
        OutboundHttp.Exchange answer = call(SET_STOCK, FORM, form(form));
        if (answer.status() != 200) throw failure("setStock", answer);
        return new PushOutcome(byParam.values().stream().map(Code::sku).toList(), rejected, null);
    }

    /**
     * 在庫参照API (getStock), up to 1,000 codes a request: {@code Result} per code with {@code Status}
     * 1 (found) and {@code Quantity}. Unmapped SKUs and codes Yahoo does not know are left out.
     *
     * @see <a href="https://developer.yahoo.co.jp/webapi/shopping/getStock.html">在庫参照API</a>
     */
    @Override
    public Optional<Map<String, Integer>> readQuantities(List<String> skus) throws ConnectorException {
        Map<String, String> skuOf = new LinkedHashMap<>();
        for (String sku : skus) {
            if (code(sku) instanceof Code code) skuOf.putIfAbsent(code.param(), sku);
        }
        Map<String, Integer> shown = new LinkedHashMap<>();
        List<String> params = new ArrayList<>(skuOf.keySet());
        for (int from = 0; from < params.size(); from += YahooConnector.LIMITS.maxBatch()) {
            List<String> slice = params.subList(from, Math.min(params.size(), from + YahooConnector.LIMITS.maxBatch()));
            OutboundHttp.Exchange answer = call(GET_STOCK, FORM,
                    form(Map.of("seller_id", sellerId, "item_code", String.join(",", slice))));
            if (answer.status() != 200) throw failure("getStock", answer);
            Document doc = xml(answer);
            if (doc == null) throw new ConnectorException.Failed("Yahoo getStock answered no XML", null);
            NodeList results = doc.getElementsByTagName("Result");
            for (int i = 0; i < results.getLength(); i++) {
                Element r = (Element) results.item(i);
                String itemCode = text(r, "ItemCode");
                String subCode = text(r, "SubCode");
                String param = subCode.isEmpty() ? itemCode : itemCode + ":" + subCode;
                String sku = skuOf.get(param);
                if (sku == null || !"1".equals(text(r, "Status"))) continue;
                try {
                    shown.put(sku, Integer.parseInt(text(r, "Quantity")));
                } catch (NumberFormatException e) {
                    // no quantity shown: left out
                }
            }
        }
        return Optional.of(shown);
    }

    /**
     * 注文ステータス変更API: {@code /Req/Order/OrderStatus} 4 (キャンセル) for the whole order, with the
     * store's stock-out cancel reason when the account names one ({@code stockoutCancelReason}).
     * Yahoo cancels orders, not lines.
     *
     * @see <a href="https://developer.yahoo.co.jp/webapi/shopping/orderStatusChange.html">注文ステータス変更API</a>
     */
    @Override
    public CancellationOutcome cancelForStockout(CancellationRequest request) throws ConnectorException {
        String reason = account.setting("stockoutCancelReason");
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Req>")
                .append("<Target><OrderId>").append(escape(request.orderId())).append("</OrderId>")
                .append("<IsPointFix>true</IsPointFix></Target>")
                .append("<Order><OrderStatus>").append(STATUS_CANCELLED).append("</OrderStatus>");
        if (reason != null && !reason.isBlank()) {
            xml.append("<CancelReason>").append(escape(reason)).append("</CancelReason>");
        }
        xml.append("</Order><SellerId>").append(escape(sellerId)).append("</SellerId></Req>");
        OutboundHttp.Exchange answer = call(ORDER_STATUS_CHANGE, "application/xml; charset=UTF-8",
                xml.toString().getBytes(StandardCharsets.UTF_8));
        Document doc = xml(answer);
        if (answer.status() == 200 && doc != null && doc.getElementsByTagName("Error").getLength() == 0) {
            NodeList status = doc.getElementsByTagName("Status");
            if (status.getLength() == 0 || "OK".equalsIgnoreCase(status.item(0).getTextContent().strip())) {
                return new CancellationOutcome(CancellationOutcome.Status.CONFIRMED, request.orderId(), null);
            }
            return new CancellationOutcome(CancellationOutcome.Status.REFUSED, null,
                    "Status " + status.item(0).getTextContent().strip());
        }
        if (answer.status() >= 400 && answer.status() < 500 && doc != null
                && doc.getElementsByTagName("Error").getLength() > 0) {
            return new CancellationOutcome(CancellationOutcome.Status.REFUSED, null, errorText(doc));
        }
        throw failure("orderStatusChange", answer);
    }

    /**
     * Orders in through the order API ({@code orderList} then {@code orderInfo} per order): see
     * {@link YahooOrders}.
     */
    @Override
    public Optional<dev.zaiko.connector.PlatformOrder.Page> pullOrders(String cursor) throws ConnectorException {
        return Optional.of(orders.pull(cursor));
    }

    /** getStock of one code that need not exist: proves the token refresh and the store API. */
    @Override
    public ConnectionCheck testConnection() {
        try {
            OutboundHttp.Exchange answer = call(GET_STOCK, FORM,
                    form(Map.of("seller_id", sellerId == null ? "" : sellerId, "item_code", "zaiko-connection-test")));
            if (answer.status() == 200) {
                return new ConnectionCheck(true, "Yahoo store API answered 200; the token was accepted");
            }
            throw failure("getStock", answer);
        } catch (ConnectorException e) {
            return new ConnectionCheck(false, e.getMessage());
        }
    }

    /** A store-API POST with the bearer token; a 401 renews the token and tries once more. */
    private OutboundHttp.Exchange call(String path, String contentType, byte[] body) throws ConnectorException {
        return call(path, contentType, body, Map.of());
    }

    /** The same, with extra headers (the order API's public-key signature). */
    OutboundHttp.Exchange call(String path, String contentType, byte[] body, Map<String, String> extra)
            throws ConnectorException {
        for (int attempt = 0; ; attempt++) {
            String token = token();
            Map<String, String> headers = new LinkedHashMap<>(extra);
            headers.put("Authorization", "Bearer " + token);
            headers.put("Content-Type", contentType);
            OutboundHttp.Exchange answer = send(URI.create(api + path), headers, body, path);
            if (answer.status() == 401) {
                accessToken = null;
                if (attempt == 0) continue;
                throw new ConnectorException.Unauthorized("Yahoo refused the access token twice (" + path + "): "
                        + answer.header("WWW-Authenticate").map(YahooClient::withoutToken).orElse(errorText(xml(answer))));
            }
            throwIfThrottled(path, answer);
            return answer;
        }
    }

    private String token() throws ConnectorException {
        if (accessToken != null && clock.instant().isBefore(expiresAt.minus(EARLY))) return accessToken;
        String refreshToken = account.tokens().get("refreshToken").orElse(account.credential("refreshToken"));
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new ConnectorException.Unauthorized("No Yahoo refresh token: connect the store again");
        }
        String client = account.credential("clientId") + ":" + account.credential("clientSecret");
        OutboundHttp.Exchange answer = send(URI.create(tokenUrl), Map.of(
                "Authorization", "Basic " + Base64.getEncoder().encodeToString(client.getBytes(StandardCharsets.UTF_8)),
                "Content-Type", FORM),
                form(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)), "token");
        throwIfThrottled("token", answer);
        JsonNode json = json(answer);
        if (answer.status() == 400 || answer.status() == 401) {
            throw new ConnectorException.Unauthorized("Yahoo! ID連携 refused the refresh token: "
                    + json.path("error").asString("HTTP " + answer.status())
                    + (json.path("error_description").isMissingNode() ? "" : " (" + json.path("error_description").asString("") + ")")
                    + "; a person must connect the store again");
        }
        String fresh = json.path("access_token").asString("");
        if (answer.status() != 200 || fresh.isEmpty()) {
            throw new ConnectorException.Failed("Yahoo! ID連携 token endpoint answered HTTP " + answer.status(), null);
        }
        long seconds = json.path("expires_in").isNumber() ? json.path("expires_in").longValue() : 3600;
        accessToken = fresh;
        expiresAt = clock.instant().plusSeconds(seconds);
        String rotated = json.path("refresh_token").asString("");
        if (!rotated.isEmpty() && !rotated.equals(refreshToken)) account.tokens().put("refreshToken", rotated);
        return accessToken;
    }

    private OutboundHttp.Exchange send(URI url, Map<String, String> headers, byte[] body, String what)
            throws ConnectorException {
        try {
            return http.send("POST", url, headers, body);
        } catch (IOException e) {
            throw new ConnectorException.Failed("Yahoo " + what + " did not answer: " + e.getMessage(), e);
        }
    }

    private static void throwIfThrottled(String what, OutboundHttp.Exchange answer) throws ConnectorException {
        if (answer.status() == 429) {
            Duration wait = answer.header("Retry-After").flatMap(v -> {
                try {
                    return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip()))));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }).orElse(DEFAULT_WAIT);
            throw new ConnectorException.Throttled("Yahoo asked to slow down (" + what + ", HTTP 429)", wait);
        }
    }

    static ConnectorException failure(String what, OutboundHttp.Exchange answer) {
        return new ConnectorException.Failed("Yahoo " + what + " answered HTTP " + answer.status() + ": "
                + errorText(xml(answer)), null);
    }

    /** "Code: Message" of an {@code <Error>}, or nothing useful. */
    private static String errorText(Document doc) {
        if (doc == null) return "no XML answer";
        String code = doc.getElementsByTagName("Code").getLength() > 0
                ? doc.getElementsByTagName("Code").item(0).getTextContent().strip() : "";
        String message = doc.getElementsByTagName("Message").getLength() > 0
                ? doc.getElementsByTagName("Message").item(0).getTextContent().strip() : "";
        return (code.isEmpty() ? "" : code + ": ") + message;
    }

    /** WWW-Authenticate names the error, never the token; drop anything that looks like one anyway. */
    private static String withoutToken(String header) {
        return header.length() > 300 ? header.substring(0, 300) : header;
    }

    private static byte[] form(Map<String, String> fields) {
        StringBuilder s = new StringBuilder();
        fields.forEach((k, v) -> {
            if (!s.isEmpty()) s.append('&');
            s.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8));
        });
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(OutboundHttp.Exchange answer) {
        try {
            return answer.body().length == 0 ? JSON.missingNode() : JSON.readTree(answer.body());
        } catch (RuntimeException e) {
            return JSON.missingNode();
        }
    }

    /** The answer as XML with DOCTYPEs and external entities refused; null when it is not XML. */
    static Document xml(OutboundHttp.Exchange answer) {
        if (answer.body().length == 0) return null;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // quiet: a non-XML answer is just null
            return b.parse(new ByteArrayInputStream(answer.body()));
        } catch (Exception e) {
            return null;
        }
    }

    static String text(Element parent, String tag) {
        NodeList n = parent.getElementsByTagName(tag);
        if (n.getLength() == 0) return "";
        Node node = n.item(0);
        return node.getTextContent() == null ? "" : node.getTextContent().strip();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

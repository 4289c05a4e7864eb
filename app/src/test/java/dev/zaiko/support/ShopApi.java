package dev.zaiko.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every module's API tests need: plain HTTP against the running application, and a small
 * shop of their own (unique codes, since all tests share one application and database).
 * Each module's test client extends it with that module's calls and checks.
 */
public class ShopApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** The admin token every test client calls the API with (application-test.properties provisions it). */
    public static final String TOKEN = "test-bootstrap-token-0123456789abcdef";
    private static final java.util.regex.Pattern CSRF = java.util.regex.Pattern.compile(
            "name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    /** Keeps cookies like a browser: the CSRF cookie of the forms, a console session. */
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    protected final String base;
    private volatile String token = TOKEN;
    private volatile String csrf;

    protected ShopApi(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Response(int status, String contentType, String location, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String detail() {
            return json().path("detail").asString();
        }

        public String type() {
            return json().path("type").asString();
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response get(String path, String acceptLanguage) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", acceptLanguage).GET());
    }

    public Response post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    public Response post(String path, Object body, String acceptLanguage) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Accept-Language", acceptLanguage)
                .POST(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    public Response post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response put(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    /** A page as a browser asks for it. */
    public Response page(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html"));
    }

    /**
     * Signs in to the console through the form, as a person does (the sign-in page first, for its
     * CSRF token); from then on this client is that person's browser, with no bearer token.
     */
    public void signIn(String username, String password) {
        useToken(null);
        page("/login");
        Response in = postForm("/login", java.util.Map.of("username", username, "password", password));
        assertThat(in.status()).as(in.body()).isEqualTo(302);
        assertThat(in.location()).as("signed in as " + username).doesNotContain("error");
    }

    /** Calls from now on carry this bearer token; null calls as nobody (for the security tests). */
    public void useToken(String token) {
        this.token = token;
    }

    /**
     * A form as a browser posts it (no redirects followed: the answer is what the form got), with
     * the CSRF token of the last page this client saw with a form, as a browser's form carries it.
     * A client that saw no form sends none, so a page that forgets its token fails its test.
     */
    public Response postForm(String path, java.util.Map<String, String> form) {
        java.util.Map<String, String> withToken = new java.util.LinkedHashMap<>(form);
        if (csrf != null) withToken.putIfAbsent("_csrf", csrf);
        return postFormWithoutCsrf(path, withToken);
    }

    /**
     * A form with a file as a browser posts it ({@code multipart/form-data}), with the CSRF token of
     * the last page seen as a field, as a form's hidden input carries it.
     */
    public Response postMultipart(String path, java.util.Map<String, String> fields, String fileField, String fileName,
                                  byte[] file) {
        String boundary = "----zaiko" + UUID.randomUUID().toString().replace("-", "");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.util.Map<String, String> withToken = new java.util.LinkedHashMap<>(fields);
        if (csrf != null) withToken.putIfAbsent("_csrf", csrf);
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        withToken.forEach((name, value) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(utf8)));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(utf8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(utf8));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    /** A form posted as a forged cross-site request would be: without the page's CSRF token. */
    public Response postFormWithoutCsrf(String path, java.util.Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> java.net.URLEncoder.encode(e.getKey(),
                java.nio.charset.StandardCharsets.UTF_8) + "=" + java.net.URLEncoder.encode(e.getValue(),
                java.nio.charset.StandardCharsets.UTF_8)).collect(java.util.stream.Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Calls and asserts a 2xx answer, so a setup step that fails stops the test at once. */
    public JsonNode ok(Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 299);
        return response.body().isEmpty() ? JSON.createObjectNode() : response.json();
    }

    private static String text(Object body) {
        return body instanceof String s ? s : JSON.writeValueAsString(body);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            String bearer = token;
            if (bearer != null) request.header("Authorization", "Bearer " + bearer);
            HttpResponse<String> response = http.send(request.header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher form = CSRF.matcher(response.body());
            if (form.find()) csrf = form.group(1) != null ? form.group(1) : form.group(2);
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- a shop of its own per test -----------------------------------------------------------

    public static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Tokyo"));
    }

    public record Shop(String warehouse, String store, String web, String marketplace, String till) {
    }

    /** The channels of the shops this client made: whose reservations the test answers for. */
    private final java.util.Set<String> ownChannels = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * The whole ledger folds into the levels (no mismatch anywhere), and no reservation on this
     * client's own channels is stray. Strays elsewhere are other tests' holds that this test's moved
     * clock made due: the sweep's to release, not this test's to answer for.
     */
    public void assertLedgerConsistent() {
        JsonNode all = ok(get("/api/stock/consistency"));
        org.assertj.core.api.Assertions.assertThat(all.path("mismatches").isArray()).as(all.toString()).isTrue();
        org.assertj.core.api.Assertions.assertThat(all.path("mismatches").size()).as(all.toString()).isZero();
        java.util.List<String> mine = new java.util.ArrayList<>();
        all.path("strayReservations").forEach(s -> {
            if (ownChannels.contains(s.path("channel").asString())) mine.add(s.toString());
        });
        org.assertj.core.api.Assertions.assertThat(mine).as("stray reservations on this test's channels").isEmpty();
    }

    /** A warehouse and a store; a web shop (OWN) from both, a marketplace off the store shelf, the store's till. */
    public Shop shop() {
        String s = unique("S");
        Shop shop = new Shop("WH-" + s, "STORE-" + s, "WEB-" + s, "MKT-" + s, "TILL-" + s);
        ownChannels.addAll(java.util.List.of(shop.web(), shop.marketplace(), shop.till()));
        ok(post("/api/locations", JSON.createObjectNode().put("code", shop.warehouse()).put("kind", "WAREHOUSE")
                .put("name", "Warehouse")));
        ok(post("/api/locations", JSON.createObjectNode().put("code", shop.store()).put("kind", "STORE")
                .put("name", "Store")));
        ok(post("/api/channels", channelBody(shop.web(), "OWN", true, shop.warehouse(), shop.store())));
        ok(post("/api/channels", channelBody(shop.marketplace(), "MARKETPLACE", true, shop.store())));
        ok(post("/api/channels", channelBody(shop.till(), "OWN", false, shop.store())));
        return shop;
    }

    private static ObjectNode channelBody(String code, String kind, boolean online, String... locations) {
        ObjectNode body = JSON.createObjectNode().put("code", code).put("kind", kind).put("name", "Channel " + code)
                .put("online", online);
        ArrayNode pool = body.putArray("locations");
        for (String l : locations) pool.add(l);
        return body;
    }

    /** Receives and passes inspection: the units become sellable. */
    public void sellable(String sku, String location, int units) {
        ok(post("/api/stock/receipts", JSON.createObjectNode().put("sku", sku).put("location", location)
                .put("quantity", units)));
        ok(post("/api/stock/inspections", JSON.createObjectNode().put("sku", sku).put("location", location)
                .put("passed", units).put("failed", 0)));
    }

    /**
     * Sets an order body's {@code payment.amount} so that the payment adds up to the lines and the
     * shipping fee (after points, gift balance and coupon discount), as every order must.
     */
    /**
     * A complete, valid order body: one line per (sku, quantity) pair at 1,980 yen a unit, the
     * payment balanced. The customer's details are the kind nothing may copy into logs or cases.
     */
    public static ObjectNode orderBody(String channel, String paymentStatus, Object... skuAndQuantity) {
        ObjectNode body = JSON.createObjectNode().put("channel", channel);
        body.putObject("customer").put("name", "山田 花子").put("email", "hanako.yamada@example.jp")
                .put("phone", "090-1234-5678").put("locale", "ja");
        body.putObject("payment").put("method", "CREDIT_CARD").put("status", paymentStatus)
                .put("pointsUsed", 0).put("giftBalanceUsed", 0);
        body.put("express", false).put("gift", false).put("b2b", false).put("shippingFee", 0);
        ArrayNode lines = body.putArray("lines");
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            lines.addObject().put("sku", (String) skuAndQuantity[i]).put("quantity", (Integer) skuAndQuantity[i + 1])
                    .put("unitPrice", 1980);
        }
        return balancePayment(body);
    }

    public static ObjectNode balancePayment(ObjectNode order) {
        long due = order.path("shippingFee").asLong(0);
        for (tools.jackson.databind.JsonNode line : order.path("lines")) {
            due += line.path("quantity").asLong(0) * line.path("unitPrice").asLong(0);
        }
        ObjectNode payment = order.withObject("payment");
        due -= payment.path("pointsUsed").asLong(0) + payment.path("giftBalanceUsed").asLong(0)
                + payment.path("couponDiscount").asLong(0);
        payment.put("amount", due);
        return order;
    }

    public void inbound(String sku, String location, int units, LocalDate expectedOn) {
        ok(post("/api/inbounds", JSON.createObjectNode().put("sku", sku).put("location", location)
                .put("quantity", units).put("expectedOn", expectedOn.toString())));
    }

    // ---- the shop's own wallet: what an OWN checkout's points, gift balance and coupons spend ----

    /** An email no other test uses, so that a test's wallet starts empty. */
    public static String uniqueEmail() {
        return unique("customer").toLowerCase() + "@example.jp";
    }

    /** Points for the customer, valid until the given day (inclusive); answers the new lot. */
    public JsonNode grantPoints(String email, long points, LocalDate validUntil) {
        return ok(post("/api/wallets/points", JSON.createObjectNode().put("customer", email).put("points", points)
                .put("validUntil", validUntil.toString()).put("reason", "test grant"))).path("lot");
    }

    /** Gift balance for the customer, valid for the shop's default (ten years); answers the new lot. */
    public JsonNode grantGiftBalance(String email, long amount) {
        return ok(post("/api/wallets/gift-balance", JSON.createObjectNode().put("customer", email).put("amount", amount)
                .put("reason", "test grant"))).path("lot");
    }

    /**
     * A new coupon with a generated code, for one customer or (customer null) for anyone once.
     *
     * @param kind FIXED (value in yen) or PERCENT
     * @return its code
     */
    public String coupon(String kind, long value, LocalDate campaignEnds, String customer) {
        ObjectNode body = JSON.createObjectNode().put("campaign", "Test campaign").put("kind", kind).put("value", value)
                .put("campaignEnds", campaignEnds.toString());
        if (customer != null) body.put("customer", customer);
        return ok(post("/api/coupons", body)).path("code").asString();
    }

    public JsonNode wallet(String email) {
        return ok(get("/api/wallets?customer=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8)));
    }
}

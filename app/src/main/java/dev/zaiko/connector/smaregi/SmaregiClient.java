package dev.zaiko.connector.smaregi;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.ConnectorException;
import dev.zaiko.connector.ConnectorHttp;
import dev.zaiko.connector.PlatformClient;
import dev.zaiko.platform.outbound.OutboundHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Smaregi contract's store over the Platform API. Hosts
 * (https://developers.smaregi.dev/platform-api-reference/common, "APIエンドポイント"): the access
 * token from {@code https://id.smaregi.jp} (sandbox {@code id.smaregi.dev}), the API at
 * {@code https://api.smaregi.jp/{contractId}/pos} (sandbox {@code api.smaregi.dev}); an explicit
 * base URL serves both (a test stub).
 */
class SmaregiClient implements PlatformClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * The app's scopes: the store's stock (read and write) and its till transactions (read, for till
     * sales in). A token kept from a grant with other scopes is renewed.
     */
    static final String SCOPE = "pos.stock:read pos.stock:write pos.transactions:read";
    /** Transactions per page of 取引一覧 with their details ({@code with_details=all} takes at most 100). */
    static final int TRANSACTION_PAGE = 100;
    /**
     * How far each till-sale window reaches back before the previous one ended: a transaction is listed
     * by the time Smaregi's server received it, and one received just before a window's end may become
     * readable just after it was read.
     */
    static final Duration TRANSACTION_OVERLAP = Duration.ofMinutes(2);
    /** The longest window 取引一覧 takes (From〜To at most 31 days). */
    static final Duration MAX_WINDOW = Duration.ofDays(31);
    static final java.time.ZoneId JST = java.time.ZoneId.of("Asia/Tokyo");
    private static final java.time.format.DateTimeFormatter SMAREGI_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    /** An app access token is renewed this long before it expires (they last an hour). */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    /** Rows per page when reading a store's stock (the documented maximum of {@code limit}). */
    static final int PAGE = 1000;
    private static final int MAX_MESSAGE = 300;

    private final ConnectorAccount account;
    private final ConnectorHttp http;
    private final Clock clock;
    private final String idHost;
    private final String apiBase;

    SmaregiClient(ConnectorAccount account, ConnectorHttp http, Clock clock) {
        this.account = account;
        this.http = http;
        this.clock = clock;
        String explicit = account.baseUrl();
        String contract = account.setting("contractId");
        if (explicit != null && !explicit.isBlank()) {
            String base = explicit.endsWith("/") ? explicit.substring(0, explicit.length() - 1) : explicit;
            this.idHost = base;
            this.apiBase = base + "/" + contract + "/pos";
        } else {
            String tld = account.sandbox() ? "dev" : "jp";
            this.idHost = "https://id.smaregi." + tld;
            this.apiBase = "https://api.smaregi." + tld + "/" + contract + "/pos";
        }
    }

    /**
     * 在庫一括更新 {@code PATCH /pos/stock/bulk}
     * (https://developers.smaregi.dev/platform-api-reference/apis/pos/operations/patchstockbulk):
     * {@code {"stock":[{"productId","storeId","stockAmount"}],"callbackUrl"}}, the stock set to the
     * given value (absolute), at most 100 rows, processed asynchronously: a 202 with the
     * {@code requestId} (the outcome's reference) means accepted for processing; the result comes to
     * the callback URL (see {@link SmaregiConnector#readCallback}), whose fresh nonce the outcome
     * carries so that the push is followed until Smaregi answers.
     */
    @Override
    public PushOutcome setQuantities(List<QuantityUpdate> updates) throws ConnectorException {
        if (updates.size() > SmaregiConnector.MAX_BATCH) {
            throw new IllegalArgumentException("At most " + SmaregiConnector.MAX_BATCH + " stock rows per call");
        }
        Map<String, String> rejected = new LinkedHashMap<>();
        List<String> accepted = new ArrayList<>();
        ObjectNode body = JSON.createObjectNode();
        ArrayNode stock = body.putArray("stock");
        for (QuantityUpdate update : updates) {
            Optional<String> product = account.mapping().identifiers(update.sku()).map(ids -> ids.get("productId"));
            if (product.isEmpty() || product.get().isBlank()) {
                rejected.put(update.sku(), "No Smaregi productId is mapped to this SKU");
                continue;
            }
            stock.addObject()
                    .put("productId", product.get())
                    .put("storeId", account.setting("storeId"))
                    .put("stockAmount", Integer.toString(update.quantity()))
                    .putObject("stockHistory").put("memo", "Zaiko");
            accepted.add(update.sku());
        }
        if (accepted.isEmpty()) return new PushOutcome(List.of(), rejected, null);
        String nonce = UUID.randomUUID().toString();
        body.put("callbackUrl", SmaregiConnector.callbackUrl(account, nonce));

        OutboundHttp.Exchange answer = call("PATCH", URI.create(apiBase + "/stock/bulk"), JSON.writeValueAsBytes(body));
        if (answer.status() != 202 && answer.status() != 200) throw failure(answer);
        JsonNode json = parse(answer);
        JsonNode requestId = json.path("requestId");
        return new PushOutcome(accepted, rejected, requestId.isMissingNode() || requestId.isNull() ? null : requestId.asString(),
                nonce);
    }

    /**
     * 在庫一覧取得 {@code GET /pos/stock?store_id=…&limit=1000&page=n}
     * (POS仕様書 https://www1-dev.smaregi.jp/apidoc/, 在庫一覧取得, with the {@code store_id} and
     * {@code product_id} filters): one product directly, several by reading the store's stock page by
     * page ({@code limit} at most 1,000, {@code page} from 1: same document, ページネーション), kept
     * for the SKUs asked for. A product the store has no stock row for is left out.
     */
    @Override
    public Optional<Map<String, Integer>> readQuantities(List<String> skus) throws ConnectorException {
        Map<String, String> skuByProduct = new LinkedHashMap<>();
        for (String sku : skus) {
            account.mapping().identifiers(sku).map(ids -> ids.get("productId"))
                    .filter(id -> !id.isBlank()).ifPresent(id -> skuByProduct.put(id, sku));
        }
        Map<String, Integer> shown = new LinkedHashMap<>();
        if (skuByProduct.isEmpty()) return Optional.of(shown);
        Set<String> wanted = new HashSet<>(skuByProduct.keySet());
        String store = URLEncoder.encode(account.setting("storeId"), StandardCharsets.UTF_8);
        if (wanted.size() == 1) {
            String product = URLEncoder.encode(wanted.iterator().next(), StandardCharsets.UTF_8);
            collect(rows(URI.create(apiBase + "/stock?store_id=" + store + "&product_id=" + product)), skuByProduct, shown);
            return Optional.of(shown);
        }
        for (int page = 1; ; page++) {
            List<JsonNode> rows = rows(URI.create(apiBase + "/stock?store_id=" + store + "&limit=" + PAGE + "&page=" + page));
            collect(rows, skuByProduct, shown);
            if (rows.size() < PAGE || shown.size() == wanted.size()) break;
        }
        return Optional.of(shown);
    }

    private List<JsonNode> rows(URI url) throws ConnectorException {
        OutboundHttp.Exchange answer = call("GET", url, null);
        if (answer.status() != 200) throw failure(answer);
        JsonNode json = parse(answer);
        JsonNode list = json.isArray() ? json : json.path("stocks");
        List<JsonNode> rows = new ArrayList<>();
        list.forEach(rows::add);
        return rows;
    }

    private void collect(List<JsonNode> rows, Map<String, String> skuByProduct, Map<String, Integer> shown) {
        for (JsonNode row : rows) {
            String sku = skuByProduct.get(row.path("productId").asString(""));
            if (sku == null || !account.setting("storeId").equals(row.path("storeId").asString(""))) continue;
            try {
                shown.put(sku, (int) Math.floor(Double.parseDouble(row.path("stockAmount").asString(""))));
            } catch (NumberFormatException e) {
                // a row without a readable amount is left out
            }
        }
    }

    /**
     * The till has no marketplace orders: a stock-out there is a sale that did not happen, nothing to
     * cancel on Smaregi. Always REFUSED, without a call.
     */
    @Override
    public CancellationOutcome cancelForStockout(CancellationRequest request) {
        return new CancellationOutcome(CancellationOutcome.Status.REFUSED, null,
                "The POS has no marketplace orders: Smaregi has nothing to cancel");
    }

    /**
     * Till sales in: 取引一覧取得 {@code GET /pos/transactions}
     * (https://developers.smaregi.dev/platform-api-reference/apis/pos/operations/gettransactions) for the
     * account's store, {@code store_id}, in a window of {@code transaction_date_time-from} /
     * {@code -to} (the time Smaregi's server received the transaction, {@code YYYY-MM-DDThh:mm:ssTZD},
     * at most 31 days), {@code sort=transactionHeadId} (ids grow as Smaregi receives transactions, so
     * a transaction arriving while the window is paged goes to its end and shifts no page),
     * {@code with_details=all}, {@code limit=100}, {@code page} from 1; a transaction answered without
     * its details has them read with 取引明細取得 {@code GET /pos/transactions/{id}/details}.
     * <p>
     * The cursor is either a time, the end of the last window read whole (the next window starts
     * {@link #TRANSACTION_OVERLAP} before it and ends now, at most 31 days later), or
     * {@code from|to|page} while a window is paged. The first pull reads the last
     * {@link #TRANSACTION_OVERLAP}.
     * <p>
     * Only normal transactions ({@code transactionHeadDivision} 1) that are not cancelled
     * ({@code cancelDivision} 1, 取消: nothing was sold) carry goods; deposits, withdrawals, points are
     * left out. A detail of {@code transactionDetailDivision} 2 (返品) or a negative {@code quantity}
     * (a 返品取消 transaction) is a RETURN; a detail without a {@code productId} (a department sale,
     * 部門売り) moves no product and is left out.
     */
    @Override
    public Optional<dev.zaiko.connector.TillSale.Page> pullTillSales(String cursor) throws ConnectorException {
        Instant now = clock.instant();
        Instant from;
        Instant to;
        int page = 1;
        if (cursor != null && cursor.contains("|")) {
            String[] parts = cursor.split("\\|");
            from = Instant.parse(parts[0]);
            to = Instant.parse(parts[1]);
            page = Integer.parseInt(parts[2]);
        } else {
            Instant base = cursor == null || cursor.isBlank() ? now : Instant.parse(cursor);
            from = base.minus(TRANSACTION_OVERLAP);
            to = from.plus(MAX_WINDOW).isBefore(now) ? from.plus(MAX_WINDOW) : now;
            if (to.isBefore(from)) to = from;
        }
        String store = account.setting("storeId");
        URI url = URI.create(apiBase + "/transactions?store_id=" + enc(store)
                + "&transaction_date_time-from=" + enc(SMAREGI_TIME.format(from.atZone(JST)))
                + "&transaction_date_time-to=" + enc(SMAREGI_TIME.format(to.atZone(JST)))
                + "&sort=transactionHeadId&with_details=all&limit=" + TRANSACTION_PAGE + "&page=" + page);
        List<JsonNode> heads = rows(url);
        List<dev.zaiko.connector.TillSale> sales = new ArrayList<>();
        for (JsonNode head : heads) {
            if (!store.equals(head.path("storeId").asString(store))) continue;
            if (!"1".equals(head.path("transactionHeadDivision").asString("1"))) continue;
            if ("1".equals(head.path("cancelDivision").asString("0"))) continue;
            String id = head.path("transactionHeadId").asString("");
            if (id.isBlank()) continue;
            JsonNode details = head.path("details");
            if (!details.isArray()) details = details(id);
            sales.add(tillSale(id, head, details));
        }
        if (heads.size() >= TRANSACTION_PAGE) {
            return Optional.of(new dev.zaiko.connector.TillSale.Page(sales, from + "|" + to + "|" + (page + 1), true));
        }
        // more only when the window was cut short of now (a long pause): a window read while time went on
        // by a few seconds is caught up by the next pull's overlap
        return Optional.of(new dev.zaiko.connector.TillSale.Page(sales, to.toString(),
                to.isBefore(now.minus(TRANSACTION_OVERLAP))));
    }

    /** 取引明細取得 {@code GET /pos/transactions/{id}/details}: the lines of one transaction. */
    private JsonNode details(String transactionId) throws ConnectorException {
        OutboundHttp.Exchange answer = call("GET", URI.create(apiBase + "/transactions/" + enc(transactionId) + "/details"), null);
        if (answer.status() != 200) throw failure(answer);
        JsonNode json = parse(answer);
        return json.isArray() ? json : json.path("details");
    }

    private static dev.zaiko.connector.TillSale tillSale(String id, JsonNode head, JsonNode details) {
        List<dev.zaiko.connector.TillSale.Line> lines = new ArrayList<>();
        int n = 0;
        for (JsonNode detail : details) {
            n++;
            String product = detail.path("productId").asString("");
            if (product.isBlank()) continue;
            String lineId = detail.path("transactionDetailId").asString(Integer.toString(n));
            java.math.BigDecimal quantity;
            try {
                quantity = new java.math.BigDecimal(detail.path("quantity").asString("").trim());
            } catch (NumberFormatException e) {
                quantity = java.math.BigDecimal.ZERO;
            }
            boolean returned = "2".equals(detail.path("transactionDetailDivision").asString("")) || quantity.signum() < 0;
            int units;
            try {
                units = quantity.abs().intValueExact();
            } catch (ArithmeticException e) {
                units = 0; // a fraction of a unit: the core keeps the transaction as MALFORMED
            }
            lines.add(new dev.zaiko.connector.TillSale.Line(lineId, Map.of("productId", product),
                    returned ? dev.zaiko.connector.TillSale.Kind.RETURN : dev.zaiko.connector.TillSale.Kind.SALE, units));
        }
        ObjectNode raw = JSON.createObjectNode();
        raw.set("transaction", head);
        raw.set("details", details);
        return new dev.zaiko.connector.TillSale(id, time(head.path("terminalTranDateTime"))
                .or(() -> time(head.path("transactionDateTime"))).orElse(null), lines, raw.toString());
    }

    private static Optional<Instant> time(JsonNode value) {
        if (!value.isString() || value.asString().isBlank()) return Optional.empty();
        try {
            return Optional.of(java.time.OffsetDateTime.parse(value.asString()).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One stock row of the store ({@code GET /pos/stock?store_id=…&limit=1}). */
    @Override
    public ConnectionCheck testConnection() {
        try {
            String store = URLEncoder.encode(account.setting("storeId"), StandardCharsets.UTF_8);
            rows(URI.create(apiBase + "/stock?store_id=" + store + "&limit=1"));
            return new ConnectionCheck(true, "Connected to Smaregi contract " + account.setting("contractId"));
        } catch (ConnectorException e) {
            return new ConnectionCheck(false, e.getMessage());
        }
    }

    // --- transport ------------------------------------------------------------------------------

    /** One API call with the app access token, renewed once on a 401. */
    private OutboundHttp.Exchange call(String method, URI url, byte[] body) throws ConnectorException {
        OutboundHttp.Exchange answer = send(method, url, headers(token(false), body != null), body);
        if (answer.status() == 401) {
            answer = send(method, url, headers(token(true), body != null), body);
        }
        if (answer.status() == 401) {
            throw new ConnectorException.Unauthorized("Smaregi refused the app access token (HTTP 401)");
        }
        if (answer.status() == 403) {
            throw new ConnectorException.Unauthorized("Smaregi refused the request (HTTP 403): check the app's scopes and plan");
        }
        if (answer.status() == 429) {
            throw new ConnectorException.Throttled("Smaregi answered HTTP 429", retryAfter(answer));
        }
        return answer;
    }

    private static Map<String, String> headers(String token, boolean json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("Accept", "application/json");
        if (json) headers.put("Content-Type", "application/json");
        return headers;
    }

    /**
     * アプリアクセストークン (https://developers.smaregi.dev/platform-api-reference/common):
     * {@code POST {id host}/app/{contractId}/token}, {@code Authorization: Basic
     * base64(clientId:clientSecret)}, form {@code grant_type=client_credentials&scope=…}; the answer
     * has {@code access_token} and {@code expires_in} (seconds). Kept in the account's token store
     * (encrypted) and renewed {@link #RENEW_BEFORE} before it expires, or when the API refused it.
     */
    private String token(boolean renew) throws ConnectorException {
        Instant now = clock.instant();
        Optional<String> kept = account.tokens().get("accessToken");
        Optional<Instant> until = account.tokens().get("accessTokenExpiresAt").map(Instant::parse);
        boolean sameScope = account.tokens().get("accessTokenScope").map(SCOPE::equals).orElse(false);
        if (!renew && sameScope && kept.isPresent() && until.isPresent() && now.isBefore(until.get().minus(RENEW_BEFORE))) {
            return kept.get();
        }
        String basic = Base64.getEncoder().encodeToString(
                (account.credential("clientId") + ":" + account.credential("clientSecret")).getBytes(StandardCharsets.UTF_8));
        String form = "grant_type=client_credentials&scope=" + URLEncoder.encode(SCOPE, StandardCharsets.UTF_8);
        URI url = URI.create(idHost + "/app/" + URLEncoder.encode(account.setting("contractId"), StandardCharsets.UTF_8) + "/token");
        OutboundHttp.Exchange answer = send("POST", url, Map.of("Authorization", "Basic " + basic,
                "Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
                form.getBytes(StandardCharsets.UTF_8));
        if (answer.status() == 429) throw new ConnectorException.Throttled("Smaregi's token endpoint answered HTTP 429", retryAfter(answer));
        if (answer.status() == 400 || answer.status() == 401 || answer.status() == 403) {
            throw new ConnectorException.Unauthorized("Smaregi refused the app's client credentials (HTTP " + answer.status() + ")");
        }
        if (answer.status() != 200) throw new ConnectorException.Failed("Smaregi's token endpoint answered HTTP " + answer.status(), null);
        JsonNode json = parse(answer);
        String token = json.path("access_token").asString("");
        if (token.isEmpty()) throw new ConnectorException.Failed("Smaregi's token endpoint answered no access_token", null);
        account.tokens().put("accessToken", token);
        account.tokens().put("accessTokenExpiresAt", now.plusSeconds(json.path("expires_in").asLong(3600)).toString());
        account.tokens().put("accessTokenScope", SCOPE);
        return token;
    }

    private OutboundHttp.Exchange send(String method, URI url, Map<String, String> headers, byte[] body)
            throws ConnectorException {
        try {
            return http.send(method, url, headers, body);
        } catch (IOException e) {
            throw new ConnectorException.Failed("Smaregi could not be reached: " + e.getMessage(), e);
        }
    }

    /** Smaregi's errors are RFC 9457 problem details ({@code type, title, detail, status}). */
    private static ConnectorException failure(OutboundHttp.Exchange answer) {
        String words;
        try {
            JsonNode json = JSON.readTree(answer.body());
            words = (json.path("title").asString("") + " " + json.path("detail").asString("")).trim();
        } catch (RuntimeException e) {
            words = answer.text();
        }
        return new ConnectorException.Failed("Smaregi answered HTTP " + answer.status() + ": " + shorten(words), null);
    }

    private static JsonNode parse(OutboundHttp.Exchange answer) throws ConnectorException {
        try {
            return JSON.readTree(answer.body());
        } catch (RuntimeException e) {
            throw new ConnectorException.Failed("Smaregi answered something that is not JSON", e);
        }
    }

    static Duration retryAfter(OutboundHttp.Exchange answer) {
        try {
            return answer.header("Retry-After").map(String::trim).map(Long::parseLong)
                    .map(Duration::ofSeconds).orElse(Duration.ofSeconds(1));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= MAX_MESSAGE ? flat : flat.substring(0, MAX_MESSAGE) + "…";
    }
}

package dev.zaiko.connector.yahoo;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.ConnectorHttp;
import dev.zaiko.connector.Platform;
import dev.zaiko.connector.PlatformClient;
import dev.zaiko.connector.PlatformConnector;

/**
 * Yahoo!ショッピング through the store API (circus.shopping.yahooapis.jp): {@code setStock} for
 * quantities, {@code getStock} to read them back, {@code orderStatusChange} (status 4, キャンセル) for
 * stock-out cancellations; a bearer access token from Yahoo! ID連携 v2 (refresh token grant).
 * <p>
 * Settings: {@code sellerId} (ストアアカウント), optional {@code stockoutCancelReason} (the
 * orderStatusChange cancel-reason code the store uses for 欠品), optional {@code publicKeyVersion}.
 * Credentials: {@code clientId}, {@code clientSecret}, {@code refreshToken}, optional
 * {@code publicKey} (公開鍵認証 for the order API); a refresh token Yahoo hands back is kept in the
 * account's token store. Orders in: {@code orderList} and {@code orderInfo} ({@link YahooOrders}). Mapping identifiers: {@code itemCode} (商品コード) and, for a variation,
 * {@code subCode} (個別商品コード).
 * <p>
 * Hosts: production {@value #PRODUCTION}, test environment {@value #SANDBOX} (an application must
 * apply for it); tokens from {@value #TOKEN_URL} in both. An account's {@code baseUrl} replaces the
 * API host and serves the token path {@code /yconnect/v2/token} too (a stub).
 *
 * @see <a href="https://developer.yahoo.co.jp/webapi/shopping/setStock.html">在庫更新API</a>
 * @see <a href="https://developer.yahoo.co.jp/yconnect/v2/authorization_code/token.html">Yahoo! ID連携 v2 Tokenエンドポイント</a>
 */
@Component
public class YahooConnector implements PlatformConnector {

    static final String PRODUCTION = "https://circus.shopping.yahooapis.jp";
    static final String SANDBOX = "https://test.circus.shopping.yahooapis.jp";
    static final String TOKEN_URL = "https://auth.login.yahoo.co.jp/yconnect/v2/token";
    static final String TOKEN_PATH = "/yconnect/v2/token";

    /**
     * setStock: item_code "カンマ区切りで最大1,000個" (在庫更新API). Rate: Yahoo's published limit
     * for an application is 50,000 requests a day (https://developer.yahoo.co.jp/appendix/rate.html),
     * about 0.58/s; the store API pages also ask for no more than 1 query/s to one URL
     * (https://developer.yahoo.co.jp/webapi/shopping/order). 0.5/s keeps under both, burst 1.
     */
    static final Limits LIMITS = new Limits(0.5, 1, 1000);

    private static final Pattern SELLER_ID = Pattern.compile("[a-z0-9_-]{1,128}");

    /**
     * The order API pages ask for no more than 1 query a second to one URL
     * (https://developer.yahoo.co.jp/webapi/shopping/order): the order pull waits this long between
     * two calls to the same order API.
     */
    static final Duration ORDER_CALL_GAP = Duration.ofSeconds(1);

    private final Clock clock;
    private final Duration orderCallGap;

    @Autowired
    public YahooConnector(Clock clock) {
        this(clock, ORDER_CALL_GAP);
    }

    /** @param orderCallGap the wait between two calls to one order API (contract tests: none) */
    YahooConnector(Clock clock, Duration orderCallGap) {
        this.clock = clock;
        this.orderCallGap = orderCallGap;
    }

    @Override
    public Platform platform() {
        return Platform.YAHOO;
    }

    @Override
    public Limits limits() {
        return LIMITS;
    }


    @Override
    public List<Field> fields() {
        return List.of(Field.setting("sellerId", true), Field.setting("stockoutCancelReason", false),
                Field.setting("publicKeyVersion", false),
                Field.credential("clientId", true), Field.credential("clientSecret", true),
                Field.credential("refreshToken", true), Field.credential("publicKey", false));
    }

    @Override
    public List<FieldProblem> validate(ConnectorAccount account) {
        List<FieldProblem> problems = new ArrayList<>();
        String sellerId = account.settings() == null ? null : account.setting("sellerId");
        if (sellerId == null || sellerId.isBlank()) {
            problems.add(new FieldProblem("settings.sellerId", "is required (the store account, ストアアカウント)"));
        } else if (!SELLER_ID.matcher(sellerId).matches()) {
            problems.add(new FieldProblem("settings.sellerId",
                    "must be 1-128 lower-case letters, digits, '-' or '_'"));
        }
        for (String name : List.of("clientId", "clientSecret", "refreshToken")) {
            String value = account.credentials() == null ? null : account.credential(name);
            boolean stored = name.equals("refreshToken") && account.tokens() != null
                    && account.tokens().get("refreshToken").isPresent();
            if ((value == null || value.isBlank()) && !stored) {
                problems.add(new FieldProblem("credentials." + name, "is required (Yahoo! ID連携)"));
            }
        }
        String publicKey = account.credentials() == null ? null : account.credential("publicKey");
        String keyVersion = account.settings() == null ? null : account.setting("publicKeyVersion");
        if (publicKey != null && !publicKey.isBlank()) {
            try {
                YahooOrders.publicKey(publicKey);
            } catch (Exception e) {
                problems.add(new FieldProblem("credentials.publicKey",
                        "must be the store's RSA public key (PEM, or Base64 of the X.509 key)"));
            }
            if (keyVersion == null || keyVersion.isBlank()) {
                problems.add(new FieldProblem("settings.publicKeyVersion",
                        "is required with a public key (the key's version, 公開鍵バージョン)"));
            }
        }
        if (account.baseUrl() != null && !account.baseUrl().isBlank()) {
            try {
                URI uri = URI.create(account.baseUrl());
                if (uri.getScheme() == null || uri.getHost() == null) {
                    problems.add(new FieldProblem("baseUrl", "must be an absolute http(s) URL"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("baseUrl", "must be an absolute http(s) URL"));
            }
        }
        return problems;
    }

    /**
     * Once a minute: each round is a few calls at 1 query a second to each order API
     * ({@link YahooOrders}); Yahoo's daily budget of 50,000 requests an application
     * (https://developer.yahoo.co.jp/appendix/rate.html) leaves room for it next to the stock pushes.
     */
    @Override
    public Duration orderPullEvery() {
        return Duration.ofMinutes(1);
    }

    @Override
    public PlatformClient client(ConnectorAccount account, ConnectorHttp http) {
        boolean stub = account.baseUrl() != null && !account.baseUrl().isBlank();
        String api = stub ? trim(account.baseUrl()) : account.sandbox() ? SANDBOX : PRODUCTION;
        String token = stub ? trim(account.baseUrl()) + TOKEN_PATH : TOKEN_URL;
        return new YahooClient(account, http, clock, api, token, orderCallGap);
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

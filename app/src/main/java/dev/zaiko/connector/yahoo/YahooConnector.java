package dev.zaiko.connector.yahoo;

import java.net.URI;
import java.time.Clock;
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
 * orderStatusChange cancel-reason code the store uses for 欠品). Credentials: {@code clientId},
 * {@code clientSecret}, {@code refreshToken}; a refresh token Yahoo hands back is kept in the
 * account's token store. Mapping identifiers: {@code itemCode} (商品コード) and, for a variation,
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

    private final Clock clock;

    @Autowired
    public YahooConnector(Clock clock) {
        this.clock = clock;
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
                Field.credential("clientId", true), Field.credential("clientSecret", true),
                Field.credential("refreshToken", true));
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

    @Override
    public PlatformClient client(ConnectorAccount account, ConnectorHttp http) {
        boolean stub = account.baseUrl() != null && !account.baseUrl().isBlank();
        String api = stub ? trim(account.baseUrl()) : account.sandbox() ? SANDBOX : PRODUCTION;
        String token = stub ? trim(account.baseUrl()) + TOKEN_PATH : TOKEN_URL;
        return new YahooClient(account, http, clock, api, token);
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package dev.zaiko.connector.amazon;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.ConnectorHttp;
import dev.zaiko.connector.Platform;
import dev.zaiko.connector.PlatformClient;
import dev.zaiko.connector.PlatformConnector;

/**
 * Amazon Selling Partner API, Japan. Settings: {@code sellerId} (the merchant token, required),
 * {@code marketplaceId} (default {@value #JAPAN}), {@code lwaUrl} (optional, the Login with Amazon
 * token URL; only a documented LWA host, or the host of the account's explicit base URL, e.g. a
 * test stub), {@code ordersApi} (optional, {@code 2026-01-01} or {@code v0}: the Orders API of
 * orders in). Credentials: {@code clientId}, {@code clientSecret} (the app's LWA credentials),
 * {@code refreshToken} (the seller's authorisation). Mapping identifiers: {@code sellerSku}
 * (required), {@code productType} (optional, else {@code PRODUCT}).
 *
 * @see <a href="https://developer-docs.amazon.com/sp-api/docs/sp-api-endpoints">SP-API endpoints (Far East)</a>
 * @see <a href="https://developer-docs.amazon.com/sp-api/docs/the-selling-partner-api-sandbox">SP-API sandbox</a>
 * @see <a href="https://developer-docs.amazon.com/sp-api/docs/marketplace-ids">Marketplace IDs (Japan A1VC38T7YXB528)</a>
 */
@Component
public class AmazonConnector implements PlatformConnector {

    public static final String JAPAN = "A1VC38T7YXB528";
    static final String PRODUCTION = "https://sellingpartnerapi-fe.amazon.com";
    static final String SANDBOX = "https://sandbox.sellingpartnerapi-fe.amazon.com";
    /** The LWA hosts Amazon documents (one per region; SP-API uses api.amazon.com for every region). */
    static final Set<String> LWA_HOSTS = Set.of("api.amazon.com", "api.amazon.co.jp", "api.amazon.co.uk");

    /**
     * patchListingsItem's usage plan in the Listings Items 2021-08-01 model: rate 5 requests per
     * second, burst 5; one SKU per request.
     *
     * @see <a href="https://github.com/amzn/selling-partner-api-models/blob/main/models/listings-items-api-model/listingsItems_2021-08-01.json">listingsItems_2021-08-01.json</a>
     */
    static final Limits LIMITS = new Limits(5.0, 5, 1);

    /**
     * The bulk path, {@code JSON_LISTINGS_FEED}: 25,000 messages a feed ({@code messages.maxItems} in
     * listings-feed-schema-v2.json); createFeed's usage plan in feeds_2021-06-30.json is 0.0083
     * requests per second, burst 15.
     *
     * @see <a href="https://github.com/amzn/selling-partner-api-models/blob/main/schemas/feeds/listings-feed-schema-v2.json">listings-feed-schema-v2.json</a>
     */
    static final PlatformClient.BulkLimits BULK = new PlatformClient.BulkLimits(ListingsFeed.MAX_MESSAGES, 0.0083, 15);

    /**
     * An order operation's usage plan as its model states it (rate in requests per second, burst).
     * Amazon may grant a seller more; Zaiko keeps to the default.
     */
    record OrderPlan(double rate, int burst) {
        UsagePlan plan(Clock clock) {
            return new UsagePlan(rate, burst, clock);
        }
    }

    /**
     * searchOrders (Orders API 2026-01-01): 0.0056 requests per second (one every 179 s), burst 20.
     *
     * @see <a href="https://github.com/amzn/selling-partner-api-models/blob/main/models/orders-api-model/orders_2026-01-01.json">orders_2026-01-01.json</a>
     */
    static final OrderPlan SEARCH_ORDERS = new OrderPlan(0.0056, 20);
    /**
     * getOrders (Orders API v0): 0.0167 per second (one a minute), burst 20.
     *
     * @see <a href="https://github.com/amzn/selling-partner-api-models/blob/main/models/orders-api-model/ordersV0.json">ordersV0.json</a>
     */
    static final OrderPlan GET_ORDERS = new OrderPlan(0.0167, 20);
    /** getOrderItems (Orders API v0): 0.5 per second, burst 30 (ordersV0.json). */
    static final OrderPlan GET_ORDER_ITEMS = new OrderPlan(0.5, 30);
    /**
     * Orders in: every 3 minutes, searchOrders' sustained rate (1 / 0.0056 s ≈ 179 s), so a quiet
     * pull of one page never runs the bucket down; a backlog pages on with the burst (20 pages of 100
     * orders) and then one page a pull.
     */
    static final Duration ORDER_PULL_EVERY = Duration.ofMinutes(3);

    private final Clock clock;

    public AmazonConnector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Platform platform() {
        return Platform.AMAZON;
    }

    @Override
    public Limits limits() {
        return LIMITS;
    }


    @Override
    public Duration orderPullEvery() {
        return ORDER_PULL_EVERY;
    }

    @Override
    public List<Field> fields() {
        return List.of(Field.setting("sellerId", true), Field.setting("marketplaceId", false),
                Field.setting("ordersApi", false),
                Field.credential("clientId", true), Field.credential("clientSecret", true),
                Field.credential("refreshToken", true));
    }

    @Override
    public List<FieldProblem> validate(ConnectorAccount account) {
        List<FieldProblem> problems = new ArrayList<>();
        String sellerId = account.setting("sellerId");
        if (blank(sellerId)) {
            problems.add(new FieldProblem("settings.sellerId", "the Amazon seller id (merchant token) is required"));
        } else if (!sellerId.matches("[A-Z0-9]{1,32}")) {
            problems.add(new FieldProblem("settings.sellerId", "an Amazon seller id is upper-case letters and digits"));
        }
        String marketplace = account.setting("marketplaceId");
        if (marketplace != null && !marketplace.matches("[A-Z0-9]{1,32}")) {
            problems.add(new FieldProblem("settings.marketplaceId",
                    "an Amazon marketplace id is upper-case letters and digits (Japan: " + JAPAN + ")"));
        }
        String ordersApi = account.setting("ordersApi");
        if (ordersApi != null && !AmazonOrders.APIS.contains(ordersApi.strip())) {
            problems.add(new FieldProblem("settings.ordersApi", "the Orders API is " + AmazonOrders.CURRENT
                    + " (the default) or " + AmazonOrders.V0));
        }
        for (String name : List.of("clientId", "clientSecret", "refreshToken")) {
            if (blank(account.credential(name))) {
                problems.add(new FieldProblem("credentials." + name, "the Login with Amazon " + name + " is required"));
            }
        }
        String lwa = account.setting("lwaUrl");
        if (lwa != null) {
            try {
                tokenUrl(account);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("settings.lwaUrl", e.getMessage()));
            }
        }
        if (!blank(account.baseUrl())) {
            try {
                base(account);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("baseUrl", "not a URL: " + account.baseUrl()));
            }
        }
        return problems;
    }

    @Override
    public PlatformClient client(ConnectorAccount account, ConnectorHttp http) {
        return new AmazonClient(account, http, clock, base(account), tokenUrl(account));
    }

    static String marketplaceId(ConnectorAccount account) {
        String id = account.setting("marketplaceId");
        return blank(id) ? JAPAN : id;
    }

    /** The explicit base URL, else the Far East production or sandbox host. */
    static URI base(ConnectorAccount account) {
        String url = blank(account.baseUrl()) ? (account.sandbox() ? SANDBOX : PRODUCTION) : account.baseUrl();
        URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        if (uri.getScheme() == null || uri.getHost() == null) throw new IllegalArgumentException("not a URL: " + url);
        return uri;
    }

    /**
     * Where the refresh token is exchanged: {@code lwaUrl} when set, else {@link LoginWithAmazon#TOKEN_URL}.
     * The refresh token and client secret go there, so it must be a documented LWA host over https,
     * or the very host of an explicit base URL (one stub serving both, as in the contract tests).
     */
    static URI tokenUrl(ConnectorAccount account) {
        String lwa = account.setting("lwaUrl");
        if (blank(lwa)) return URI.create(LoginWithAmazon.TOKEN_URL);
        URI uri;
        try {
            uri = URI.create(lwa);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lwaUrl is not a URL");
        }
        if (uri.getHost() == null) throw new IllegalArgumentException("lwaUrl is not a URL");
        boolean amazon = "https".equals(uri.getScheme()) && LWA_HOSTS.contains(uri.getHost());
        boolean sameAsBase = !blank(account.baseUrl()) && uri.getHost().equalsIgnoreCase(base(account).getHost())
                && uri.getPort() == base(account).getPort();
        if (!amazon && !sameAsBase) {
            throw new IllegalArgumentException("lwaUrl must be https on " + String.join(", ", LWA_HOSTS.stream().sorted().toList())
                    + ", or on the host of the account's base URL: the refresh token and client secret are sent there");
        }
        return uri;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

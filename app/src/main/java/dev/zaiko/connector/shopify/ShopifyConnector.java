package dev.zaiko.connector.shopify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.ConnectorHttp;
import dev.zaiko.connector.Platform;
import dev.zaiko.connector.PlatformClient;
import dev.zaiko.connector.PlatformConnector;
import dev.zaiko.connector.PlatformOrder;
import tools.jackson.databind.JsonNode;

/**
 * Shopify (an own web shop on Shopify) through the Admin GraphQL API, version {@value #API_VERSION}.
 * <p>
 * Settings: {@code shopDomain} (the shop's {@code *.myshopify.com} name) and {@code locationId}
 * (the GID of the Shopify location whose "available" quantity Zaiko sets, e.g.
 * {@code gid://shopify/Location/123}). Credentials: either {@code accessToken} (an Admin API access
 * token of a custom app, sent as {@code X-Shopify-Access-Token}), or {@code clientId} and
 * {@code clientSecret} of a Dev Dashboard app installed on the shop (the client credentials grant:
 * a token valid for 24 hours, fetched and renewed by the client). Mapping: {@code inventoryItemId}
 * (GID) per SKU; for orders in, {@code variantId} (ProductVariant GID) may be added (a webhook line
 * names its variant, not its inventory item: {@link ShopifyOrders}). Optional credential
 * {@code webhookSecret}: the key that signs the shop's order webhooks when it is not the app's
 * {@code clientSecret} ({@link #signedFor}).
 * <p>
 * Limits: the GraphQL Admin API is limited by calculated query cost, a leaky bucket per app and
 * shop restoring 100 points/second on the Standard plan (200 Advanced, 1,000 Plus), see
 * https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits ; a mutation costs 10 points
 * (same page, "Cost calculation"), so 10 mutations/second is what the Standard plan sustains. An
 * input array holds at most 250 items (https://shopify.dev/docs/api/usage/limits, "Input limits";
 * https://shopify.dev/changelog/graphql-input-objects-limited-to-250-items), hence 250 quantities
 * per {@code inventorySetQuantities}. The burst is kept at 10 requests (100 points), well inside
 * the bucket, so that read-backs and cancellations of the same app still find room.
 */
@Component
public class ShopifyConnector implements PlatformConnector {

    /** The pinned Admin API version (https://shopify.dev/docs/api/usage/versioning). */
    static final String API_VERSION = "2026-10";
    static final int MAX_BATCH = 250;

    private static final Pattern SHOP_DOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}\\.myshopify\\.com");
    private static final Pattern LOCATION_GID = Pattern.compile("gid://shopify/Location/[0-9]+");

    private final Clock clock;

    public ShopifyConnector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Platform platform() {
        return Platform.SHOPIFY;
    }

    @Override
    public Limits limits() {
        return new Limits(10.0, 10, MAX_BATCH);
    }


    @Override
    public List<Field> fields() {
        return List.of(Field.setting("shopDomain", true), Field.setting("locationId", true),
                Field.credential("accessToken", false), Field.credential("clientId", false),
                Field.credential("clientSecret", false), Field.credential("webhookSecret", false));
    }

    /**
     * Every 5 minutes: the pull is the safety net behind the order webhooks (the fast path,
     * {@link #WEBHOOK_PATH}); it catches what a missed delivery left out.
     */
    @Override
    public Duration orderPullEvery() {
        return Duration.ofMinutes(5);
    }

    // --- order webhooks -------------------------------------------------------------------------

    /** Where a shop's order webhooks go: {@code POST /api/connector/shopify/webhooks/{channel}}. */
    public static final String WEBHOOK_PATH = "/api/connector/shopify/webhooks/";

    /** The topics taken; a delivery of another topic is answered 200 and left alone. */
    public static final Set<String> ORDER_TOPICS = Set.of("orders/create", "orders/cancelled", "orders/updated");

    /**
     * Whether a webhook delivery is Shopify's for this account: {@code X-Shopify-Hmac-Sha256} is the
     * base64 HMAC-SHA256 of the raw body under the secret that signs the account's webhooks
     * (https://shopify.dev/docs/apps/build/webhooks/subscribe/https, "Verify the webhook"):
     * {@code webhookSecret} when set (the key the Shopify admin shows under Settings > Notifications >
     * Webhooks for webhooks made there), else the app's {@code clientSecret} (an app's subscriptions
     * are signed with its client secret). Compared in constant time; false without a secret, without
     * a header, or with one that is not base64. Where the delivery names its shop
     * ({@code X-Shopify-Shop-Domain}), it must be the account's.
     */
    public boolean signedFor(ConnectorAccount account, byte[] body, String hmac, String shopDomain) {
        String secret = account.credential("webhookSecret");
        if (blank(secret)) secret = account.credential("clientSecret");
        if (blank(secret) || blank(hmac)) return false;
        byte[] given;
        try {
            given = Base64.getDecoder().decode(hmac.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            expected = mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
        boolean signed = MessageDigest.isEqual(expected, given);
        boolean shop = blank(shopDomain) || shopDomain.strip().equalsIgnoreCase(account.setting("shopDomain"));
        return signed & shop;
    }

    /**
     * The order a webhook delivery's body carries (the REST-style order of the topics
     * {@link #ORDER_TOPICS}), in the port's words; its state comes from the body's
     * {@code cancelled_at}, never from the topic header (which the signature does not cover).
     *
     * @throws IllegalArgumentException when the body is not a JSON object
     */
    public static PlatformOrder webhookOrder(byte[] body) {
        JsonNode json;
        try {
            json = ShopifyClient.JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("A Shopify webhook body that is not JSON", e);
        }
        if (json == null || !json.isObject()) throw new IllegalArgumentException("A Shopify webhook body that is not an object");
        return ShopifyOrders.fromWebhook(json, new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public List<FieldProblem> validate(ConnectorAccount account) {
        List<FieldProblem> problems = new ArrayList<>();
        String shop = account.setting("shopDomain");
        if (blank(shop)) {
            problems.add(new FieldProblem("settings.shopDomain", "The shop's myshopify.com domain is required"));
        } else if (!SHOP_DOMAIN.matcher(shop).matches()) {
            problems.add(new FieldProblem("settings.shopDomain",
                    "Must be the shop's permanent domain, like example.myshopify.com"));
        }
        String location = account.setting("locationId");
        if (blank(location)) {
            problems.add(new FieldProblem("settings.locationId", "The Shopify location GID is required"));
        } else if (!LOCATION_GID.matcher(location).matches()) {
            problems.add(new FieldProblem("settings.locationId", "Must be a location GID, like gid://shopify/Location/123"));
        }
        boolean token = !blank(account.credential("accessToken"));
        boolean clientId = !blank(account.credential("clientId"));
        boolean clientSecret = !blank(account.credential("clientSecret"));
        if (!token && !clientId && !clientSecret) {
            problems.add(new FieldProblem("credentials.accessToken",
                    "An Admin API access token, or a client id and secret, is required"));
        } else if (!token && !clientId) {
            problems.add(new FieldProblem("credentials.clientId", "The app's client id is required with its secret"));
        } else if (!token && !clientSecret) {
            problems.add(new FieldProblem("credentials.clientSecret", "The app's client secret is required with its id"));
        }
        return problems;
    }

    @Override
    public PlatformClient client(ConnectorAccount account, ConnectorHttp http) {
        return new ShopifyClient(account, http, clock);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

package dev.zaiko.connector.shopify;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.ConnectorException;
import dev.zaiko.connector.ConnectorHttp;
import dev.zaiko.connector.PlatformClient;
import dev.zaiko.connector.PlatformOrder;
import dev.zaiko.platform.outbound.OutboundHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Shopify shop over the Admin GraphQL API
 * (https://shopify.dev/docs/api/admin-graphql/2026-10): every call is a POST of
 * {@code {"query","variables"}} to {@code https://{shopDomain}/admin/api/2026-10/graphql.json} with
 * the {@code X-Shopify-Access-Token} header (https://shopify.dev/docs/api/admin-graphql#authentication).
 * <p>
 * Throttling (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits): a throttled
 * request answers {@code errors[].extensions.code = "THROTTLED"} with
 * {@code extensions.cost.requestedQueryCost} and {@code throttleStatus {maximumAvailable,
 * currentlyAvailable, restoreRate}}; the wait is the missing points divided by the restore rate.
 * An HTTP 429 is honoured too (its {@code Retry-After}, else one second).
 */
class ShopifyClient implements PlatformClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** A token from the client credentials grant is renewed this long before it expires. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    /** Ids per read-back query (nodes takes up to 250; 100 keeps one query's cost near 300 points). */
    static final int READ_CHUNK = 100;
    private static final int MAX_MESSAGE = 300;

    private final ConnectorAccount account;
    private final ConnectorHttp http;
    private final Clock clock;
    private final String base;

    ShopifyClient(ConnectorAccount account, ConnectorHttp http, Clock clock) {
        this.account = account;
        this.http = http;
        this.clock = clock;
        String explicit = account.baseUrl();
        this.base = explicit != null && !explicit.isBlank() ? strip(explicit) : "https://" + account.setting("shopDomain");
    }

    // --- setting quantities ---------------------------------------------------------------------

    /**
     * {@code inventorySetQuantities} with name {@code available} and reason {@code correction}
     * (https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/inventorySetQuantities). Since
     * 2026-04 each quantity must carry {@code changeFromQuantity}; Zaiko is the source of truth and
     * sets absolute values, so it opts out of the compare-and-swap with an explicit {@code null}
     * (https://shopify.dev/docs/api/admin-graphql/2026-10/input-objects/InventoryQuantityInput). The
     * {@code @idempotent} directive is required since 2026-04
     * (https://shopify.dev/changelog/making-idempotency-mandatory-for-inventory-adjustments-and-refund-mutations):
     * each call takes a fresh key, because the same absolute values may legitimately be sent again
     * later (5, then 3, then 5 again) and a reused key would return the first answer without setting
     * anything; setting an absolute value twice is harmless, so a retry by the caller needs no key of
     * its own.
     */
    @Override
    public PushOutcome setQuantities(List<QuantityUpdate> updates) throws ConnectorException {
        if (updates.size() > ShopifyConnector.MAX_BATCH) {
            throw new IllegalArgumentException("At most " + ShopifyConnector.MAX_BATCH + " quantities per call");
        }
        Map<String, String> rejected = new LinkedHashMap<>();
        List<Item> items = new ArrayList<>();
        for (QuantityUpdate update : updates) {
            Optional<String> item = account.mapping().identifiers(update.sku()).map(ids -> ids.get("inventoryItemId"));
            if (item.isEmpty() || item.get().isBlank()) {
                rejected.put(update.sku(), "No Shopify inventoryItemId is mapped to this SKU");
            } else {
                items.add(new Item(update.sku(), item.get(), update.quantity()));
            }
        }
        if (items.isEmpty()) return new PushOutcome(List.of(), rejected, null);

        SetResult result = set(items);
        if (result.group() == null && !result.refused().isEmpty()) {
            // the mutation applied nothing; send again without the items Shopify named
            result.refused().forEach((index, message) -> rejected.put(items.get(index).sku(), message));
            List<Item> rest = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) if (!result.refused().containsKey(i)) rest.add(items.get(i));
            if (rest.isEmpty()) return new PushOutcome(List.of(), rejected, null);
            SetResult again = set(rest);
            if (again.group() == null) {
                again.refused().forEach((index, message) -> rejected.put(rest.get(index).sku(), message));
                for (int i = 0; i < rest.size(); i++) {
                    rejected.putIfAbsent(rest.get(i).sku(), "Not set: Shopify refused the request");
                }
                return new PushOutcome(List.of(), rejected, null);
            }
            return new PushOutcome(rest.stream().map(Item::sku).toList(), rejected, again.group());
        }
        if (result.group() == null) {
            throw new ConnectorException.Failed("Shopify set no quantities and named no item", null);
        }
        return new PushOutcome(items.stream().map(Item::sku).toList(), rejected, result.group());
    }

    private record Item(String sku, String inventoryItemId, int quantity) {
    }

    /** @param refused index in the sent list → Shopify's message */
    private record SetResult(String group, Map<Integer, String> refused) {
    }

    private SetResult set(List<Item> items) throws ConnectorException {
        String key = UUID.randomUUID().toString();
        String mutation = "mutation SetAvailable($input: InventorySetQuantitiesInput!) {"
                + " inventorySetQuantities(input: $input) @idempotent(key: \"" + key + "\") {"
                + " inventoryAdjustmentGroup { id } userErrors { code field message } } }";
        ObjectNode variables = JSON.createObjectNode();
        ObjectNode input = variables.putObject("input");
        input.put("name", "available");
        input.put("reason", "correction");
        input.put("referenceDocumentUri", "gid://zaiko/StockPush/" + key);
        ArrayNode quantities = input.putArray("quantities");
        for (Item item : items) {
            quantities.addObject()
                    .put("inventoryItemId", item.inventoryItemId())
                    .put("locationId", account.setting("locationId"))
                    .put("quantity", item.quantity())
                    .putNull("changeFromQuantity");
        }
        JsonNode payload = graphql(mutation, variables).path("inventorySetQuantities");
        Map<Integer, String> refused = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        for (JsonNode error : payload.path("userErrors")) {
            String message = error.path("message").asString("") + code(error);
            Integer index = quantityIndex(error.path("field"));
            if (index != null && index < items.size()) refused.merge(index, message, (a, b) -> a + "; " + b);
            else general.add(message);
        }
        if (!general.isEmpty()) {
            throw new ConnectorException.Failed("Shopify refused the quantities: " + shorten(String.join("; ", general)), null);
        }
        JsonNode group = payload.path("inventoryAdjustmentGroup").path("id");
        return new SetResult(group.isString() ? group.asString() : null, refused);
    }

    /** The index in {@code ["input","quantities","3","inventoryItemId"]}, else null. */
    private static Integer quantityIndex(JsonNode field) {
        for (int i = 0; i + 1 < field.size(); i++) {
            if ("quantities".equals(field.get(i).asString(""))) {
                try {
                    return Integer.parseInt(field.get(i + 1).asString(""));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String code(JsonNode error) {
        String code = error.path("code").asString("");
        return code.isEmpty() ? "" : " (" + code + ")";
    }

    // --- reading back ---------------------------------------------------------------------------

    /**
     * The "available" quantity of each mapped SKU at the account's location: {@code nodes(ids:)} on
     * the inventory items, {@code inventoryLevel(locationId:)} and {@code quantities(names:
     * ["available"])} (https://shopify.dev/docs/api/admin-graphql/2026-10/objects/InventoryItem,
     * https://shopify.dev/docs/api/admin-graphql/2026-10/objects/InventoryLevel). An item not stocked
     * at the location (no inventory level) or unknown to Shopify is left out.
     */
    @Override
    public Optional<Map<String, Integer>> readQuantities(List<String> skus) throws ConnectorException {
        Map<String, String> skuByItem = new LinkedHashMap<>();
        for (String sku : skus) {
            account.mapping().identifiers(sku).map(ids -> ids.get("inventoryItemId"))
                    .filter(id -> !id.isBlank()).ifPresent(id -> skuByItem.put(id, sku));
        }
        Map<String, Integer> shown = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(skuByItem.keySet());
        String query = "query Available($ids: [ID!]!, $location: ID!) { nodes(ids: $ids) {"
                + " ... on InventoryItem { id inventoryLevel(locationId: $location) {"
                + " quantities(names: [\"available\"]) { name quantity } } } } }";
        for (int from = 0; from < ids.size(); from += READ_CHUNK) {
            ObjectNode variables = JSON.createObjectNode();
            ArrayNode chunk = variables.putArray("ids");
            ids.subList(from, Math.min(ids.size(), from + READ_CHUNK)).forEach(chunk::add);
            variables.put("location", account.setting("locationId"));
            for (JsonNode node : graphql(query, variables).path("nodes")) {
                String sku = skuByItem.get(node.path("id").asString(""));
                if (sku == null) continue;
                for (JsonNode quantity : node.path("inventoryLevel").path("quantities")) {
                    if ("available".equals(quantity.path("name").asString("")) && quantity.path("quantity").isNumber()) {
                        shown.put(sku, quantity.path("quantity").asInt());
                    }
                }
            }
        }
        return Optional.of(shown);
    }

    // --- cancelling -----------------------------------------------------------------------------

    /**
     * {@code orderCancel} with reason {@code INVENTORY}
     * (https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/orderCancel,
     * https://shopify.dev/docs/api/admin-graphql/2026-10/enums/OrderCancelReason): the customer is
     * refunded to the original payment methods (a marketplace refund is Shopify's to make),
     * {@code restock: false} (the item is out of stock, and Zaiko sets Shopify's quantity itself),
     * {@code notifyCustomer: false} (Zaiko contacts the customer its own way). Shopify cancels whole
     * orders only: when the order still holds other units than this line's, nothing is sent and the
     * answer is REFUSED, for a person to edit the order in the Shopify admin. The cancellation runs
     * as a job: CONFIRMED when Shopify says it is done, else PENDING with the job's id.
     */
    @Override
    public CancellationOutcome cancelForStockout(CancellationRequest request) throws ConnectorException {
        ObjectNode ids = JSON.createObjectNode().put("id", request.orderId());
        JsonNode order = graphql("query Order($id: ID!) { order(id: $id) { id cancelledAt"
                + " currentSubtotalLineItemsQuantity } }", ids).path("order");
        if (!order.isObject()) {
            return new CancellationOutcome(CancellationOutcome.Status.REFUSED, null,
                    "Shopify has no order " + request.orderId());
        }
        if (order.path("cancelledAt").isString()) {
            return new CancellationOutcome(CancellationOutcome.Status.CONFIRMED, null, null);
        }
        int units = order.path("currentSubtotalLineItemsQuantity").asInt(0);
        if (units > request.quantity()) {
            return new CancellationOutcome(CancellationOutcome.Status.REFUSED, null,
                    "Shopify cancels whole orders only and this order holds " + units + " units, "
                            + request.quantity() + " of them out of stock: remove the line by editing the order in Shopify");
        }
        ObjectNode variables = JSON.createObjectNode();
        variables.put("orderId", request.orderId());
        variables.put("staffNote", "Zaiko: out of stock (" + request.sku() + ")");
        String mutation = "mutation CancelForStockout($orderId: ID!, $staffNote: String) {"
                + " orderCancel(orderId: $orderId, reason: INVENTORY,"
                + " refundMethod: {originalPaymentMethodsRefund: true}, restock: false, notifyCustomer: false,"
                + " staffNote: $staffNote) { job { id done } orderCancelUserErrors { code field message } } }";
        JsonNode payload = graphql(mutation, variables).path("orderCancel");
        List<String> errors = new ArrayList<>();
        for (JsonNode error : payload.path("orderCancelUserErrors")) errors.add(error.path("message").asString("") + code(error));
        if (!errors.isEmpty()) {
            return new CancellationOutcome(CancellationOutcome.Status.REFUSED, null, shorten(String.join("; ", errors)));
        }
        JsonNode job = payload.path("job");
        String jobId = job.path("id").asString(null);
        if (job.path("done").asBoolean(false)) {
            return new CancellationOutcome(CancellationOutcome.Status.CONFIRMED, jobId, null);
        }
        return new CancellationOutcome(CancellationOutcome.Status.PENDING, jobId, null);
    }

    /**
     * Looks again at a PENDING cancellation: {@code job(id:) { done }}
     * (https://shopify.dev/docs/api/admin-graphql/2026-10/queries/job); once done, the order's
     * {@code cancelledAt} says whether it was cancelled (CONFIRMED) or not (REFUSED).
     */
    @Override
    public CancellationOutcome followCancellation(CancellationRequest request, String reference)
            throws ConnectorException {
        if (reference == null) return cancelForStockout(request);
        JsonNode job = graphql("query Job($id: ID!) { job(id: $id) { id done } }",
                JSON.createObjectNode().put("id", reference)).path("job");
        if (!job.path("done").asBoolean(false)) {
            return new CancellationOutcome(CancellationOutcome.Status.PENDING, reference, null);
        }
        JsonNode order = graphql("query Order($id: ID!) { order(id: $id) { id cancelledAt } }",
                JSON.createObjectNode().put("id", request.orderId())).path("order");
        if (order.path("cancelledAt").isString()) {
            return new CancellationOutcome(CancellationOutcome.Status.CONFIRMED, reference, null);
        }
        return new CancellationOutcome(CancellationOutcome.Status.REFUSED, reference,
                "Shopify finished the cancellation job but the order is not cancelled");
    }

    // --- orders in ---------------------------------------------------------------------------------

    /**
     * One page of the {@code orders} query
     * (https://shopify.dev/docs/api/admin-graphql/2026-10/queries/orders): {@code query:
     * "updated_at:>='…'"} from the cursor less {@link ShopifyOrders#OVERLAP}, {@code sortKey:
     * UPDATED_AT}, {@link ShopifyOrders#PAGE_SIZE} orders, {@code after} the last page's
     * {@code pageInfo.endCursor} while {@code hasNextPage}. A cancelled order ({@code cancelledAt})
     * comes back CANCELLED. Throttling is the same as every call's ({@link #graphql}).
     */
    @Override
    public Optional<PlatformOrder.Page> pullOrders(String cursor) throws ConnectorException {
        ShopifyOrders.Cursor at = ShopifyOrders.Cursor.parse(cursor, clock.instant());
        String query = "query Orders($first: Int!, $after: String, $query: String!) {"
                + " orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {"
                + " nodes { " + ShopifyOrders.ORDER_FIELDS + " } pageInfo { hasNextPage endCursor } } }";
        ObjectNode variables = JSON.createObjectNode();
        variables.put("first", ShopifyOrders.PAGE_SIZE);
        if (at.after() != null) variables.put("after", at.after());
        else variables.putNull("after");
        variables.put("query", at.query());
        JsonNode orders = graphql(query, variables).path("orders");
        if (!orders.isObject()) throw new ConnectorException.Failed("Shopify answered no orders connection", null);
        List<PlatformOrder> found = new ArrayList<>();
        Instant latest = null;
        for (JsonNode node : orders.path("nodes")) {
            PlatformOrder order = ShopifyOrders.fromGraphql(node);
            found.add(order);
            if (order.updatedAt() != null && (latest == null || order.updatedAt().isAfter(latest))) latest = order.updatedAt();
        }
        JsonNode info = orders.path("pageInfo");
        boolean more = info.path("hasNextPage").asBoolean(false);
        ShopifyOrders.Cursor next = at.next(latest, more, info.path("endCursor").asString(null));
        return Optional.of(new PlatformOrder.Page(found, next.text(), more && next.after() != null));
    }

    // --- connection -----------------------------------------------------------------------------

    /** {@code { shop { name } }} (https://shopify.dev/docs/api/admin-graphql/2026-10/queries/shop). */
    @Override
    public ConnectionCheck testConnection() {
        try {
            String name = graphql("query Shop { shop { name } }", JSON.createObjectNode())
                    .path("shop").path("name").asString("");
            return new ConnectionCheck(true, "Connected to the Shopify shop " + name);
        } catch (ConnectorException e) {
            return new ConnectionCheck(false, e.getMessage());
        }
    }

    // --- transport ------------------------------------------------------------------------------

    /** The {@code data} of one GraphQL call, after a token renewal on a 401 where one is possible. */
    JsonNode graphql(String query, ObjectNode variables) throws ConnectorException {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        body.set("variables", variables);
        byte[] bytes = JSON.writeValueAsBytes(body);
        OutboundHttp.Exchange answer = post(bytes, false);
        if (answer.status() == 401 && usesClientCredentials()) {
            forgetToken();
            answer = post(bytes, true);
        }
        if (answer.status() == 401) {
            throw new ConnectorException.Unauthorized("Shopify refused the access token (HTTP 401)");
        }
        if (answer.status() == 403) {
            throw new ConnectorException.Unauthorized("Shopify refused the request (HTTP 403): the app lacks an access scope");
        }
        if (answer.status() == 429) {
            throw new ConnectorException.Throttled("Shopify answered HTTP 429", retryAfter(answer));
        }
        if (answer.status() != 200) {
            throw new ConnectorException.Failed("Shopify answered HTTP " + answer.status() + ": " + shorten(answer.text()), null);
        }
        JsonNode json = parse(answer);
        JsonNode errors = json.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            for (JsonNode error : errors) {
                if ("THROTTLED".equals(error.path("extensions").path("code").asString(""))) {
                    throw new ConnectorException.Throttled("Shopify throttled the request (query cost)",
                            throttleWait(json.path("extensions").path("cost")));
                }
            }
            List<String> messages = new ArrayList<>();
            for (JsonNode error : errors) messages.add(error.path("message").asString(""));
            throw new ConnectorException.Failed("Shopify answered errors: " + shorten(String.join("; ", messages)), null);
        }
        return json.path("data");
    }

    /** (requested cost − currently available) / restore rate, rounded up to the millisecond; at least 1 s. */
    static Duration throttleWait(JsonNode cost) {
        JsonNode status = cost.path("throttleStatus");
        double requested = cost.path("requestedQueryCost").asDouble(0);
        double available = status.path("currentlyAvailable").asDouble(0);
        double rate = status.path("restoreRate").asDouble(0);
        if (rate <= 0 || requested <= available) return Duration.ofSeconds(1);
        long millis = (long) Math.ceil((requested - available) * 1000 / rate);
        return Duration.ofMillis(Math.max(millis, 1));
    }

    private OutboundHttp.Exchange post(byte[] body, boolean renewed) throws ConnectorException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        headers.put("X-Shopify-Access-Token", token(renewed));
        return send("POST", URI.create(base + "/admin/api/" + ShopifyConnector.API_VERSION + "/graphql.json"), headers, body);
    }

    private boolean usesClientCredentials() {
        String token = account.credential("accessToken");
        return token == null || token.isBlank();
    }

    /**
     * The static access token, or one from the client credentials grant: {@code POST
     * https://{shop}/admin/oauth/access_token} with {@code grant_type=client_credentials},
     * {@code client_id}, {@code client_secret} (form encoded), answering {@code access_token} and
     * {@code expires_in} (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/client-credentials-grant).
     * Kept in the account's token store (encrypted) with its expiry, and renewed
     * {@link #RENEW_BEFORE} before it.
     */
    private String token(boolean renewed) throws ConnectorException {
        if (!usesClientCredentials()) return account.credential("accessToken");
        Instant now = clock.instant();
        Optional<String> kept = account.tokens().get("accessToken");
        Optional<Instant> until = account.tokens().get("accessTokenExpiresAt").map(Instant::parse);
        if (!renewed && kept.isPresent() && until.isPresent() && now.isBefore(until.get().minus(RENEW_BEFORE))) {
            return kept.get();
        }
        String form = "grant_type=client_credentials&client_id=" + encode(account.credential("clientId"))
                + "&client_secret=" + encode(account.credential("clientSecret"));
        OutboundHttp.Exchange answer = send("POST", URI.create(base + "/admin/oauth/access_token"),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
                form.getBytes(StandardCharsets.UTF_8));
        if (answer.status() == 429) throw new ConnectorException.Throttled("Shopify's token endpoint answered HTTP 429", retryAfter(answer));
        if (answer.status() == 400 || answer.status() == 401 || answer.status() == 403) {
            throw new ConnectorException.Unauthorized("Shopify refused the app's client credentials (HTTP " + answer.status() + ")");
        }
        if (answer.status() != 200) {
            throw new ConnectorException.Failed("Shopify's token endpoint answered HTTP " + answer.status(), null);
        }
        JsonNode json = parse(answer);
        String token = json.path("access_token").asString("");
        if (token.isEmpty()) throw new ConnectorException.Failed("Shopify's token endpoint answered no access_token", null);
        long seconds = json.path("expires_in").asLong(86_399);
        account.tokens().put("accessToken", token);
        account.tokens().put("accessTokenExpiresAt", now.plusSeconds(seconds).toString());
        return token;
    }

    private void forgetToken() {
        account.tokens().put("accessTokenExpiresAt", Instant.EPOCH.toString());
    }

    private OutboundHttp.Exchange send(String method, URI url, Map<String, String> headers, byte[] body)
            throws ConnectorException {
        try {
            return http.send(method, url, headers, body);
        } catch (IOException e) {
            throw new ConnectorException.Failed("Shopify could not be reached: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(OutboundHttp.Exchange answer) throws ConnectorException {
        try {
            return JSON.readTree(answer.body());
        } catch (RuntimeException e) {
            throw new ConnectorException.Failed("Shopify answered something that is not JSON", e);
        }
    }

    static Duration retryAfter(OutboundHttp.Exchange answer) {
        try {
            return answer.header("Retry-After").map(String::trim).map(Double::parseDouble)
                    .map(s -> Duration.ofMillis((long) Math.ceil(s * 1000))).orElse(Duration.ofSeconds(1));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= MAX_MESSAGE ? flat : flat.substring(0, MAX_MESSAGE) + "…";
    }
}

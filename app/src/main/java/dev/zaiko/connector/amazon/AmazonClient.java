package dev.zaiko.connector.amazon;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.ConnectorException;
import dev.zaiko.connector.ConnectorHttp;
import dev.zaiko.connector.PlatformClient;
import dev.zaiko.connector.PlatformOrder;
import dev.zaiko.platform.outbound.OutboundHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Amazon seller account's conversation with the Selling Partner API. Every call carries the LWA
 * access token in {@code x-amz-access-token} (no AWS Signature V4: the SP-API stopped requiring it
 * in October 2023). An answer 401, or 403 saying the token expired, makes one token refresh and one
 * retry; refused again, it is {@link ConnectorException.Unauthorized}. A 429 is
 * {@link ConnectorException.Throttled} with the wait derived from {@code x-amzn-RateLimit-Limit}.
 *
 * @see <a href="https://developer-docs.amazon.com/sp-api/docs/connecting-to-the-selling-partner-api">Connecting to the SP-API</a>
 * @see <a href="https://developer-docs.amazon.com/sp-api/docs/usage-plans-and-rate-limits">Usage plans and rate limits</a>
 * @see <a href="https://developer-docs.amazon.com/sp-api/docs/response-format">Response format (the errors list)</a>
 */
final class AmazonClient implements PlatformClient {

    static final String LISTINGS = "/listings/2021-08-01/items/";
    static final String PARTICIPATIONS = "/sellers/v1/marketplaceParticipations";
    static final String ACKNOWLEDGEMENT_FEED = "POST_ORDER_ACKNOWLEDGEMENT_DATA";
    static final String XML = "text/xml; charset=UTF-8";
    /** What is sent when the mapping names no product type: Amazon's generic type for offer-only attributes. */
    static final String DEFAULT_PRODUCT_TYPE = "PRODUCT";
    /** The merchant-fulfilled channel; FBA channels (AMAZON_JP, …) are Amazon's stock, not the seller's. */
    static final String MERCHANT_CHANNEL = "DEFAULT";
    static final String USER_AGENT = "Zaiko/1.0 (Language=Java)";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger(AmazonClient.class);

    private final ConnectorAccount account;
    private final ConnectorHttp http;
    private final URI base;
    private final String sellerId;
    private final String marketplaceId;
    private final LoginWithAmazon login;
    private final Redaction redaction;
    private final AmazonFeeds feeds;
    private final Clock clock;
    private final UsagePlan searchOrders;
    private final UsagePlan getOrders;
    private final UsagePlan getOrderItems;
    /** searchOrders answered 404 (the 2026-01-01 API is not there for this account): v0 from then on. */
    private volatile boolean currentApiMissing;

    AmazonClient(ConnectorAccount account, ConnectorHttp http, Clock clock, URI base, URI tokenUrl) {
        this.account = account;
        this.clock = clock;
        this.searchOrders = AmazonConnector.SEARCH_ORDERS.plan(clock);
        this.getOrders = AmazonConnector.GET_ORDERS.plan(clock);
        this.getOrderItems = AmazonConnector.GET_ORDER_ITEMS.plan(clock);
        this.http = http;
        this.base = base;
        this.sellerId = account.setting("sellerId");
        this.marketplaceId = AmazonConnector.marketplaceId(account);
        this.redaction = new Redaction(account);
        this.login = new LoginWithAmazon(account, http, clock, tokenUrl, redaction);
        this.feeds = new AmazonFeeds(this::call, http, marketplaceId, redaction);
    }

    /**
     * One {@code patchListingsItem} per SKU with the JSON Patch {@code merge} operation on
     * {@code /attributes/fulfillment_availability}: only the quantity of the merchant-fulfilled
     * channel changes (restock date, lead time stay). The answer's {@code status} ACCEPTED means
     * Amazon took it for processing; INVALID (with issues) rejects that SKU.
     *
     * @see <a href="https://developer-docs.amazon.com/sp-api/docs/merge-a-listing">Merge a listing</a>
     * @see <a href="https://developer-docs.amazon.com/sp-api/reference/patchlistingsitem">patchListingsItem (5 req/s, burst 5)</a>
     */
    @Override
    public PushOutcome setQuantities(List<QuantityUpdate> updates) throws ConnectorException {
        if (updates.size() > AmazonConnector.LIMITS.maxBatch()) {
            throw new IllegalArgumentException("Amazon takes " + AmazonConnector.LIMITS.maxBatch()
                    + " listing per request, not " + updates.size());
        }
        List<String> accepted = new ArrayList<>();
        Map<String, String> rejected = new LinkedHashMap<>();
        StringJoiner submissions = new StringJoiner(",");
        for (QuantityUpdate update : updates) {
            if (update.quantity() < 0) {
                rejected.put(update.sku(), "a quantity below 0 cannot be sent");
                continue;
            }
            Optional<Map<String, String>> ids = account.mapping().identifiers(update.sku());
            String sellerSku = ids.map(i -> i.get("sellerSku")).orElse(null);
            if (sellerSku == null || sellerSku.isBlank()) {
                rejected.put(update.sku(), "no Amazon sellerSku is mapped to this SKU");
                continue;
            }
            String productType = ids.map(i -> i.get("productType")).filter(t -> !t.isBlank())
                    .orElse(DEFAULT_PRODUCT_TYPE);
            ObjectNode body = JSON.createObjectNode().put("productType", productType);
            ObjectNode patch = body.putArray("patches").addObject()
                    .put("op", "merge").put("path", "/attributes/fulfillment_availability");
            patch.putArray("value").addObject()
                    .put("fulfillment_channel_code", MERCHANT_CHANNEL).put("quantity", update.quantity());
            Answer answer = call("PATCH", listingPath(sellerSku)
                    + "?marketplaceIds=" + encode(marketplaceId) + "&includedData=issues",
                    JSON.writeValueAsBytes(body), "patchListingsItem");
            if (answer.status() == 200) {
                String status = answer.json().path("status").asString("");
                if ("ACCEPTED".equals(status) || "VALID".equals(status)) {
                    accepted.add(update.sku());
                    String submission = answer.json().path("submissionId").asString("");
                    if (!submission.isEmpty()) submissions.add(submission);
                } else {
                    rejected.put(update.sku(), redaction.apply(issues(answer.json(), status)));
                }
            } else if (answer.status() == 400 || answer.status() == 404) {
                rejected.put(update.sku(), redaction.apply(errors(answer)));
            } else {
                throw failed("patchListingsItem", answer);
            }
        }
        return new PushOutcome(accepted, rejected, submissions.length() == 0 ? null : submissions.toString());
    }

    /**
     * {@code getListingsItem} with {@code includedData=fulfillmentAvailability}, one request per SKU
     * (5 req/s, burst 10): the quantity of the DEFAULT (merchant-fulfilled) channel. A SKU Amazon does
     * not know (404), an unmapped one, or one only Amazon fulfils (no DEFAULT entry) is left out.
     *
     * @see <a href="https://developer-docs.amazon.com/sp-api/reference/getlistingsitem">getListingsItem</a>
     */
    @Override
    public Optional<Map<String, Integer>> readQuantities(List<String> skus) throws ConnectorException {
        Map<String, Integer> shown = new LinkedHashMap<>();
        for (String sku : skus) {
            String sellerSku = account.mapping().identifiers(sku).map(i -> i.get("sellerSku")).orElse(null);
            if (sellerSku == null || sellerSku.isBlank()) continue;
            Answer answer = call("GET", listingPath(sellerSku) + "?marketplaceIds=" + encode(marketplaceId)
                    + "&includedData=fulfillmentAvailability", null, "getListingsItem");
            if (answer.status() == 404) continue;
            if (answer.status() != 200) throw failed("getListingsItem", answer);
            for (JsonNode availability : answer.json().path("fulfillmentAvailability")) {
                if (MERCHANT_CHANNEL.equals(availability.path("fulfillmentChannelCode").asString(""))
                        && availability.path("quantity").isNumber()) {
                    shown.put(sku, availability.path("quantity").asInt());
                }
            }
        }
        return Optional.of(shown);
    }

    /**
     * The order acknowledgement feed with StatusCode Failure and the line's CancelReason
     * {@code NoInventory}, through the Feeds API: {@code createFeedDocument} (a pre-signed upload URL,
     * valid five minutes), the XML uploaded there with PUT (no SP-API token: the URL is signed), then
     * {@code createFeed}. Amazon processes feeds later, so the outcome is PENDING with the feedId;
     * {@code getFeed} shows {@code processingStatus} DONE and a {@code resultFeedDocumentId} whose
     * processing report says whether the line was cancelled. (The Orders API 2026-01-01 has no
     * cancellation operation; v0 neither.)
     *
     * @see <a href="https://developer-docs.amazon.com/sp-api/docs/feeds-api-v2021-06-30-use-case-guide">Feeds API use case guide</a>
     * @see <a href="https://developer-docs.amazon.com/sp-api/docs/order-feeds">Order feeds (POST_ORDER_ACKNOWLEDGEMENT_DATA)</a>
     */
    @Override
    public CancellationOutcome cancelForStockout(CancellationRequest request) throws ConnectorException {
        if (request.lineId() == null || request.lineId().isBlank()) {
            // asking again cannot help: a person cancels it in Seller Central
            return new CancellationOutcome(CancellationOutcome.Status.REFUSED, null, "Amazon cancels an order line "
                    + "by its AmazonOrderItemCode, and this line of order " + request.orderId() + " was placed "
                    + "without it (externalLineRef): cancel the line in Seller Central");
        }
        if (request.unitsKept() > 0) {
            // the feed cancels the whole item: the units still shipping would be cancelled with the missing ones
            return new CancellationOutcome(CancellationOutcome.Status.REFUSED, null, "Amazon's acknowledgement "
                    + "feed cancels the whole order item " + request.lineId() + ", and " + request.unitsKept()
                    + " unit(s) of it still ship: refund the " + request.quantity() + " missing unit(s) in "
                    + "Seller Central");
        }
        byte[] xml = OrderAcknowledgement.noInventory(sellerId, request.orderId(), request.lineId())
                .getBytes(StandardCharsets.UTF_8);

        String feedId = feeds.submit(ACKNOWLEDGEMENT_FEED, XML, xml);
        return new CancellationOutcome(CancellationOutcome.Status.PENDING, feedId, null);
    }

    /**
     * The acknowledgement feed ({@code reference} = its feedId) followed to its processing report:
     * {@code getFeed}; IN_QUEUE or IN_PROGRESS is still PENDING; DONE reads the XML processing report
     * ({@link ProcessingReport}): CONFIRMED when the message succeeded, REFUSED with Amazon's words when
     * it has an Error; FATAL or CANCELLED is REFUSED (with the report's words when Amazon left one).
     *
     * @see <a href="https://developer-docs.amazon.com/sp-api/reference/getfeed">getFeed</a>
     * @see <a href="https://developer-docs.amazon.com/sp-api/reference/getfeeddocument">getFeedDocument</a>
     */
    @Override
    public CancellationOutcome followCancellation(CancellationRequest request, String reference)
            throws ConnectorException {
        if (reference == null || reference.isBlank()) {
            return new CancellationOutcome(CancellationOutcome.Status.REFUSED, null,
                    "No Amazon feed id to follow: look at the order in Seller Central");
        }
        AmazonFeeds.Feed feed = feeds.feed(reference);
        if (feed.processing()) return new CancellationOutcome(CancellationOutcome.Status.PENDING, reference, null);
        if ("DONE".equals(feed.processingStatus())) {
            if (feed.resultFeedDocumentId() == null) {
                return new CancellationOutcome(CancellationOutcome.Status.REFUSED, reference,
                        "Amazon processed feed " + reference + " but left no processing report");
            }
            return ProcessingReport.cancellation(reference, feeds.result(feed.resultFeedDocumentId()));
        }
        String words = "Amazon " + ("CANCELLED".equals(feed.processingStatus()) ? "cancelled" : "aborted")
                + " feed " + reference + " (" + feed.processingStatus() + ")";
        if (feed.resultFeedDocumentId() != null) {
            CancellationOutcome report = ProcessingReport.cancellation(reference, feeds.result(feed.resultFeedDocumentId()));
            if (report.message() != null) words += ": " + report.message();
        }
        return new CancellationOutcome(CancellationOutcome.Status.REFUSED, reference, words);
    }

    /**
     * {@code JSON_LISTINGS_FEED}: up to 25,000 SKUs a feed; createFeed's usage plan is 0.0083
     * requests per second (one every two minutes) with a burst of 15.
     */
    @Override
    public Optional<BulkLimits> bulk() {
        return Optional.of(AmazonConnector.BULK);
    }

    /** The listings feed ({@link ListingsFeed}) submitted through the Feeds API: the reference is the feedId. */
    @Override
    public BulkSubmission submitBulk(List<QuantityUpdate> updates) throws ConnectorException {
        ListingsFeed.Built built = ListingsFeed.build(sellerId, updates, account.mapping());
        if (built.document() == null) return new BulkSubmission(null, built.rejected());
        return new BulkSubmission(feeds.submit(ListingsFeed.TYPE, ListingsFeed.CONTENT_TYPE, built.document()),
                built.rejected());
    }

    /**
     * {@code getFeed}; once DONE, the processing report (GZIP or not) read against the submitted
     * updates; FATAL or CANCELLED fail the whole submission.
     */
    @Override
    public BulkProgress followBulk(String reference, List<QuantityUpdate> submitted) throws ConnectorException {
        AmazonFeeds.Feed feed = feeds.feed(reference);
        if (feed.processing()) return BulkProgress.pending();
        if (!"DONE".equals(feed.processingStatus())) {
            return BulkProgress.failed("Amazon " + ("CANCELLED".equals(feed.processingStatus()) ? "cancelled" : "aborted")
                    + " listings feed " + reference + " (" + feed.processingStatus() + ")");
        }
        if (feed.resultFeedDocumentId() == null) {
            return BulkProgress.failed("Amazon processed listings feed " + reference + " but left no processing report");
        }
        return ListingsFeed.read(feeds.result(feed.resultFeedDocumentId()), submitted, account.mapping());
    }

    /**
     * Orders in, one page per call (see {@link AmazonOrders} for what is taken and the cursor). The
     * account's {@code ordersApi} setting chooses the API: {@code 2026-01-01} (the default)
     * {@code searchOrders}, one call a page of 100 orders with their items, buyer, fulfillment status,
     * proceeds and payment; or {@code v0} {@code getOrders} (30 orders a page) plus one
     * {@code getOrderItems} per order not cancelled. searchOrders answering 404 (the API not there for
     * this account) switches this client to v0. Each call takes a token of its usage plan first
     * ({@link UsagePlan}); when none is left the page is empty, the cursor stays and {@code more} is
     * false, so the pull ends and the next one goes on from there (Amazon would answer 429).
     */
    @Override
    public Optional<PlatformOrder.Page> pullOrders(String cursor) throws ConnectorException {
        Instant now = clock.instant();
        AmazonOrders.Cursor c = AmazonOrders.Cursor.parse(cursor, now);
        String api = c.inRun() ? c.api() : ordersApi();
        return Optional.of(AmazonOrders.V0.equals(api) ? pullV0(c, now) : search(c, now));
    }

    /** The API this account's pulls use now. */
    String ordersApi() {
        if (currentApiMissing) return AmazonOrders.V0;
        String setting = account.setting("ordersApi");
        return setting == null || setting.isBlank() ? AmazonOrders.CURRENT : setting.strip();
    }

    private PlatformOrder.Page search(AmazonOrders.Cursor c, Instant now) throws ConnectorException {
        if (!searchOrders.take()) return new PlatformOrder.Page(List.of(), c.text(), false);
        String query = "?marketplaceIds=" + encode(marketplaceId)
                + "&lastUpdatedAfter=" + encode(since(c))
                + "&fulfillmentStatuses=" + encode(AmazonOrders.csv(AmazonOrders.STATUSES))
                + "&fulfilledBy=MERCHANT"
                + "&maxResultsPerPage=" + AmazonOrders.PAGE_SIZE
                + "&includedData=" + encode(AmazonOrders.csv(AmazonOrders.INCLUDED_DATA))
                + (c.inRun() ? "&paginationToken=" + encode(c.token()) : "");
        Answer answer = planned(searchOrders, "GET", AmazonOrders.SEARCH_ORDERS + query, "searchOrders");
        if (answer.status() == 404) {
            log.warn("Amazon searchOrders (Orders API 2026-01-01) answered 404 for seller {}: pulling orders with v0",
                    sellerId);
            currentApiMissing = true;
            return pullV0(c.restart(), now);
        }
        if (answer.status() == 400 && c.inRun()) {
            // the paging token expired (24 hours) or was refused: the window is read again from its start
            return new PlatformOrder.Page(List.of(), c.restart().text(), true);
        }
        if (answer.status() != 200) throw failed("searchOrders", answer);
        List<PlatformOrder> orders = new ArrayList<>();
        for (JsonNode o : answer.json().path("orders")) {
            if (AmazonOrders.taken(o)) orders.add(AmazonOrders.order(o));
        }
        String next = answer.json().path("pagination").path("nextToken").asString("");
        return page(c, AmazonOrders.CURRENT, orders, next, answer.json().path("lastUpdatedBefore").asString(null), now);
    }

    private PlatformOrder.Page pullV0(AmazonOrders.Cursor c, Instant now) throws ConnectorException {
        // a page's orders each need one getOrderItems: the page goes only when their tokens are there too
        if (getOrders.available() < 1 || getOrderItems.available() < AmazonOrders.V0_PAGE_SIZE) {
            return new PlatformOrder.Page(List.of(), c.text(), false);
        }
        getOrders.take();
        String query = "?MarketplaceIds=" + encode(marketplaceId)
                + "&LastUpdatedAfter=" + encode(since(c))
                + "&OrderStatuses=" + encode(AmazonOrders.csv(AmazonOrders.V0_STATUSES))
                + "&FulfillmentChannels=MFN"
                + "&MaxResultsPerPage=" + AmazonOrders.V0_PAGE_SIZE
                + (c.inRun() ? "&NextToken=" + encode(c.token()) : "");
        Answer answer = planned(getOrders, "GET", AmazonOrders.GET_ORDERS + query, "getOrders");
        if (answer.status() == 400 && c.inRun()) return new PlatformOrder.Page(List.of(), c.restart().text(), true);
        if (answer.status() != 200) throw failed("getOrders", answer);
        JsonNode payload = answer.json().path("payload");
        List<PlatformOrder> orders = new ArrayList<>();
        for (JsonNode o : payload.path("Orders")) {
            if (!AmazonOrders.takenV0(o)) continue;
            List<JsonNode> items = AmazonOrders.cancelledV0(o) ? List.of() : orderItems(o.path("AmazonOrderId").asString(""));
            orders.add(AmazonOrders.orderV0(o, items));
        }
        return page(c, AmazonOrders.V0, orders, payload.path("NextToken").asString(""),
                payload.path("LastUpdatedBefore").asString(null), now);
    }

    /** getOrderItems of one order, page by page (NextToken). */
    private List<JsonNode> orderItems(String orderId) throws ConnectorException {
        List<JsonNode> items = new ArrayList<>();
        String token = null;
        for (int page = 0; page < AmazonOrders.MAX_ITEM_PAGES; page++) {
            if (!getOrderItems.take()) {
                throw new ConnectorException.Throttled("Amazon getOrderItems: the usage plan's burst is spent",
                        getOrderItems.untilNext());
            }
            Answer answer = planned(getOrderItems, "GET", AmazonOrders.GET_ORDERS + "/" + encode(orderId) + "/orderItems"
                    + (token == null ? "" : "?NextToken=" + encode(token)), "getOrderItems");
            if (answer.status() != 200) throw failed("getOrderItems", answer);
            JsonNode payload = answer.json().path("payload");
            payload.path("OrderItems").forEach(items::add);
            token = payload.path("NextToken").asString("");
            if (token.isEmpty()) break;
        }
        return items;
    }

    /** The window's start sent to Amazon: the cursor less the overlap, whole seconds. */
    private static String since(AmazonOrders.Cursor c) {
        return c.after().minus(AmazonOrders.OVERLAP).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * The page and the cursor after it: the next page of the run while Amazon gives a token, else the
     * next run starting where this window ended (Amazon's {@code lastUpdatedBefore}, else two minutes ago).
     */
    private static PlatformOrder.Page page(AmazonOrders.Cursor c, String api, List<PlatformOrder> orders, String next,
                                           String answeredBefore, Instant now) {
        Instant until = c.until();
        if (until == null) until = AmazonOrders.parseTime(answeredBefore);
        if (until == null) until = now.minus(AmazonOrders.SETTLING).truncatedTo(ChronoUnit.SECONDS);
        if (!next.isEmpty()) return new PlatformOrder.Page(orders, c.next(api, until, next).text(), true);
        return new PlatformOrder.Page(orders, c.done(until).text(), false);
    }

    /** An order API call; a 429 also empties the local usage plan (Amazon's bucket is empty). */
    private Answer planned(UsagePlan plan, String method, String pathAndQuery, String operation) throws ConnectorException {
        try {
            return call(method, pathAndQuery, null, operation);
        } catch (ConnectorException.Throttled e) {
            plan.empty();
            throw e;
        }
    }

    /**
     * {@code getMarketplaceParticipations}: the credentials work and the seller takes part in the
     * account's marketplace.
     *
     * @see <a href="https://developer-docs.amazon.com/sp-api/reference/getmarketplaceparticipations">getMarketplaceParticipations</a>
     */
    @Override
    public ConnectionCheck testConnection() {
        try {
            Answer answer = call("GET", PARTICIPATIONS, null, "getMarketplaceParticipations");
            if (answer.status() != 200) return new ConnectionCheck(false, failed("getMarketplaceParticipations", answer).getMessage());
            for (JsonNode entry : answer.json().path("payload")) {
                JsonNode marketplace = entry.path("marketplace");
                if (marketplaceId.equals(marketplace.path("id").asString(""))) {
                    boolean participating = entry.path("participation").path("isParticipating").asBoolean(false);
                    String name = marketplace.path("name").asString(marketplaceId);
                    String store = entry.path("storeName").asString("");
                    return participating
                            ? new ConnectionCheck(true, redaction.apply("Connected: seller " + sellerId
                                    + " sells on " + name + " (" + marketplaceId + ")"
                                    + (store.isEmpty() ? "" : " as " + store)))
                            : new ConnectionCheck(false, "The seller does not participate in marketplace "
                                    + marketplaceId + " (" + name + ")");
                }
            }
            return new ConnectionCheck(false, "The credentials work, but the seller has no participation in marketplace "
                    + marketplaceId);
        } catch (ConnectorException e) {
            return new ConnectionCheck(false, e.getMessage());
        }
    }

    record Answer(int status, Map<String, String> headers, JsonNode json) {
        Optional<String> header(String name) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) return Optional.ofNullable(h.getValue());
            }
            return Optional.empty();
        }
    }

    /** An SP-API call with the access token; one refresh and retry when the token was refused as expired. */
    private Answer call(String method, String pathAndQuery, byte[] body, String operation) throws ConnectorException {
        Answer answer = once(method, pathAndQuery, body, operation);
        if (tokenRefused(answer)) {
            answer = once(method, pathAndQuery, body, operation);
            if (answer.status() == 401 || answer.status() == 403) {
                throw new ConnectorException.Unauthorized(redaction.apply("Amazon refused the access token for "
                        + operation + " also after a refresh: " + errors(answer)));
            }
        } else if (answer.status() == 403) {
            throw new ConnectorException.Unauthorized(redaction.apply("Amazon denied " + operation + ": "
                    + errors(answer) + " (is the app authorised with the needed role for this seller?)"));
        }
        if (answer.status() == 429) {
            Optional<String> limit = answer.header("x-amzn-RateLimit-Limit");
            throw new ConnectorException.Throttled("Amazon throttled " + operation
                    + limit.map(l -> " (rate limit " + l + " requests per second)").orElse(""), waitFor(limit));
        }
        return answer;
    }

    private String lastToken;

    private Answer once(String method, String pathAndQuery, byte[] body, String operation) throws ConnectorException {
        String token = login.accessToken();
        lastToken = token;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-access-token", token);
        headers.put("Accept", "application/json");
        headers.put("User-Agent", USER_AGENT);
        if (body != null) headers.put("Content-Type", "application/json");
        OutboundHttp.Exchange exchange;
        try {
            exchange = http.send(method, base.resolve(pathAndQuery), headers, body);
        } catch (IOException e) {
            throw new ConnectorException.Failed(redaction.apply("Amazon " + operation + " failed: " + e.getMessage()), null);
        }
        return new Answer(exchange.status(), exchange.headers(), LoginWithAmazon.readQuietly(exchange.body()));
    }

    /** 401, or 403 whose error says the token expired: forget it, so the retry gets a fresh one. */
    private boolean tokenRefused(Answer answer) {
        boolean refused = answer.status() == 401
                || (answer.status() == 403 && errors(answer).toLowerCase(Locale.ROOT).contains("expired"));
        if (refused) login.forget(lastToken);
        return refused;
    }

    /**
     * The wait after a 429: one request's worth at the rate Amazon states in
     * {@code x-amzn-RateLimit-Limit} (requests per second), at least 100 ms; one second when it names none.
     */
    static Duration waitFor(Optional<String> limit) {
        try {
            double rate = Double.parseDouble(limit.orElse("").trim());
            if (rate > 0) return Duration.ofMillis(Math.max(100, (long) Math.ceil(1000 / rate)));
        } catch (NumberFormatException notANumber) {
            // fall through
        }
        return Duration.ofSeconds(1);
    }

    private ConnectorException.Failed failed(String operation, Answer answer) {
        return new ConnectorException.Failed(redaction.apply("Amazon " + operation + " answered " + answer.status()
                + ": " + errors(answer)), null);
    }

    /** The SP-API error list as "code: message (details)", joined. */
    static String errors(Answer answer) {
        StringJoiner out = new StringJoiner("; ");
        for (JsonNode error : answer.json().path("errors")) {
            String details = error.path("details").asString("");
            out.add(error.path("code").asString("?") + ": " + error.path("message").asString("")
                    + (details.isEmpty() ? "" : " (" + details + ")"));
        }
        return out.length() == 0 ? "HTTP " + answer.status() : out.toString();
    }

    /** The ERROR issues of an INVALID submission, "code: message", joined. */
    private static String issues(JsonNode submission, String status) {
        StringJoiner out = new StringJoiner("; ");
        for (JsonNode issue : submission.path("issues")) {
            if ("ERROR".equals(issue.path("severity").asString(""))) {
                out.add(issue.path("code").asString("?") + ": " + issue.path("message").asString(""));
            }
        }
        return out.length() == 0 ? "Amazon answered status " + status : out.toString();
    }

    private String listingPath(String sellerSku) {
        return LISTINGS + encode(sellerId) + "/" + encode(sellerSku);
    }

    /** Percent-encoding for a path segment or query value (a space as %20, not +). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

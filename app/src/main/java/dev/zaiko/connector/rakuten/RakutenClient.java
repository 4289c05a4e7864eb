package dev.zaiko.connector.rakuten;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.ConnectorException;
import dev.zaiko.connector.ConnectorHttp;
import dev.zaiko.connector.PlatformClient;
import dev.zaiko.connector.PlatformOrder;
import dev.zaiko.platform.outbound.OutboundHttp;

/**
 * One Rakuten shop's RMS WEB SERVICE conversation. Every request carries
 * {@code Authorization: ESA Base64(serviceSecret:licenseKey)}; the header value is built once and
 * never put into a message or log.
 * <p>
 * Answers: RMS inventory API errors are {@code {"errors":[{"code","message","metadata":{"propertyPath"}}]}}
 * (InventoryAPI 2.0/2.1 code reference); a 401/403 is the keys refused ({@link ConnectorException.Unauthorized},
 * ESA has no refresh); a 429, or any answer saying "too many requests", is
 * {@link ConnectorException.Throttled} with the answer's {@code Retry-After} or one second (the
 * documented 1 request/s); anything else is {@link ConnectorException.Failed} with RMS's code and message.
 *
 * @see <a href="https://webservice.rms.rakuten.co.jp/merchant-portal/view/ja/common/1-1_service_index/inventoryapi2_1/codereference/">InventoryAPI response codes (RMS, login required)</a>
 */
class RakutenClient implements PlatformClient {

    static final String BULK_UPSERT = "/es/2.0/inventories/bulk-upsert";
    static final String BULK_GET = "/es/2.0/inventories/bulk-get";
    static final String CANCEL_ORDER = "/es/2.0/order/cancelOrder/";
    static final String SEARCH_ORDER = "/es/2.0/order/searchOrder/";
    static final String GET_ORDER = "/es/2.0/order/getOrder/";
    static final String CONFIRM_ORDER = "/es/2.0/order/confirmOrder/";
    /** getOrder and confirmOrder take at most 100 order numbers. */
    static final int MAX_ORDERS = 100;
    /** inventories.bulk.get takes 1..1000 items. */
    static final int MAX_READ = 1000;
    /** RMS quantity range: 0..99999 (IE0003). */
    static final int MAX_QUANTITY = 99_999;
    /** cancelOrder 在庫連動区分 2: 在庫連動しない — Zaiko owns the quantity and pushes it itself. */
    static final int INVENTORY_RESTORE_NONE = 2;
    /** cancelOrder キャンセル理由 8: 欠品 (店舗都合). */
    static final int REASON_STOCKOUT = 8;
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(RakutenClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ITEM_PATH = Pattern.compile("^inventories\\[(\\d+)]");

    private final ConnectorAccount account;
    private final ConnectorHttp http;
    private final String base;
    private final String authorization;
    private final Clock clock;
    private final Duration orderSpacing;
    private long lastOrderCallNanos;
    private boolean orderCalled;
    /** Orders the last getOrder found at 100 (注文確認待ち): confirmed once Zaiko recorded them. */
    private final Set<String> awaitingConfirmation = ConcurrentHashMap.newKeySet();

    RakutenClient(ConnectorAccount account, ConnectorHttp http, String base) {
        this(account, http, base, Clock.systemUTC(), Duration.ZERO);
    }

    /** @param orderSpacing the least time between two RakutenPayOrderAPI requests of this shop */
    RakutenClient(ConnectorAccount account, ConnectorHttp http, String base, Clock clock, Duration orderSpacing) {
        this.account = account;
        this.http = http;
        this.base = base;
        this.clock = clock;
        this.orderSpacing = orderSpacing;
        String pair = nullToEmpty(account.credential("serviceSecret")) + ":" + nullToEmpty(account.credential("licenseKey"));
        this.authorization = "ESA " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** One item as RMS addresses it; manageNumber is lower-cased by RMS, variantId is case-sensitive. */
    record Item(String manageNumber, String variantId) {
        static Item of(String manageNumber, String variantId) {
            return new Item(manageNumber.toLowerCase(Locale.ROOT), variantId);
        }
    }

    private record Pending(String sku, String manageNumber, String variantId, int quantity) {
    }

    /**
     * inventories.bulk.upsert with {@code mode: ABSOLUTE}. RMS does not refuse unknown items (it keeps
     * the quantity and drops it after 24 hours), so only malformed ones come back as errors; when every
     * error names an item ({@code inventories[i]…}), those SKUs are rejected and the rest is sent once more.
     *
     * @see <a href="https://webservice.rms.rakuten.co.jp/merchant-portal/view/ja/common/1-1_service_index/inventoryapi2/upsertbulkinventories">inventories.bulk.upsert</a>
     */
    @Override
    public PushOutcome setQuantities(List<QuantityUpdate> updates) throws ConnectorException {
        if (updates.size() > RakutenConnector.LIMITS.maxBatch()) {
            throw new IllegalArgumentException("At most " + RakutenConnector.LIMITS.maxBatch() + " updates per call");
        }
        Map<String, String> rejected = new LinkedHashMap<>();
        Map<Item, Pending> byItem = new LinkedHashMap<>();
        for (QuantityUpdate u : updates) {
            Optional<Map<String, String>> ids = account.mapping().identifiers(u.sku());
            String manageNumber = ids.map(m -> m.get("manageNumber")).orElse(null);
            String variantId = ids.map(m -> m.get("variantId")).orElse(null);
            if (manageNumber == null || manageNumber.isBlank() || variantId == null || variantId.isBlank()) {
                rejected.put(u.sku(), "not mapped to a Rakuten manageNumber and variantId");
                continue;
            }
            Item item = Item.of(manageNumber, variantId);
            Pending earlier = byItem.get(item);
            if (earlier != null && !earlier.sku().equals(u.sku())) {
                rejected.put(u.sku(), "mapped to the same Rakuten item as " + earlier.sku());
                continue;
            }
            // the later value of one SKU wins; negative and too large values are clamped to what RMS takes
            // (0 and 99999: never more shown than Zaiko holds); manageNumber goes lower-cased, as RMS keeps it
            int quantity = Math.max(0, Math.min(MAX_QUANTITY, u.quantity()));
            byItem.remove(item);
            byItem.put(item, new Pending(u.sku(), item.manageNumber(), variantId, quantity));
        }
        List<Pending> toSend = new ArrayList<>(byItem.values());
        List<String> accepted = new ArrayList<>();
        for (int attempt = 0; attempt < 2 && !toSend.isEmpty(); attempt++) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode inventories = body.putArray("inventories");
            for (Pending p : toSend) {
                inventories.addObject()
                        .put("manageNumber", p.manageNumber())
                        .put("variantId", p.variantId())
                        .put("mode", "ABSOLUTE")
                        .put("quantity", p.quantity());
            }
            OutboundHttp.Exchange answer = post(BULK_UPSERT, body);
            if (answer.status() == 204 || answer.status() == 200) {
                toSend.forEach(p -> accepted.add(p.sku()));
                toSend = List.of();
                break;
            }
            Map<Integer, String> perItem = itemErrors(answer);
            if (answer.status() != 400 || perItem.isEmpty() || attempt > 0) {
                throw failure("bulk-upsert", answer);
            }
            List<Pending> rest = new ArrayList<>();
            for (int i = 0; i < toSend.size(); i++) {
                String reason = perItem.get(i);
                if (reason != null) rejected.put(toSend.get(i).sku(), reason);
                else rest.add(toSend.get(i));
            }
            toSend = rest;
        }
        return new PushOutcome(accepted, rejected, null);
    }

    /**
     * inventories.bulk.get, at most 1,000 items per request; SKUs without a mapping or that RMS does
     * not know are left out.
     *
     * @see <a href="https://webservice.rms.rakuten.co.jp/merchant-portal/view/ja/common/1-1_service_index/inventoryapi2/getbulkinventories">inventories.bulk.get</a>
     */
    @Override
    public Optional<Map<String, Integer>> readQuantities(List<String> skus) throws ConnectorException {
        Map<Item, String> skuOf = new LinkedHashMap<>();
        for (String sku : skus) {
            Optional<Map<String, String>> ids = account.mapping().identifiers(sku);
            String manageNumber = ids.map(m -> m.get("manageNumber")).orElse(null);
            String variantId = ids.map(m -> m.get("variantId")).orElse(null);
            if (manageNumber != null && variantId != null) skuOf.putIfAbsent(Item.of(manageNumber, variantId), sku);
        }
        Map<String, Integer> shown = new LinkedHashMap<>();
        List<Item> items = new ArrayList<>(skuOf.keySet());
        for (int from = 0; from < items.size(); from += MAX_READ) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode inventories = body.putArray("inventories");
            for (Item item : items.subList(from, Math.min(items.size(), from + MAX_READ))) {
                inventories.addObject().put("manageNumber", item.manageNumber()).put("variantId", item.variantId());
            }
            OutboundHttp.Exchange answer = post(BULK_GET, body);
            if (answer.status() != 200) throw failure("bulk-get", answer);
            for (JsonNode inventory : json(answer).path("inventories")) {
                Item item = Item.of(inventory.path("manageNumber").asString(""), inventory.path("variantId").asString(""));
                String sku = skuOf.get(item);
                if (sku != null && inventory.path("quantity").isNumber()) {
                    shown.put(sku, inventory.path("quantity").intValue());
                }
            }
        }
        return Optional.of(shown);
    }

    /**
     * RakutenPayOrderAPI cancelOrder with キャンセル理由 8 (欠品) and 在庫連動区分 2 (在庫連動しない). RMS
     * cancels the whole order (order statuses 100/200/300 only); the answer is
     * {@code MessageModelList[{messageType, messageCode, message, orderNumber}]}, INFO on success.
     *
     * @see <a href="https://webservice.rms.rakuten.co.jp/merchant-portal/view/ja/common/1-1_service_index/rakutenpayorderapi/cancelorder">cancelOrder (RMS, login required)</a>
     * @see <a href="https://webservice.rms.rakuten.co.jp/merchant-portal/view?contents=/ja/common/1-1_service_index/rakutenpayorderapi/rakutenpaymsgcodereference">RakutenPayOrderAPI message codes</a>
     */
    @Override
    public CancellationOutcome cancelForStockout(CancellationRequest request) throws ConnectorException {
        ObjectNode body = JSON.createObjectNode()
                .put("orderNumber", request.orderId())
                .put("inventoryRestoreType", INVENTORY_RESTORE_NONE)
                .put("changeReasonDetailApply", REASON_STOCKOUT);
        OutboundHttp.Exchange answer = post(CANCEL_ORDER, body);
        throwIfRefusedOrThrottled("cancelOrder", answer);
        JsonNode messages = json(answer).path("MessageModelList");
        if (answer.status() == 200 && messages.isArray() && !messages.isEmpty()) {
            boolean error = false;
            StringBuilder text = new StringBuilder();
            for (JsonNode m : messages) {
                if ("ERROR".equals(m.path("messageType").asString(""))) error = true;
                if (!text.isEmpty()) text.append("; ");
                text.append(m.path("messageCode").asString("")).append(": ").append(m.path("message").asString(""));
            }
            return error ? new CancellationOutcome(CancellationOutcome.Status.REFUSED, null, text.toString())
                    : new CancellationOutcome(CancellationOutcome.Status.CONFIRMED, request.orderId(), null);
        }
        if (answer.status() >= 400 && answer.status() < 500 && messages.isArray() && !messages.isEmpty()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode m : messages) {
                if (!text.isEmpty()) text.append("; ");
                text.append(m.path("messageCode").asString("")).append(": ").append(m.path("message").asString(""));
            }
            return new CancellationOutcome(CancellationOutcome.Status.REFUSED, null, text.toString());
        }
        throw failure("cancelOrder", answer);
    }

    /**
     * Orders in, one page per call (see {@link RakutenOrders} for the cursor): searchOrder by 注文日
     * over the window since the cursor for progresses 100–400 and 900, 100 order numbers a page, then
     * getOrder (version {@value RakutenOrders#GET_ORDER_VERSION}, SKU model) for those numbers; every
     * {@link RakutenOrders#SWEEP_EVERY} a sweep of the cancelled orders (900) of the last
     * {@link RakutenOrders#SWEEP_LOOKBACK}, numbers only. A window longer than searchOrder allows
     * (63 days) is cut, and the pull goes on ({@code more}) with the rest.
     */
    @Override
    public Optional<PlatformOrder.Page> pullOrders(String cursor) throws ConnectorException {
        Instant now = clock.instant();
        RakutenOrders.Cursor c = RakutenOrders.Cursor.parse(cursor, now);
        boolean sweepDue = c.swept() == null || !now.isBefore(c.swept().plus(RakutenOrders.SWEEP_EVERY));
        if (c.phase() == null) {
            Instant start = c.from().minus(RakutenOrders.OVERLAP);
            Instant end = now.isAfter(start.plus(RakutenOrders.MAX_WINDOW)) ? start.plus(RakutenOrders.MAX_WINDOW) : now;
            c = c.at(RakutenOrders.Phase.NEW, start, end, 1);
        }
        if (c.phase() == RakutenOrders.Phase.SWEEP) {
            Search found = search(List.of(RakutenOrders.CANCELLED), c.start(), c.end(), c.page(),
                    RakutenOrders.SWEEP_PAGE_SIZE);
            List<PlatformOrder> orders = found.orderNumbers().stream().map(RakutenOrders::cancelled).toList();
            if (c.page() < found.totalPages()) {
                return Optional.of(new PlatformOrder.Page(orders, c.at(c.phase(), c.start(), c.end(), c.page() + 1).text(), true));
            }
            return Optional.of(new PlatformOrder.Page(orders, c.between(c.from(), c.end()).text(), false));
        }
        Search found = search(RakutenOrders.NEW_PROGRESSES, c.start(), c.end(), c.page(), RakutenOrders.PAGE_SIZE);
        List<PlatformOrder> orders = getOrders(found.orderNumbers());
        if (c.page() < found.totalPages()) {
            return Optional.of(new PlatformOrder.Page(orders, c.at(c.phase(), c.start(), c.end(), c.page() + 1).text(), true));
        }
        RakutenOrders.Cursor done = c.between(c.end(), c.swept());
        if (c.end().isBefore(now)) { // the window was cut at 63 days: the rest comes next
            return Optional.of(new PlatformOrder.Page(orders, done.text(), true));
        }
        if (sweepDue) {
            RakutenOrders.Cursor sweep = done.at(RakutenOrders.Phase.SWEEP, now.minus(RakutenOrders.SWEEP_LOOKBACK), now, 1);
            return Optional.of(new PlatformOrder.Page(orders, sweep.text(), true));
        }
        return Optional.of(new PlatformOrder.Page(orders, done.text(), false));
    }

    /** One searchOrder page: the order numbers and how many pages the search has. */
    record Search(List<String> orderNumbers, int totalPages) {
    }

    /**
     * searchOrder: dateType 1 (注文日), the window in JST, the progresses, one page sorted by order
     * date ascending (sortColumn 1 注文日時, sortDirection 1 昇順).
     *
     * @see <a href="https://webservice.rms.rakuten.co.jp/merchant-portal/view/ja/common/1-1_service_index/rakutenpayorderapi/searchorder">searchOrder (RMS, login required)</a>
     */
    Search search(List<Integer> progresses, Instant start, Instant end, int page, int pageSize) throws ConnectorException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("orderProgressList");
        progresses.forEach(list::add);
        body.put("dateType", RakutenOrders.DATE_TYPE_ORDERED)
                .put("startDatetime", RakutenOrders.rmsTime(start))
                .put("endDatetime", RakutenOrders.rmsTime(end));
        ObjectNode paging = body.putObject("PaginationRequestModel")
                .put("requestRecordsAmount", pageSize)
                .put("requestPage", page);
        paging.putArray("SortModelList").addObject().put("sortColumn", 1).put("sortDirection", 1);
        OutboundHttp.Exchange answer = orderPost(SEARCH_ORDER, body);
        JsonNode json = okOrderAnswer("searchOrder", answer);
        List<String> numbers = new ArrayList<>();
        for (JsonNode n : json.path("orderNumberList")) numbers.add(n.asString());
        int pages = json.path("PaginationResponseModel").path("totalPages").asInt(numbers.isEmpty() ? 0 : 1);
        return new Search(numbers, pages);
    }

    /**
     * getOrder of at most 100 order numbers, version {@value RakutenOrders#GET_ORDER_VERSION}; the orders
     * at 100 (注文確認待ち) are remembered for {@link #ordersRecorded}.
     *
     * @see <a href="https://webservice.rms.rakuten.co.jp/merchant-portal/view/ja/common/1-1_service_index/rakutenpayorderapi/getorder">getOrder (RMS, login required)</a>
     */
    List<PlatformOrder> getOrders(List<String> orderNumbers) throws ConnectorException {
        List<PlatformOrder> orders = new ArrayList<>();
        for (int from = 0; from < orderNumbers.size(); from += MAX_ORDERS) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode list = body.putArray("orderNumberList");
            orderNumbers.subList(from, Math.min(orderNumbers.size(), from + MAX_ORDERS)).forEach(list::add);
            body.put("version", RakutenOrders.GET_ORDER_VERSION);
            JsonNode json = okOrderAnswer("getOrder", orderPost(GET_ORDER, body));
            for (JsonNode o : json.path("OrderModelList")) {
                PlatformOrder order = RakutenOrders.order(o);
                if (order.orderId() != null && o.path("orderProgress").asInt(0) == RakutenOrders.AWAITING_CONFIRMATION) {
                    awaitingConfirmation.add(order.orderId());
                }
                orders.add(order);
            }
        }
        return orders;
    }

    /**
     * confirmOrder (注文確認) for the recorded orders that were at 100, at most 100 a request. An order
     * RMS will not confirm is logged, not thrown: Zaiko has it, and a person can confirm it in RMS.
     *
     * @see <a href="https://webservice.rms.rakuten.co.jp/merchant-portal/view/ja/common/1-1_service_index/rakutenpayorderapi/confirmorder">confirmOrder (RMS, login required)</a>
     */
    @Override
    public void ordersRecorded(List<String> orderIds) throws ConnectorException {
        List<String> toConfirm = orderIds.stream().filter(awaitingConfirmation::contains).distinct().toList();
        for (int from = 0; from < toConfirm.size(); from += MAX_ORDERS) {
            List<String> chunk = toConfirm.subList(from, Math.min(toConfirm.size(), from + MAX_ORDERS));
            ObjectNode body = JSON.createObjectNode();
            chunk.forEach(body.putArray("orderNumberList")::add);
            JsonNode json = okOrderAnswer("confirmOrder", orderPost(CONFIRM_ORDER, body));
            for (JsonNode m : json.path("MessageModelList")) {
                if ("ERROR".equals(m.path("messageType").asString(""))) {
                    log.warn("Rakuten RMS did not confirm order {}: {} {}", m.path("orderNumber").asString(""),
                            m.path("messageCode").asString(""), m.path("message").asString(""));
                }
            }
            chunk.forEach(awaitingConfirmation::remove);
        }
    }

    /**
     * An order API POST, no sooner than {@code orderSpacing} after the answer to this shop's previous
     * one: counted from the answer, RMS sees the requests at least that far apart whatever the network
     * adds to either of them. One at a time per shop.
     */
    private synchronized OutboundHttp.Exchange orderPost(String path, ObjectNode body) throws ConnectorException {
        if (orderCalled && !orderSpacing.isZero()) {
            long wait = orderSpacing.toNanos() - (System.nanoTime() - lastOrderCallNanos);
            if (wait > 0) {
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectorException.Failed("Interrupted while pacing Rakuten RMS order requests", e);
                }
            }
        }
        try {
            return post(path, body);
        } finally {
            orderCalled = true;
            lastOrderCallNanos = System.nanoTime();
        }
    }

    /** The answer of an order API call when it is a 200 without an ERROR message, else the failure. */
    private static JsonNode okOrderAnswer(String what, OutboundHttp.Exchange answer) throws ConnectorException {
        JsonNode json = json(answer);
        boolean error = false;
        for (JsonNode m : json.path("MessageModelList")) {
            if ("ERROR".equals(m.path("messageType").asString(""))) error = true;
        }
        if (answer.status() != 200 || (error && !what.equals("confirmOrder"))) throw failure(what, answer);
        return json;
    }

    /** inventories.bulk.get of one item that need not exist: proves the host and the ESA keys. */
    @Override
    public ConnectionCheck testConnection() {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("inventories").addObject().put("manageNumber", "zaiko-connection-test").put("variantId", "zaiko");
        try {
            OutboundHttp.Exchange answer = post(BULK_GET, body);
            if (answer.status() == 200 || answer.status() == 404) {
                return new ConnectionCheck(true, "RMS inventory API answered " + answer.status() + "; the keys are accepted");
            }
            throw failure("bulk-get", answer);
        } catch (ConnectorException e) {
            return new ConnectionCheck(false, e.getMessage());
        }
    }

    private OutboundHttp.Exchange post(String path, ObjectNode body) throws ConnectorException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        OutboundHttp.Exchange answer;
        try {
            answer = http.send("POST", URI.create(base + path), Map.of(
                    "Authorization", authorization,
                    "Content-Type", "application/json; charset=utf-8",
                    "Accept", "application/json"), bytes);
        } catch (IOException e) {
            throw new ConnectorException.Failed("Rakuten RMS " + path + " did not answer: " + e.getMessage(), e);
        }
        throwIfRefusedOrThrottled(path, answer);
        return answer;
    }

    private void throwIfRefusedOrThrottled(String what, OutboundHttp.Exchange answer) throws ConnectorException {
        String text = answer.text();
        if (answer.status() == 429 || text.toLowerCase(Locale.ROOT).contains("too many requests")) {
            throw new ConnectorException.Throttled("Rakuten RMS asked to slow down (" + what + ", HTTP "
                    + answer.status() + ")", retryAfter(answer).orElse(DEFAULT_WAIT));
        }
        if (answer.status() == 401 || answer.status() == 403) {
            throw new ConnectorException.Unauthorized("Rakuten RMS refused the serviceSecret/licenseKey (" + what
                    + ", HTTP " + answer.status() + errorsText(answer) + ")");
        }
    }

    private static ConnectorException failure(String what, OutboundHttp.Exchange answer) {
        return new ConnectorException.Failed("Rakuten RMS " + what + " answered HTTP " + answer.status()
                + errorsText(answer), null);
    }

    /** RMS errors[] as " code: message; …", or the start of a non-JSON answer. */
    private static String errorsText(OutboundHttp.Exchange answer) {
        JsonNode errors = json(answer).path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            StringBuilder text = new StringBuilder(":");
            for (JsonNode e : errors) {
                text.append(' ').append(e.path("code").asString("")).append(": ").append(e.path("message").asString(""));
                String path = e.path("metadata").path("propertyPath").asString("");
                if (!path.isEmpty()) text.append(" (").append(path).append(')');
                text.append(';');
            }
            return text.substring(0, text.length() - 1);
        }
        JsonNode messages = json(answer).path("MessageModelList");
        if (messages.isArray() && !messages.isEmpty()) {
            StringBuilder text = new StringBuilder(":");
            for (JsonNode m : messages) {
                text.append(' ').append(m.path("messageCode").asString("")).append(": ")
                        .append(m.path("message").asString("")).append(';');
            }
            return text.substring(0, text.length() - 1);
        }
        String body = answer.text().strip();
        return body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) : body);
    }

    /** The errors that name one item, by its index in the request. */
    private static Map<Integer, String> itemErrors(OutboundHttp.Exchange answer) {
        Map<Integer, String> perItem = new LinkedHashMap<>();
        JsonNode errors = json(answer).path("errors");
        if (!errors.isArray() || errors.isEmpty()) return Map.of();
        for (JsonNode e : errors) {
            Matcher m = ITEM_PATH.matcher(e.path("metadata").path("propertyPath").asString(""));
            if (!m.find()) return Map.of(); // an error about the whole request
            perItem.merge(Integer.parseInt(m.group(1)),
                    e.path("code").asString("") + ": " + e.path("message").asString(""), (a, b) -> a + "; " + b);
        }
        return perItem;
    }

    private static JsonNode json(OutboundHttp.Exchange answer) {
        if (answer.body().length == 0) return JSON.missingNode();
        try {
            return JSON.readTree(answer.body());
        } catch (RuntimeException e) {
            return JSON.missingNode();
        }
    }

    static Optional<Duration> retryAfter(OutboundHttp.Exchange answer) {
        return answer.header("Retry-After").flatMap(v -> {
            try {
                long seconds = Long.parseLong(v.strip());
                return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

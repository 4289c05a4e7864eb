package dev.zaiko.connector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A platform in memory, for the core's tests only: it says it is SHOPIFY and a test that wants it
 * replaces the real Shopify adapter's bean with it ({@code @TestBean(name = "shopifyConnector",
 * methodName = "dev.zaiko.connector.FakePlatform#fakeShopify")}, as ConnectorApiTest): one adapter per
 * platform stays true, and every other test context has the real adapter. Per channel it keeps what the
 * "platform" shows for each SKU and every request the client made; settings {@code readBack=false}
 * makes it a platform that cannot be read back (as Yahoo); {@code bulk=true} gives it a bulk path
 * (as Amazon's listings feed: a submission is processed only when the test says so). It needs {@code settings.shopDomain} and
 * {@code credentials.accessToken}; an access token starting with "bad" is refused.
 */
final class FakePlatform {

    /** One channel's platform as the test sees it. */
    static final class Shop {
        final Map<String, Integer> shown = new ConcurrentHashMap<>();
        final List<List<PlatformClient.QuantityUpdate>> requests = new CopyOnWriteArrayList<>();
        volatile Duration throttleNext;
        /** Every stock-out cancellation sent, and every look at a pending one ({@code followed}). */
        final List<PlatformClient.CancellationRequest> cancellations = new CopyOnWriteArrayList<>();
        final List<String> followed = new CopyOnWriteArrayList<>();
        /** The answers to cancellations and looks, in turn; CONFIRMED when none is left. */
        final java.util.Queue<PlatformClient.CancellationOutcome> cancelAnswers =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        /** Bulk submissions by reference, in order; the ones the platform has processed; SKUs it rejects then. */
        final Map<String, List<PlatformClient.QuantityUpdate>> bulkSubmissions =
                java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        final java.util.Set<String> bulkProcessed = ConcurrentHashMap.newKeySet();
        final Map<String, String> bulkRejects = new ConcurrentHashMap<>();
        /** Every look at a bulk submission. */
        final List<String> bulkLooks = new CopyOnWriteArrayList<>();
        /**
         * Orders in: the platform's order log, oldest first (a change of an order is a new entry); a pull
         * answers {@code pageSize} entries from the cursor (the index, as text), and every cursor asked.
         */
        final List<PlatformOrder> orders = new CopyOnWriteArrayList<>();
        volatile int pageSize = 2;
        final List<String> cursorsAsked = new CopyOnWriteArrayList<>();
        /** The next pull fails with this once (after answering {@code failAfterPages} pages). */
        volatile ConnectorException failPull;
        volatile int failAfterPages;
        /** Order ids the client was told Zaiko recorded ({@code ordersRecorded}). */
        final List<String> confirmed = new CopyOnWriteArrayList<>();
    }

    static final Map<String, Shop> SHOPS = new ConcurrentHashMap<>();

    static Shop shop(String channel) {
        return SHOPS.computeIfAbsent(channel, c -> new Shop());
    }

    static PlatformConnector fakeShopify() {
        return new PlatformConnector() {
            @Override
            public Platform platform() {
                return Platform.SHOPIFY;
            }

            @Override
            public Limits limits() {
                return new Limits(20, 5, 10);
            }

            @Override
            public List<FieldProblem> validate(ConnectorAccount account) {
                List<FieldProblem> problems = new ArrayList<>();
                if (account.setting("shopDomain") == null) {
                    problems.add(new FieldProblem("settings.shopDomain", "is required"));
                }
                if (account.credential("accessToken") == null) {
                    problems.add(new FieldProblem("credentials.accessToken", "is required"));
                }
                return problems;
            }

            @Override
            public PlatformClient client(ConnectorAccount account, ConnectorHttp http) {
                return new Client(account);
            }
        };
    }

    private static final class Client implements PlatformClient {
        private final ConnectorAccount account;
        private final Shop shop;

        Client(ConnectorAccount account) {
            this.account = account;
            this.shop = shop(account.channel());
        }

        @Override
        public PushOutcome setQuantities(List<QuantityUpdate> updates) throws ConnectorException {
            if (account.credential("accessToken").startsWith("bad")) {
                throw new ConnectorException.Unauthorized("the shop refused the access token");
            }
            Duration throttle = shop.throttleNext;
            if (throttle != null) {
                shop.throttleNext = null;
                throw new ConnectorException.Throttled("THROTTLED", throttle);
            }
            shop.requests.add(List.copyOf(updates));
            List<String> accepted = new ArrayList<>();
            Map<String, String> rejected = new LinkedHashMap<>();
            for (QuantityUpdate u : updates) {
                if (account.mapping().identifiers(u.sku()).isEmpty()) {
                    rejected.put(u.sku(), "not mapped");
                } else {
                    shop.shown.put(u.sku(), u.quantity());
                    accepted.add(u.sku());
                }
            }
            return new PushOutcome(accepted, rejected, null);
        }

        @Override
        public Optional<Map<String, Integer>> readQuantities(List<String> skus) {
            if ("false".equals(account.setting("readBack"))) return Optional.empty();
            Map<String, Integer> out = new LinkedHashMap<>();
            for (String sku : skus) {
                Integer v = shop.shown.get(sku);
                if (v != null) out.put(sku, v);
            }
            return Optional.of(out);
        }

        @Override
        public Optional<BulkLimits> bulk() {
            return "true".equals(account.setting("bulk")) ? Optional.of(new BulkLimits(1000, 0.01, 15)) : Optional.empty();
        }

        @Override
        public BulkSubmission submitBulk(List<QuantityUpdate> updates) {
            Map<String, String> rejected = new LinkedHashMap<>();
            for (QuantityUpdate u : updates) {
                if (account.mapping().identifiers(u.sku()).isEmpty()) rejected.put(u.sku(), "not mapped");
            }
            String reference = "bulk-" + (shop.bulkSubmissions.size() + 1);
            shop.bulkSubmissions.put(reference, List.copyOf(updates));
            return new BulkSubmission(reference, rejected);
        }

        /** Processed: the submitted values land on the platform (whatever it showed meanwhile), but the rejected SKUs'. */
        @Override
        public BulkProgress followBulk(String reference, List<QuantityUpdate> submitted) {
            shop.bulkLooks.add(reference);
            if (!shop.bulkProcessed.contains(reference)) return BulkProgress.pending();
            List<String> accepted = new ArrayList<>();
            Map<String, String> rejected = new LinkedHashMap<>();
            for (QuantityUpdate u : submitted) {
                if (account.mapping().identifiers(u.sku()).isEmpty()) continue;
                String why = shop.bulkRejects.get(u.sku());
                if (why != null) {
                    rejected.put(u.sku(), why);
                } else {
                    shop.shown.put(u.sku(), u.quantity());
                    accepted.add(u.sku());
                }
            }
            return new BulkProgress(BulkProgress.Status.DONE, accepted, rejected, null);
        }

        @Override
        public CancellationOutcome cancelForStockout(CancellationRequest request) {
            shop.cancellations.add(request);
            return nextCancelAnswer();
        }

        @Override
        public CancellationOutcome followCancellation(CancellationRequest request, String reference) {
            shop.followed.add(reference);
            return nextCancelAnswer();
        }

        private CancellationOutcome nextCancelAnswer() {
            CancellationOutcome answer = shop.cancelAnswers.poll();
            return answer != null ? answer : new CancellationOutcome(CancellationOutcome.Status.CONFIRMED, null, null);
        }

        @Override
        public Optional<PlatformOrder.Page> pullOrders(String cursor) throws ConnectorException {
            if ("false".equals(account.setting("ordersIn"))) return Optional.empty();
            shop.cursorsAsked.add(String.valueOf(cursor));
            ConnectorException fail = shop.failPull;
            if (fail != null) {
                if (shop.failAfterPages <= 0) {
                    shop.failPull = null;
                    throw fail;
                }
                shop.failAfterPages--;
            }
            int from = cursor == null ? 0 : Integer.parseInt(cursor);
            int to = Math.min(shop.orders.size(), from + shop.pageSize);
            return Optional.of(new PlatformOrder.Page(new ArrayList<>(shop.orders.subList(from, to)),
                    String.valueOf(to), to < shop.orders.size()));
        }

        @Override
        public void ordersRecorded(List<String> orderIds) {
            shop.confirmed.addAll(orderIds);
        }

        @Override
        public ConnectionCheck testConnection() {
            return account.credential("accessToken").startsWith("bad")
                    ? new ConnectionCheck(false, "401: invalid API key or access token")
                    : new ConnectionCheck(true, "shop " + account.setting("shopDomain") + " answered");
        }
    }
}

package dev.zaiko.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Buyers placing orders over HTTP: each call is one {@code POST} of a complete one-line order
 * (one unit) and answers only when Zaiko has answered. Orders alternate between the shop's own
 * web shop (OWN) and a marketplace, both selling from the same warehouse, and carry a unique
 * {@code externalRef} as a checkout or marketplace would. Payments balance exactly: amount =
 * unit price + shipping fee, no points, gift balance or coupon.
 * <p>
 * A 201 whose order is ALLOCATED counts as reserved; a 409 (an own checkout refused for lack of
 * stock) or a 201 whose line awaits the customer (a marketplace order the stock could not cover)
 * as refused; anything else is an error.
 */
final class OrderTraffic implements Strategy {

    static final long UNIT_PRICE = 2_980;
    static final long SHIPPING_FEE = 550;

    private static final String BODY = """
            {"channel":"%s","externalRef":"%s","customer":{"name":"Bench Buyer","email":"buyer@example.jp",\
            "phone":"090-0000-0000","locale":"ja"},"payment":{"method":"CREDIT_CARD","status":"AUTHORIZED",\
            "amount":%d,"pointsUsed":0,"giftBalanceUsed":0},"express":false,"gift":false,"b2b":false,\
            "shippingFee":%d,"lines":[{"sku":"%s","quantity":%d,"unitPrice":%d}]}""";

    private final String name;
    private final URI target;
    private final List<String> channels;
    private final List<String> skus;
    private final String refPrefix;
    private final HttpClient http;
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param path     {@code /api/orders}, or the bench's echo endpoint for the baseline
     * @param skus     one SKU for the hot case; many are picked at random for the cold baseline
     * @param refPrefix makes every externalRef of the run unique
     */
    OrderTraffic(String name, String baseUrl, String path, List<String> channels, List<String> skus,
                 String refPrefix, HttpClient http) {
        this.name = name;
        this.target = URI.create(baseUrl + path);
        this.channels = List.copyOf(channels);
        this.skus = List.copyOf(skus);
        this.refPrefix = refPrefix;
        this.http = http;
    }

    /** One client for every buyer of a phase: HTTP/1.1 keep-alive, a connection per concurrent buyer. */
    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Concurrency concurrency() {
        return Concurrency.BLOCKING;
    }

    @Override
    public void setUp(BenchContext context) {
    }

    String body(long n, int quantity) {
        String channel = channels.get((int) (n % channels.size()));
        String sku = skus.size() == 1 ? skus.get(0) : skus.get(ThreadLocalRandom.current().nextInt(skus.size()));
        return BODY.formatted(channel, refPrefix + n, quantity * UNIT_PRICE + SHIPPING_FEE, SHIPPING_FEE, sku,
                quantity, UNIT_PRICE);
    }

    @Override
    public CompletableFuture<Boolean> reserve(int quantity) {
        String body = body(sequence.incrementAndGet(), quantity);
        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                .header("Authorization", ZaikoServer.AUTHORIZATION).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return CompletableFuture.completedFuture(outcome(response.statusCode(), response.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A one-line order has its line's status; the payment's status is never ALLOCATED or
     * AWAITING_CUSTOMER, so a text search of the answer suffices and keeps the client cheap.
     */
    static boolean outcome(int status, String body) {
        if (status == 201 && body.contains("\"status\":\"ALLOCATED\"")) return true;
        if (status == 409 || (status == 201 && body.contains("\"status\":\"AWAITING_CUSTOMER\""))) return false;
        throw new IllegalStateException("HTTP " + status + ": " + (body.length() > 300 ? body.substring(0, 300) : body));
    }
}

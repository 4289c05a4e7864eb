package dev.zaiko.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shop the order bench sells from, set up through Zaiko's API like any shop: one warehouse,
 * an own web shop (OWN) and a marketplace (MARKETPLACE) selling from it, one hot product and
 * any number of cold ones, each received and passed inspection. After a phase it checks what the
 * buyers were told against what Zaiko recorded.
 */
final class OrderShop {

    static final String WAREHOUSE = "WH-BENCH";
    static final String WEB = "WEB";
    static final String MARKETPLACE = "MKT";
    private static final int MAX_RECEIPT = 1_000_000; // the API's limit per receipt

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final JdbcTemplate jdbc;
    private final HttpClient http = HttpClient.newHttpClient();

    OrderShop(ZaikoServer server) {
        this.base = server.baseUrl();
        this.jdbc = server.jdbc();
    }

    void network() {
        post("/api/locations", """
                {"code":"%s","kind":"WAREHOUSE","name":"Bench warehouse"}""".formatted(WAREHOUSE));
        post("/api/channels", """
                {"code":"%s","kind":"OWN","name":"Web shop","online":true,"locations":["%s"]}"""
                .formatted(WEB, WAREHOUSE));
        post("/api/channels", """
                {"code":"%s","kind":"MARKETPLACE","name":"Marketplace","online":true,"locations":["%s"]}"""
                .formatted(MARKETPLACE, WAREHOUSE));
    }

    static final String STORE = "ST-BENCH";

    /**
     * The propagation bench's network: a warehouse and a store, and the own web shop (OWN)
     * selling from both, so a till sale at the store moves the web shop's ATS too.
     */
    void networkWithStore() {
        post("/api/locations", """
                {"code":"%s","kind":"WAREHOUSE","name":"Bench warehouse"}""".formatted(WAREHOUSE));
        post("/api/locations", """
                {"code":"%s","kind":"STORE","name":"Bench store"}""".formatted(STORE));
        post("/api/channels", """
                {"code":"%s","kind":"OWN","name":"Web shop","online":true,"locations":["%s","%s"]}"""
                .formatted(WEB, WAREHOUSE, STORE));
    }

    /** Puts {@code units} (at most a receipt's limit) sellable units of a registered product at a location. */
    void stock(String sku, String location, int units) {
        post("/api/stock/receipts", """
                {"sku":"%s","location":"%s","quantity":%d}""".formatted(sku, location, units));
        post("/api/stock/inspections", """
                {"sku":"%s","location":"%s","passed":%d,"failed":0}""".formatted(sku, location, units));
    }

    /** Registers the products and puts {@code units} sellable units of each in the warehouse. */
    List<String> products(String prefix, int count, int units) {
        List<String> skus = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String sku = count == 1 ? prefix : prefix + "-" + i;
            post("/api/products", """
                    {"sku":"%s","name":{"ja":"ベンチ商品 %s","en":"Bench product %s"},"category":"bench","price":%d}"""
                    .formatted(sku, sku, sku, OrderTraffic.UNIT_PRICE));
            for (int left = units; left > 0; left -= MAX_RECEIPT) {
                int n = Math.min(left, MAX_RECEIPT);
                post("/api/stock/receipts", """
                        {"sku":"%s","location":"%s","quantity":%d}""".formatted(sku, WAREHOUSE, n));
                post("/api/stock/inspections", """
                        {"sku":"%s","location":"%s","passed":%d,"failed":0}""".formatted(sku, WAREHOUSE, n));
            }
            skus.add(sku);
        }
        return skus;
    }

    /**
     * What Zaiko recorded for the SKUs of a phase, against the units the buyers were told were
     * reserved (warm-up included).
     */
    OrderCheck check(List<String> skus, long stockPerSku, long acknowledged) {
        String[] array = skus.toArray(String[]::new);
        long allocatedLines = count("select count(*) from orders_line where sku = any(?) and status = 'ALLOCATED'",
                array);
        long allocatedUnits = count("select coalesce(sum(quantity), 0) from orders_line "
                + "where sku = any(?) and status = 'ALLOCATED'", array);
        long openReservations = count("select coalesce(sum(quantity), 0) from inventory_reservation "
                + "where sku = any(?) and status = 'OPEN'", array);
        long sellable = 0;
        long reserved = 0;
        if (skus.size() == 1) {
            // the hot SKU as any client reads it
            for (JsonNode level : get("/api/stock/" + skus.get(0)).path("locations")) {
                sellable += level.path("sellable").longValue();
                reserved += level.path("reserved").longValue();
            }
        } else {
            sellable = count("select coalesce(sum(sellable), 0) from inventory_stock_level where sku = any(?)", array);
            reserved = count("select coalesce(sum(reserved), 0) from inventory_stock_level where sku = any(?)", array);
        }
        JsonNode consistency = get("/api/stock/consistency");
        return new OrderCheck(stockPerSku * skus.size(), acknowledged, allocatedLines, allocatedUnits,
                openReservations, sellable, reserved, consistency.path("consistent").booleanValue());
    }

    long orders() {
        Long n = jdbc.queryForObject("select count(*) from orders_order", Long.class);
        return n == null ? 0 : n;
    }

    private long count(String sql, String[] skus) {
        Long n = jdbc.queryForObject(sql, Long.class, (Object) skus);
        return n == null ? 0 : n;
    }

    private JsonNode post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", ZaikoServer.AUTHORIZATION).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), path);
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", ZaikoServer.AUTHORIZATION)
                .GET(), path);
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        try {
            HttpResponse<String> response = http.send(request.header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }
}

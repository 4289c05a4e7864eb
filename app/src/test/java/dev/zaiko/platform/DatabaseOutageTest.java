package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import dev.zaiko.mail.EmailStatus;
import dev.zaiko.mail.OutgoingEmail;
import dev.zaiko.mail.Outbox;
import dev.zaiko.mail.QueuedEmail;
import dev.zaiko.support.Jobs;
import dev.zaiko.support.ShopApi;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An external PostgreSQL restarted under load. Zaiko runs against a PostgreSQL of the test's own
 * (zonky, on a fixed port and data directory, as an operator's server would be); buyers reserve
 * from three threads; the server is stopped (a fast shutdown, as {@code pg_ctl restart} does) and
 * started again on the same directory and port. While it is down every answer is 503
 * {@code database-unavailable} with {@code Retry-After} and health says DOWN; afterwards Zaiko
 * serves again by itself, every reservation answered 201 exists, a webhook endpoint gets the stock
 * as it is after the outage, and the durable jobs run (a recurring one, an email's delivery).
 * <p>
 * The pool waits 2 s for a connection here (Hikari's default is 30 s), so the outage's answers
 * come quickly; docs/reliability.md says how to set it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.username=postgres",
        "spring.datasource.hikari.connection-timeout=2000",
        "spring.datasource.hikari.maximum-pool-size=16"})
@ActiveProfiles("test")
@DirtiesContext // the application's database is this class's own: the context goes with it
class DatabaseOutageTest {

    static final Path DATA = Path.of("target", "db-outage-data", UUID.randomUUID().toString()).toAbsolutePath();
    static final int PG_PORT = freePort();
    static volatile EmbeddedPostgres postgres = startPostgres();

    @DynamicPropertySource
    static void externalDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + PG_PORT + "/postgres");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String secretsKey = Base64.getEncoder().encodeToString(key);
        registry.add("zaiko.secrets.key", () -> secretsKey);
    }

    @LocalServerPort
    int port;
    @Autowired
    JobScheduler jobs;
    @Autowired
    java.time.Clock clock;
    @Autowired
    Outbox outbox;

    /**
     * Like an operator's server: its files kept across restarts, and durable commits. Stopped by
     * zonky's shutdown hook when the test JVM ends, after this class's context has closed.
     */
    static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder()
                    .setPort(PG_PORT)
                    .setDataDirectory(DATA)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One answer a buyer got, and whether it was sent after the server had been started again. */
    record Answer(int status, String retryAfter, String type, String reservationId, boolean afterRestart) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Answer reserve(String channel, String sku, String holder, boolean afterRestart) {
        ObjectNode body = ShopApi.JSON.createObjectNode().put("channel", channel).put("sku", sku).put("quantity", 1)
                .put("holder", holder);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/reservations"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ShopApi.TOKEN)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ShopApi.JSON.writeValueAsString(body))).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isBlank() ? ShopApi.JSON.createObjectNode() : ShopApi.JSON.readTree(r.body());
            return new Answer(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null),
                    json.path("type").asString(""), r.statusCode() == 201 ? json.path("id").asString() : null,
                    afterRestart);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int health() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void whileTheDatabaseRestartsBuyersGet503WithRetryAfterAndAfterItEveryAcknowledgedReservationIsThere()
            throws Exception {
        ShopApi api = new ShopApi(port) { };
        ShopApi.Shop shop = api.shop();
        String sku = ShopApi.unique("OUTAGE");
        ObjectNode product = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 9800);
        product.putObject("name").put("ja", "テント").put("en", "Tent");
        api.ok(api.post("/api/products", product));
        api.sellable(sku, shop.warehouse(), 100_000);
        assertThat(health()).isEqualTo(200);
        // a webhook endpoint of the web shop, fed through the outage
        Map<String, Integer> pushedAts = new java.util.concurrent.ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                for (JsonNode d : ShopApi.JSON.readTree(exchange.getRequestBody().readAllBytes()).path("deliveries")) {
                    pushedAts.put(d.path("sku").asString(), d.path("ats").intValue());
                }
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        api.ok(api.post("/api/channels/" + shop.web() + "/webhooks", ShopApi.JSON.createObjectNode()
                .put("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")
                .put("secret", "a-secret-of-32-characters-000000")));

        Queue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean buying = new AtomicBoolean(true);
        AtomicBoolean restarted = new AtomicBoolean(false);
        ExecutorService buyers = Executors.newFixedThreadPool(3);
        for (int b = 0; b < 3; b++) {
            int buyer = b;
            buyers.submit(() -> {
                for (int i = 0; i < 2_000 && buying.get(); i++) {
                    boolean after = restarted.get();
                    answers.add(reserve(shop.web(), sku, "BUYER-" + buyer + "-" + i, after));
                }
            });
        }
        await("buyers served before the outage").atMost(Duration.ofSeconds(20))
                .until(() -> acknowledged(answers).size() >= 20);

        postgres.close(); // fast shutdown: open sessions are ended, committed work is on disk
        int answeredBeforeStop = answers.size();
        await("buyers answered 503 while the database is down").atMost(Duration.ofSeconds(20))
                .until(() -> answers.stream().skip(answeredBeforeStop).filter(a -> a.status() == 503).count() >= 6);
        assertThat(health()).as("health while the database is down").isEqualTo(503);
        // a token this node has not checked yet needs the database before any controller runs
        HttpResponse<String> unknownToken = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/reservations/" + UUID.randomUUID()))
                .header("Authorization", "Bearer not-checked-yet-" + UUID.randomUUID()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknownToken.statusCode()).as(unknownToken.body()).isEqualTo(503);
        assertThat(unknownToken.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(unknownToken.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(ShopApi.JSON.readTree(unknownToken.body()).path("type").asString()).endsWith("/database-unavailable");

        postgres = startPostgres();
        restarted.set(true);
        Instant back = Instant.now();
        await("a reservation acknowledged after the restart").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> answers.stream().anyMatch(a -> a.afterRestart() && a.status() == 201));
        Duration recovery = Duration.between(back, Instant.now());
        await("a few more after the restart").atMost(Duration.ofSeconds(10))
                .until(() -> answers.stream().filter(a -> a.afterRestart() && a.status() == 201).count() >= 5);
        buying.set(false);
        buyers.shutdown();
        assertThat(buyers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        List<Answer> all = new ArrayList<>(answers);
        Map<Integer, Long> byStatus = all.stream().collect(Collectors.groupingBy(Answer::status, Collectors.counting()));
        System.out.println("DatabaseOutageTest: answers by status " + byStatus + "; recovered " + recovery.toMillis()
                + " ms after the restart");
        assertThat(byStatus.keySet()).as("only 201 and 503, never 500").containsOnly(201, 503);
        for (Answer a : all) {
            if (a.status() != 503) continue;
            assertThat(a.retryAfter()).as("Retry-After of a 503").isEqualTo("5");
            assertThat(a.type()).endsWith("/database-unavailable");
        }
        assertThat(health()).as("health after the restart").isEqualTo(200);

        // every reservation acknowledged, before, during or after the outage, exists and is open
        Set<String> acknowledged = acknowledged(all);
        Set<String> stored = openReservations(sku);
        assertThat(stored).as("acknowledged reservations that are lost").containsAll(acknowledged);
        System.out.println("DatabaseOutageTest: " + acknowledged.size() + " acknowledged, " + stored.size()
                + " stored (a 503 whose commit went through is stored and not acknowledged)");
        JsonNode level = api.ok(api.get("/api/stock/" + sku)).path("locations");
        int reserved = 0;
        for (JsonNode l : level) reserved += l.path("reserved").intValue();
        assertThat(reserved).as("stock reserved equals the reservations stored").isEqualTo(stored.size());

        // the webhook endpoint gets the stock as it is after the outage
        int expectedAts = 100_000 - stored.size();
        await("the webhook endpoint gets the stock after the outage").atMost(Duration.ofSeconds(30))
                .until(() -> Integer.valueOf(expectedAts).equals(pushedAts.get(sku)));
        receiver.stop(0);

        // the durable jobs run again: a recurring one, and an email's delivery
        Jobs.runRecurring(jobs, clock, RetryingEventPublications.TASK);
        QueuedEmail email = outbox.send(new OutgoingEmail("outage:" + sku, "buyer@customer.example", "山田 太郎",
                "ご注文の商品について", "山田様\n\nご注文ありがとうございます。", null, sku, null, "FOLLOW_UP", false, "ja"));
        await("an email written after the outage is delivered").atMost(Duration.ofSeconds(30))
                .until(() -> outbox.find(email.id()).orElseThrow().status() == EmailStatus.SENT);
    }

    private static Set<String> acknowledged(Iterable<Answer> answers) {
        Set<String> ids = new HashSet<>();
        for (Answer a : answers) if (a.status() == 201) ids.add(a.reservationId());
        return ids;
    }

    /** Read from the restarted server itself, not through Zaiko. */
    private static Set<String> openReservations(String sku) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select distinct id from inventory_reservation where sku = ? and status = 'OPEN'")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getObject(1, UUID.class).toString());
            }
        }
        return ids;
    }
}

package dev.zaiko.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/** A webhook endpoint's life: disabled when dead, enabled again, secrets rotated, leases and Retry-After. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class WebhookLifecycleApiTest {

    static final String SECRET = "a-secret-of-32-characters-000000";
    static final String NEW_SECRET = "the-new-secret-of-32-characters!";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChannelSyncProperties properties;

    @Autowired
    MovableClock clock;

    @Autowired
    DeliveringWebhooks delivering;

    @Autowired
    ApplicationEventMulticaster multicaster;

    @Autowired
    FeedWriter writer;

    @Autowired
    ReadingFeeds feeds;

    @Autowired
    MeterRegistry meters;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    dev.zaiko.platform.SecretBox secrets;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    dev.zaiko.platform.outbound.OutboundHttp outbound;

    ChannelApi api;
    ShopApi.Shop shop;
    final List<WebhookDisabled> disabled = new CopyOnWriteArrayList<>();
    final ApplicationListener<ApplicationEvent> listener = e -> {
        if (e instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof WebhookDisabled d) disabled.add(d);
    };

    @BeforeEach
    void clientAndShop() {
        api = new ChannelApi(port);
        shop = api.shop();
        multicaster.addApplicationListener(listener);
    }

    @AfterEach
    void removeWebhooksAndResetTheClock() {
        multicaster.removeApplicationListener(listener);
        for (JsonNode hook : api.ok(api.get(hooks()))) {
            api.delete(hooks() + "/" + hook.path("id").asString());
        }
        clock.reset();
    }

    String hooks() {
        return "/api/channels/" + shop.marketplace() + "/webhooks";
    }

    String register(String url) {
        return api.ok(api.post(hooks(), ShopApi.JSON.createObjectNode().put("url", url).put("secret", SECRET)))
                .path("id").asString();
    }

    JsonNode hook(String id) {
        return api.ok(api.get(hooks() + "/" + id));
    }

    static JsonNode latest(Receiver receiver, String sku) {
        List<JsonNode> got = receiver.entries(sku, true);
        return got.isEmpty() ? null : got.get(got.size() - 1);
    }

    @Test
    void anEndpointFailingLongAndOftenEnoughIsDisabledAndResumesFromItsCursorWhenEnabled() throws Exception {
        String sku = api.product("DEAD");
        api.sellable(sku, shop.store(), 3);
        try (Receiver dead = new Receiver(Integer.MAX_VALUE, false); Receiver alive = Receiver.ok()) {
            String id = register(dead.url());
            int enough = properties.disableAfterFailures();
            for (int attempt = 1; attempt <= enough; attempt++) {
                int seen = attempt;
                await().atMost(Duration.ofSeconds(10)).until(() -> hook(id).path("failures").intValue() >= seen);
                clock.advance(properties.maxRetry()); // the next attempt falls due at once
                delivering.wake();
            }
            JsonNode failing = hook(id);
            assertThat(failing.path("status").asString()).as("often enough, but not long enough").isEqualTo("ACTIVE");
            assertThat(failing.path("failures").intValue()).isGreaterThanOrEqualTo(enough);
            assertThat(failing.path("lastError").asString()).isEqualTo("HTTP 500");
            assertThat(failing.path("failingSince").isNull()).isFalse();

            clock.advance(properties.disableAfter());
            delivering.wake();
            await().atMost(Duration.ofSeconds(10)).until(() -> hook(id).path("status").asString().equals("DISABLED"));

            JsonNode listed = api.ok(api.get(hooks())).get(0);
            assertThat(listed.path("id").asString()).isEqualTo(id);
            assertThat(listed.path("status").asString()).isEqualTo("DISABLED");
            assertThat(listed.path("disabledAt").isNull()).isFalse();
            assertThat(listed.path("disabledReason").asString()).contains("HTTP 500").doesNotContain(dead.url());
            assertThat(listed.path("nextAttemptAt").isNull()).isTrue();
            assertThat(listed.path("lastError").asString()).isEqualTo("HTTP 500");
            assertThat(listed.toString()).doesNotContain(SECRET);
            await().atMost(Duration.ofSeconds(5)).until(() -> disabled.stream().anyMatch(d -> d.id().toString().equals(id)));
            WebhookDisabled event = disabled.stream().filter(d -> d.id().toString().equals(id)).findFirst().orElseThrow();
            assertThat(event.channel()).isEqualTo(shop.marketplace());
            assertThat(event.reason()).isEqualTo(listed.path("disabledReason").asString());
            assertThat(event.at()).isEqualTo(Instant.parse(listed.path("disabledAt").asString()));

            // a healthy endpoint of the same channel gets the next change; the disabled one is left alone
            int before = dead.arrivals();
            register(alive.url());
            api.tillSale(shop.store(), sku, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                JsonNode got = latest(alive, sku);
                return got != null && got.path("ats").intValue() == 2;
            });
            assertThat(dead.arrivals()).isEqualTo(before);

            api.tillSale(shop.store(), sku, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                JsonNode got = latest(alive, sku);
                return got.path("ats").intValue() == 1;
            });
            dead.succeed();
            JsonNode enabled = api.ok(api.post(hooks() + "/" + id + "/enable"));
            assertThat(enabled.path("status").asString()).isEqualTo("ACTIVE");
            assertThat(enabled.path("failures").intValue()).isZero();
            assertThat(enabled.path("disabledAt").isNull()).isTrue();
            assertThat(enabled.path("failingSince").isNull()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> latest(dead, sku) != null);
            // from its cursor, at the latest values only: never the 3 or 2 it missed
            assertThat(dead.entries(sku, true)).hasSize(1);
            assertThat(latest(dead, sku).path("ats").intValue()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> hook(id).path("cursor").longValue()
                    >= latest(dead, sku).path("seq").longValue());
        }
    }

    @Test
    void enablingIsCheckedAndAnActiveEndpointStaysAsItIs() {
        String id = register("https://example.invalid/hook");
        assertThat(api.post(hooks() + "/" + java.util.UUID.randomUUID() + "/enable").status()).isEqualTo(404);
        assertThat(api.post("/api/channels/NO-SUCH-CHANNEL/webhooks/" + id + "/enable").status()).isEqualTo(404);
        assertThat(api.post(hooks() + "/not-a-uuid/enable").status()).isEqualTo(400);
        JsonNode enabled = api.ok(api.post(hooks() + "/" + id + "/enable"));
        assertThat(enabled.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(enabled.path("id").asString()).isEqualTo(id);
    }

    @Test
    void aRotatedSecretSignsFirstAndTheOldOneAlongsideUntilTheOverlapEnds() throws Exception {
        String sku = api.product("ROTATE");
        api.sellable(sku, shop.store(), 3);
        try (Receiver receiver = Receiver.ok()) {
            String id = register(receiver.url());
            await().atMost(Duration.ofSeconds(10)).until(() -> latest(receiver, sku) != null);

            JsonNode rotated = api.ok(api.post(hooks() + "/" + id + "/secret",
                    ShopApi.JSON.createObjectNode().put("secret", NEW_SECRET).put("overlap", "PT1H")));
            Instant until = Instant.parse(rotated.path("previousSecretValidUntil").asString());
            assertThat(until).isAfter(clock.instant().plus(Duration.ofMinutes(59)))
                    .isBefore(clock.instant().plus(Duration.ofMinutes(61)));
            assertThat(rotated.toString()).doesNotContain(SECRET).doesNotContain(NEW_SECRET);
            assertThat(api.ok(api.get(hooks())).toString()).doesNotContain(SECRET).doesNotContain(NEW_SECRET);

            api.tillSale(shop.store(), sku, 1);
            Receiver.Request during = awaitRequestWithAts(receiver, sku, 2);
            String[] parts = during.signature().split(",");
            assertThat(parts).hasSize(3);
            assertThat(parts[1]).isEqualTo("v1=" + hmac(NEW_SECRET, parts[0].substring(2), during.body()));
            assertThat(parts[2]).isEqualTo("v1=" + hmac(SECRET, parts[0].substring(2), during.body()));

            clock.advance(Duration.ofHours(1).plusSeconds(1));
            assertThat(hook(id).path("previousSecretValidUntil").isNull()).isTrue();
            api.tillSale(shop.store(), sku, 1);
            Receiver.Request after = awaitRequestWithAts(receiver, sku, 1);
            String[] only = after.signature().split(",");
            assertThat(only).hasSize(2);
            assertThat(only[1]).isEqualTo("v1=" + hmac(NEW_SECRET, only[0].substring(2), after.body()));

            // no overlap: the replaced secret stops signing at once
            api.ok(api.post(hooks() + "/" + id + "/secret", ShopApi.JSON.createObjectNode()
                    .put("secret", SECRET).put("overlap", "PT0S")));
            api.tillSale(shop.store(), sku, 1);
            Receiver.Request last = awaitRequestWithAts(receiver, sku, 0);
            String[] single = last.signature().split(",");
            assertThat(single).hasSize(2);
            assertThat(single[1]).isEqualTo("v1=" + hmac(SECRET, single[0].substring(2), last.body()));
        }
    }

    @Test
    void aRotationIsCheckedAndABadOneChangesNothing() {
        String id = register("https://example.invalid/hook");
        String path = hooks() + "/" + id + "/secret";
        assertBad(api.post(path, ShopApi.JSON.createObjectNode().put("secret", "short")), null);
        assertBad(api.post(path, ShopApi.JSON.createObjectNode()), null);
        assertBad(api.post(path, ShopApi.JSON.createObjectNode().put("secret", "x".repeat(257))), null);
        assertBad(api.post(path, ShopApi.JSON.createObjectNode().put("secret", NEW_SECRET).put("overlap", "P8D")),
                "invalid-overlap");
        assertBad(api.post(path, ShopApi.JSON.createObjectNode().put("secret", NEW_SECRET).put("overlap", "PT-1H")),
                "invalid-overlap");
        assertBad(api.post(path, ShopApi.JSON.createObjectNode().put("secret", NEW_SECRET).put("overlap", "24h")),
                "invalid-overlap");
        assertBad(api.post(path, ShopApi.JSON.createObjectNode().put("secret", SECRET)), "secret-unchanged");
        assertThat(api.post(hooks() + "/" + java.util.UUID.randomUUID() + "/secret",
                ShopApi.JSON.createObjectNode().put("secret", NEW_SECRET)).status()).isEqualTo(404);
        assertThat(secrets.open(jdbc.queryForObject("select secret from channel_webhook where id = ?::uuid",
                String.class, id), "channel_webhook", "secret")).isEqualTo(SECRET);
        assertThat(hook(id).path("previousSecretValidUntil").isNull()).isTrue();

        JsonNode rotated = api.ok(api.post(path, ShopApi.JSON.createObjectNode().put("secret", NEW_SECRET)));
        Instant until = Instant.parse(rotated.path("previousSecretValidUntil").asString());
        assertThat(until).as("24 hours by default").isAfter(clock.instant().plus(Duration.ofHours(23)))
                .isBefore(clock.instant().plus(Duration.ofHours(25)));
    }

    void assertBad(ShopApi.Response response, String type) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (type != null) assertThat(response.type()).endsWith(type);
    }

    Receiver.Request awaitRequestWithAts(Receiver receiver, String sku, int ats) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode got = latest(receiver, sku);
            return got != null && got.path("ats").intValue() == ats;
        });
        for (Receiver.Request r : receiver.accepted()) {
            for (JsonNode d : r.json().path("deliveries")) {
                if (d.path("sku").asString().equals(sku) && d.path("ats").intValue() == ats) return r;
            }
        }
        throw new AssertionError("no request with " + sku + " at " + ats);
    }

    static String hmac(String secret, String t, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aReceiversRetryAfterIsWaitedInsteadOfTheDoublingWaitUpToTheCap() throws Exception {
        String sku = api.product("BUSY");
        api.sellable(sku, shop.store(), 1);
        try (Receiver receiver = Receiver.ok()) {
            receiver.failWith(503, "120");
            Instant before = clock.instant();
            String id = register(receiver.url());
            await().atMost(Duration.ofSeconds(10)).until(() -> hook(id).path("failures").intValue() >= 1);
            Instant after = clock.instant();
            JsonNode busy = hook(id);
            assertThat(busy.path("lastError").asString()).isEqualTo("HTTP 503");
            assertThat(Instant.parse(busy.path("nextAttemptAt").asString()))
                    .isBetween(before.plusSeconds(120), after.plusSeconds(120));

            receiver.failWith(429, "86400");
            clock.advance(Duration.ofSeconds(121));
            delivering.wake();
            await().atMost(Duration.ofSeconds(10)).until(() -> hook(id).path("failures").intValue() >= 2);
            Instant capped = Instant.parse(hook(id).path("nextAttemptAt").asString());
            assertThat(capped).isBetween(after.plus(Duration.ofSeconds(121)).plus(properties.maxRetryAfter()),
                    clock.instant().plus(properties.maxRetryAfter()));
            assertThat(hook(id).path("lastError").asString()).isEqualTo("HTTP 429");
        }
    }

    @Test
    void anotherInstanceResumesWithinOneLeaseAfterTheHolderCrashed() throws Exception {
        String sku = api.product("LEASE");
        api.sellable(sku, shop.store(), 2);
        try (Receiver receiver = Receiver.ok()) {
            String id = register(receiver.url());
            await().atMost(Duration.ofSeconds(10)).until(() -> latest(receiver, sku) != null);
            await().atMost(Duration.ofSeconds(10)).until(() -> claimedUntil(id) == null);

            // node A claims the endpoint and dies without releasing it
            DeliveringWebhooks nodeA = new DeliveringWebhooks(jdbc, writer, feeds, properties, clock, meters,
                    transactions, publisher, secrets, outbound);
            assertThat(nodeA.claim(java.util.UUID.fromString(id))).isTrue();
            assertThat(delivering.claim(java.util.UUID.fromString(id))).as("held by node A").isFalse();
            assertThat(Duration.between(clock.instant(), claimedUntil(id))).isLessThanOrEqualTo(properties.lease());

            api.tillSale(shop.store(), sku, 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                List<FeedEntry> entries = feeds.read(shop.marketplace(), 0, 1000);
                return entries.stream().anyMatch(e -> e.sku().equals(sku) && e.ats() == 0);
            });
            assertThat(latest(receiver, sku).path("ats").intValue()).isEqualTo(2);

            clock.advance(properties.lease().plusSeconds(1));
            delivering.wake();
            await().atMost(Duration.ofSeconds(10)).until(() -> latest(receiver, sku).path("ats").intValue() == 0);
        }
    }

    @Test
    void aLeaseIsRenewedWhileAWorkerWaitsForAnAnswer() throws Exception {
        String sku = api.product("BEAT");
        api.sellable(sku, shop.store(), 1);
        try (Receiver hanging = new Receiver(0, true)) {
            String id = register(hanging.url());
            await().atMost(Duration.ofSeconds(10)).until(() -> hanging.arrivals() > 0);
            // longer than a lease passes while the request hangs: the heartbeat keeps the claim
            clock.advance(properties.lease().plusSeconds(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Instant until = claimedUntil(id);
                return until != null && until.isAfter(clock.instant());
            });
            assertThat(hanging.arrivals()).as("no second worker took it").isEqualTo(1);
        }
    }

    Instant claimedUntil(String id) {
        Timestamp t = jdbc.queryForObject("select claimed_until from channel_webhook where id = ?::uuid",
                Timestamp.class, id);
        return t == null ? null : t.toInstant();
    }
}

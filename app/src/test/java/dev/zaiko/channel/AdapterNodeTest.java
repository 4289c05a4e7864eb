package dev.zaiko.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.support.StoppedClock;
import dev.zaiko.support.MovableClock;
import dev.zaiko.support.TestDatabase;
import dev.zaiko.platform.outbound.HostResolver;
import dev.zaiko.platform.outbound.OutboundHttp;
import dev.zaiko.platform.outbound.OutboundProperties;
import dev.zaiko.platform.outbound.OutboundTargets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Marketplace adapters with several instances on one PostgreSQL (two {@link AdapterNode}s, as two
 * application nodes would run them), a marketplace's Retry-After, the adapter meters and the sales
 * speed surviving a restart. Feed rows are written here directly: the feed writer is not under test.
 */
class AdapterNodeTest {

    static final String CHANNEL = "MKT";

    /**
     * A marketplace in memory: records what it took, in order; refuses every push after the first {@code takes}.
     * Its rate and batch are what the sender limits itself to (the sender asks the adapter, not the row).
     */
    static final class Recorder implements MarketplaceAdapter {
        private final List<ChannelPush.Item> taken = new ArrayList<>();
        private final List<List<String>> pushes = new ArrayList<>();
        private final double rate;
        private final int batch;
        private volatile int takes = Integer.MAX_VALUE;
        private int attempts;

        Recorder() {
            this(100, 1);
        }

        Recorder(double rate, int batch) {
            this.rate = rate;
            this.batch = batch;
        }

        @Override
        public String marketplace() {
            return "RAKUTEN";
        }

        @Override
        public int maxBatch() {
            return batch;
        }

        @Override
        public double requestsPerSecond() {
            return rate;
        }

        @Override
        public synchronized void push(ChannelPush batch) throws IOException {
            attempts++;
            if (pushes.size() >= takes) throw new IOException("HTTP 500");
            taken.addAll(batch.items());
            pushes.add(batch.items().stream().map(i -> i.sku() + "=" + i.quantity()).toList());
        }

        synchronized List<ChannelPush.Item> taken() {
            return List.copyOf(taken);
        }

        synchronized List<String> takenSkus() {
            return taken.stream().map(ChannelPush.Item::sku).toList();
        }

        /** Each push taken, as its items {@code sku=quantity}, in order. */
        synchronized List<List<String>> pushes() {
            return List.copyOf(pushes);
        }

        synchronized int attempts() {
            return attempts;
        }

        /** The last quantity taken per SKU. */
        synchronized Map<String, Integer> latest() {
            Map<String, Integer> latest = new HashMap<>();
            for (ChannelPush.Item i : taken) latest.put(i.sku(), i.quantity());
            return latest;
        }
    }

    final HikariDataSource database = TestDatabase.fresh(8);
    final JdbcTemplate jdbc = new JdbcTemplate(database);
    final ReadingFeeds feeds = new ReadingFeeds(jdbc, null, null);
    final List<AdapterNode> nodes = new ArrayList<>();

    @AfterEach
    void stopAndClose() {
        nodes.forEach(n -> n.stop(true));
        database.close();
    }

    AdapterNode node(String id, Clock clock, MeterRegistry meters, AdapterNode.AdapterFactory adapters,
                     ChannelSyncProperties properties) {
        AdapterNode node = new AdapterNode(jdbc, feeds::read, adapters, properties, clock, meters, id);
        nodes.add(node);
        return node;
    }

    AdapterNode node(String id, Clock clock, MeterRegistry meters, Recorder recorder) {
        return node(id, clock, meters, (c, s) -> recorder, ChannelSyncProperties.defaults());
    }

    void adapter(String url, double rate, int batch, Clock clock) {
        adapter(url, rate, batch, 0, clock);
    }

    void adapter(String url, double rate, int batch, int safetyFloor, Clock clock) {
        jdbc.update("""
                insert into channel_adapter (channel, marketplace, url, rate, batch, safety_floor, created_at)
                values (?, 'RAKUTEN', ?, ?, ?, ?, ?)
                """, CHANNEL, url, rate, batch, safetyFloor, Timestamp.from(clock.instant()));
    }

    /** The SKU's next value in the channel's feed (a new seq, as the feed writer gives it). */
    void feed(String sku, int ats, Clock clock) {
        jdbc.update("""
                insert into channel_feed (channel, sku, ats, level, seq, changed_at)
                values (?, ?, ?, 'IN_STOCK', nextval('channel_feed_seq'), ?)
                on conflict (channel, sku) do update set ats = excluded.ats, seq = excluded.seq,
                    changed_at = excluded.changed_at
                """, CHANNEL, sku, ats, Timestamp.from(clock.instant()));
    }

    Map<String, Object> row() {
        return jdbc.queryForMap("select * from channel_adapter where channel = ?", CHANNEL);
    }

    /**
     * Moves the stopped clock and renews the lease on the moved clock: a sender pushes only before the
     * lease it was given runs out, and the heartbeat thread would renew it only seconds later. The renewal
     * also wakes the sender, so it looks at the new time at once.
     */
    static void advance(StoppedClock clock, AdapterNode node, Duration by) {
        clock.advance(by);
        node.heartbeat();
    }

    /**
     * Returns once the channel's sender has made a whole decision (push or wait) on the clock as it is
     * now: a round that began after this call has ended. Only then does "no push" say something. Each
     * poll wakes the sender because one waiting for a token waits the real milliseconds its bucket asked
     * for (10 s at 0.1/s), which on a stopped clock would only slow the test down.
     */
    static void looked(AdapterNode node) {
        ChannelSender sender = node.sender(CHANNEL);
        long rounds = sender.rounds();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            node.wake();
            return sender.rounds() > rounds + 1; // round rounds+1 read the clock after this call; +2 began after it ended
        });
    }

    static double count(MeterRegistry meters, String name, String outcome) {
        var search = meters.find(name).tag("channel", CHANNEL);
        if (outcome != null) search = search.tag("outcome", outcome);
        var counter = search.counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void onlyTheHolderPushesAndAfterItsCrashTheOtherTakesOverFromTheCursorInOrder() {
        MovableClock clock = new MovableClock(ZoneId.of("Asia/Tokyo"));
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            skus.add("SKU-%02d".formatted(i));
            feed(skus.get(i), 10, clock);
        }
        adapter("http://127.0.0.1:1/unused", 100, 1, clock);
        Recorder onA = new Recorder();
        onA.takes = 5; // then the marketplace fails for A: the rest stays queued there
        Recorder onB = new Recorder();
        SimpleMeterRegistry metersA = new SimpleMeterRegistry();
        AdapterNode a = node("node-a", clock, metersA, onA);
        AdapterNode b = node("node-b", clock, new SimpleMeterRegistry(), onB);
        a.start();
        b.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> count(metersA, "zaiko.channel.adapter.pushes", "failed") >= 1);
        assertThat(onA.takenSkus()).containsExactlyElementsOf(skus.subList(0, 5));
        b.heartbeat();
        assertThat(b.holds(CHANNEL)).isFalse();
        assertThat(onB.taken()).as("only the holder pushes").isEmpty();
        assertThat(row().get("held_by")).isEqualTo("node-a");

        // the meters of the holder: five pushes taken, the rest failing and queued
        assertThat(count(metersA, "zaiko.channel.adapter.pushes", "ok")).isEqualTo(5);
        assertThat(count(metersA, "zaiko.channel.adapter.items", null)).isEqualTo(5);
        assertThat(metersA.get("zaiko.channel.adapter.queue").tag("channel", CHANNEL).gauge().value())
                .isEqualTo(15);
        assertThat(metersA.get("zaiko.channel.adapter.push").tag("channel", CHANNEL).tag("outcome", "ok").timer()
                .count()).isEqualTo(5);

        a.stop(false); // a crash: the lease stays with A until it runs out
        int attemptsOfA = onA.attempts();
        feed(skus.get(2), 12, clock); // a receipt while nobody pushes
        b.heartbeat();
        assertThat(b.holds(CHANNEL)).as("A's lease has not run out yet").isFalse();

        clock.advance(ChannelSyncProperties.defaults().adapterLease().plusSeconds(1));
        b.heartbeat();
        assertThat(b.holds(CHANNEL)).isTrue();
        assertThat(row().get("held_by")).isEqualTo("node-b");

        List<String> rest = new ArrayList<>(skus.subList(5, 20));
        rest.add(skus.get(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> onB.taken().size() >= rest.size());
        assertThat(onB.takenSkus()).as("from the stored cursor, in sequence, nothing twice").containsExactlyElementsOf(rest);
        Map<String, Integer> latest = new HashMap<>(onA.latest());
        latest.putAll(onB.latest());
        Map<String, Integer> expected = new HashMap<>();
        for (String sku : skus) expected.put(sku, 10);
        expected.put(skus.get(2), 12);
        assertThat(latest).as("no SKU lost, each at its latest value").isEqualTo(expected);
        assertThat(onA.attempts()).as("a stopped node pushes no more").isEqualTo(attemptsOfA);
    }

    @Test
    void aHolderThatStopsGivesTheLeaseUpAndOneThatFindsAnotherHolderStopsAtOnce() {
        MovableClock clock = new MovableClock(ZoneId.of("Asia/Tokyo"));
        feed("SKU-1", 5, clock);
        adapter("http://127.0.0.1:1/unused", 100, 1, clock);
        Recorder onA = new Recorder();
        Recorder onB = new Recorder();
        AdapterNode a = node("node-a", clock, new SimpleMeterRegistry(), onA);
        AdapterNode b = node("node-b", clock, new SimpleMeterRegistry(), onB);
        a.start();
        b.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> onA.taken().size() == 1);

        a.stop(true);
        assertThat(row().get("held_by")).isNull();
        b.heartbeat();
        assertThat(b.holds(CHANNEL)).as("no waiting for a lease to run out").isTrue();
        feed("SKU-1", 4, clock);
        await().atMost(Duration.ofSeconds(10)).until(() -> onB.taken().size() == 1);

        // another node took the lease over (B was thought dead): B's next renewal stops its sender
        ChannelSender sender = b.sender(CHANNEL);
        jdbc.update("update channel_adapter set held_by = 'node-c', held_until = ? where channel = ?",
                Timestamp.from(clock.instant().plusSeconds(60)), CHANNEL);
        b.heartbeat();
        assertThat(b.holds(CHANNEL)).isFalse();
        assertThat(sender.alive()).isFalse();
        assertThat(b.sender(CHANNEL)).isNull();
        assertThat(row().get("held_by")).isEqualTo("node-c");
    }

    @Test
    void aThrottledPushWaitsExactlyWhatRetryAfterSaysAndIsNoFailure() throws Exception {
        StoppedClock clock = new StoppedClock(java.time.Instant.parse("2026-11-22T01:00:00Z"), java.time.ZoneOffset.UTC);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ChannelSyncProperties properties = ChannelSyncProperties.defaults();
        // the marketplace listens on loopback, which this test allows as the test profile does
        OutboundHttp http = new OutboundHttp(new OutboundTargets(
                new OutboundProperties(false, List.of("127.0.0.0/8")), HostResolver.SYSTEM));
        try (MarketplaceReceiver rakuten = new MarketplaceReceiver(0)) {
            for (String sku : List.of("A", "B", "C")) feed(sku, 7, clock);
            adapter(rakuten.url(), 1, 1000, clock);
            rakuten.answerNext(429, "2");
            AdapterNode node = node("node-a", clock, meters, MarketplaceAdapters.posting(http, Duration.ofSeconds(5), Duration.ofSeconds(5)),
                    properties);
            node.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> row().get("next_attempt_at") != null);
            Instant throttledAt = clock.instant();
            assertThat(rakuten.pushes()).hasSize(1);
            assertThat(((Timestamp) row().get("next_attempt_at")).toInstant()).isEqualTo(throttledAt.plusSeconds(2));
            assertThat(row().get("failures")).as("throttled is not failed").isEqualTo(0);
            assertThat((String) row().get("last_error")).contains("429");
            assertThat(count(meters, "zaiko.channel.adapter.pushes", "throttled")).isEqualTo(1);

            ChannelSender sender = node.sender(CHANNEL);
            clock.advance(Duration.ofMillis(1999));
            long rounds = sender.rounds();
            node.wake();
            await().atMost(Duration.ofSeconds(10)).until(() -> sender.rounds() > rounds + 1);
            assertThat(rakuten.pushes()).as("a millisecond before Retry-After ran out").hasSize(1);

            clock.advance(Duration.ofMillis(1));
            node.wake();
            await().atMost(Duration.ofSeconds(10)).until(() -> rakuten.pushes().size() == 2);
            assertThat(MarketplaceReceiver.items(rakuten.pushes().get(1))).containsExactly("A=7", "B=7", "C=7");
            await().atMost(Duration.ofSeconds(10)).until(() -> row().get("next_attempt_at") == null);
            assertThat(count(meters, "zaiko.channel.adapter.pushes", "ok")).isEqualTo(1);
            assertThat(count(meters, "zaiko.channel.adapter.items", null)).isEqualTo(3);

            // a date far ahead is capped; a failure after it waits the first retry wait, not a grown one
            String inAnHour = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
                    .format(clock.instant().plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC));
            rakuten.answerNext(503, inAnHour);
            rakuten.answerNext(500, null);
            clock.advance(Duration.ofSeconds(1)); // a token for the next push
            feed("A", 6, clock);
            node.wake();
            await().atMost(Duration.ofSeconds(10)).until(() -> row().get("next_attempt_at") != null);
            assertThat(((Timestamp) row().get("next_attempt_at")).toInstant())
                    .isEqualTo(clock.instant().plus(properties.adapterMaxRetryAfter()));
            assertThat(row().get("failures")).isEqualTo(0);

            clock.advance(properties.adapterMaxRetryAfter());
            node.heartbeat(); // the lease, renewed on the moved clock
            node.wake();
            await().atMost(Duration.ofSeconds(10)).until(() -> rakuten.pushes().size() == 4
                    && ((Number) row().get("failures")).intValue() == 1);
            assertThat(((Timestamp) row().get("next_attempt_at")).toInstant())
                    .isEqualTo(clock.instant().plus(properties.firstRetry()));
            assertThat(count(meters, "zaiko.channel.adapter.pushes", "throttled")).isEqualTo(2);
            assertThat(count(meters, "zaiko.channel.adapter.pushes", "failed")).isEqualTo(1);
        }
    }

    @Test
    void theSalesSpeedSurvivesARestartSoTheFastSellerStillGoesFirst() {
        MovableClock clock = new MovableClock(ZoneId.of("Asia/Tokyo"));
        List<String> slow = List.of("SLOW-1", "SLOW-2", "SLOW-3", "SLOW-4", "SLOW-5");
        for (String sku : slow) feed(sku, 40, clock);
        feed("FAST", 40, clock);
        adapter("http://127.0.0.1:1/unused", 100, 1, clock);
        Recorder first = new Recorder();
        AdapterNode before = node("node-a", clock, new SimpleMeterRegistry(), first);
        before.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.taken().size() == 6);

        feed("FAST", 2, clock);                    // 38 sold
        for (String sku : slow) feed(sku, 39, clock); // 1 sold each
        before.wake();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.taken().size() == 12);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from channel_sales_speed where channel = ?", Integer.class, CHANNEL) == 6);
        assertThat(jdbc.queryForObject("select per_hour from channel_sales_speed where channel = ? and sku = 'FAST'",
                Double.class, CHANNEL)).isEqualTo(38.0);
        before.stop(true);

        // receipts while stopped: nothing sells now, and the fast seller's change is the newest
        for (String sku : slow) feed(sku, 40, clock);
        feed("FAST", 10, clock);
        Recorder second = new Recorder();
        AdapterNode after = node("node-b", clock, new SimpleMeterRegistry(), second);
        after.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> second.taken().size() == 6);
        Map<String, Integer> order = new LinkedHashMap<>();
        for (ChannelPush.Item i : second.taken()) order.put(i.sku(), i.quantity());
        assertThat(order.keySet()).as("the speed learnt before the restart still counts").first()
                .isEqualTo("FAST");
        assertThat(List.copyOf(order.keySet()).subList(1, 6)).containsExactlyElementsOf(slow);
    }

    @Test
    void onAStoppedClockTheRateLimitLetsExactlyOnePushThroughPerTokenAndSavesNoBurst() {
        StoppedClock clock = new StoppedClock(java.time.Instant.parse("2026-11-22T01:00:00Z"), java.time.ZoneOffset.UTC);
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            skus.add("SKU-%02d".formatted(i));
            feed(skus.get(i), 10, clock);
        }
        adapter("http://127.0.0.1:1/unused", 5, 2, clock);
        Recorder rakuten = new Recorder(5, 2); // a token every 200 ms, two SKUs a push: ten pushes to catch up
        AdapterNode node = node("node-a", clock, new SimpleMeterRegistry(), rakuten);
        node.start();

        // the bucket starts with its one token: one push at once, and no second while time stands still
        await().atMost(Duration.ofSeconds(10)).until(() -> rakuten.pushes().size() >= 1);
        looked(node);
        assertThat(rakuten.pushes()).as("only the first token, on a clock that does not move").hasSize(1);
        assertThat(node.queued(CHANNEL)).as("the rest waits in the queue").isEqualTo(18);

        for (int token = 2; token <= 4; token++) {
            advance(clock, node, Duration.ofMillis(199));
            looked(node);
            assertThat(rakuten.pushes()).as("a millisecond before token %d", token).hasSize(token - 1);

            advance(clock, node, Duration.ofMillis(1));
            int pushes = token;
            await().atMost(Duration.ofSeconds(10)).until(() -> rakuten.pushes().size() >= pushes);
            looked(node);
            assertThat(rakuten.pushes()).as("token %d brings exactly one push", token).hasSize(token);
        }

        // five tokens' worth of time at once: the bucket holds one, so one push, and the next is 200 ms away
        advance(clock, node, Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> rakuten.pushes().size() >= 5);
        looked(node);
        assertThat(rakuten.pushes()).as("no burst after a quiet second").hasSize(5);
        advance(clock, node, Duration.ofMillis(199));
        looked(node);
        assertThat(rakuten.pushes()).hasSize(5);
        advance(clock, node, Duration.ofMillis(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> rakuten.pushes().size() >= 6);
        looked(node);
        assertThat(rakuten.pushes()).hasSize(6);

        List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < 12; i += 2) expected.add(List.of(skus.get(i) + "=10", skus.get(i + 1) + "=10"));
        assertThat(rakuten.pushes()).as("full batches, in sequence").containsExactlyElementsOf(expected);
        assertThat(node.queued(CHANNEL)).isEqualTo(8);
    }

    @Test
    void theSafetyFloorIsPushedAsZeroWithoutTheClockMovingWhileAnOrdinaryChangeWaitsForAToken() {
        StoppedClock clock = new StoppedClock(java.time.Instant.parse("2026-11-22T01:00:00Z"), java.time.ZoneOffset.UTC);
        feed("SLOW", 40, clock);
        feed("LAST", 5, clock);
        adapter("http://127.0.0.1:1/unused", 0.1, 1, 3, clock);
        Recorder yahoo = new Recorder(0.1, 1); // a token every 10 s; one SKU a push keeps the floor's push apart
        AdapterNode node = node("node-a", clock, new SimpleMeterRegistry(), yahoo);
        node.start();

        // catching up uses the first token at once and the next 10 s later: the bucket is empty after it
        await().atMost(Duration.ofSeconds(10)).until(() -> yahoo.pushes().size() >= 1);
        advance(clock, node, Duration.ofMillis(9_999));
        looked(node);
        assertThat(yahoo.pushes()).as("0.1/s: nothing before 10 s").containsExactly(List.of("SLOW=40"));
        advance(clock, node, Duration.ofMillis(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> yahoo.pushes().size() >= 2);
        looked(node);
        assertThat(yahoo.pushes()).containsExactly(List.of("SLOW=40"), List.of("LAST=5"));

        // an ordinary change and then a SKU at the floor of 3, with no token and a clock that stays put
        Instant at = clock.instant();
        feed("SLOW", 39, clock);
        feed("LAST", 3, clock);
        node.wake(); // as the feed writer does after writing
        await().atMost(Duration.ofSeconds(10)).until(() -> yahoo.pushes().size() >= 3);
        assertThat(clock.instant()).as("the clock never moved: the floor cannot have waited for a token").isEqualTo(at);
        looked(node);
        assertThat(yahoo.pushes()).as("the floor, as 0, ahead of the older change").hasSize(3)
                .last().isEqualTo(List.of("LAST=0"));
        assertThat(node.queued(CHANNEL)).as("the ordinary change waits for a token").isEqualTo(1);

        // The floor's push took the token due at +10 s in advance (the bucket went into debt, so the
        // rate over time still holds): the ordinary change waits two tokens, until +20 s.
        advance(clock, node, Duration.ofMillis(9_999));
        looked(node);
        assertThat(yahoo.pushes()).as("+9.999 s").hasSize(3);
        advance(clock, node, Duration.ofMillis(1));
        looked(node);
        assertThat(yahoo.pushes()).as("+10 s: the token the floor borrowed").hasSize(3);
        advance(clock, node, Duration.ofMillis(9_999));
        looked(node);
        assertThat(yahoo.pushes()).as("+19.999 s").hasSize(3);
        advance(clock, node, Duration.ofMillis(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> yahoo.pushes().size() >= 4);
        looked(node);
        assertThat(yahoo.pushes()).hasSize(4).last().isEqualTo(List.of("SLOW=39"));
        assertThat(node.queued(CHANNEL)).isZero();
    }
}

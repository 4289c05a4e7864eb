package dev.zaiko.connector;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.zaiko.channel.ChannelPush;
import dev.zaiko.channel.MarketplaceAdapter;
import dev.zaiko.channel.MarketplaceThrottledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A connected channel's {@link MarketplaceAdapter}: the channel's sender (rate, batch, risk order,
 * safety floor, cursor, lease: all channel's) hands it a batch, and it sets the absolute quantities
 * through the platform's client. The pace (the platform's rate and burst, no debt) is the sender's
 * bucket's, declared by {@link #burst} and {@link #toleratesDebt}. The platform's throttling answer becomes the channel's
 * {@link MarketplaceThrottledException} with the platform's wait; a refused credential or any other
 * failure is recorded as the connector's health and fails the push (the sender retries it with its
 * doubling wait). The client is taken afresh when the account changed, so new credentials count at
 * the next push. A push the platform took marks the drift it corrected; one it took for processing
 * only (an asynchronous platform, {@link PlatformClient.PushOutcome#callbackNonce}) is followed by
 * {@link FollowingAsyncPushes} until the platform answers. A SKU with no mapping on the channel is
 * never handed to it ({@link #cannotSend}).
 */
final class ConnectorAdapter implements MarketplaceAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectorAdapter.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Map<String, Deque<Instant>> PUSHES = new ConcurrentHashMap<>();

    private final String channel;
    private final Platform platform;
    private final PlatformConnector.Limits limits;
    private final ConnectorAccounts accounts;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final FollowingAsyncPushes async;
    private final MappedSkus mapped;

    ConnectorAdapter(String channel, Platform platform, PlatformConnector.Limits limits, ConnectorAccounts accounts,
                     JdbcTemplate jdbc, Clock clock, FollowingAsyncPushes async, MappedSkus mapped) {
        this.async = async;
        this.mapped = mapped;
        this.channel = channel;
        this.platform = platform;
        this.limits = limits;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A push the connector could not make (the connector's health holds the platform's words). */
    static final class ConnectorFailed extends IOException {
        ConnectorFailed() {
            super("connector failed");
        }
    }

    /** The platform refused the credentials: a person must renew them. */
    static final class ConnectorUnauthorized extends IOException {
        ConnectorUnauthorized() {
            super("credentials refused");
        }
    }

    @Override
    public String marketplace() {
        return platform.name();
    }

    @Override
    public int maxBatch() {
        return Math.max(1, limits.maxBatch());
    }

    @Override
    public double requestsPerSecond() {
        return limits.requestsPerSecond();
    }

    /** The platform's documented burst: the channel's sender may send that many requests at once. */
    @Override
    public int burst() {
        return Math.max(1, limits.burst());
    }

    /**
     * No: a platform counts every request against its limit, so a push at the safety floor waits for
     * the sender's next token (still going first) instead of taking one that is not there yet.
     */
    @Override
    public boolean toleratesDebt() {
        return false;
    }

    /**
     * The SKUs with no mapping on the channel: the platform's client would refuse them without a request,
     * so the sender drops them before they take a turn of the platform's rate. A SKU mapped later is
     * pushed at once by {@link ItemMappings}.
     */
    @Override
    public java.util.Set<String> cannotSend(java.util.Collection<String> skus) {
        return mapped.unmapped(channel, skus);
    }

    @Override
    public void push(ChannelPush batch) throws IOException {
        ConnectorAccounts.Session session = accounts.session(channel).orElseThrow(ConnectorFailed::new);
        List<PlatformClient.QuantityUpdate> updates = new ArrayList<>();
        for (ChannelPush.Item item : batch.items()) {
            updates.add(new PlatformClient.QuantityUpdate(item.sku(), item.quantity()));
        }
        PlatformClient.PushOutcome outcome;
        try {
            outcome = session.client().setQuantities(updates);
        } catch (ConnectorException.Throttled e) {
            log.info("Platform {} of channel {} asked to slow down: {}", platform, channel, e.getMessage());
            throw new MarketplaceThrottledException(429, e.retryAfter());
        } catch (ConnectorException.Unauthorized e) {
            accounts.refused(channel, e.getMessage());
            throw new ConnectorUnauthorized();
        } catch (ConnectorException e) { // Failed
            accounts.failed(channel, e.getMessage());
            throw new ConnectorFailed();
        }
        Instant now = clock.instant();
        pushed(channel, now);
        // a success is a push the platform took: when no SKU of the batch is mapped, nothing was sent
        if (!outcome.accepted().isEmpty()) accounts.succeeded(channel);
        if (!outcome.rejected().isEmpty()) {
            log.info("Platform {} of channel {} refused {} SKUs of a push: {}", platform, channel,
                    outcome.rejected().size(), outcome.rejected().keySet());
        }
        Map<String, Long> seqs = new HashMap<>();
        for (ChannelPush.Item item : batch.items()) seqs.put(item.sku(), item.seq());
        if (outcome.callbackNonce() != null && !outcome.accepted().isEmpty()) {
            // taken for processing only: followed until the platform answers at the callback URL
            Map<String, Long> carried = new LinkedHashMap<>();
            for (String sku : outcome.accepted()) {
                if (seqs.containsKey(sku)) carried.put(sku, seqs.get(sku));
            }
            async.pushed(channel, outcome.callbackNonce(), outcome.reference(), carried, now);
        }
        List<Object[]> corrected = new ArrayList<>();
        for (String sku : outcome.accepted()) {
            Long seq = seqs.get(sku);
            if (seq != null) corrected.add(new Object[] {Timestamp.from(now), channel, sku, seq});
        }
        if (!corrected.isEmpty()) {
            jdbc.batchUpdate("""
                    update connector_drift set corrected_at = ?
                    where channel = ? and sku = ? and corrected_at is null and push_seq <= ?
                    """, corrected);
        }
    }

    private static void pushed(String channel, Instant now) {
        Deque<Instant> times = PUSHES.computeIfAbsent(channel, c -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) times.removeFirst();
        }
    }

    /** Pushes a second the platform took over the last minute, on this instance. */
    static double currentRate(String channel, Instant now) {
        Deque<Instant> times = PUSHES.get(channel);
        if (times == null) return 0;
        synchronized (times) {
            long n = times.stream().filter(t -> !t.isBefore(now.minus(WINDOW))).count();
            return n / (double) WINDOW.toSeconds();
        }
    }
}

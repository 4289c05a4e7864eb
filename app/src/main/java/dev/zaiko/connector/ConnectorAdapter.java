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
 * through the platform's client. The platform's throttling answer becomes the channel's
 * {@link MarketplaceThrottledException} with the platform's wait; a refused credential or any other
 * failure is recorded as the connector's health and fails the push (the sender retries it with its
 * doubling wait). The client is taken afresh when the account changed, so new credentials count at
 * the next push. A push the platform took marks the drift it corrected.
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

    ConnectorAdapter(String channel, Platform platform, PlatformConnector.Limits limits, ConnectorAccounts accounts,
                     JdbcTemplate jdbc, Clock clock) {
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

    /**
     * The platform's own budget, {@code requestsPerSecond} with its documented burst, per channel on
     * this instance. The channel's sender keeps to the rate but lets a push at the safety floor go at
     * once, into debt; a platform with a burst of 1 (Rakuten, Yahoo!, Smaregi) would then get two
     * requests closer than its limit allows. Such a push is answered as throttled for exactly the
     * wait the platform's budget needs: the sender waits that (no failure) and the 0 still goes first.
     */
    private static final Map<String, double[]> BUDGETS = new ConcurrentHashMap<>();

    /** Nanoseconds until the platform's budget has a request, taking it when 0. */
    private long takeBudget(Instant now) {
        double rate = limits.requestsPerSecond();
        if (rate <= 0) return 0;
        int burst = Math.max(1, limits.burst());
        double t = now.getEpochSecond() + now.getNano() / 1e9;
        double[] b = BUDGETS.computeIfAbsent(channel, c -> new double[] {burst, t});
        synchronized (b) {
            b[0] = Math.min(burst, b[0] + Math.max(0, t - b[1]) * rate);
            b[1] = Math.max(b[1], t);
            if (b[0] >= 1 - 1e-9) {
                b[0] -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - b[0]) / rate * 1e9);
        }
    }

    /**
     * The budget refills from the end of the request, not its start: the platform counts arrivals,
     * and a slow first request (connection, token) would otherwise bring the next one too close.
     */
    private void spent(Instant end) {
        double[] b = BUDGETS.get(channel);
        if (b == null) return;
        synchronized (b) {
            b[1] = Math.max(b[1], end.getEpochSecond() + end.getNano() / 1e9);
        }
    }

    @Override
    public void push(ChannelPush batch) throws IOException {
        long wait = takeBudget(clock.instant());
        if (wait > 0) {
            throw new MarketplaceThrottledException(429, Duration.ofNanos(wait).plusMillis(1));
        }
        ConnectorAccounts.Session session = accounts.session(channel).orElseThrow(ConnectorFailed::new);
        List<PlatformClient.QuantityUpdate> updates = new ArrayList<>();
        for (ChannelPush.Item item : batch.items()) {
            updates.add(new PlatformClient.QuantityUpdate(item.sku(), item.quantity()));
        }
        PlatformClient.PushOutcome outcome;
        try {
            outcome = session.client().setQuantities(updates);
        } catch (ConnectorException.Throttled e) {
            spent(clock.instant());
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
        spent(now);
        pushed(channel, now);
        // a success is a push the platform took: when no SKU of the batch is mapped, nothing was sent
        if (!outcome.accepted().isEmpty()) accounts.succeeded(channel);
        if (!outcome.rejected().isEmpty()) {
            log.info("Platform {} of channel {} refused {} SKUs of a push: {}", platform, channel,
                    outcome.rejected().size(), outcome.rejected().keySet());
        }
        Map<String, Long> seqs = new HashMap<>();
        for (ChannelPush.Item item : batch.items()) seqs.put(item.sku(), item.seq());
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

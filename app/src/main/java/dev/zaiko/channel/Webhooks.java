package dev.zaiko.channel;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.platform.SecretBox;
import dev.zaiko.platform.outbound.OutboundTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Registering, listing, enabling and removing a channel's webhook endpoints, and rotating their secrets. */
@Service
public class Webhooks {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;
    static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    static final Duration MAX_OVERLAP = Duration.ofDays(7);
    /** Where the secrets are, stored encrypted (docs/security.md, "Secrets at rest"). */
    static final String TABLE = "channel_webhook";
    static final String COLUMNS = "id, channel, url, status, cursor, failures, failing_since, next_attempt_at, "
            + "last_error, last_delivered_at, disabled_at, disabled_reason, previous_secret_until, created_at";

    private final JdbcTemplate jdbc;
    private final StockNetwork network;
    private final Clock clock;
    private final DeliveringWebhooks delivering;
    private final SecretBox secrets;
    private final TransactionTemplate tx;
    private final OutboundTargets targets;

    Webhooks(JdbcTemplate jdbc, StockNetwork network, Clock clock, DeliveringWebhooks delivering, SecretBox secrets,
             PlatformTransactionManager transactions, OutboundTargets targets) {
        this.jdbc = jdbc;
        this.network = network;
        this.clock = clock;
        this.delivering = delivering;
        this.secrets = secrets;
        this.tx = new TransactionTemplate(transactions);
        this.targets = targets;
    }

    /**
     * A new endpoint starts at cursor 0: its first deliveries bring every SKU's current value. Its
     * URL must be plain http(s) to an allowed address ({@link OutboundTargets}): else 400 naming
     * {@code url}, and nothing is stored.
     */
    public Webhook register(String channel, String url, String secret) {
        network.requireChannel(channel);
        validSecret(secret);
        URI uri = targets.requireAllowed(url, "url");
        UUID id = UUID.randomUUID();
        jdbc.update("insert into channel_webhook (id, channel, url, secret, created_at) values (?, ?, ?, ?, ?)",
                id, channel, uri.toString(), secrets.seal(secret, TABLE, "secret"), Timestamp.from(clock.instant()));
        delivering.wake();
        return find(channel, id).orElseThrow();
    }

    public List<Webhook> list(String channel) {
        network.requireChannel(channel);
        return jdbc.query("select " + COLUMNS + " from channel_webhook where channel = ? order by created_at, id",
                this::webhook, channel);
    }

    public Webhook get(String channel, UUID id) {
        network.requireChannel(channel);
        return find(channel, id).orElseThrow(() -> new NotFoundException(
                "No webhook " + id + " on channel '" + channel + "'."));
    }

    public void delete(String channel, UUID id) {
        network.requireChannel(channel);
        if (jdbc.update("delete from channel_webhook where channel = ? and id = ?", channel, id) == 0) {
            throw new NotFoundException("No webhook " + id + " on channel '" + channel + "'.");
        }
    }

    /**
     * A disabled endpoint receives again: failures are forgotten and it is tried at once, from its
     * cursor (the feed holds only latest values, so it gets each changed SKU once, at its current
     * value). An active endpoint is answered as it is.
     */
    public Webhook enable(String channel, UUID id) {
        Webhook webhook = get(channel, id);
        if (Webhook.ACTIVE.equals(webhook.status())) return webhook;
        jdbc.update("""
                update channel_webhook set status = 'ACTIVE', failures = 0, failing_since = null, next_attempt_at = null,
                    last_error = null, disabled_at = null, disabled_reason = null
                where channel = ? and id = ? and status = 'DISABLED'
                """, channel, id);
        log.info("Webhook {} on channel {} enabled again", id, channel);
        delivering.wake();
        return get(channel, id);
    }

    /**
     * A new secret signs every delivery from now on; during {@code overlap} the replaced one signs
     * them too (a second {@code v1=}), so that receivers can switch without missing a delivery.
     *
     * @param overlap ISO-8601 ({@code PT24H}), 0 to 7 days; null for 24 hours
     */
    public Webhook rotateSecret(String channel, UUID id, String secret, String overlap) {
        Webhook webhook = get(channel, id);
        validSecret(secret);
        Duration keep = validOverlap(overlap);
        Instant until = clock.instant().plus(keep);
        boolean keepOld = !keep.isZero();
        tx.executeWithoutResult(t -> {
            // stored encrypted: compared here, and the replaced one sealed again for its own column
            String current = secrets.open(jdbc.queryForList("select secret from channel_webhook where channel = ? "
                    + "and id = ? for update", String.class, channel, id).stream().findFirst().orElseThrow(
                    () -> new NotFoundException("No webhook " + id + " on channel '" + channel + "'.")),
                    TABLE, "secret");
            if (current.equals(secret)) {
                throw new InvalidRequestException("secret-unchanged", "secret is the endpoint's current secret; "
                        + "a rotation needs a new one.", Map.of("field", "secret"));
            }
            jdbc.update("""
                    update channel_webhook set previous_secret = ?, previous_secret_until = ?, secret = ?
                    where channel = ? and id = ?
                    """, keepOld ? secrets.seal(current, TABLE, "previous_secret") : null,
                    keepOld ? Timestamp.from(until) : null, secrets.seal(secret, TABLE, "secret"), channel, id);
        });
        log.info("Webhook {} on channel {}: secret rotated, the previous one signs too for {}", webhook.id(), channel,
                keep);
        return get(channel, id);
    }

    static void validSecret(String secret) {
        if (secret == null || secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
            throw new InvalidRequestException("secret must be " + MIN_SECRET + " to " + MAX_SECRET + " characters.");
        }
    }

    static Duration validOverlap(String overlap) {
        if (overlap == null) return DEFAULT_OVERLAP;
        Duration d;
        try {
            d = Duration.parse(overlap.strip());
        } catch (DateTimeParseException e) {
            d = null;
        }
        if (d == null || d.isNegative() || d.compareTo(MAX_OVERLAP) > 0) {
            throw new InvalidRequestException("invalid-overlap", "overlap must be an ISO-8601 duration from PT0S to "
                    + "P7D (for example PT24H), or left out for 24 hours.", Map.of("field", "overlap"));
        }
        return d;
    }

    private Optional<Webhook> find(String channel, UUID id) {
        return jdbc.query("select " + COLUMNS + " from channel_webhook where channel = ? and id = ?",
                this::webhook, channel, id).stream().findFirst();
    }

    private Webhook webhook(ResultSet rs, int i) throws SQLException {
        return new Webhook(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getInt(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), rs.getString(9),
                instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)), rs.getString(12),
                visible(instant(rs.getTimestamp(13))), instant(rs.getTimestamp(14)));
    }

    /** An overlap that ended is no longer worth showing. */
    private Instant visible(Instant previousSecretUntil) {
        return previousSecretUntil == null || !previousSecretUntil.isAfter(clock.instant()) ? null : previousSecretUntil;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

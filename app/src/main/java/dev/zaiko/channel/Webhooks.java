package dev.zaiko.channel;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Registering, listing and removing a channel's webhook endpoints. */
@Service
public class Webhooks {

    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;
    static final int MAX_URL = 2000;
    static final String COLUMNS = "id, channel, url, cursor, failures, next_attempt_at, last_error, "
            + "last_delivered_at, created_at";

    private final JdbcTemplate jdbc;
    private final StockNetwork network;
    private final Clock clock;
    private final DeliveringWebhooks delivering;

    Webhooks(JdbcTemplate jdbc, StockNetwork network, Clock clock, DeliveringWebhooks delivering) {
        this.jdbc = jdbc;
        this.network = network;
        this.clock = clock;
        this.delivering = delivering;
    }

    /** A new endpoint starts at cursor 0: its first deliveries bring every SKU's current value. */
    public Webhook register(String channel, String url, String secret) {
        network.requireChannel(channel);
        URI uri = validUrl(url);
        if (secret == null || secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
            throw new InvalidRequestException("secret must be " + MIN_SECRET + " to " + MAX_SECRET + " characters.");
        }
        UUID id = UUID.randomUUID();
        jdbc.update("insert into channel_webhook (id, channel, url, secret, created_at) values (?, ?, ?, ?, ?)",
                id, channel, uri.toString(), secret, Timestamp.from(clock.instant()));
        delivering.wake();
        return find(channel, id).orElseThrow();
    }

    public List<Webhook> list(String channel) {
        network.requireChannel(channel);
        return jdbc.query("select " + COLUMNS + " from channel_webhook where channel = ? order by created_at, id",
                Webhooks::webhook, channel);
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

    private Optional<Webhook> find(String channel, UUID id) {
        return jdbc.query("select " + COLUMNS + " from channel_webhook where channel = ? and id = ?",
                Webhooks::webhook, channel, id).stream().findFirst();
    }

    static URI validUrl(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            throw new InvalidRequestException("url must be an absolute http or https URL of at most " + MAX_URL
                    + " characters.");
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getFragment() != null) {
                throw new InvalidRequestException("url must be an absolute http or https URL with a host and no "
                        + "fragment.");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("url is not a valid URL.");
        }
    }

    static Webhook webhook(ResultSet rs, int i) throws SQLException {
        return new Webhook(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5),
                instant(rs.getTimestamp(6)), rs.getString(7), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

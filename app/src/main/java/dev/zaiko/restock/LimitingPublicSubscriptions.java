package dev.zaiko.restock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import dev.zaiko.platform.SecretBox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The public door's rate limits, counted in {@code restock_rate} so that every instance on the
 * database counts the same requests: at most {@code zaiko.restock.max-per-address} requests per
 * client address (an IPv6 address by its /64) and {@code max-per-email} per email address in a
 * fixed {@code window} each. The email is kept as a keyed digest, never in clear. Counting is one
 * upsert under the row's lock, so two instances never lose a hit.
 */
@Component
class LimitingPublicSubscriptions {

    static final String ADDRESS = "ADDRESS";
    static final String EMAIL = "EMAIL";

    private final JdbcTemplate jdbc;
    private final RestockProperties properties;
    private final SecretBox secrets;
    private final Clock clock;

    LimitingPublicSubscriptions(JdbcTemplate jdbc, RestockProperties properties, SecretBox secrets, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Counts a request from the address; how long to wait when it is over the limit. */
    Optional<Duration> fromAddress(String remote) {
        return hit(ADDRESS, addressKey(remote), properties.maxPerAddress());
    }

    /** Counts a request for the email; how long to wait when it is over the limit. */
    Optional<Duration> forEmail(String email) {
        return hit(EMAIL, secrets.digest("restock-rate", email), properties.maxPerEmail());
    }

    private Optional<Duration> hit(String kind, String key, int max) {
        Instant now = clock.instant();
        Timestamp windowStart = Timestamp.from(now.minus(properties.window()));
        record Count(int hits, Instant since) {
        }
        Count count = jdbc.queryForObject("""
                insert into restock_rate as r (kind, key, window_start, hits) values (?, ?, ?, 1)
                on conflict (kind, key) do update set
                    hits = case when r.window_start <= ? then 1 else r.hits + 1 end,
                    window_start = case when r.window_start <= ? then excluded.window_start else r.window_start end
                returning hits, window_start
                """, (rs, n) -> new Count(rs.getInt(1), rs.getTimestamp(2).toInstant()),
                kind, key, Timestamp.from(now), windowStart, windowStart);
        // windows long past are forgotten now and then (cheap: only rows no one counts any more)
        if (count != null && count.hits() == 1) {
            jdbc.update("delete from restock_rate where window_start <= ?", windowStart);
        }
        if (count == null || count.hits() <= max) return Optional.empty();
        Duration wait = Duration.between(now, count.since().plus(properties.window()));
        return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
    }

    /** The client's address; an IPv6 address by its /64 network, since one host can use a whole /64. */
    static String addressKey(String remote) {
        if (remote == null || remote.isBlank()) return "unknown";
        if (remote.indexOf(':') < 0) return remote;
        try {
            byte[] bytes = InetAddress.getByName(remote).getAddress();
            if (bytes.length != 16) return InetAddress.getByAddress(bytes).getHostAddress();
            return InetAddress.getByAddress(Arrays.copyOf(Arrays.copyOf(bytes, 8), 16)).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return remote.length() > 100 ? remote.substring(0, 100) : remote;
        }
    }
}

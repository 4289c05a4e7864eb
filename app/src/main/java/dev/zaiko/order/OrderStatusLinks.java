package dev.zaiko.order;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.zaiko.platform.SecretBox;
import dev.zaiko.platform.SignedTokens;
import dev.zaiko.platform.SigningKey;
import dev.zaiko.platform.ShopProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Links that show a customer where their order stands: {@code /o/<payload>.<signature>}, the
 * payload naming one order and when the link expires, the signature HMAC-SHA256 over it with the
 * shop's key. The link only reads, so no row is kept per link: a correct signature is the proof.
 * A changed character or a link signed with another key is {@link Tampered}; an old one
 * {@link Expired}.
 */
@Component
public class OrderStatusLinks {

    private static final String VERSION = "o1";
    /** Keeps these signatures apart from anything else that might ever be signed with the same configured key. */
    private static final String PURPOSE = "order-status|";

    private final OrderStatusLinkProperties properties;
    private final ShopProperties shop;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SigningKey key;

    static final String SECRET_TABLE = "orders_secret";

    OrderStatusLinks(OrderStatusLinkProperties properties, ShopProperties shop, JdbcTemplate jdbc, Clock clock,
                     SecretBox secrets) {
        this.properties = properties;
        this.shop = shop;
        this.jdbc = jdbc;
        this.clock = clock;
        // the first instance to store a key wins; every instance then signs with that one. Kept encrypted.
        this.key = new SigningKey(properties.statusLinkSecret(), candidate -> {
            jdbc.update("insert into orders_secret (name, value, created_at) values ('status-links', ?, ?) "
                    + "on conflict (name) do nothing", secrets.seal(candidate, SECRET_TABLE, "value"),
                    Timestamp.from(clock.instant()));
            return secrets.openBytes(jdbc.queryForObject("select value from orders_secret where name = 'status-links'",
                    String.class), SECRET_TABLE, "value");
        });
    }

    /** A link's token, its full address and until when it works. */
    public record Issued(String token, URI url, Instant expiresAt) {
    }

    /** A link to the order's status page, valid for {@code zaiko.orders.status-link-valid-for}. */
    public Issued issue(OrderNumber order) {
        Instant expires = clock.instant().plus(properties.statusLinkValidFor());
        String token = token(order, expires);
        return new Issued(token, shop.baseUrl().resolve("/o/" + token), expires);
    }

    String token(OrderNumber order, Instant expires) {
        return SignedTokens.seal(key(), PURPOSE, VERSION, order.digits(), String.valueOf(expires.getEpochSecond()));
    }

    /** What a presented token turned out to be. */
    public sealed interface Verified permits Valid, Tampered, Expired {
    }

    public record Valid(OrderNumber order, Instant expiresAt) implements Verified {
    }

    /** Not made with this shop's key, changed on the way, or not a token at all. */
    public record Tampered() implements Verified {
    }

    public record Expired(Instant expiredAt) implements Verified {
    }

    public Verified verify(String token) {
        Optional<String[]> opened = SignedTokens.open(key(), PURPOSE, token, 256, 3);
        if (opened.isEmpty() || !VERSION.equals(opened.get()[0])) return new Tampered();
        String[] parts = opened.get();
        OrderNumber order;
        Instant expires;
        try {
            order = new OrderNumber(parts[1]);
            expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return new Tampered();
        }
        if (!clock.instant().isBefore(expires)) return new Expired(expires);
        return new Valid(order, expires);
    }

    private byte[] key() {
        return key.get();
    }
}

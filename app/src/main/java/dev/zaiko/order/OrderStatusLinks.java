package dev.zaiko.order;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.zaiko.platform.SecretBox;
import dev.zaiko.platform.SignedTokens;
import dev.zaiko.platform.SigningKey;
import dev.zaiko.shop.ShopProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Links that show a customer where their order stands: {@code /o/<payload>.<signature>}, the
 * payload naming one order, when the link expires and the order's link generation, the signature
 * HMAC-SHA256 over it with the shop's key. The link only reads, so no row is kept per link: a
 * correct signature is the proof. A changed character or a link signed with another key is
 * {@link Tampered}; an old one {@link Expired}. Staff can {@link #revoke} an order's links (a
 * forwarded email, a shared screen): the order's generation goes up, every link issued before is
 * {@link Revoked} for good, and links issued afterwards open.
 */
@Component
public class OrderStatusLinks {

    /** o1: issued before links could be revoked, generation 0. o2: with the generation. */
    private static final String V1 = "o1";
    private static final String VERSION = "o2";
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
        String token = token(order, expires, generation(order));
        return new Issued(token, shop.baseUrl().resolve("/o/" + token), expires);
    }

    String token(OrderNumber order, Instant expires, int generation) {
        return SignedTokens.seal(key(), PURPOSE, VERSION, order.digits(), String.valueOf(expires.getEpochSecond()),
                String.valueOf(generation));
    }

    /** What a revocation did: the order's links issued before {@code revokedAt} never open again. */
    public record Revocation(OrderNumber order, int generation, Instant revokedAt, String revokedBy) {
    }

    /**
     * Ends every status link issued so far for the order (the caller checked that it exists);
     * the next one issued opens. Safe to repeat.
     */
    public Revocation revoke(OrderNumber order, String by) {
        Instant now = clock.instant();
        Integer generation = jdbc.queryForObject("""
                insert into orders_status_link_revocation as r (order_number, generation, revoked_at, revoked_by)
                values (?, 1, ?, ?)
                on conflict (order_number) do update set generation = r.generation + 1,
                    revoked_at = excluded.revoked_at, revoked_by = excluded.revoked_by
                returning generation
                """, Integer.class, order.digits(), Timestamp.from(now), by);
        return new Revocation(order, generation == null ? 0 : generation, now, by);
    }

    private int generation(OrderNumber order) {
        return jdbc.queryForList("select generation from orders_status_link_revocation where order_number = ?",
                Integer.class, order.digits()).stream().findFirst().orElse(0);
    }

    /** What a presented token turned out to be. */
    public sealed interface Verified permits Valid, Tampered, Expired, Revoked {
    }

    public record Valid(OrderNumber order, Instant expiresAt) implements Verified {
    }

    /** Not made with this shop's key, changed on the way, or not a token at all. */
    public record Tampered() implements Verified {
    }

    public record Expired(Instant expiredAt) implements Verified {
    }

    /** Made by this shop, but staff revoked the order's links after it was issued. */
    public record Revoked(OrderNumber order) implements Verified {
    }

    public Verified verify(String token) {
        Optional<String[]> opened = SignedTokens.open(key(), PURPOSE, token, 256, 4)
                .filter(parts -> VERSION.equals(parts[0]))
                .or(() -> SignedTokens.open(key(), PURPOSE, token, 256, 3).filter(parts -> V1.equals(parts[0])));
        if (opened.isEmpty()) return new Tampered();
        String[] parts = opened.get();
        OrderNumber order;
        Instant expires;
        int generation;
        try {
            order = new OrderNumber(parts[1]);
            expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            generation = parts.length > 3 ? Integer.parseInt(parts[3]) : 0;
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return new Tampered();
        }
        if (!clock.instant().isBefore(expires)) return new Expired(expires);
        if (generation != generation(order)) return new Revoked(order);
        return new Valid(order, expires);
    }

    private byte[] key() {
        return key.get();
    }
}

package dev.zaiko.deal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.zaiko.platform.SecretBox;
import dev.zaiko.platform.SignedTokens;
import dev.zaiko.platform.SigningKey;
import dev.zaiko.shop.ShopProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The links in waitlist emails: {@code /w/<payload>.<signature>} opens the offer page of one offer,
 * {@code /w/leave/<payload>.<signature>} the one-click leave page of one entry. The payload names the
 * entry (and, for an offer, its reservation) and when the link expires; the signature is HMAC-SHA256
 * over it with the waitlists' key, which is configured ({@code zaiko.deals.waitlist-link-secret}) or
 * made at first use and stored sealed ({@link SecretBox}) in {@code deal_waitlist_secret}, the
 * first instance's key winning, as {@code order.OrderStatusLinks} does. A changed character or
 * another key's link is {@link Tampered}: it opens nothing and changes nothing.
 */
@Component
public class WaitlistLinks {

    private static final String VERSION = "w1";
    /** Keeps these signatures apart from anything else signed with the same configured key. */
    private static final String PURPOSE = "deal-waitlist|";

    public enum Kind { OFFER, LEAVE }

    private final WaitlistProperties properties;
    private final ShopProperties shop;
    private final Clock clock;
    private final SigningKey key;

    WaitlistLinks(WaitlistProperties properties, ShopProperties shop, JdbcTemplate jdbc, Clock clock, SecretBox secrets) {
        this.properties = properties;
        this.shop = shop;
        this.clock = clock;
        this.key = new SigningKey(properties.waitlistLinkSecret(), candidate -> {
            jdbc.update("insert into deal_waitlist_secret (name, value, created_at) values ('links', ?, ?) "
                            + "on conflict (name) do nothing", secrets.seal(candidate, WaitlistStore.SECRET_TABLE, "value"),
                    Timestamp.from(clock.instant()));
            return secrets.openBytes(jdbc.queryForObject("select value from deal_waitlist_secret where name = 'links'",
                    String.class), WaitlistStore.SECRET_TABLE, "value");
        });
    }

    /** The leave link of an entry, valid for {@code zaiko.deals.waitlist-link-valid-for}. */
    public URI leave(UUID entry) {
        Instant expires = clock.instant().plus(properties.waitlistLinkValidFor());
        return shop.baseUrl().resolve("/w/leave/" + token(Kind.LEAVE, entry, null, expires));
    }

    /** The offer page of one offer, valid until the offer's hold runs out. */
    public URI offer(UUID entry, UUID reservation, Instant until) {
        return shop.baseUrl().resolve("/w/" + token(Kind.OFFER, entry, reservation, until));
    }

    /** Where the offer page sends the customer to buy: {@code zaiko.deals.checkout-url} filled in. */
    public URI checkout(String deal, UUID reservation) {
        String template = properties.checkoutUrl() != null ? properties.checkoutUrl()
                : shop.baseUrl().resolve("/checkout") + "?deal={deal}&reservation={reservation}";
        return URI.create(template.replace("{deal}", URLEncoder.encode(deal, StandardCharsets.UTF_8))
                .replace("{reservation}", reservation.toString()));
    }

    String token(Kind kind, UUID entry, UUID reservation, Instant expires) {
        return SignedTokens.seal(key.get(), PURPOSE, VERSION, kind.name(), entry.toString(),
                reservation == null ? "-" : reservation.toString(), String.valueOf(expires.getEpochSecond()));
    }

    public sealed interface Verified permits Valid, Tampered, Expired {
    }

    /** @param reservation the offer's reservation; null for a leave link */
    public record Valid(Kind kind, UUID entry, UUID reservation, Instant expiresAt) implements Verified {
    }

    public record Tampered() implements Verified {
    }

    public record Expired(Instant expiredAt) implements Verified {
    }

    /** @param kind what the page expects: a leave link is no offer link and the other way round */
    public Verified verify(String token, Kind kind) {
        Optional<String[]> opened = SignedTokens.open(key.get(), PURPOSE, token, 400, 5)
                .filter(p -> VERSION.equals(p[0]) && kind.name().equals(p[1]));
        if (opened.isEmpty()) return new Tampered();
        String[] p = opened.get();
        try {
            UUID entry = UUID.fromString(p[2]);
            UUID reservation = "-".equals(p[3]) ? null : UUID.fromString(p[3]);
            Instant expires = Instant.ofEpochSecond(Long.parseLong(p[4]));
            if (!clock.instant().isBefore(expires)) return new Expired(expires);
            return new Valid(kind, entry, reservation, expires);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return new Tampered();
        }
    }
}

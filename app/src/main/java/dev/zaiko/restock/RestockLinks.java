package dev.zaiko.restock;

import java.net.URI;
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
 * The signed links in the alert emails: {@code /c/restock-alerts/confirm/<token>} (works until the
 * subscription's confirmation expires) and {@code /c/restock-alerts/unsubscribe/<token>} (works for
 * as long as the subscription exists, so every email can be left with one click). The token is
 * {@link SignedTokens}' form: the payload names the act and the subscription, signed HMAC-SHA256 with
 * the module's key ({@code zaiko.restock.link-secret}, else a random key kept sealed in
 * {@code restock_secret}). A changed character or another key's link opens nothing.
 */
@Component
class RestockLinks {

    static final String SECRET_TABLE = "restock_secret";
    private static final String PURPOSE = "restock-alert|";
    private static final String VERSION = "r1";
    static final String CONFIRM = "confirm";
    static final String UNSUBSCRIBE = "unsubscribe";

    private final ShopProperties shop;
    private final Clock clock;
    private final SigningKey key;

    RestockLinks(RestockProperties properties, ShopProperties shop, JdbcTemplate jdbc, Clock clock, SecretBox secrets) {
        this.shop = shop;
        this.clock = clock;
        // the first instance to store a key wins; every instance then signs with that one. Kept sealed.
        this.key = new SigningKey(properties.linkSecret(), candidate -> {
            jdbc.update("insert into restock_secret (name, value, created_at) values ('links', ?, ?) "
                            + "on conflict (name) do nothing", secrets.seal(candidate, SECRET_TABLE, "value"),
                    Timestamp.from(clock.instant()));
            return secrets.openBytes(jdbc.queryForObject("select value from restock_secret where name = 'links'",
                    String.class), SECRET_TABLE, "value");
        });
    }

    /** A confirm link that works until {@code expires}. */
    URI confirm(UUID subscription, Instant expires) {
        return shop.baseUrl().resolve("/c/restock-alerts/confirm/" + token(CONFIRM, subscription, expires));
    }

    /** The page with the one-click unsubscribe button. */
    URI unsubscribe(UUID subscription) {
        return shop.baseUrl().resolve("/c/restock-alerts/unsubscribe/" + unsubscribeToken(subscription));
    }

    /** Where a mail client posts RFC 8058's {@code List-Unsubscribe=One-Click}. */
    URI oneClickUnsubscribe(UUID subscription) {
        return shop.baseUrl().resolve(PublicRestockAlertController.ONE_CLICK + unsubscribeToken(subscription));
    }

    String unsubscribeToken(UUID subscription) {
        return token(UNSUBSCRIBE, subscription, null);
    }

    String token(String act, UUID subscription, Instant expires) {
        return SignedTokens.seal(key.get(), PURPOSE, VERSION, act, subscription.toString(),
                expires == null ? "" : String.valueOf(expires.getEpochSecond()));
    }

    /** What a presented token is. */
    sealed interface Opened permits Valid, Forged, Expired {
    }

    record Valid(UUID subscription) implements Opened {
    }

    /** Not made with this key, changed, made for another act, or not a token. */
    record Forged() implements Opened {
    }

    record Expired(UUID subscription) implements Opened {
    }

    Opened open(String act, String token) {
        Optional<String[]> opened = SignedTokens.open(key.get(), PURPOSE, token, 256, 4)
                .filter(p -> VERSION.equals(p[0]) && act.equals(p[1]));
        if (opened.isEmpty()) return new Forged();
        String[] p = opened.get();
        UUID id;
        try {
            id = UUID.fromString(p[2]);
            if (!p[3].isEmpty() && !clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(p[3])))) {
                return new Expired(id);
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return new Forged();
        }
        return new Valid(id);
    }
}

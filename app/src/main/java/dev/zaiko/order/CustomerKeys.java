package dev.zaiko.order;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;

import dev.zaiko.platform.Hmac;
import dev.zaiko.platform.SecretBox;
import dev.zaiko.platform.SigningKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The pseudonym {@link OrderPlaced} names a customer by: HMAC-SHA256 of the lower-cased, trimmed
 * email address with a key of this installation, base64url. The same address gives the same key on
 * every order; the key cannot be turned back into the address without the installation's key, which
 * the order module keeps encrypted in {@code orders_secret} (as the status links' key: the first
 * instance to store one wins).
 */
@Component
class CustomerKeys {

    /** Keeps these digests apart from anything else ever computed with the same key. */
    private static final String PURPOSE = "customer-key|";

    private final SigningKey key;

    CustomerKeys(JdbcTemplate jdbc, Clock clock, SecretBox secrets) {
        this.key = new SigningKey(null, candidate -> {
            jdbc.update("insert into orders_secret (name, value, created_at) values ('customer-keys', ?, ?) "
                            + "on conflict (name) do nothing",
                    secrets.seal(candidate, OrderStatusLinks.SECRET_TABLE, "value"), Timestamp.from(clock.instant()));
            return secrets.openBytes(jdbc.queryForObject("select value from orders_secret where name = 'customer-keys'",
                    String.class), OrderStatusLinks.SECRET_TABLE, "value");
        });
    }

    String of(String email) {
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        byte[] digest = Hmac.sha256(key.get(), (PURPOSE + normalized).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}

package dev.zaiko.contact;

import dev.zaiko.contact.desk.ContactProperties;
import dev.zaiko.contact.desk.ContactStore;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;


import dev.zaiko.platform.SignedTokens;
import dev.zaiko.platform.SigningKey;
import dev.zaiko.shop.ShopProperties;
import org.springframework.stereotype.Component;

/**
 * The customer's decision links: {@code /c/<payload>.<signature>}, where the payload names one
 * case, the link's own id and when it expires, and the signature is HMAC-SHA256 over it with the
 * shop's key. A link is honoured only when the signature is right, it has not expired, and it
 * was issued for that case (its row exists) and staff have not revoked it: a changed character,
 * an old link, a revoked one or a link made elsewhere changes nothing. A link issued after a
 * revocation opens.
 */
@Component
public class DecisionLinks {

    private static final String VERSION = "v1";
    /** Empty: links issued before tokens named their purpose still open. */
    private static final String PURPOSE = "";

    private final ContactStore store;
    private final ContactProperties properties;
    private final ShopProperties shop;
    private final Clock clock;
    private final SigningKey key;

    DecisionLinks(ContactStore store, ContactProperties properties, ShopProperties shop, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.shop = shop;
        this.clock = clock;
        this.key = new SigningKey(properties.linkSecret(), candidate -> store.secret(candidate, clock.instant()));
    }

    /** A link's address and until when it works. */
    public record Issued(URI url, Instant expiresAt) {
    }

    /** Issues a new link for the case (in the caller's transaction). */
    public Issued issue(String caseId) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.linkValidFor());
        UUID id = UUID.randomUUID();
        store.insertLink(new ContactStore.Link(id, caseId, now, expires, null, null, null));
        return new Issued(shop.baseUrl().resolve("/c/" + token(caseId, id, expires)), expires);
    }

    /** What a preview shows in place of a link: nothing is issued. */
    public Issued standIn() {
        return new Issued(shop.baseUrl().resolve("/c/preview"), clock.instant().plus(properties.linkValidFor()));
    }

    String token(String caseId, UUID id, Instant expires) {
        return SignedTokens.seal(key(), PURPOSE, VERSION, caseId, id.toString(), String.valueOf(expires.getEpochSecond()));
    }

    /** What a presented token turned out to be. */
    public sealed interface Verified {
    }

    /** A good link: the case it is for, and its row. */
    public record Valid(String caseId, UUID linkId, Instant expiresAt, Instant usedAt) implements Verified {
    }

    /** Not made by this shop, or changed on the way. */
    public record Tampered() implements Verified {
    }

    public record Expired(String caseId, Instant expiredAt) implements Verified {
    }

    /** Issued for the case, but staff revoked it. */
    public record Revoked(String caseId, Instant revokedAt) implements Verified {
    }

    /** What a revocation did: how many links of the case stopped working. */
    public record Revocation(String caseId, int revoked, Instant revokedAt, String revokedBy) {
    }

    /** Ends every link issued so far for the case (the caller checked that it exists); the next one issued opens. */
    public Revocation revoke(String caseId, String by) {
        Instant now = clock.instant();
        return new Revocation(caseId, store.revokeLinks(caseId, by, now), now, by);
    }

    public Verified verify(String token) {
        Optional<String[]> opened = SignedTokens.open(key(), PURPOSE, token, 512, 4);
        if (opened.isEmpty() || !VERSION.equals(opened.get()[0])) return new Tampered();
        String[] parts = opened.get();
        UUID id;
        Instant expires;
        try {
            id = UUID.fromString(parts[2]);
            expires = Instant.ofEpochSecond(Long.parseLong(parts[3]));
        } catch (IllegalArgumentException e) {
            return new Tampered();
        }
        Optional<ContactStore.Link> row = store.link(id);
        // signed by this shop but not issued here (another database with the same key): not honoured
        if (row.isEmpty() || !row.get().caseId().equals(parts[1])) return new Tampered();
        if (!clock.instant().isBefore(expires)) return new Expired(parts[1], expires);
        if (row.get().revokedAt() != null) return new Revoked(parts[1], row.get().revokedAt());
        return new Valid(parts[1], id, expires, row.get().usedAt());
    }

    public void used(UUID linkId, String usedFor) {
        store.linkUsed(linkId, usedFor, clock.instant());
    }

    private byte[] key() {
        return key.get();
    }
}

package dev.zaiko.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * The form of Zaiko's signed links: {@code base64url(payload) + "." + base64url(HMAC-SHA256)}, the
 * payload being {@code |}-separated fields. A module keeps its own key and says what the fields
 * mean; this class only seals a payload and opens a presented token, refusing anything not sealed
 * with that key (checked in constant time, so a signature cannot be guessed from response times).
 */
public final class SignedTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private SignedTokens() {
    }

    /** @param purpose mixed into the signature, so a token made for one kind of link is no other kind */
    public static String seal(byte[] key, String purpose, String... fields) {
        String encoded = B64.encodeToString(String.join("|", fields).getBytes(StandardCharsets.UTF_8));
        return encoded + "." + B64.encodeToString(sign(key, purpose, encoded));
    }

    /** The payload's fields if the token was sealed with this key and purpose and has {@code fields} of them. */
    public static Optional<String[]> open(byte[] key, String purpose, String token, int maxLength, int fields) {
        if (token == null || token.length() > maxLength) return Optional.empty();
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) return Optional.empty();
        String encoded = token.substring(0, dot);
        byte[] presented;
        String payload;
        try {
            presented = B64D.decode(token.substring(dot + 1));
            payload = new String(B64D.decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(presented, sign(key, purpose, encoded))) return Optional.empty();
        String[] parts = payload.split("\\|", -1);
        return parts.length == fields ? Optional.of(parts) : Optional.empty();
    }

    private static byte[] sign(byte[] key, String purpose, String encoded) {
        return Hmac.sha256(key, (purpose + encoded).getBytes(StandardCharsets.US_ASCII));
    }
}

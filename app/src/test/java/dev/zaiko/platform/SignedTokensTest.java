package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SignedTokensTest {

    static final byte[] KEY = "a key of the shop's own".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSealedTokenOpensToItsFields() {
        String token = SignedTokens.seal(KEY, "order-status|", "o1", "12345678901234567", "1798075805");
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(SignedTokens.open(KEY, "order-status|", token, 256, 3)).hasValueSatisfying(
                fields -> assertThat(fields).containsExactly("o1", "12345678901234567", "1798075805"));
    }

    @Test
    void anythingNotSealedWithThisKeyAndPurposeStaysShut() {
        String token = SignedTokens.seal(KEY, "order-status|", "o1", "12345678901234567", "1798075805");
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);
        String flipped = (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1);

        assertThat(SignedTokens.open("another key".getBytes(StandardCharsets.UTF_8), "order-status|", token, 256, 3))
                .as("another shop's key").isEmpty();
        assertThat(SignedTokens.open(KEY, "", token, 256, 3)).as("made for another kind of link").isEmpty();
        assertThat(SignedTokens.open(KEY, "order-status|", payload + "." + flipped, 256, 3)).isEmpty();
        assertThat(SignedTokens.open(KEY, "order-status|", payload, 256, 3)).as("no signature").isEmpty();
        assertThat(SignedTokens.open(KEY, "order-status|", token + ".x", 256, 3)).isEmpty();
        assertThat(SignedTokens.open(KEY, "order-status|", "!!!.???", 256, 3)).as("not base64url").isEmpty();
        assertThat(SignedTokens.open(KEY, "order-status|", token, 256, 4)).as("other fields").isEmpty();
        assertThat(SignedTokens.open(KEY, "order-status|", token, 10, 3)).as("too long").isEmpty();
        assertThat(SignedTokens.open(KEY, "order-status|", null, 256, 3)).isEmpty();
    }
}

package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.zaiko.support.TestSecrets;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    static final String NUMBER = "7654321";

    final SecretBox box = TestSecrets.box();

    @Test
    void aSealedValueOpensToWhatWasSealedAndShowsNothingOfIt() {
        String sealed = box.seal(NUMBER, "refund_bank_account", "number");
        assertThat(sealed).startsWith("v1:").doesNotContain(NUMBER);
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        assertThat(raw).as("96-bit nonce, 7 bytes, 128-bit tag").hasSize(12 + 7 + 16);
        assertThat(box.open(sealed, "refund_bank_account", "number")).isEqualTo(NUMBER);
        assertThat(box.seal(NUMBER, "refund_bank_account", "number")).as("a new nonce each time").isNotEqualTo(sealed);

        byte[] key = "32 random bytes would be better!".getBytes(StandardCharsets.US_ASCII);
        String sealedBytes = box.seal(key, "contact_secret", "value");
        assertThat(box.openBytes(sealedBytes, "contact_secret", "value")).isEqualTo(key);
        assertThat(box.seal((String) null, "channel_webhook", "previous_secret")).isNull();
        assertThat(box.open(null, "channel_webhook", "previous_secret")).isNull();
    }

    @Test
    void aChangedByteIsRefusedNotReadAsSomethingElse() {
        String sealed = box.seal(NUMBER, "refund_bank_account", "number");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        for (int i : new int[] {0, 12, raw.length - 1}) { // the nonce, the ciphertext, the tag
            byte[] flipped = raw.clone();
            flipped[i] ^= 0x01;
            String tampered = "v1:" + Base64.getEncoder().encodeToString(flipped);
            assertThatThrownBy(() -> box.open(tampered, "refund_bank_account", "number"))
                    .isInstanceOf(SecretBox.Unreadable.class)
                    .hasMessageContaining("refund_bank_account.number")
                    .hasMessageContaining("changed");
        }
        assertThatThrownBy(() -> box.open("v1:" + Base64.getEncoder().encodeToString(new byte[5]),
                "refund_bank_account", "number")).isInstanceOf(SecretBox.Unreadable.class)
                .hasMessageContaining("damaged");
    }

    @Test
    void aValueMovedToAnotherColumnDoesNotOpen() {
        String secret = box.seal("whsec-current-0123456789", "channel_webhook", "secret");
        assertThat(box.open(secret, "channel_webhook", "secret")).isEqualTo("whsec-current-0123456789");
        assertThatThrownBy(() -> box.open(secret, "channel_webhook", "previous_secret"))
                .isInstanceOf(SecretBox.Unreadable.class).hasMessageContaining("channel_webhook.previous_secret");
        assertThatThrownBy(() -> box.open(secret, "refund_bank_account", "number"))
                .isInstanceOf(SecretBox.Unreadable.class);
    }

    @Test
    void anotherKeyFailsClearlyAndNeverReturnsGarbage() {
        String sealed = box.seal(NUMBER, "refund_bank_account", "number");
        SecretBox other = TestSecrets.box();
        assertThatThrownBy(() -> other.open(sealed, "refund_bank_account", "number"))
                .isInstanceOf(SecretBox.Unreadable.class)
                .hasMessageContaining("cannot be decrypted with secrets key v1")
                .hasMessageContaining("zaiko.secrets.key")
                .hasMessageNotContaining(NUMBER)
                .hasMessageNotContaining(sealed.substring(3));
    }

    @Test
    void aPlainOrForeignValueIsRefusedByName() {
        assertThatThrownBy(() -> box.open(NUMBER, "refund_bank_account", "number"))
                .isInstanceOf(SecretBox.Unreadable.class).hasMessageContaining("not encrypted")
                .hasMessageNotContaining(NUMBER);
        String later = "v2:" + box.seal(NUMBER, "refund_bank_account", "number").substring(3);
        assertThatThrownBy(() -> box.open(later, "refund_bank_account", "number"))
                .isInstanceOf(SecretBox.Unreadable.class).hasMessageContaining("key v2, which this instance does not have");
        assertThat(SecretBox.isSealed(box.seal(NUMBER, "t", "c"))).isTrue();
        assertThat(SecretBox.isSealed(NUMBER)).isFalse();
    }

    @Test
    void aDigestIsStableUnderOneKeyAndUselessWithoutIt() {
        String digest = box.digest("gateway_operation.payout_digest", "0005|123|ORDINARY|7654321|ﾀｶﾊｼ ﾐｻｷ");
        assertThat(digest).startsWith("h1:").hasSize(3 + 64);
        assertThat(SecretBox.isKeyedDigest(digest)).isTrue();
        assertThat(box.digest("gateway_operation.payout_digest", "0005|123|ORDINARY|7654321|ﾀｶﾊｼ ﾐｻｷ"))
                .isEqualTo(digest);
        assertThat(box.digest("another purpose", "0005|123|ORDINARY|7654321|ﾀｶﾊｼ ﾐｻｷ")).isNotEqualTo(digest);
        assertThat(TestSecrets.box().digest("gateway_operation.payout_digest", "0005|123|ORDINARY|7654321|ﾀｶﾊｼ ﾐｻｷ"))
                .as("another key").isNotEqualTo(digest);
    }

    @Test
    void onlyA256BitKeyIsAccepted() {
        assertThatThrownBy(() -> SecretBox.withKey(new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }
}

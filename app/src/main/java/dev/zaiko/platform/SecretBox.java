package dev.zaiko.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets at rest: the one place where a module turns a secret it must keep readable (a bank
 * account number, a webhook secret, a link-signing key) into what its table stores, and back.
 * <p>
 * A stored value is {@code <key id>:<base64(nonce | ciphertext | tag)>}, e.g. {@code v1:...}:
 * AES-256-GCM (the JDK's {@code AES/GCM/NoPadding}) with a random 96-bit nonce per value and
 * {@code table.column} as associated data, so a value copied into another column does not open.
 * The key id names the key that sealed it, so that a later key can be added beside this one.
 * <p>
 * A value that does not open (another key, a changed byte, another column, no key prefix) is an
 * {@link Unreadable}, never garbage. Nothing here logs or quotes a value. The key comes from
 * {@code zaiko.secrets.key} or a key file (see {@link SecretsConfiguration} and docs/security.md).
 * <p>
 * For values that are only compared, never read back, {@link #digest} gives a keyed digest
 * (HMAC-SHA256 under a key derived from the same key), which unlike a plain hash cannot be
 * reversed by trying every 7-digit account number.
 */
public final class SecretBox {

    /** The key id of the first (and so far only) key. */
    public static final String V1 = "v1";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final String DIGEST_PREFIX = "h1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKeySpec> keys;
    private final String current;
    private final byte[] digestKey;

    private SecretBox(Map<String, byte[]> keys, String current) {
        Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (key == null || key.length != KEY_BYTES) {
                throw new IllegalArgumentException("A secrets key must be 32 bytes (AES-256); key " + id + " is not");
            }
            if (id.isEmpty() || id.contains(":")) throw new IllegalArgumentException("Bad key id");
            specs.put(id, new SecretKeySpec(key.clone(), "AES"));
        });
        if (!specs.containsKey(current)) throw new IllegalArgumentException("No key " + current);
        this.keys = Map.copyOf(specs);
        this.current = current;
        this.digestKey = Hmac.sha256(keys.get(current), "zaiko/secrets/digest/v1".getBytes(StandardCharsets.UTF_8));
    }

    /** A box with one key, id {@value #V1}. */
    public static SecretBox withKey(byte[] key) {
        return new SecretBox(Map.of(V1, key), V1);
    }

    /** Whether a stored value carries a key prefix (is sealed), without opening it. */
    public static boolean isSealed(String stored) {
        if (stored == null) return false;
        int colon = stored.indexOf(':');
        return colon > 0 && colon <= 8 && stored.charAt(0) == 'v';
    }

    /** @return the value to store; null for null (an optional secret stays optional) */
    public String seal(String plaintext, String table, String column) {
        return plaintext == null ? null : seal(plaintext.getBytes(StandardCharsets.UTF_8), table, column);
    }

    /** @return the value to store; null for null */
    public String seal(byte[] plaintext, String table, String column) {
        if (plaintext == null) return null;
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(current), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(table, column));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return current + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    }

    /**
     * @return what {@link #seal(String, String, String)} sealed for this column; null for null
     * @throws Unreadable when the value does not open with the configured key for this column
     */
    public String open(String stored, String table, String column) {
        byte[] plain = openBytes(stored, table, column);
        return plain == null ? null : new String(plain, StandardCharsets.UTF_8);
    }

    /**
     * @return what {@link #seal(byte[], String, String)} sealed for this column; null for null
     * @throws Unreadable when the value does not open with the configured key for this column
     */
    public byte[] openBytes(String stored, String table, String column) {
        if (stored == null) return null;
        String where = table + "." + column;
        if (!isSealed(stored)) {
            throw new Unreadable("A value in " + where + " is not encrypted (it has no key prefix such as v1:). "
                    + "Values stored before encryption at rest are encrypted by the V26 migrations; this one was "
                    + "written around them.");
        }
        int colon = stored.indexOf(':');
        String id = stored.substring(0, colon);
        SecretKeySpec key = keys.get(id);
        if (key == null) {
            throw new Unreadable("A value in " + where + " was encrypted with secrets key " + id + ", which this "
                    + "instance does not have (it has " + String.join(", ", keys.keySet()) + ").");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(stored.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            raw = null;
        }
        if (raw == null || raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new Unreadable("A value in " + where + " is damaged: it is not what Zaiko stores for key " + id + ".");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(table, column));
            return cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new Unreadable("A value in " + where + " cannot be decrypted with secrets key " + id + ": either "
                    + "the configured key (zaiko.secrets.key, ZAIKO_SECRETS_KEY or zaiko.secrets.key-file) is not "
                    + "the one it was encrypted with, or the stored value was changed or copied from another column.");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    }

    /**
     * A keyed digest ({@code h1:<hex HMAC-SHA256>}) for a value that is only ever compared: equal
     * texts give equal digests under one key, and without the key nothing can be tried against it.
     *
     * @param purpose keeps digests of different things apart, e.g. {@code gateway_operation.payout_digest}
     */
    public String digest(String purpose, String text) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(text, "text");
        byte[] mac = Hmac.sha256(digestKey, (purpose + "\u0000" + text).getBytes(StandardCharsets.UTF_8));
        return DIGEST_PREFIX + HexFormat.of().formatHex(mac);
    }

    /** Whether a stored digest is a keyed one from {@link #digest} (else it predates secrets at rest). */
    public static boolean isKeyedDigest(String stored) {
        return stored != null && stored.startsWith(DIGEST_PREFIX);
    }

    private static byte[] associatedData(String table, String column) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        return (table + "." + column).getBytes(StandardCharsets.UTF_8);
    }

    /** Masked: a box never shows its keys. */
    @Override
    public String toString() {
        return "SecretBox[current key " + current + "]";
    }

    /** A stored secret that cannot be read back; the message names the column, never the value. */
    public static final class Unreadable extends IllegalStateException {
        public Unreadable(String message) {
            super(message);
        }
    }
}

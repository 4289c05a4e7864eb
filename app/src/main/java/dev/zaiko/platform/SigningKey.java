package dev.zaiko.platform;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.function.UnaryOperator;

/**
 * The key a module signs its links with: the configured secret when there is one, else 32 random
 * bytes that the module keeps in its own table. {@code keepFirst} stores a candidate unless a key is
 * stored already and answers the stored one, so every instance on one database signs alike. Read
 * once, on first use.
 */
public final class SigningKey {

    private final String configured;
    private final UnaryOperator<byte[]> keepFirst;
    private volatile byte[] key;

    public SigningKey(String configured, UnaryOperator<byte[]> keepFirst) {
        this.configured = configured;
        this.keepFirst = keepFirst;
    }

    public byte[] get() {
        byte[] k = key;
        if (k != null) return k;
        synchronized (this) {
            if (key == null) {
                if (configured != null && !configured.isBlank()) {
                    key = configured.getBytes(StandardCharsets.UTF_8);
                } else {
                    byte[] candidate = new byte[32];
                    new SecureRandom().nextBytes(candidate);
                    key = keepFirst.apply(candidate);
                }
            }
            return key;
        }
    }
}

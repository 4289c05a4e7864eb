package dev.zaiko.support;

import java.security.SecureRandom;

import dev.zaiko.platform.SecretBox;

/** Secrets boxes for code wired by hand without a Spring context. */
public final class TestSecrets {

    private static final SecretBox SHARED = box();

    private TestSecrets() {
    }

    /** One key for the whole test JVM, as every node of one shop shares one key. */
    public static SecretBox shared() {
        return SHARED;
    }

    /** A new random key each time (another shop's, or a wrong one). */
    public static SecretBox box() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return SecretBox.withKey(key);
    }
}

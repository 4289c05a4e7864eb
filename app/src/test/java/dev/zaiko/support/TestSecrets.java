package dev.zaiko.support;

import java.security.SecureRandom;

import dev.zaiko.platform.SecretBox;

/** A secrets box with a random key, for code wired by hand without a Spring context. */
public final class TestSecrets {

    private TestSecrets() {
    }

    public static SecretBox box() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return SecretBox.withKey(key);
    }
}

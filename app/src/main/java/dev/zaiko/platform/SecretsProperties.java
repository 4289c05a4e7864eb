package dev.zaiko.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key that encrypts secrets at rest ({@link SecretBox}).
 *
 * @param key     base64 of 32 random bytes ({@code openssl rand -base64 32}); env {@code ZAIKO_SECRETS_KEY}
 * @param keyFile a file outside the database holding that base64 text; env {@code ZAIKO_SECRETS_KEY_FILE}.
 *                Neither set: with the embedded database, {@code <zaiko.data-dir>/secrets.key}, made on
 *                first start; with an external database ({@code spring.datasource.url}) Zaiko refuses to start.
 */
@ConfigurationProperties("zaiko.secrets")
public record SecretsProperties(String key, String keyFile) {
}

package dev.zaiko.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the secrets key comes from, in this order: {@code zaiko.secrets.key}; the file named by
 * {@code zaiko.secrets.key-file}; with the embedded database only, {@code <data-dir>/secrets.key}.
 * With the embedded database a missing key file is made (32 random bytes, base64, owner-only
 * permissions) and its creation logged once. With an external database a missing key is a start-up
 * error naming the settings: several instances each making a key of their own would lock one
 * another out of the data.
 */
final class SecretsKey {

    static final String DEFAULT_FILE = "secrets.key";
    static final String HOW = "base64 of 32 random bytes, e.g. the output of `openssl rand -base64 32`";

    private static final Logger log = LoggerFactory.getLogger(SecretsKey.class);
    private static final int BYTES = 32;

    private SecretsKey() {
    }

    /**
     * @param externalDatabase whether {@code spring.datasource.url} is set
     * @throws IllegalStateException with a message naming the setting to fix
     */
    static byte[] resolve(String key, String keyFile, boolean externalDatabase, Path dataDir) {
        if (key != null && !key.isBlank()) {
            return decode(key, "zaiko.secrets.key (env ZAIKO_SECRETS_KEY)");
        }
        if (keyFile != null && !keyFile.isBlank()) {
            Path file = Path.of(keyFile.strip()).toAbsolutePath();
            if (Files.exists(file)) return read(file, "zaiko.secrets.key-file");
            if (externalDatabase) {
                throw new IllegalStateException("zaiko.secrets.key-file names " + file + ", which does not exist. "
                        + "With an external database (spring.datasource.url) Zaiko makes no key itself: put the "
                        + "secrets key there (" + HOW + "), the same on every instance, or set zaiko.secrets.key.");
            }
            return create(file);
        }
        if (externalDatabase) {
            throw new IllegalStateException("No secrets key: with an external database (spring.datasource.url) set "
                    + "zaiko.secrets.key (env ZAIKO_SECRETS_KEY) to the " + HOW + ", or zaiko.secrets.key-file "
                    + "(env ZAIKO_SECRETS_KEY_FILE) to a file holding it, the same on every instance. It encrypts "
                    + "bank account numbers, webhook secrets and link keys in the database (docs/security.md).");
        }
        Path file = dataDir.resolve(DEFAULT_FILE).toAbsolutePath();
        return Files.exists(file) ? read(file, "the key file " + file) : create(file);
    }

    private static byte[] read(Path file, String setting) {
        try {
            return decode(Files.readString(file, StandardCharsets.US_ASCII), setting + " (" + file + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the secrets key file " + file, e);
        }
    }

    private static byte[] decode(String base64, String setting) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not valid base64; it must be the " + HOW + ".");
        }
        if (key.length != BYTES) {
            throw new IllegalStateException(setting + " holds " + key.length + " bytes; it must be the " + HOW + ".");
        }
        return key;
    }

    private static byte[] create(Path file) {
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        try {
            Files.createDirectories(file.getParent());
            try {
                if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
                } else {
                    Files.createFile(file);
                }
            } catch (FileAlreadyExistsException e) {
                return read(file, "the key file " + file); // made meanwhile by another start on this directory
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the secrets key file " + file, e);
        }
        log.warn("Created the secrets key {} (owner-only). It encrypts bank account numbers, webhook secrets and "
                + "link keys in the database: back it up, apart from the database's backups. Without it those "
                + "values cannot be read.", file);
        return key;
    }
}

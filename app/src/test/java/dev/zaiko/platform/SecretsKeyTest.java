package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.support.StoppedClock;
import dev.zaiko.support.TestDatabase;
import dev.zaiko.support.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Where the secrets key comes from, and what happens when it is missing or wrong. */
class SecretsKeyTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32});

    @Test
    void anExternalDatabaseWithoutAKeyRefusesToStartNamingTheSettings(@TempDir Path dataDir) {
        assertThatThrownBy(() -> SecretsKey.resolve(null, null, true, dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("zaiko.secrets.key").hasMessageContaining("ZAIKO_SECRETS_KEY")
                .hasMessageContaining("zaiko.secrets.key-file").hasMessageContaining("spring.datasource.url");
        assertThatThrownBy(() -> SecretsKey.resolve("  ", "", true, dataDir)).hasMessageContaining("No secrets key");
        assertThat(dataDir).as("no key made for an external database").isEmptyDirectory();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ZaikoProperties.class, SecretsProperties.class})
    static class Properties {
        @Bean
        java.time.Clock clock() {
            return java.time.Clock.systemUTC();
        }
    }

    @Test
    void anApplicationOnAnExternalDatabaseWithoutAKeyDoesNotStart(@TempDir Path dataDir) {
        new ApplicationContextRunner().withUserConfiguration(Properties.class, SecretsConfiguration.class)
                .withPropertyValues("zaiko.data-dir=" + dataDir, "spring.datasource.url=jdbc:postgresql://db.invalid/zaiko")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("No secrets key").hasMessageContaining("zaiko.secrets.key"));
        new ApplicationContextRunner().withUserConfiguration(Properties.class, SecretsConfiguration.class)
                .withPropertyValues("zaiko.data-dir=" + dataDir, "spring.datasource.url=jdbc:postgresql://db.invalid/zaiko",
                        "zaiko.secrets.key=" + KEY)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SecretBox.class));
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void anExternalDatabaseWithAKeyFileThatIsNotThereRefusesToStart(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere.key");
        assertThatThrownBy(() -> SecretsKey.resolve(null, missing.toString(), true, dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("zaiko.secrets.key-file").hasMessageContaining(missing.toString());
        assertThat(missing).doesNotExist();
    }

    @Test
    void theEmbeddedDatabaseMakesAKeyFileOnceOwnerOnlyAndReadsItAfterwards(@TempDir Path dataDir) throws Exception {
        byte[] first = SecretsKey.resolve(null, null, false, dataDir);
        Path file = dataDir.resolve("secrets.key");
        assertThat(first).hasSize(32);
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).isEqualTo(first);
        assertThat(SecretsKey.resolve(null, "", false, dataDir)).as("the second start reads it").isEqualTo(first);
    }

    @Test
    void aConfiguredKeyOrKeyFileIsUsedAsItIs(@TempDir Path dir) throws Exception {
        byte[] expected = Base64.getDecoder().decode(KEY);
        assertThat(SecretsKey.resolve(KEY, null, true, dir)).isEqualTo(expected);
        Path file = dir.resolve("zaiko.key");
        Files.writeString(file, KEY + "\n", StandardCharsets.US_ASCII);
        assertThat(SecretsKey.resolve(null, file.toString(), true, dir)).isEqualTo(expected);
        assertThat(SecretsKey.resolve(KEY, file.toString(), false, dir)).as("the key before the file").isEqualTo(expected);
        assertThat(dir.resolve("secrets.key")).doesNotExist();
    }

    @Test
    void aMalformedKeyIsRefusedByNameWithoutQuotingIt(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> SecretsKey.resolve("not base64 at all!", null, true, dir))
                .hasMessageContaining("zaiko.secrets.key").hasMessageContaining("not valid base64")
                .hasMessageNotContaining("not base64 at all!");
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> SecretsKey.resolve(short16, null, true, dir))
                .hasMessageContaining("holds 16 bytes").hasMessageContaining("32 random bytes");
        Path file = dir.resolve("short.key");
        Files.writeString(file, short16);
        assertThatThrownBy(() -> SecretsKey.resolve(null, file.toString(), false, dir))
                .hasMessageContaining("zaiko.secrets.key-file").hasMessageContaining("holds 16 bytes");
    }

    @Test
    void aStartWithAnotherKeyThanTheDatabaseWasStartedWithStopsClearly() {
        try (HikariDataSource db = TestDatabase.fresh(1)) {
            JdbcTemplate jdbc = new JdbcTemplate(db);
            StoppedClock clock = new StoppedClock(java.time.Instant.parse("2026-11-20T01:00:00Z"),
                    java.time.ZoneId.of("Asia/Tokyo"));
            SecretBox first = TestSecrets.box();
            SecretsKeyCheck.check(jdbc, first, clock);
            SecretsKeyCheck.check(jdbc, first, clock); // the same key again: fine

            assertThatThrownBy(() -> SecretsKeyCheck.check(jdbc, TestSecrets.box(), clock))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is not the key this database's secrets were encrypted with")
                    .hasMessageContaining("zaiko.secrets.key");
        }
    }
}

package dev.zaiko.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * With no {@code spring.datasource.url}, Zaiko starts its own PostgreSQL server whose files
 * live in {@code zaiko.data-dir} and survive restarts. With a URL, this configuration stays
 * out of the way and Spring Boot's own data source connects to the external server.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabase.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /**
     * The server and what keeps it safe: the claim on the data directory (one Zaiko at a time),
     * taken before anything else, and the watchdog that stops the server if this JVM dies.
     * Closed last, after the data source, so the claim outlives the server.
     */
    record EmbeddedServer(EmbeddedPostgres postgres, DataDirectoryGuard.Claim claim, Optional<Process> watchdog)
            implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                postgres.close();
            } finally {
                watchdog.ifPresent(Process::destroy);
                claim.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedServer embeddedServer(ZaikoProperties properties) {
        Path dir = properties.dataDir().resolve("postgres").toAbsolutePath();
        DataDirectoryGuard.Claim claim = DataDirectoryGuard.claim(properties.dataDir().toAbsolutePath());
        try {
            DataDirectoryGuard.checkVersion(dir);
            DataDirectoryGuard.recover(dir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "256MB")
                    // zonky is made for throwaway test databases and turns these off; a shop's
                    // stock must survive a crash: a confirmed reservation is on disk.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    // Stopped by this context when it closes, after the job scheduler, the asynchronous
                    // listeners and the event registry are done with it: zonky's own JVM shutdown hook
                    // would stop it in parallel with them.
                    .setRegisterShutdownHook(false)
                    .start();
            log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), dir);
            return new EmbeddedServer(postgres, claim, DataDirectoryGuard.watch(dir));
        } catch (IOException e) {
            claim.close();
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        } catch (RuntimeException e) {
            claim.close();
            throw e;
        }
    }

    @Bean(destroyMethod = "")
    EmbeddedPostgres embeddedPostgres(EmbeddedServer server) {
        return server.postgres();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres,
                          @Value("${zaiko.db.pool-size:24}") int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("zaiko");
        return new HikariDataSource(config);
    }

    static class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getEnvironment().containsProperty("spring.datasource.url");
        }
    }
}

package dev.zaiko.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

/**
 * One embedded PostgreSQL per test JVM, migrated once, for tests that exercise SQL without a
 * Spring context. Each test gets a fresh database created from a migrated template, so tests
 * never see each other's rows.
 */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;
    private static int counter;

    private TestDatabase() {
    }

    public static synchronized HikariDataSource fresh(int poolSize) {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
                DataSource admin = postgres.getPostgresDatabase();
                try (var c = admin.getConnection(); var s = c.createStatement()) {
                    s.execute("create database zaiko_template");
                }
                HikariDataSource template = pool("zaiko_template", 2);
                Flyway.configure().dataSource(template).locations("classpath:db/migration").load().migrate();
                template.close();
            }
            String name = "zaiko_test_" + (++counter);
            try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
                s.execute("create database " + name + " template zaiko_template");
            }
            return pool(name, poolSize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A second connection pool on the same database, as a second application node would have. */
    public static HikariDataSource anotherPool(HikariDataSource dataSource, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(dataSource.getJdbcUrl());
        config.setUsername("postgres");
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    private static HikariDataSource pool(String database, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", database));
        config.setUsername("postgres");
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }
}

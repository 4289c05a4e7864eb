package dev.zaiko.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

/**
 * A throw-away PostgreSQL with the app's schema and one hot SKU in one warehouse, sold on one
 * channel. The bench owns this data and writes it with plain SQL so that it depends on the
 * schema only, not on the app's services or on other modules' migrations.
 */
public final class Fixture implements AutoCloseable {

    public static final String SKU = "HOT-1";
    public static final String LOCATION = "WH";
    public static final String CHANNEL = "WEB";

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;
    private final HikariDataSource pool;

    private Fixture(Path dataDirectory, EmbeddedPostgres postgres, HikariDataSource pool) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
        this.pool = pool;
    }

    public static Fixture start(int poolSize) throws IOException, SQLException {
        Path dataDirectory = Files.createTempDirectory("zaiko-bench-pg");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "256MB")
                // zonky turns both off (synchronous_commit in its defaults, fsync with -F on
                // the command line, which a later -c overrides). A reservation must survive a
                // crash once acknowledged, so every strategy pays a real WAL flush on commit.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize); // open every connection before the clock starts
        config.setPoolName("bench");
        HikariDataSource pool = new HikariDataSource(config);
        Fixture fixture = new Fixture(dataDirectory, postgres, pool);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            fixture.seed();
        } catch (RuntimeException | SQLException e) {
            fixture.close();
            throw e;
        }
        return fixture;
    }

    public DataSource dataSource() {
        return pool;
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public BenchContext context(int buyers) {
        return new BenchContext(pool, jdbcUrl(), SKU, LOCATION, CHANNEL, buyers);
    }

    private void seed() throws SQLException {
        try (Connection connection = pool.getConnection(); Statement sql = connection.createStatement()) {
            sql.executeUpdate("insert into inventory_location (code, kind, name, created_at) "
                    + "values ('" + LOCATION + "', 'WAREHOUSE', 'Main warehouse', now())");
            sql.executeUpdate("insert into inventory_channel (code, kind, name, online, created_at) "
                    + "values ('" + CHANNEL + "', 'OWN', 'Web shop', true, now())");
            sql.executeUpdate("insert into inventory_channel_location (channel, location, position) "
                    + "values ('" + CHANNEL + "', '" + LOCATION + "', 0)");
            sql.executeUpdate("insert into inventory_item "
                    + "(sku, one_of_a_kind, backorderable, low_stock_threshold, discontinued, updated_at) "
                    + "values ('" + SKU + "', false, false, 0, false, now())");
            sql.executeUpdate("insert into inventory_stock_level (sku, location) "
                    + "values ('" + SKU + "', '" + LOCATION + "')");
        }
    }

    /**
     * Empties the reservations and the ledger and puts {@code stock} units on the shelf, as
     * one receipt. The vacuum and checkpoint keep the previous phase's dead rows and dirty
     * pages from being paid for by the next one.
     */
    public void reset(int stock) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement sql = connection.createStatement()) {
                sql.executeUpdate("truncate inventory_reservation, inventory_movement restart identity");
            }
            try (PreparedStatement level = connection.prepareStatement("""
                    update inventory_stock_level
                       set inspecting = 0, sellable = ?, reserved = 0, defective = 0
                     where sku = ? and location = ?""")) {
                level.setInt(1, stock);
                level.setString(2, SKU);
                level.setString(3, LOCATION);
                level.executeUpdate();
            }
            try (PreparedStatement receipt = connection.prepareStatement("""
                    insert into inventory_movement
                        (sku, location, from_bucket, to_bucket, quantity, kind, reason, occurred_at)
                    values (?, ?, null, 'SELLABLE', ?, 'RECEIPT', 'bench fixture', now())""")) {
                receipt.setString(1, SKU);
                receipt.setString(2, LOCATION);
                receipt.setInt(3, stock);
                receipt.executeUpdate();
            }
            try (Statement sql = connection.createStatement()) {
                sql.execute("vacuum analyze inventory_stock_level, inventory_reservation, inventory_movement");
                sql.execute("checkpoint");
            }
        }
    }

    /**
     * Compares what the database says after a run with what the buyers were told.
     *
     * @param unitsAcknowledged units the strategy reported as reserved during the whole run
     */
    public CountersCheck check(int initialStock, long unitsAcknowledged) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(true);
            long rows = sum(connection, """
                    select coalesce(sum(quantity), 0) from inventory_reservation
                     where sku = ? and location = ? and status = 'OPEN'""");
            long ledger = sum(connection, """
                    select coalesce(sum(quantity), 0) from inventory_movement
                     where sku = ? and location = ? and from_bucket = 'SELLABLE' and to_bucket = 'RESERVED'""");
            try (PreparedStatement level = connection.prepareStatement(
                    "select sellable, reserved from inventory_stock_level where sku = ? and location = ?")) {
                level.setString(1, SKU);
                level.setString(2, LOCATION);
                try (ResultSet row = level.executeQuery()) {
                    row.next();
                    return new CountersCheck(initialStock, unitsAcknowledged, rows, ledger,
                            row.getLong(1), row.getLong(2));
                }
            }
        }
    }

    private static long sum(Connection connection, String query) throws SQLException {
        try (PreparedStatement sum = connection.prepareStatement(query)) {
            sum.setString(1, SKU);
            sum.setString(2, LOCATION);
            try (ResultSet row = sum.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    public String queryOne(String sql) throws SQLException {
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    @Override
    public void close() {
        pool.close();
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("Could not stop the embedded PostgreSQL cleanly: " + e);
        }
        deleteQuietly(dataDirectory);
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + directory + ": " + e);
        }
    }
}

package dev.zaiko.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Base for the classic one-thread-per-request JDBC strategies: the work happens on the
 * buyer's thread and the future is already complete when {@link #reserve} returns.
 */
abstract class BlockingJdbcStrategy implements Strategy {

    private static final String INSERT_RESERVATION = """
            insert into inventory_reservation
                (id, part, sku, channel, location, quantity, holder, status, created_at)
            values (?, 0, ?, ?, ?, ?, ?, 'OPEN', now())""";

    private static final String INSERT_MOVEMENT = """
            insert into inventory_movement
                (sku, location, from_bucket, to_bucket, quantity, kind, reference, occurred_at)
            values (?, ?, 'SELLABLE', 'RESERVED', ?, 'RESERVE', ?, now())""";

    protected BenchContext context;

    @Override
    public final Concurrency concurrency() {
        return Concurrency.BLOCKING;
    }

    @Override
    public void setUp(BenchContext context) {
        this.context = context;
    }

    @Override
    public final CompletableFuture<Boolean> reserve(int quantity) {
        try {
            return CompletableFuture.completedFuture(reserveNow(quantity));
        } catch (SQLException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** @return true when reserved, false when refused for lack of stock */
    protected abstract boolean reserveNow(int quantity) throws SQLException;

    protected UUID insertReservation(Connection connection, int quantity) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_RESERVATION)) {
            insert.setObject(1, id);
            insert.setString(2, context.sku());
            insert.setString(3, context.channel());
            insert.setString(4, context.location());
            insert.setInt(5, quantity);
            insert.setString(6, Thread.currentThread().getName());
            insert.executeUpdate();
        }
        return id;
    }

    protected void insertMovement(Connection connection, int quantity, UUID reservation)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_MOVEMENT)) {
            insert.setString(1, context.sku());
            insert.setString(2, context.location());
            insert.setInt(3, quantity);
            insert.setString(4, reservation.toString());
            insert.executeUpdate();
        }
    }

    /** Rolls back and rethrows, keeping the original failure if the rollback fails too. */
    protected static SQLException rollback(Connection connection, SQLException cause) {
        try {
            connection.rollback();
        } catch (SQLException suppressed) {
            cause.addSuppressed(suppressed);
        }
        return cause;
    }
}

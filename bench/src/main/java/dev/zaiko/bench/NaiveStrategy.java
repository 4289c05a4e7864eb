package dev.zaiko.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Read, check, write: the pattern behind published oversell bugs. The stock is read without a
 * lock and the new bucket values are computed in Java and written back as absolute values, so
 * two buyers who read the same value both succeed and one decrement is lost. The CHECK
 * constraints cannot catch it: every value written is non-negative, it is just wrong.
 *
 * <p>It runs in one READ COMMITTED transaction (PostgreSQL's default) per request, like a
 * typical {@code @Transactional} service method, so it pays one commit per reservation like
 * {@link RowLockStrategy}. The UPDATE's row lock is held from the UPDATE to the commit, which
 * serialises the writes but not the reads that decided them.
 */
final class NaiveStrategy extends BlockingJdbcStrategy {

    @Override
    public String name() {
        return "NAIVE";
    }

    @Override
    protected boolean reserveNow(int quantity) throws SQLException {
        try (Connection connection = context.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                int sellable;
                int reserved;
                try (PreparedStatement read = connection.prepareStatement(
                        "select sellable, reserved from inventory_stock_level where sku = ? and location = ?")) {
                    read.setString(1, context.sku());
                    read.setString(2, context.location());
                    try (ResultSet row = read.executeQuery()) {
                        row.next();
                        sellable = row.getInt(1);
                        reserved = row.getInt(2);
                    }
                }
                if (sellable < quantity) {
                    connection.rollback();
                    return false;
                }
                UUID id = insertReservation(connection, quantity);
                try (PreparedStatement write = connection.prepareStatement(
                        "update inventory_stock_level set sellable = ?, reserved = ? where sku = ? and location = ?")) {
                    write.setInt(1, sellable - quantity);
                    write.setInt(2, reserved + quantity);
                    write.setString(3, context.sku());
                    write.setString(4, context.location());
                    write.executeUpdate();
                }
                insertMovement(connection, quantity, id);
                connection.commit();
                return true;
            } catch (SQLException e) {
                throw rollback(connection, e);
            }
        }
    }
}

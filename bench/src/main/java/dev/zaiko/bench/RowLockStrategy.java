package dev.zaiko.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Lock the stock row, check, write relative to the locked value, commit: what Saleor
 * ({@code select_for_update} on the stock rows) and Spree ({@code lock!} on the stock item)
 * do. Correct, but every buyer of the hot SKU queues on one row lock that is held across the
 * inserts and the commit's WAL flush, so throughput is bounded by one commit at a time.
 */
final class RowLockStrategy extends BlockingJdbcStrategy {

    @Override
    public String name() {
        return "ROW_LOCK";
    }

    @Override
    protected boolean reserveNow(int quantity) throws SQLException {
        try (Connection connection = context.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                int sellable;
                try (PreparedStatement lock = connection.prepareStatement(
                        "select sellable from inventory_stock_level where sku = ? and location = ? for update")) {
                    lock.setString(1, context.sku());
                    lock.setString(2, context.location());
                    try (ResultSet row = lock.executeQuery()) {
                        row.next();
                        sellable = row.getInt(1);
                    }
                }
                if (sellable < quantity) {
                    connection.rollback();
                    return false;
                }
                UUID id = insertReservation(connection, quantity);
                try (PreparedStatement write = connection.prepareStatement("""
                        update inventory_stock_level
                           set sellable = sellable - ?, reserved = reserved + ?
                         where sku = ? and location = ?""")) {
                    write.setInt(1, quantity);
                    write.setInt(2, quantity);
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

package dev.zaiko.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

/** The built-in gateway's {@code gateway_*} tables, in explicit SQL. Callers own the transactions. */
final class GatewayStore {

    /** Lock class of {@link #lockKey}: "ZKGW", apart from any other advisory lock. */
    private static final int KEY_LOCK = 0x5A4B4757;

    private final JdbcTemplate jdbc;

    GatewayStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A payment's books as stored. */
    record Payment(String reference, String method, String orderNumber, String status, long authorized,
                   long captured, long voided, long refunded, Instant openedAt) {
    }

    /** An operation as stored; {@code key} is null for the checkout's authorisations and captures. */
    record Operation(String transactionId, String key, String operation, String reference, String payoutTo,
                     String payoutDigest, long amount, Instant at) {
    }

    /**
     * Takes the idempotency key's lock until the transaction ends: calls with one key run one after
     * another on every instance sharing the database, so the second finds the first's operation.
     * (Two keys whose hashes collide merely take turns.)
     */
    void lockKey(String key) {
        jdbc.query("select pg_advisory_xact_lock(?, hashtext(?))", (ResultSetExtractor<Void>) rs -> null, KEY_LOCK, key);
    }

    Optional<Operation> operation(String key) {
        return jdbc.query(OPERATION + " where idempotency_key = ?", GatewayStore::operation, key).stream().findFirst();
    }

    List<Operation> operations(String reference) {
        return jdbc.query(OPERATION + " where reference = ? order by id", GatewayStore::operation, reference);
    }

    /** Locks the payment's row: operations on one payment are decided one after another. */
    Optional<Payment> lock(String reference) {
        return jdbc.query(PAYMENT + " where reference = ? for update", GatewayStore::payment, reference).stream()
                .findFirst();
    }

    Optional<Payment> find(String reference) {
        return jdbc.query(PAYMENT + " where reference = ?", GatewayStore::payment, reference).stream().findFirst();
    }

    /** Opens a payment; false when its reference is already known (also to a transaction that raced this one). */
    boolean open(String reference, String method, String orderNumber, long authorized, Instant at) {
        return jdbc.update("insert into gateway_payment (reference, method, order_number, status, authorized, opened_at) "
                + "values (?, ?, ?, 'AUTHORIZED', ?, ?) on conflict (reference) do nothing", reference, method,
                orderNumber, authorized, Timestamp.from(at)) == 1;
    }

    void capture(String reference, long amount) {
        jdbc.update("update gateway_payment set status = 'CAPTURED', captured = ? where reference = ?", amount, reference);
    }

    void addVoided(String reference, long amount) {
        jdbc.update("update gateway_payment set voided = voided + ? where reference = ?", amount, reference);
    }

    void addRefunded(String reference, long amount) {
        jdbc.update("update gateway_payment set refunded = refunded + ? where reference = ?", amount, reference);
    }

    void record(Operation o) {
        jdbc.update("insert into gateway_operation (transaction_id, idempotency_key, operation, reference, payout_to, "
                        + "payout_digest, amount, at) values (?, ?, ?, ?, ?, ?, ?, ?)", o.transactionId(), o.key(),
                o.operation(), o.reference(), o.payoutTo(), o.payoutDigest(), o.amount(), Timestamp.from(o.at()));
    }

    private static final String PAYMENT = "select reference, method, order_number, status, authorized, captured, voided, "
            + "refunded, opened_at from gateway_payment";

    private static final String OPERATION = "select transaction_id, idempotency_key, operation, reference, payout_to, "
            + "payout_digest, amount, at from gateway_operation";

    private static Payment payment(ResultSet rs, int row) throws SQLException {
        return new Payment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getTimestamp(9).toInstant());
    }

    private static Operation operation(ResultSet rs, int row) throws SQLException {
        return new Operation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getTimestamp(8).toInstant());
    }
}

package dev.zaiko.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.zaiko.platform.SecretBox;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code gateway_manual_task} table, in explicit SQL. Callers own the transactions. A payout's
 * account number and holder name are sealed ({@link SecretBox}); the masked form stays readable.
 */
final class ManualTaskStore {

    private static final String TABLE = "gateway_manual_task";

    private final JdbcTemplate jdbc;
    private final SecretBox secrets;

    ManualTaskStore(JdbcTemplate jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** Opens the task unless its key has one already (also one a racing transaction just opened). */
    void open(ManualTask t, String digest) {
        BankAccount p = t.payee();
        jdbc.update("""
                insert into gateway_manual_task (id, idempotency_key, operation, request_digest, payment_reference,
                    method, order_number, amount, currency, payee_masked, payee_bank_code, payee_branch_code,
                    payee_account_type, payee_number, payee_holder_name, status, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)
                on conflict (idempotency_key) do nothing
                """, t.id(), t.idempotencyKey(), t.operation(), digest, t.paymentReference(), t.method(),
                t.orderNumber(), t.amount(), t.currency(), p == null ? null : p.masked(),
                p == null ? null : p.bankCode(), p == null ? null : p.branchCode(), p == null ? null : p.type().name(),
                p == null ? null : secrets.seal(p.number(), TABLE, "payee_number"),
                p == null ? null : secrets.seal(p.holderName(), TABLE, "payee_holder_name"),
                Timestamp.from(t.createdAt()));
    }

    /** The task of a key and the digest of the request that opened it. */
    Optional<Keyed> byKey(String key) {
        return jdbc.query(SELECT + ", request_digest from gateway_manual_task where idempotency_key = ?",
                (rs, i) -> new Keyed(task(rs), rs.getString("request_digest")), key).stream().findFirst();
    }

    record Keyed(ManualTask task, String digest) {
    }

    Optional<ManualTask> find(UUID id) {
        return jdbc.query(SELECT + " from gateway_manual_task where id = ?", (rs, i) -> task(rs), id).stream()
                .findFirst();
    }

    Optional<ManualTask> lock(UUID id) {
        return jdbc.query(SELECT + " from gateway_manual_task where id = ? for update", (rs, i) -> task(rs), id)
                .stream().findFirst();
    }

    /** Oldest first: the one waiting longest is done first. */
    List<ManualTask> list(ManualTask.Status status, int limit) {
        if (status == null) {
            return jdbc.query(SELECT + " from gateway_manual_task order by created_at, id limit ?",
                    (rs, i) -> task(rs), limit);
        }
        return jdbc.query(SELECT + " from gateway_manual_task where status = ? order by created_at, id limit ?",
                (rs, i) -> task(rs), status.name(), limit);
    }

    /** @return false when the task was confirmed already */
    boolean confirm(UUID id, String reference, String by, Instant at) {
        return jdbc.update("update gateway_manual_task set status = 'CONFIRMED', confirmed_reference = ?, "
                + "confirmed_by = ?, confirmed_at = ? where id = ? and status = 'OPEN'", reference, by,
                Timestamp.from(at), id) == 1;
    }

    private static final String SELECT = "select id, idempotency_key, operation, payment_reference, method, "
            + "order_number, amount, currency, payee_masked, payee_bank_code, payee_branch_code, payee_account_type, "
            + "payee_number, payee_holder_name, status, created_at, confirmed_reference, confirmed_by, confirmed_at";

    private ManualTask task(ResultSet rs) throws SQLException {
        String number = rs.getString("payee_number");
        BankAccount payee = number == null ? null : BankAccount.of(rs.getString("payee_bank_code"),
                rs.getString("payee_branch_code"), rs.getString("payee_account_type"),
                secrets.open(number, TABLE, "payee_number"),
                secrets.open(rs.getString("payee_holder_name"), TABLE, "payee_holder_name"));
        Timestamp confirmedAt = rs.getTimestamp("confirmed_at");
        return new ManualTask(rs.getObject("id", UUID.class), rs.getString("idempotency_key"),
                rs.getString("operation"), rs.getString("payment_reference"), rs.getString("method"),
                rs.getString("order_number"), rs.getLong("amount"), rs.getString("currency"),
                rs.getString("payee_masked"), payee, ManualTask.Status.valueOf(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(), rs.getString("confirmed_reference"),
                rs.getString("confirmed_by"), confirmedAt == null ? null : confirmedAt.toInstant());
    }
}

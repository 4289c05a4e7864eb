package dev.zaiko.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The mail module's SQL: the outbox and its attempts. */
@Repository
class MailStore {

    private static final String COLUMNS = "id, message_id, idempotency_key, recipient, recipient_name, subject, "
            + "body_text, body_html, reference, order_number, kind, urgent, locale, status, attempts, created_at, "
            + "next_attempt_at, sent_at, last_error, bounce_reason, retry_base, sending_until";

    /** An email with what only delivery needs. */
    record Row(QueuedEmail email, int retryBase, Instant sendingUntil) {
    }

    /** One attempt, for the person who asks why an email did not arrive. */
    record Attempt(int attempt, Instant at, String outcome, String transport, String error) {
    }

    private final JdbcTemplate jdbc;

    MailStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when an email with this idempotency key exists (committed, or waited for until it is) */
    boolean insert(QueuedEmail e) {
        return jdbc.update("""
                insert into mail_outbox (id, message_id, idempotency_key, recipient, recipient_name, subject, body_text,
                    body_html, reference, order_number, kind, urgent, locale, status, attempts, created_at, next_attempt_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
                on conflict (idempotency_key) do nothing""",
                e.id(), e.messageId(), e.idempotencyKey(), e.to(), e.toName(), e.subject(), e.text(), e.html(),
                e.reference(), e.orderNumber(), e.kind(), e.urgent(), e.locale(), e.status().name(),
                ts(e.createdAt()), ts(e.nextAttemptAt())) == 1;
    }

    Optional<QueuedEmail> find(UUID id) {
        return row("select " + COLUMNS + " from mail_outbox where id = ?", id).map(Row::email);
    }

    Optional<Row> row(UUID id) {
        return row("select " + COLUMNS + " from mail_outbox where id = ?", id);
    }

    Optional<QueuedEmail> findByKey(String idempotencyKey) {
        return row("select " + COLUMNS + " from mail_outbox where idempotency_key = ?", idempotencyKey).map(Row::email);
    }

    Optional<QueuedEmail> findByMessageId(String messageId) {
        return row("select " + COLUMNS + " from mail_outbox where message_id = ?", messageId).map(Row::email);
    }

    List<QueuedEmail> list(OutboxQuery q) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from mail_outbox where true");
        List<Object> args = new ArrayList<>();
        if (q.status() != null) {
            sql.append(" and status = ?");
            args.add(q.status().name());
        }
        if (q.reference() != null) {
            sql.append(" and reference = ?");
            args.add(q.reference());
        }
        if (q.orderNumber() != null) {
            sql.append(" and order_number = ?");
            args.add(q.orderNumber());
        }
        if (q.kind() != null) {
            sql.append(" and kind = ?");
            args.add(q.kind());
        }
        if (q.recipient() != null) {
            sql.append(" and lower(recipient) = lower(?)");
            args.add(q.recipient());
        }
        sql.append(" order by created_at desc, id desc limit ? offset ?");
        args.add(q.size());
        args.add((long) q.page() * q.size());
        return jdbc.query(sql.toString(), (rs, n) -> map(rs).email(), args.toArray());
    }

    /**
     * Takes the email for one attempt if it is still to be sent and nobody holds it: counts the
     * attempt and holds it until {@code holdUntil}. One statement, so two instances never both take it.
     */
    Optional<Row> take(UUID id, Instant now, Instant holdUntil) {
        List<Row> taken = jdbc.query("update mail_outbox set attempts = attempts + 1, sending_until = ? "
                        + "where id = ? and status in ('PENDING', 'RETRYING') "
                        + "and (sending_until is null or sending_until <= ?) returning " + COLUMNS,
                (rs, n) -> map(rs), ts(holdUntil), id, ts(now));
        return taken.stream().findFirst();
    }

    /** @return false when the email is no longer this attempt's (bounced meanwhile) */
    boolean sent(UUID id, int attempt, String transport, Instant at) {
        return jdbc.update("update mail_outbox set status = 'SENT', sent_at = ?, transport = ?, sending_until = null, "
                        + "next_attempt_at = null where id = ? and attempts = ? and status in ('PENDING', 'RETRYING')",
                ts(at), transport, id, attempt) == 1;
    }

    boolean retrying(UUID id, int attempt, Instant next, String error) {
        return jdbc.update("update mail_outbox set status = 'RETRYING', next_attempt_at = ?, last_error = ?, "
                        + "sending_until = null where id = ? and attempts = ? and status in ('PENDING', 'RETRYING')",
                ts(next), error, id, attempt) == 1;
    }

    boolean failed(UUID id, int attempt, String error) {
        return jdbc.update("update mail_outbox set status = 'FAILED', next_attempt_at = null, last_error = ?, "
                        + "sending_until = null where id = ? and attempts = ? and status in ('PENDING', 'RETRYING')",
                error, id, attempt) == 1;
    }

    /** Marks the email bounced unless it is already: the one caller that changes it publishes the event. */
    Optional<QueuedEmail> bounced(String messageId, String reason, String error, Instant at) {
        List<Row> changed = jdbc.query("update mail_outbox set status = 'BOUNCED', bounce_reason = ?, bounced_at = ?, "
                        + "next_attempt_at = null, sending_until = null, last_error = coalesce(?, last_error) "
                        + "where message_id = ? and status <> 'BOUNCED' returning " + COLUMNS,
                (rs, n) -> map(rs), reason, ts(at), error, messageId);
        return changed.stream().findFirst().map(Row::email);
    }

    /** A FAILED email gets a fresh round of attempts, due now. */
    boolean retryFailed(UUID id, Instant now) {
        return jdbc.update("update mail_outbox set status = 'RETRYING', retry_base = attempts, next_attempt_at = ? "
                + "where id = ? and status = 'FAILED'", ts(now), id) == 1;
    }

    void attempt(UUID id, int attempt, Instant at, String outcome, String transport, String error) {
        jdbc.update("insert into mail_attempt (email_id, attempt_no, at, outcome, transport, error) values (?, ?, ?, ?, ?, ?) "
                + "on conflict do nothing", id, attempt, ts(at), outcome, transport, error);
    }

    List<Attempt> attempts(UUID id) {
        return jdbc.query("select attempt_no, at, outcome, transport, error from mail_attempt where email_id = ? "
                        + "order by attempt_no",
                (rs, n) -> new Attempt(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5)), id);
    }

    private Optional<Row> row(String sql, Object arg) {
        return jdbc.query(sql, (rs, n) -> map(rs), arg).stream().findFirst();
    }

    private static Row map(ResultSet rs) throws SQLException {
        QueuedEmail e = new QueuedEmail(rs.getObject("id", UUID.class), rs.getString("message_id"),
                rs.getString("idempotency_key"), rs.getString("recipient"), rs.getString("recipient_name"),
                rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html"), rs.getString("reference"),
                rs.getString("order_number"), rs.getString("kind"), rs.getBoolean("urgent"), rs.getString("locale"),
                EmailStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), instant(rs, "created_at"),
                instant(rs, "next_attempt_at"), instant(rs, "sent_at"), rs.getString("last_error"),
                rs.getString("bounce_reason"));
        return new Row(e, rs.getInt("retry_base"), instant(rs, "sending_until"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}

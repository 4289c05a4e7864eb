package dev.zaiko.contact.desk;

import dev.zaiko.contact.CallTask;
import dev.zaiko.contact.ContactCase;
import dev.zaiko.contact.ContactMode;
import dev.zaiko.contact.ContactQueue;
import dev.zaiko.contact.Interaction;
import dev.zaiko.contact.InteractionQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.zaiko.platform.SecretBox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The contact module's SQL: desk cases, call tasks, the interaction log, decision links, the signing key. */
@Repository
public class ContactStore {

    private static final String CASE_COLUMNS = """
            c.case_id, c.order_number, c.line_no, c.priority, c.contact_deadline, c.detected_at, c.express, c.gift,
            c.b2b, c.locale, c.queue, c.mode, c.calls, c.missed_calls, c.wrong_number, c.first_contact_at,
            c.escalated_at, c.escalated_by, c.escalation_reason, c.email_problem, c.needs_attention, c.decided_at,
            c.decision_choice, c.follow_up_sent_at, c.created_at,
            t.id as task_id, t.kind as task_kind, t.queue as task_queue, t.due_by, t.not_before, t.asked_by_customer,
            t.created_at as task_created_at""";

    private static final String CASE_FROM = """
            from contact_case c left join contact_call_task t on t.case_id = c.case_id and t.status = 'OPEN'""";

    private final JdbcTemplate jdbc;
    private final SecretBox secrets;

    ContactStore(JdbcTemplate jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    // ---- cases ---------------------------------------------------------------------------------

    record NewCase(String caseId, String orderNumber, int lineNo, int priority, Instant contactDeadline,
                   Instant detectedAt, boolean express, boolean gift, boolean b2b, String locale, String customerEmail,
                   ContactMode mode, Instant now) {
    }

    /** @return false when the desk already has the case */
    boolean insertCase(NewCase c) {
        return jdbc.update("""
                insert into contact_case (case_id, order_number, line_no, priority, contact_deadline, detected_at,
                    express, gift, b2b, locale, customer_email, mode, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (case_id) do nothing
                """, c.caseId(), c.orderNumber(), c.lineNo(), c.priority(), ts(c.contactDeadline()),
                ts(c.detectedAt()), c.express(), c.gift(), c.b2b(), c.locale(), lower(c.customerEmail()),
                c.mode().name(), ts(c.now()), ts(c.now())) == 1;
    }

    public Optional<ContactCase> find(String caseId) {
        return jdbc.query("select " + CASE_COLUMNS + " " + CASE_FROM + " where c.case_id = ?", ContactStore::contactCase,
                caseId).stream().findFirst();
    }

    /** Locks the desk's row of the case until the transaction ends: one change of a case at a time. */
    public Optional<ContactCase> lock(String caseId) {
        List<String> locked = jdbc.queryForList("select case_id from contact_case where case_id = ? for update",
                String.class, caseId);
        return locked.isEmpty() ? Optional.empty() : find(caseId);
    }

    public void calls(String caseId, int calls, int missedCalls, boolean wrongNumber, Instant now) {
        jdbc.update("update contact_case set calls = ?, missed_calls = ?, wrong_number = ?, updated_at = ? "
                + "where case_id = ?", calls, missedCalls, wrongNumber, ts(now), caseId);
    }

    public void mode(String caseId, ContactMode mode, Instant now) {
        jdbc.update("update contact_case set mode = ?, updated_at = ? where case_id = ?", mode.name(), ts(now), caseId);
    }

    public void firstContact(String caseId, Instant at) {
        jdbc.update("update contact_case set first_contact_at = coalesce(first_contact_at, ?), updated_at = ? "
                + "where case_id = ?", ts(at), ts(at), caseId);
    }

    public void escalated(String caseId, String by, String reason, Instant at) {
        jdbc.update("update contact_case set queue = 'SUPERVISORS', escalated_at = ?, escalated_by = ?, "
                + "escalation_reason = ?, updated_at = ? where case_id = ?", ts(at), by, reason, ts(at), caseId);
    }

    void emailProblem(String caseId, String problem, boolean needsAttention, Instant at) {
        jdbc.update("update contact_case set email_problem = ?, needs_attention = needs_attention or ?, "
                + "updated_at = ? where case_id = ?", problem, needsAttention, ts(at), caseId);
    }

    public void followUpLine(String caseId, String line, String by, Instant at) {
        jdbc.update("update contact_case set follow_up_line = ?, follow_up_by = ?, updated_at = ? where case_id = ?",
                line, by, ts(at), caseId);
    }

    public record FollowUpState(String caseId, Instant decidedAt, Boolean refundExpected, Instant refundsRecordedAt,
                         Instant compensatedAt, String couponCode, String followUpLine, String followUpBy,
                         Instant followUpSentAt) {

        boolean ready() {
            return decidedAt != null && compensatedAt != null && followUpSentAt == null
                    && (!Boolean.TRUE.equals(refundExpected) || refundsRecordedAt != null);
        }
    }

    Optional<FollowUpState> followUpState(String caseId) {
        return jdbc.query("""
                select case_id, decided_at, refund_expected, refunds_recorded_at, compensated_at, coupon_code,
                       follow_up_line, follow_up_by, follow_up_sent_at from contact_case where case_id = ?
                """, (rs, i) -> new FollowUpState(rs.getString(1), instant(rs, 2), (Boolean) rs.getObject(3),
                instant(rs, 4), instant(rs, 5), rs.getString(6), rs.getString(7), rs.getString(8), instant(rs, 9)),
                caseId).stream().findFirst();
    }

    void decided(String caseId, String choice, boolean refundExpected, Instant at) {
        jdbc.update("update contact_case set decided_at = coalesce(decided_at, ?), decision_choice = ?, "
                + "refund_expected = ?, mode = 'DONE', updated_at = ? where case_id = ?", ts(at), choice,
                refundExpected, ts(at), caseId);
    }

    void refundsRecorded(String caseId, Instant at) {
        jdbc.update("update contact_case set refunds_recorded_at = coalesce(refunds_recorded_at, ?), updated_at = ? "
                + "where case_id = ?", ts(at), ts(at), caseId);
    }

    void compensated(String caseId, String couponCode, Instant at) {
        jdbc.update("update contact_case set compensated_at = coalesce(compensated_at, ?), "
                + "coupon_code = coalesce(coupon_code, ?), updated_at = ? where case_id = ?", ts(at), couponCode,
                ts(at), caseId);
    }

    void followUpSent(String caseId, Instant at) {
        jdbc.update("update contact_case set follow_up_sent_at = ?, updated_at = ? where case_id = ?", ts(at), ts(at),
                caseId);
    }

    List<String> casesOfOrder(String orderNumber) {
        return jdbc.queryForList("select case_id from contact_case where order_number = ? order by case_id",
                String.class, orderNumber);
    }

    // ---- call tasks ----------------------------------------------------------------------------

    /** Replaces the case's open task (if any, it is cancelled) with this one. */
    public CallTask openTask(String caseId, CallTask.Kind kind, ContactQueue queue, Instant dueBy, Instant notBefore,
                      boolean askedByCustomer, String by, Instant now) {
        closeTask(caseId, "CANCELLED", by, now);
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into contact_call_task (id, case_id, kind, queue, due_by, not_before, asked_by_customer, status,
                    created_at) values (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)
                """, id, caseId, kind.name(), queue.name(), ts(dueBy), ts(notBefore), askedByCustomer, ts(now));
        return new CallTask(id, caseId, kind, queue, dueBy, notBefore, askedByCustomer, now);
    }

    public void closeTask(String caseId, String status, String by, Instant now) {
        jdbc.update("update contact_call_task set status = ?, closed_at = ?, closed_by = ? "
                + "where case_id = ? and status = 'OPEN'", status, ts(now), by, caseId);
    }

    /** The queue: open call tasks, soonest due first, then the most urgent, then the oldest case. */
    public List<ContactCase> queue(ContactQueue queue, int limit) {
        return jdbc.query("select " + CASE_COLUMNS + " " + CASE_FROM.replace("left join", "join")
                        + " where t.queue = ? order by t.due_by, c.priority, c.case_id limit ?",
                ContactStore::contactCase, queue.name(), limit);
    }

    /** Cases the desk only writes to and that are still undecided, or that need a person. */
    public List<ContactCase> needingAttention(int limit) {
        return jdbc.query("select " + CASE_COLUMNS + " " + CASE_FROM
                + " where c.needs_attention and c.mode <> 'DONE' order by c.contact_deadline, c.case_id limit ?",
                ContactStore::contactCase, limit);
    }

    // ---- interactions --------------------------------------------------------------------------

    /** The customer's address (for the per-customer log) comes from the case's row. */
    public void addInteraction(Interaction i) {
        jdbc.update("""
                insert into contact_interaction (id, case_id, order_number, customer_email, channel, kind, operator,
                    notes, message_id, next_call_at, decision, at, helped, hurt, lesson)
                select ?, case_id, ?, customer_email, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?::text[], ?
                from contact_case where case_id = ?
                """, i.id(), i.orderNumber(), i.channel().name(), i.kind(), i.operator(), i.notes(), i.messageId(),
                ts(i.nextCallAt()), i.decision(), ts(i.at()), i.helped().toArray(String[]::new),
                i.hurt().toArray(String[]::new), i.lesson(), i.caseId());
    }

    public List<Interaction> interactions(InteractionQuery q) {
        StringBuilder sql = new StringBuilder("select id, case_id, order_number, channel, kind, operator, notes, "
                + "message_id, next_call_at, decision, at, helped, hurt, lesson from contact_interaction where true");
        List<Object> args = new ArrayList<>();
        if (q.caseId() != null) { sql.append(" and case_id = ?"); args.add(q.caseId()); }
        if (q.orderNumber() != null) { sql.append(" and order_number = ?"); args.add(q.orderNumber()); }
        if (q.customerEmail() != null) { sql.append(" and customer_email = ?"); args.add(lower(q.customerEmail())); }
        if (q.operator() != null) { sql.append(" and operator = ?"); args.add(q.operator()); }
        if (q.channel() != null) { sql.append(" and channel = ?"); args.add(q.channel().name()); }
        if (q.kind() != null) { sql.append(" and kind = ?"); args.add(q.kind()); }
        if (q.from() != null) { sql.append(" and at >= ?"); args.add(ts(q.from())); }
        if (q.to() != null) { sql.append(" and at < ?"); args.add(ts(q.to())); }
        if (q.text() != null) {
            sql.append(" and notes ilike ? escape '\\'");
            args.add("%" + q.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        sql.append(q.oldestFirst() ? " order by seq" : " order by seq desc");
        sql.append(" limit ? offset ?");
        args.add(q.size());
        args.add((long) q.page() * q.size());
        return jdbc.query(sql.toString(), (rs, i) -> new Interaction(rs.getObject(1, UUID.class), rs.getString(2),
                rs.getString(3), Interaction.Channel.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), instant(rs, 9), rs.getString(10), instant(rs, 11), texts(rs, 12),
                texts(rs, 13), rs.getString(14)), args.toArray());
    }

    private static List<String> texts(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    // ---- links ---------------------------------------------------------------------------------

    public record Link(UUID id, String caseId, Instant issuedAt, Instant expiresAt, Instant usedAt, String usedFor,
                Instant revokedAt) {
    }

    public void insertLink(Link link) {
        jdbc.update("insert into contact_link (id, case_id, issued_at, expires_at) values (?, ?, ?, ?)", link.id(),
                link.caseId(), ts(link.issuedAt()), ts(link.expiresAt()));
    }

    public Optional<Link> link(UUID id) {
        return jdbc.query("select id, case_id, issued_at, expires_at, used_at, used_for, revoked_at from contact_link "
                        + "where id = ?",
                (rs, i) -> new Link(rs.getObject(1, UUID.class), rs.getString(2), instant(rs, 3), instant(rs, 4),
                        instant(rs, 5), rs.getString(6), instant(rs, 7)), id).stream().findFirst();
    }

    /** Revokes every link of the case not revoked yet; answers how many. */
    public int revokeLinks(String caseId, String by, Instant at) {
        return jdbc.update("update contact_link set revoked_at = ?, revoked_by = ? where case_id = ? and revoked_at is null",
                ts(at), by, caseId);
    }

    public void linkUsed(UUID id, String usedFor, Instant at) {
        jdbc.update("update contact_link set used_at = coalesce(used_at, ?), used_for = coalesce(used_for, ?) "
                + "where id = ?", ts(at), usedFor, id);
    }

    // ---- the signing key -----------------------------------------------------------------------

    /** The stored key, made by whichever instance comes first; kept encrypted (docs/security.md). */
    public byte[] secret(byte[] candidate, Instant now) {
        jdbc.update("insert into contact_secret (name, value, created_at) values ('decision-links', ?, ?) "
                + "on conflict (name) do nothing", secrets.seal(candidate, SECRET_TABLE, "value"), ts(now));
        return secrets.openBytes(jdbc.queryForObject("select value from contact_secret where name = 'decision-links'",
                String.class), SECRET_TABLE, "value");
    }

    public static final String SECRET_TABLE = "contact_secret";

    // ---- mapping -------------------------------------------------------------------------------

    private static ContactCase contactCase(ResultSet rs, int row) throws SQLException {
        UUID taskId = rs.getObject("task_id", UUID.class);
        CallTask task = taskId == null ? null : new CallTask(taskId, rs.getString("case_id"),
                CallTask.Kind.valueOf(rs.getString("task_kind")), ContactQueue.valueOf(rs.getString("task_queue")),
                instant(rs, "due_by"), instant(rs, "not_before"), rs.getBoolean("asked_by_customer"),
                instant(rs, "task_created_at"));
        return new ContactCase(rs.getString("case_id"), rs.getString("order_number"), rs.getInt("line_no"),
                rs.getInt("priority"), instant(rs, "contact_deadline"), instant(rs, "detected_at"),
                rs.getBoolean("express"), rs.getBoolean("gift"), rs.getBoolean("b2b"), rs.getString("locale"),
                ContactQueue.valueOf(rs.getString("queue")), ContactMode.valueOf(rs.getString("mode")),
                rs.getInt("calls"), rs.getInt("missed_calls"), rs.getBoolean("wrong_number"),
                instant(rs, "first_contact_at"), instant(rs, "escalated_at"), rs.getString("escalated_by"),
                rs.getString("escalation_reason"), rs.getString("email_problem"), rs.getBoolean("needs_attention"),
                instant(rs, "decided_at"), rs.getString("decision_choice"), instant(rs, "follow_up_sent_at"),
                instant(rs, "created_at"), task);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static String lower(String email) {
        return email == null ? null : email.strip().toLowerCase(java.util.Locale.ROOT);
    }
}

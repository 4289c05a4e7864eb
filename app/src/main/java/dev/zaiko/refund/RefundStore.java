package dev.zaiko.refund;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.zaiko.payment.BankAccount;
import dev.zaiko.platform.SecretBox;
import dev.zaiko.platform.Wording;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The refund module's SQL: refunds, their history, registered bank accounts, compensation. */
@Repository
class RefundStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    static final String ACCOUNTS = "refund_bank_account";

    private final JdbcTemplate jdbc;
    private final SecretBox secrets;
    private final RefundTexts texts;

    RefundStore(JdbcTemplate jdbc, SecretBox secrets, RefundTexts texts) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.texts = texts;
    }

    /** Serializes everything that splits a payment of this order until the transaction ends. */
    void lockOrder(String orderNumber) {
        jdbc.update("insert into refund_order (order_number) values (?) on conflict do nothing", orderNumber);
        jdbc.queryForList("select order_number from refund_order where order_number = ? for update", String.class,
                orderNumber);
    }

    boolean requested(String orderNumber, int lineNo, String reason) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from refund where order_number = ? "
                + "and line_no = ? and reason = ?)", Boolean.class, orderNumber, lineNo, reason));
    }

    /** What the order's refunds so far give back from each part of its payment (failed ones too: a person settles those). */
    Map<Means, Long> requestedByMeans(String orderNumber) {
        Map<Means, Long> out = new EnumMap<>(Means.class);
        jdbc.query("select means, sum(amount) from refund where order_number = ? group by means",
                rs -> {
                    out.put(Means.valueOf(rs.getString(1)), rs.getLong(2));
                }, orderNumber);
        return out;
    }

    void insert(Refund r, String actor, Wording note) {
        jdbc.update("""
                insert into refund (id, order_number, line_no, reason, means, route, amount, currency, status, case_id,
                    locale, requested_at, expected_from, expected_by, account_deadline, reminder_at, gateway_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, r.id(), r.orderNumber(), r.lineNo(), r.reason(), r.means().name(), r.route().name(), r.amount(),
                r.currency(), r.status().name(), r.caseId(), r.locale(), ts(r.requestedAt()), r.expectedFrom(),
                r.expectedBy(), ts(r.accountDeadline()), ts(r.reminderAt()), r.gatewayKey());
        history(r.id(), null, r.status(), r.route(), actor, note, r.requestedAt());
    }

    Optional<Refund> find(UUID id) {
        return one("select * from refund where id = ?", id);
    }

    Optional<Refund> lock(UUID id) {
        return one("select * from refund where id = ? for update", id);
    }

    /** The refund whose gateway calls carry this idempotency key. */
    Optional<UUID> byGatewayKey(String key) {
        return jdbc.queryForList("select id from refund where gateway_key = ?", UUID.class, key).stream().findFirst();
    }

    /** The refunds whose gateway calls carry these keys, by key: two queries however many. */
    Map<String, Refund> byGatewayKeys(List<String> keys) {
        Map<String, Refund> out = new LinkedHashMap<>();
        if (keys.isEmpty()) return out;
        many("select * from refund where gateway_key = any(?)", (Object) keys.toArray(String[]::new))
                .forEach(r -> out.put(r.gatewayKey(), r));
        return out;
    }

    List<Refund> ofOrder(String orderNumber) {
        return many("select * from refund where order_number = ? order by line_no, requested_at, means",
                orderNumber);
    }

    List<Refund> needingAttention(int limit) {
        return many("select * from refund where needs_attention order by requested_at limit ?", limit);
    }

    List<Refund> withStatus(RefundStatus status, int limit) {
        return many("select * from refund where status = ? order by requested_at limit ?", status.name(), limit);
    }

    /** Refunds waiting for an account whose reminder is due and not sent. */
    List<UUID> remindersDue(Instant now, int limit) {
        return jdbc.queryForList("select id from refund where status = 'AWAITING_ACCOUNT' and reminded_at is null "
                + "and reminder_at <= ? order by reminder_at limit ?", UUID.class, ts(now), limit);
    }

    /** Refunds waiting for an account past their deadline and not flagged yet. */
    List<UUID> deadlinesPassed(Instant now, int limit) {
        return jdbc.queryForList("select id from refund where status = 'AWAITING_ACCOUNT' and not needs_attention "
                + "and account_deadline <= ? order by account_deadline limit ?", UUID.class, ts(now), limit);
    }

    /**
     * Every order with a refund: what its refunds under way or done give back, of that what is
     * completed, and of what is not what waits for a person to confirm it (the manual route).
     */
    Map<String, long[]> refundedAndCompletedByOrder() {
        Map<String, long[]> out = new LinkedHashMap<>();
        jdbc.query("select order_number, coalesce(sum(amount) filter (where status <> 'FAILED'), 0), "
                + "coalesce(sum(amount) filter (where status = 'COMPLETED'), 0), "
                + "coalesce(sum(amount) filter (where status = 'AWAITING_CONFIRMATION'), 0) from refund "
                + "group by order_number order by order_number", rs -> {
                    out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                });
        return out;
    }

    void changeStatus(UUID id, RefundStatus from, RefundStatus to, Route route, String actor, Wording note,
                      Instant at) {
        jdbc.update("update refund set status = ?, route = ? where id = ?", to.name(), route.name(), id);
        history(id, from, to, route, actor, note, at);
    }

    void attempted(UUID id, int attempts, Instant nextAttemptAt, String lastError, boolean needsAttention) {
        jdbc.update("update refund set attempts = ?, next_attempt_at = ?, last_error = ?, needs_attention = ? "
                + "where id = ?", attempts, ts(nextAttemptAt), lastError, needsAttention, id);
    }

    void expected(UUID id, LocalDate from, LocalDate by) {
        jdbc.update("update refund set expected_from = ?, expected_by = ? where id = ?", from, by, id);
    }

    void completed(UUID id, String transactionId, Map<String, Object> outcome, Instant at) {
        jdbc.update("update refund set transaction_id = ?, outcome = ?, completed_at = ?, needs_attention = false, "
                + "next_attempt_at = null, last_error = null where id = ?", transactionId,
                JSON.writeValueAsString(outcome), ts(at), id);
    }

    void renewGatewayKey(UUID id, String key) {
        jdbc.update("update refund set gateway_key = ? where id = ?", key, id);
    }

    void deadline(UUID id, Instant deadline, Instant reminderAt) {
        jdbc.update("update refund set account_deadline = ?, reminder_at = ? where id = ?", ts(deadline),
                ts(reminderAt), id);
    }

    void reminded(UUID id, Instant at) {
        jdbc.update("update refund set reminded_at = ? where id = ?", ts(at), id);
    }

    void flag(UUID id, String why) {
        jdbc.update("update refund set needs_attention = true, last_error = ? where id = ?", why, id);
    }

    void retryByHand(UUID id) {
        jdbc.update("update refund set attempts = 0, needs_attention = false, next_attempt_at = null where id = ?",
                id);
    }

    // ---- bank accounts ------------------------------------------------------------------------

    /** The number and the holder's name are stored encrypted (docs/security.md, "Secrets at rest"). */
    void saveAccount(String orderNumber, BankAccount a, Instant at) {
        jdbc.update("""
                insert into refund_bank_account (order_number, bank_code, branch_code, account_type, number,
                    holder_name, registered_at) values (?, ?, ?, ?, ?, ?, ?)
                on conflict (order_number) do update set bank_code = excluded.bank_code,
                    branch_code = excluded.branch_code, account_type = excluded.account_type,
                    number = excluded.number, holder_name = excluded.holder_name, registered_at = excluded.registered_at
                """, orderNumber, a.bankCode(), a.branchCode(), a.type().name(),
                secrets.seal(a.number(), ACCOUNTS, "number"), secrets.seal(a.holderName(), ACCOUNTS, "holder_name"),
                ts(at));
    }

    Optional<BankAccount> account(String orderNumber) {
        return jdbc.query("select bank_code, branch_code, account_type, number, holder_name from refund_bank_account "
                + "where order_number = ?", (rs, i) -> BankAccount.of(rs.getString(1), rs.getString(2),
                rs.getString(3), secrets.open(rs.getString(4), ACCOUNTS, "number"),
                secrets.open(rs.getString(5), ACCOUNTS, "holder_name")), orderNumber).stream().findFirst();
    }

    // ---- compensation -------------------------------------------------------------------------

    record Compensation(String caseId, String orderNumber, String kind, long amount, Integer percent,
                        String couponCode, LocalDate validUntil, String policy, Instant at) {
    }

    boolean insertCompensation(Compensation c) {
        return jdbc.update("""
                insert into refund_compensation (case_id, order_number, kind, amount, percent, coupon_code, valid_until,
                    policy, at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing
                """, c.caseId(), c.orderNumber(), c.kind(), c.amount(), c.percent(), c.couponCode(), c.validUntil(),
                c.policy(), ts(c.at())) == 1;
    }

    boolean apologised(String orderNumber) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from refund_compensation "
                + "where order_number = ? and kind = 'APOLOGY_COUPON')", Boolean.class, orderNumber));
    }

    List<Compensation> compensations(String orderNumber) {
        return jdbc.query("select case_id, order_number, kind, amount, percent, coupon_code, valid_until, policy, at "
                + "from refund_compensation where order_number = ? order by id", (rs, i) -> new Compensation(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), (Integer) rs.getObject(5),
                rs.getString(6), rs.getObject(7, LocalDate.class), rs.getString(8), rs.getTimestamp(9).toInstant()),
                orderNumber);
    }

    // ---- mapping ------------------------------------------------------------------------------

    /** The note is kept as its bundle key and arguments, and in English in {@code note} for older readers. */
    private void history(UUID id, RefundStatus from, RefundStatus to, Route route, String actor, Wording note,
                         Instant at) {
        jdbc.update("insert into refund_history (refund_id, from_status, to_status, route, actor, note, note_code, "
                + "note_args, at) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)", id, from == null ? null : from.name(),
                to.name(), route.name(), actor, texts.english(note), note.code(), note.argsJson(), ts(at));
    }

    private Optional<Refund> one(String sql, Object... args) {
        return many(sql, args).stream().findFirst();
    }

    /** The refunds with their histories: two queries, however many refunds (a list of 200 is not 201 reads). */
    private List<Refund> many(String sql, Object... args) {
        List<Refund> found = jdbc.query(sql, (rs, i) -> refund(rs, List.of()), args);
        if (found.isEmpty()) return found;
        Map<UUID, List<Refund.Change>> histories = new java.util.HashMap<>();
        jdbc.query("select refund_id, from_status, to_status, route, actor, note, at, note_code, note_args "
                + "from refund_history where refund_id = any(?) order by id", rs -> {
                    histories.computeIfAbsent(rs.getObject(1, UUID.class), k -> new java.util.ArrayList<>())
                            .add(new Refund.Change(rs.getString(2) == null ? null : RefundStatus.valueOf(rs.getString(2)),
                                    RefundStatus.valueOf(rs.getString(3)), Route.valueOf(rs.getString(4)),
                                    rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                                    Wording.read(rs.getString(8), rs.getString(9))));
                }, (Object) found.stream().map(Refund::id).toArray(UUID[]::new));
        return found.stream().map(r -> withHistory(r, histories.getOrDefault(r.id(), List.of()))).toList();
    }

    private static Refund withHistory(Refund r, List<Refund.Change> history) {
        return new Refund(r.id(), r.orderNumber(), r.lineNo(), r.reason(), r.means(), r.route(), r.amount(),
                r.currency(), r.status(), r.caseId(), r.locale(), r.requestedAt(), r.expectedFrom(), r.expectedBy(),
                r.accountDeadline(), r.reminderAt(), r.remindedAt(), r.attempts(), r.nextAttemptAt(), r.lastError(),
                r.needsAttention(), r.gatewayKey(), r.transactionId(), r.outcome(), r.completedAt(), history);
    }

    private static Refund refund(ResultSet rs, List<Refund.Change> history) throws SQLException {
        String outcome = rs.getString("outcome");
        return new Refund(rs.getObject("id", UUID.class), rs.getString("order_number"), rs.getInt("line_no"),
                rs.getString("reason"), Means.valueOf(rs.getString("means")), Route.valueOf(rs.getString("route")),
                rs.getLong("amount"), rs.getString("currency"), RefundStatus.valueOf(rs.getString("status")),
                rs.getString("case_id"), rs.getString("locale"), instant(rs, "requested_at"),
                rs.getObject("expected_from", LocalDate.class), rs.getObject("expected_by", LocalDate.class),
                instant(rs, "account_deadline"), instant(rs, "reminder_at"), instant(rs, "reminded_at"),
                rs.getInt("attempts"), instant(rs, "next_attempt_at"), rs.getString("last_error"),
                rs.getBoolean("needs_attention"), rs.getString("gateway_key"), rs.getString("transaction_id"),
                outcome == null ? Map.of() : JSON.readValue(outcome, MAP), instant(rs, "completed_at"), history);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}

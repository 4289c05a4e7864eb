package dev.zaiko.stockout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.zaiko.platform.Wording;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code stockout_*} tables. Order numbers are stored as their 17 digits. */
@Repository
class StockoutStore {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    StockoutStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new case, unless one exists for the same (order, line, reason): then empty and nothing written. */
    Optional<String> insertIfAbsent(String orderDigits, int lineNo, String sku, int quantityShort, String reason,
                                    ServiceLevel level, Instant detectedAt, Instant now, StockoutFacts facts,
                                    Wording why, String english) {
        Long next = jdbc.queryForObject("select nextval('stockout_case_seq')", Long.class);
        List<String> ids = jdbc.queryForList("""
                insert into stockout_case (id, order_number, line_no, sku, quantity_short, reason, status, priority,
                                           service_level, contact_deadline, detected_at, created_at, facts)
                values (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, cast(? as jsonb))
                on conflict (order_number, line_no, reason) do nothing
                returning id""", String.class,
                caseId(next), orderDigits, lineNo, sku, quantityShort, reason, level.priority(), level.rule(),
                Timestamp.from(level.contactDeadline()), Timestamp.from(detectedAt), Timestamp.from(now),
                JSON.writeValueAsString(facts));
        if (ids.isEmpty()) return Optional.empty();
        addHistory(ids.get(0), null, StockoutStatus.OPEN, "system", why, english, now);
        return Optional.of(ids.get(0));
    }

    /** @param why null for a plain text only; @param english why in English, kept for older readers */
    void addHistory(String id, StockoutStatus from, StockoutStatus to, String actor, Wording why, String english,
                    Instant at) {
        jdbc.update("insert into stockout_status_history (case_id, from_status, to_status, actor, reason, reason_code, "
                        + "reason_args, at) values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)", id,
                from == null ? null : from.name(), to.name(), actor, english, why == null ? null : why.code(),
                why == null ? null : why.argsJson(), Timestamp.from(at));
    }

    Optional<StockoutCase> find(String id) {
        return jdbc.query("select * from stockout_case where id = ?", this::row, id).stream().findFirst();
    }

    /** The case's current status, its row locked until the transaction ends. */
    Optional<StockoutStatus> lockStatus(String id) {
        return jdbc.query("select status from stockout_case where id = ? for update",
                (rs, i) -> StockoutStatus.valueOf(rs.getString(1)), id).stream().findFirst();
    }

    void changeStatus(String id, StockoutStatus to) {
        jdbc.update("update stockout_case set status = ? where id = ?", to.name(), id);
    }

    /** Marks the case withdrawn (its status is changed by the caller, under the case's lock). */
    void withdrawn(String id, StockoutCase.Withdrawal withdrawal) {
        jdbc.update("update stockout_case set withdrawn_reason = ?, withdrawn_by = ?, withdrawn_at = ? where id = ?",
                withdrawal.reason(), withdrawal.channel(), Timestamp.from(withdrawal.at()), id);
    }

    /** The cases of these lines of the order that are still undecided (OPEN or AWAITING_DECISION), by id. */
    List<String> undecidedOfLines(String orderDigits, List<Integer> lines) {
        if (lines.isEmpty()) return List.of();
        return jdbc.queryForList("""
                select id from stockout_case
                where order_number = ? and line_no = any(?) and status in ('OPEN', 'AWAITING_DECISION')
                order by id""", String.class, orderDigits, lines.toArray(Integer[]::new));
    }

    /** False when the case already has a decision (the primary key decides a race the row lock missed). */
    boolean insertDecision(StockoutDecision d) {
        int inserted = jdbc.update("""
                insert into stockout_decision (case_id, choice, line_no, units, substitute_sku, promised_date, source,
                                               refund_amount, by_default, decided_by, note, decided_at, option)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
                on conflict (case_id) do nothing""", d.caseId(), d.choice().name(), d.lineNo(), d.units(),
                d.substituteSku(), d.promisedDate(), d.source(), d.refundAmount(), d.byDefault(), d.decidedBy(),
                d.note(), Timestamp.from(d.decidedAt()), JSON.writeValueAsString(d.option()));
        return inserted == 1;
    }

    Optional<StockoutDecision> decision(String caseId) {
        return jdbc.query("select * from stockout_decision where case_id = ?", (rs, i) -> new StockoutDecision(
                rs.getString("case_id"), Choice.valueOf(rs.getString("choice")), rs.getInt("line_no"),
                rs.getInt("units"), rs.getString("substitute_sku"), rs.getObject("promised_date", LocalDate.class),
                rs.getString("source"), rs.getLong("refund_amount"), rs.getBoolean("by_default"),
                rs.getString("decided_by"), rs.getString("note"), rs.getTimestamp("decided_at").toInstant(),
                JSON.readValue(rs.getString("option"), StockoutOption.class)), caseId).stream().findFirst();
    }

    /** Undecided cases whose time to answer ran out by {@code now}, oldest first. */
    List<String> overdue(Instant now, Duration limit, int max) {
        return jdbc.queryForList("""
                select c.id from stockout_case c
                where c.status in ('OPEN', 'AWAITING_DECISION')
                  and coalesce((select max(h.at) from stockout_status_history h
                                where h.case_id = c.id and h.to_status = 'AWAITING_DECISION'), c.created_at)
                      <= cast(? as timestamptz) - make_interval(secs => ?)
                order by c.created_at, c.id limit ?""", String.class, Timestamp.from(now),
                (double) limit.toSeconds(), max);
    }

    /** Cases opened at or after {@code since}, counted per reason. */
    java.util.Map<String, Integer> openedSinceByReason(Instant since) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        jdbc.query("select reason, count(*) as n from stockout_case where created_at >= ? group by reason",
                rs -> { counts.put(rs.getString("reason"), rs.getInt("n")); }, java.sql.Timestamp.from(since));
        return counts;
    }

    StockoutPage list(StockoutQuery q) {
        String where = " where (?::text is null or status = ?) and (?::text is null or reason = ?) "
                + "and (?::int is null or priority = ?) and (?::text is null or sku = ?) "
                + "and (?::text is null or order_number = ?)";
        String status = q.status() == null ? null : q.status().name();
        Object[] filters = {status, status, q.reason(), q.reason(), q.priority(), q.priority(), q.sku(), q.sku(),
                q.orderDigits(), q.orderDigits()};
        Long total = jdbc.queryForObject("select count(*) from stockout_case" + where, Long.class, filters);
        List<Object> args = new ArrayList<>(java.util.Arrays.asList(filters));
        args.add(q.size());
        args.add((long) q.page() * q.size());
        List<StockoutCase> items = jdbc.query("select * from stockout_case" + where
                + " order by contact_deadline, priority, id limit ? offset ?", this::row, args.toArray());
        return new StockoutPage(items, q.page(), q.size(), total == null ? 0 : total);
    }

    private StockoutCase row(ResultSet rs, int i) throws SQLException {
        String id = rs.getString("id");
        String digits = rs.getString("order_number");
        return new StockoutCase(id, display(digits), rs.getInt("line_no"), rs.getString("sku"),
                rs.getInt("quantity_short"), rs.getString("reason"), StockoutStatus.valueOf(rs.getString("status")),
                rs.getInt("priority"), rs.getTimestamp("contact_deadline").toInstant(), rs.getString("service_level"),
                rs.getTimestamp("detected_at").toInstant(), rs.getTimestamp("created_at").toInstant(),
                JSON.readValue(rs.getString("facts"), StockoutFacts.class), history(id),
                rs.getString("withdrawn_reason") == null ? null : new StockoutCase.Withdrawal(
                        rs.getString("withdrawn_reason"), rs.getString("withdrawn_by"),
                        rs.getTimestamp("withdrawn_at").toInstant()));
    }

    private List<StockoutCase.StatusChange> history(String id) {
        return jdbc.query("select from_status, to_status, actor, reason, at, reason_code, reason_args "
                        + "from stockout_status_history where case_id = ? order by id",
                (rs, i) -> new StockoutCase.StatusChange(
                        rs.getString(1) == null ? null : StockoutStatus.valueOf(rs.getString(1)),
                        StockoutStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), Wording.read(rs.getString(6), rs.getString(7))), id);
    }

    /** {@code SO-000042}: at least six digits, never cut (SQL's lpad would cut a seventh). */
    static String caseId(long sequence) {
        return String.format("SO-%06d", sequence);
    }

    static String display(String digits) {
        return digits.substring(0, 3) + "-" + digits.substring(3, 10) + "-" + digits.substring(10);
    }
}

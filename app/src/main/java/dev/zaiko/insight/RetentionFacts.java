package dev.zaiko.insight;

import java.sql.Timestamp;
import java.util.List;

import dev.zaiko.contact.CallReported;
import dev.zaiko.mail.EmailSent;
import dev.zaiko.order.OrderPlaced;
import dev.zaiko.stockout.StockoutDecided;
import dev.zaiko.stockout.StockoutOpened;
import dev.zaiko.stockout.StockoutWithdrawn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the retention figures read per stockout case, folded ahead ({@code insight_retention_case}):
 * the customer, detection and deadline, the first contact at or after detection, the latest decision's
 * choice, withdrawn or not ({@link KeepingCustomers} then reads a few thousand case rows instead of
 * joining every order). Order-independent: each fact sets the columns it owns; a case folded after its
 * order, contacts or decisions reads them from the other read tables; one case's facts take a lock on
 * the case (and a case with its order's facts on the order), so concurrent live facts cannot miss each
 * other.
 */
@Component
class RetentionFacts implements InsightProjection {

    private final JdbcTemplate jdbc;

    RetentionFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> tables() {
        return List.of("insight_retention_case");
    }

    @Override
    public void apply(Object fact) {
        if (fact instanceof StockoutOpened o) {
            lock("case", o.caseId());
            lock("order", o.orderNumber());
            Timestamp detected = Timestamp.from(o.detectedAt());
            jdbc.update("""
                    insert into insight_retention_case (case_id, order_number, customer_key, detected_at,
                        contact_deadline, first_contact_at, choice, choice_decided_at, choice_decided_line, withdrawn)
                    select ?, ?, (select customer_key from insight_order where order_number = ?), ?, ?,
                           (select min(t.at) from insight_contact t where t.case_id = ? and t.at >= ?),
                           d.choice, d.decided_at, d.decided_line,
                           exists (select 1 from insight_case_withdrawal w where w.case_id = ?)
                    from (select 1) one
                    left join lateral (select choice, decided_at, decided_line from insight_decision
                                       where case_id = ? order by decided_at desc, decided_line desc limit 1) d on true
                    on conflict (case_id) do nothing""",
                    o.caseId(), o.orderNumber(), o.orderNumber(), detected,
                    o.contactDeadline() == null ? null : Timestamp.from(o.contactDeadline()), o.caseId(), detected,
                    o.caseId(), o.caseId());
        } else if (fact instanceof OrderPlaced o) {
            if (o.customerKey() == null) return;
            lock("order", o.orderNumber());
            jdbc.update("update insight_retention_case set customer_key = ? where order_number = ?",
                    o.customerKey(), o.orderNumber());
        } else if (fact instanceof CallReported c) {
            if (c.caseId() != null) contacted(c.caseId(), Timestamp.from(c.at()));
        } else if (fact instanceof EmailSent e) {
            if (e.reference() != null) contacted(e.reference(), Timestamp.from(e.at()));
        } else if (fact instanceof StockoutDecided d) {
            lock("case", d.caseId());
            Timestamp at = Timestamp.from(d.decidedAt());
            jdbc.update("""
                    update insight_retention_case set choice = ?, choice_decided_at = ?, choice_decided_line = ?
                    where case_id = ? and (choice is null or (choice_decided_at, choice_decided_line) < (?, ?))""",
                    d.choice().name(), at, d.decidedLine(), d.caseId(), at, d.decidedLine());
        } else if (fact instanceof StockoutWithdrawn w) {
            lock("case", w.caseId());
            jdbc.update("update insight_retention_case set withdrawn = true where case_id = ?", w.caseId());
        }
    }

    private void contacted(String caseId, Timestamp at) {
        lock("case", caseId);
        jdbc.update("""
                update insight_retention_case set first_contact_at = ?
                where case_id = ? and ? >= detected_at and (first_contact_at is null or first_contact_at > ?)""",
                at, caseId, at, at);
    }

    private void lock(String kind, String key) {
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext(?), hashtext(?))::text", String.class,
                "insight_retention_" + kind, key);
    }
}

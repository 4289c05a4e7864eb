package dev.zaiko.insight;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;

import dev.zaiko.stockout.StockoutDecided;
import dev.zaiko.stockout.StockoutOpened;
import dev.zaiko.stockout.StockoutWithdrawn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Stockout cases as opened, withdrawn and decided ({@code insight_case}, {@code insight_case_withdrawal}, {@code insight_decision}). */
@Component
class CaseFacts implements InsightProjection {

    private final JdbcTemplate jdbc;

    CaseFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> tables() {
        return List.of("insight_case", "insight_case_withdrawal", "insight_decision");
    }

    @Override
    public void apply(Object fact) {
        if (fact instanceof StockoutOpened o) {
            jdbc.update("""
                    insert into insight_case (case_id, order_number, line_no, sku, reason, priority, detected_at,
                                              contact_deadline, service_level_rule, express, gift, b2b, needed_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (case_id) do nothing""",
                    o.caseId(), o.orderNumber(), o.lineNo(), o.sku(), o.reason(), o.priority(),
                    Timestamp.from(o.detectedAt()), ts(o.contactDeadline()), o.serviceLevelRule(), o.express(),
                    o.gift(), o.b2b(), o.neededBy() == null ? null : Date.valueOf(o.neededBy()));
        } else if (fact instanceof StockoutWithdrawn w) {
            jdbc.update("""
                    insert into insight_case_withdrawal (case_id, reason, channel, at) values (?, ?, ?, ?)
                    on conflict (case_id) do nothing""", w.caseId(), w.reason(), w.channel(), Timestamp.from(w.at()));
        } else if (fact instanceof StockoutDecided d) {
            jdbc.update("""
                    insert into insight_decision (case_id, decided_line, decided_at, line_no, order_number, choice, units,
                                                  substitute_sku, promised_date, refund_amount, absorbed_amount,
                                                  shipping_fee_refund, by_default, decided_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                    d.caseId(), d.decidedLine(), Timestamp.from(d.decidedAt()), d.lineNo(), d.orderNumber(),
                    d.choice().name(), d.units(), d.substituteSku(),
                    d.promisedDate() == null ? null : Date.valueOf(d.promisedDate()), d.refundAmount(),
                    d.absorbedAmount(), d.shippingFeeRefund(), d.byDefault(), d.decidedBy());
        }
    }

    private static Timestamp ts(java.time.Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}

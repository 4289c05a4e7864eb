package dev.zaiko.insight;

import java.sql.Timestamp;
import java.util.List;

import dev.zaiko.contact.CallReported;
import dev.zaiko.mail.EmailSent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Calls about cases and the emails the shop sent ({@code insight_contact}). An email is kept when it
 * names a reference (the contact desk's emails name their case); the report joins on the case.
 */
@Component
class ContactFacts implements InsightProjection {

    private final JdbcTemplate jdbc;

    ContactFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> tables() {
        return List.of("insight_contact");
    }

    @Override
    public void apply(Object fact) {
        if (fact instanceof CallReported c) {
            jdbc.update("""
                    insert into insight_contact (id, kind, case_id, order_number, outcome, operator, at, helped, hurt, lesson)
                    values (?, 'CALL', ?, ?, ?, ?, ?, ?::text[], ?::text[], ?) on conflict (id) do nothing""",
                    c.callId().toString(), c.caseId(), c.orderNumber(), c.outcome().name(), c.operator(),
                    Timestamp.from(c.at()), array(c.helped()), array(c.hurt()), c.lesson());
        } else if (fact instanceof EmailSent e && e.reference() != null) {
            jdbc.update("""
                    insert into insight_contact (id, kind, case_id, order_number, outcome, at)
                    values (?, 'EMAIL', ?, ?, ?, ?) on conflict (id) do nothing""",
                    e.id().toString(), e.reference(), e.orderNumber(), e.kind(), Timestamp.from(e.at()));
        }
    }

    /** A PostgreSQL array literal: every element quoted, quotes and backslashes escaped. */
    static String array(List<String> values) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) s.append(',');
            s.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return s.append('}').toString();
    }
}

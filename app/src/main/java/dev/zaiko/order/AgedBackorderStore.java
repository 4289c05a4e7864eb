package dev.zaiko.order;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The SQL behind {@link AnnouncingAgedBackorders}, on the {@code orders_*} tables. Callers own the transactions. */
@Component
class AgedBackorderStore {

    private final JdbcTemplate jdbc;

    AgedBackorderStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Aged(OrderNumber orderNumber, int lineNo, String sku, int quantity, Instant backorderedSince,
                LocalDate promisedDate) {
    }

    /**
     * BACKORDERED lines not yet announced that became BACKORDERED (their last change to it from
     * another status in the history: being promised another inbound is no new wait) before
     * {@code since}, longest waiting first.
     */
    List<Aged> waitingSince(Instant since) {
        return jdbc.query("""
                select l.order_number, l.line_no, l.sku, l.quantity, b.since, l.promised_date
                from orders_line l
                cross join lateral (select max(h.at) as since from orders_status_history h
                                    where h.order_number = l.order_number and h.line_no = l.line_no
                                      and h.to_status = 'BACKORDERED'
                                      and h.from_status is distinct from 'BACKORDERED') b
                where l.status = 'BACKORDERED' and l.backorder_aged_at is null and b.since < ?
                order by b.since, l.order_number, l.line_no
                """, (rs, i) -> new Aged(new OrderNumber(rs.getString(1)), rs.getInt(2), rs.getString(3), rs.getInt(4),
                rs.getTimestamp(5).toInstant(), rs.getObject(6, LocalDate.class)), Timestamp.from(since));
    }

    /**
     * Records that the line was announced; false when it was already, or is no longer BACKORDERED.
     * The row lock makes a second, concurrent announcer wait and then find it done.
     */
    boolean markAnnounced(OrderNumber number, int lineNo, Instant at) {
        return jdbc.update("update orders_line set backorder_aged_at = ? where order_number = ? and line_no = ? "
                        + "and status = 'BACKORDERED' and backorder_aged_at is null", Timestamp.from(at), number.digits(),
                lineNo) == 1;
    }
}

package dev.zaiko.insight;

import java.sql.Timestamp;
import java.util.List;

import dev.zaiko.order.OrderPlaced;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Orders as placed ({@code insight_order}, {@code insight_order_line}), and for each order when the
 * same customer ordered next ({@code next_placed_at}, what "ordered again within 30 days" reads) and
 * before ({@code prev_placed_at}: an order whose previous one lies before a range is the customer's
 * first in it).
 * <p>
 * {@code next_placed_at} is a function of the set of the customer's orders (the earliest one placed
 * strictly later), so it comes out the same in any order of folding: a new order takes the earliest
 * later order as its next, and becomes the next of the one order before it whose next was later or
 * missing (only the order right before it can have that); the previous order likewise, mirrored. A per-customer lock keeps two orders of
 * one customer, folded at once, from missing each other.
 */
@Component
class OrderFacts implements InsightProjection {

    private final JdbcTemplate jdbc;

    OrderFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> tables() {
        return List.of("insight_order", "insight_order_line");
    }

    @Override
    public void apply(Object fact) {
        if (!(fact instanceof OrderPlaced o)) return;
        Timestamp at = Timestamp.from(o.placedAt());
        if (o.customerKey() != null) {
            jdbc.queryForObject("select pg_advisory_xact_lock(?, hashtext(?))::text", String.class,
                    (int) InsightJournal.LOCK, o.customerKey());
        }
        jdbc.update("""
                insert into insight_order (order_number, channel, customer_key, segment, b2b, placed_at, total,
                                           shipping_fee, next_placed_at, prev_placed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?,
                        (select min(placed_at) from insight_order where customer_key = ? and placed_at > ?),
                        (select max(placed_at) from insight_order where customer_key = ? and placed_at < ?))
                on conflict (order_number) do nothing""",
                o.orderNumber(), o.channel(), o.customerKey(), o.segment(), o.b2b(), at, o.total(), o.shippingFee(),
                o.customerKey(), at, o.customerKey(), at);
        if (o.customerKey() != null) {
            jdbc.update("""
                    update insight_order set next_placed_at = ?
                    where customer_key = ? and placed_at < ? and (next_placed_at is null or next_placed_at > ?)""",
                    at, o.customerKey(), at, at);
            jdbc.update("""
                    update insight_order set prev_placed_at = ?
                    where customer_key = ? and placed_at > ? and (prev_placed_at is null or prev_placed_at < ?)""",
                    at, o.customerKey(), at, at);
        }
        jdbc.batchUpdate("""
                insert into insight_order_line (order_number, line_no, sku, quantity, unit_price, backordered)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""",
                o.lines(), o.lines().size(), (ps, l) -> {
                    ps.setString(1, o.orderNumber());
                    ps.setInt(2, l.lineNo());
                    ps.setString(3, l.sku());
                    ps.setInt(4, l.quantity());
                    ps.setLong(5, l.unitPrice());
                    ps.setBoolean(6, l.backordered());
                });
    }
}

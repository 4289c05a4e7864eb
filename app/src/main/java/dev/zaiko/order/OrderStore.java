package dev.zaiko.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;

/** The {@code orders_*} tables, in explicit SQL. Callers own the transactions. */
@Component
class OrderStore {

    private final JdbcTemplate jdbc;

    OrderStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the order, its lines and their first history rows.
     *
     * @param request the fingerprint of the request it was placed with, or null (no external reference)
     */
    void insert(Order order, RequestFingerprint request) {
        Order.Customer c = order.customer();
        Order.Payment p = order.payment();
        jdbc.update("""
                insert into orders_order (order_number, channel, external_ref, status, customer_name, customer_email,
                    customer_phone, customer_locale, payment_method, payment_status, payment_amount, points_used,
                    coupon_code, coupon_discount, gift_balance_used, express, promised_date, gift, b2b, needed_by,
                    shipping_fee, placed_at, request_hash, request_form, payment_reference, customer_segment)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, order.orderNumber().digits(), order.channel(), order.externalRef(), order.status().name(),
                c.name(), c.email(), c.phone(), c.locale(), p.method(), p.status(), p.amount(), p.pointsUsed(),
                p.couponCode(), p.couponDiscount(), p.giftBalanceUsed(), order.express(), order.promisedDate(),
                order.gift(), order.b2b(), order.neededBy(), order.shippingFee(), Timestamp.from(order.placedAt()),
                request == null ? null : request.hash(), request == null ? null : request.form(), p.reference(),
                c.segment());
        List<Object[]> lines = new ArrayList<>();
        for (Order.Line l : order.lines()) {
            lines.add(new Object[] {order.orderNumber().digits(), l.lineNo(), l.sku(), l.quantity(), l.unitPrice(),
                    l.status().name(), l.reservationId(), l.promisedDate(), l.externalLineRef(), l.promisedInboundId()});
        }
        jdbc.batchUpdate("insert into orders_line (order_number, line_no, sku, quantity, unit_price, status, "
                + "reservation_id, promised_date, external_line_ref, promised_inbound_id) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", lines);
        // one round trip for all history rows, not one per row
        List<Object[]> history = new ArrayList<>();
        for (Order.StatusChange h : order.history()) {
            history.add(new Object[] {order.orderNumber().digits(), h.lineNo(), h.from() == null ? null : h.from().name(),
                    h.to().name(), h.actor(), h.reason(), Timestamp.from(h.at())});
        }
        jdbc.batchUpdate(HISTORY, history);
    }

    private static final String HISTORY = "insert into orders_status_history (order_number, line_no, from_status, "
            + "to_status, actor, reason, at) values (?, ?, ?, ?, ?, ?, ?)";

    void history(OrderNumber number, Order.StatusChange h) {
        jdbc.update(HISTORY, number.digits(), h.lineNo(), h.from() == null ? null : h.from().name(), h.to().name(),
                h.actor(), h.reason(), Timestamp.from(h.at()));
    }

    boolean exists(OrderNumber number) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from orders_order where order_number = ?)", Boolean.class, number.digits()));
    }

    Optional<OrderNumber> findByExternalRef(String channel, String externalRef) {
        return jdbc.query("select order_number from orders_order where channel = ? and external_ref = ?",
                (rs, i) -> new OrderNumber(rs.getString(1)), channel, externalRef).stream().findFirst();
    }

    /** The fingerprint of the request the order was placed with; empty for orders recorded without one. */
    Optional<RequestFingerprint> fingerprint(OrderNumber number) {
        return jdbc.query("select request_hash, request_form from orders_order where order_number = ? "
                        + "and request_hash is not null", (rs, i) -> new RequestFingerprint(rs.getString(1),
                rs.getString(2)), number.digits()).stream().findFirst();
    }

    /** The newest history entry of the given lines of the order (0 when none): whether they changed since. */
    long lastLineChange(OrderNumber number, java.util.Collection<Integer> lineNos) {
        Long id = jdbc.queryForObject("select max(id) from orders_status_history where order_number = ? "
                + "and line_no = any(?)", Long.class, number.digits(), lineNos.toArray(Integer[]::new));
        return id == null ? 0 : id;
    }

    /** Locks the order row, so that status changes of one order happen one after another. */
    Optional<Order> lock(OrderNumber number) {
        List<String> found = jdbc.queryForList("select order_number from orders_order where order_number = ? for update",
                String.class, number.digits());
        return found.isEmpty() ? Optional.empty() : find(number);
    }

    /** Sets a line's status and records the change; false when the line already had that status. */
    boolean changeLine(OrderNumber number, int lineNo, OrderStatus to, String actor, String reason, Instant at) {
        List<String> from = jdbc.queryForList("select status from orders_line where order_number = ? and line_no = ?",
                String.class, number.digits(), lineNo);
        if (from.isEmpty() || from.get(0).equals(to.name())) return false;
        jdbc.update("update orders_line set status = ? where order_number = ? and line_no = ?", to.name(),
                number.digits(), lineNo);
        history(number, new Order.StatusChange(lineNo, OrderStatus.valueOf(from.get(0)), to, actor, reason, at));
        return true;
    }

    /** Sets the order's status and records the change, when it differs from the stored one. */
    void changeOrder(OrderNumber number, OrderStatus to, String actor, String reason, Instant at) {
        String from = jdbc.queryForObject("select status from orders_order where order_number = ?", String.class,
                number.digits());
        if (to.name().equals(from)) return;
        jdbc.update("update orders_order set status = ? where order_number = ?", to.name(), number.digits());
        history(number, new Order.StatusChange(null, OrderStatus.valueOf(from), to, actor, reason, at));
    }

    List<OrderNumber> withRefundableChanges() {
        return jdbc.queryForList("select order_number from orders_line where status = 'CANCELLED' "
                + "or from_line is not null union select order_number from orders_order "
                + "where shipping_fee_refunded_at is not null order by 1", String.class).stream()
                .map(OrderNumber::new).toList();
    }

    /** The order's shipping fee is given back (once: the caller holds the order's lock and checked). */
    void giveBackShippingFee(OrderNumber number, String actor, String reason, Instant at) {
        jdbc.update("update orders_order set shipping_fee_refunded_at = ? where order_number = ? "
                + "and shipping_fee_refunded_at is null", Timestamp.from(at), number.digits());
        String status = jdbc.queryForObject("select status from orders_order where order_number = ?", String.class,
                number.digits());
        history(number, new Order.StatusChange(null, OrderStatus.valueOf(status), OrderStatus.valueOf(status), actor,
                "Shipping fee given back: " + reason, at));
    }

    /** Lock class of {@link #lockBackorders}: "ZKBO", apart from any other advisory lock. */
    private static final int BACKORDER_LOCK = 0x5A4B424F;

    /**
     * Takes the SKU's backorder lock until the transaction ends: one fill or settlement of the
     * SKU's backordered lines at a time, across every node on the database. (The SKU's hash
     * collides rarely; a collision only makes two SKUs take turns.)
     */
    void lockBackorders(String sku) {
        jdbc.query("select pg_advisory_xact_lock(?, ?)", (ResultSetExtractor<Void>) rs -> null, BACKORDER_LOCK,
                sku.hashCode());
    }

    /** Every BACKORDERED line of the SKU, with what deciding its turn needs. */
    List<BackorderQueue.Waiting> backordered(String sku) {
        return jdbc.query("""
                select l.order_number, l.line_no, l.sku, l.quantity, o.channel, o.b2b, o.placed_at, l.promised_date,
                    l.promised_inbound_id
                from orders_line l join orders_order o on o.order_number = l.order_number
                where l.sku = ? and l.status = 'BACKORDERED'
                """, (rs, i) -> new BackorderQueue.Waiting(new OrderNumber(rs.getString(1)), rs.getInt(2),
                rs.getString(3), rs.getInt(4), rs.getString(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant(),
                rs.getObject(8, LocalDate.class), (Long) rs.getObject(9)), sku);
    }

    /** The channels with BACKORDERED lines of the SKU (one indexed query; empty for almost every SKU). */
    List<String> channelsWithBackorders(String sku) {
        return jdbc.queryForList("select distinct o.channel from orders_line l join orders_order o "
                + "on o.order_number = l.order_number where l.sku = ? and l.status = 'BACKORDERED'", String.class, sku);
    }

    /** Units of BACKORDERED lines promised each of these inbounds (absent: none). */
    java.util.Map<Long, Integer> promisedUnits(java.util.Collection<Long> inboundIds) {
        java.util.Map<Long, Integer> promised = new java.util.HashMap<>();
        if (inboundIds.isEmpty()) return promised;
        jdbc.query("select promised_inbound_id, sum(quantity) from orders_line where status = 'BACKORDERED' "
                        + "and promised_inbound_id = any(?) group by promised_inbound_id",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> promised.put(rs.getLong(1), rs.getInt(2)),
                (Object) inboundIds.toArray(Long[]::new));
        return promised;
    }

    /** A BACKORDERED line counts against the inbound's units from now on (its date is set apart). */
    void promise(OrderNumber number, int lineNo, long inboundId) {
        jdbc.update("update orders_line set promised_inbound_id = ? where order_number = ? and line_no = ? "
                + "and status = 'BACKORDERED'", inboundId, number.digits(), lineNo);
    }

    /** A BACKORDERED line is promised another inbound (or none: both null); false when no longer BACKORDERED. */
    boolean repromise(OrderNumber number, int lineNo, Long inboundId, LocalDate date, String actor, String reason,
                      Instant at) {
        int changed = jdbc.update("update orders_line set promised_inbound_id = ?, promised_date = ? "
                + "where order_number = ? and line_no = ? and status = 'BACKORDERED'", inboundId, date,
                number.digits(), lineNo);
        if (changed == 0) return false;
        history(number, new Order.StatusChange(lineNo, OrderStatus.BACKORDERED, OrderStatus.BACKORDERED, actor, reason,
                at));
        return true;
    }

    /** The ALLOCATED, PICKING and BACKORDERED lines of these SKUs, by SKU, order time and line. */
    List<OpenLine> openLines(java.util.Collection<String> skus) {
        return jdbc.query("""
                select l.order_number, l.line_no, l.sku, l.quantity, l.status, o.channel, o.b2b, o.placed_at,
                       l.promised_date
                from orders_line l join orders_order o on o.order_number = l.order_number
                where l.sku = any(?) and l.status in ('ALLOCATED', 'PICKING', 'BACKORDERED')
                order by l.sku, o.placed_at, l.order_number, l.line_no
                """, (rs, i) -> new OpenLine(new OrderNumber(rs.getString(1)).toString(), rs.getInt(2),
                rs.getString(3), rs.getInt(4), OrderStatus.valueOf(rs.getString(5)), rs.getString(6),
                rs.getBoolean(7), rs.getTimestamp(8).toInstant(), rs.getObject(9, LocalDate.class)),
                (Object) skus.toArray(String[]::new));
    }

    /** Which of these SKUs have BACKORDERED lines (one query, however many SKUs). */
    java.util.Set<String> withBackorders(java.util.Collection<String> skus) {
        if (skus.isEmpty()) return java.util.Set.of();
        return new java.util.TreeSet<>(jdbc.queryForList(
                "select distinct sku from orders_line where status = 'BACKORDERED' and sku = any(?)", String.class,
                (Object) skus.toArray(String[]::new)));
    }

    /** How far the order module has read the inventory's stock change journal ({@code orders_stock_change_cursor}). */
    long stockChangeCursor() {
        return jdbc.queryForObject("select position from orders_stock_change_cursor where id = 1", Long.class);
    }

    /** Moves the journal cursor forward (never back: two runs that overlap leave the further one). */
    void moveStockChangeCursor(long position, Instant at) {
        jdbc.update("update orders_stock_change_cursor set position = greatest(position, ?), updated_at = ? where id = 1",
                position, Timestamp.from(at));
    }

    /** A BACKORDERED line gets its reservation and is ALLOCATED; false when it is no longer BACKORDERED. */
    boolean allocateBackordered(OrderNumber number, int lineNo, UUID reservationId, String actor, String reason,
                                Instant at) {
        int changed = jdbc.update("update orders_line set status = 'ALLOCATED', reservation_id = ?, promised_date = null, "
                + "promised_inbound_id = null "
                + "where order_number = ? and line_no = ? and status = 'BACKORDERED'", reservationId, number.digits(),
                lineNo);
        if (changed == 0) return false;
        history(number, new Order.StatusChange(lineNo, OrderStatus.BACKORDERED, OrderStatus.ALLOCATED, actor, reason, at));
        return true;
    }

    /**
     * A BACKORDERED line is AWAITING_CUSTOMER, promised the given date (the next inbound) or none;
     * false when it is no longer BACKORDERED.
     */
    boolean shortBackordered(OrderNumber number, int lineNo, LocalDate promised, String actor, String reason,
                             Instant at) {
        int changed = jdbc.update("update orders_line set status = 'AWAITING_CUSTOMER', promised_date = ?, "
                + "promised_inbound_id = null "
                + "where order_number = ? and line_no = ? and status = 'BACKORDERED'", promised, number.digits(), lineNo);
        if (changed == 0) return false;
        history(number, new Order.StatusChange(lineNo, OrderStatus.BACKORDERED, OrderStatus.AWAITING_CUSTOMER, actor,
                reason, at));
        return true;
    }

    /** Adds a line to a recorded order (a stockout decision's split or substitute) with its first history row. */
    void addLine(OrderNumber number, Order.Line l, String actor, String reason, Instant at) {
        jdbc.update("insert into orders_line (order_number, line_no, sku, quantity, unit_price, status, reservation_id, "
                        + "promised_date, from_line, fulfilment_route, fulfilment_source, external_line_ref) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", number.digits(), l.lineNo(), l.sku(), l.quantity(),
                l.unitPrice(), l.status().name(), l.reservationId(), l.promisedDate(), l.fromLine(),
                l.fulfilment() == null ? null : l.fulfilment().route(),
                l.fulfilment() == null ? null : l.fulfilment().source(), l.externalLineRef());
        history(number, new Order.StatusChange(l.lineNo(), null, l.status(), actor, reason, at));
    }

    /** The units of a line that stay on it after its short units were split off to a line of their own. */
    void reduceQuantity(OrderNumber number, int lineNo, int quantity) {
        jdbc.update("update orders_line set quantity = ? where order_number = ? and line_no = ?", quantity,
                number.digits(), lineNo);
    }

    /** Sets what a line waits for or where it comes from; the status is changed separately. */
    void plan(OrderNumber number, int lineNo, UUID reservationId, LocalDate promisedDate, Order.Fulfilment fulfilment) {
        jdbc.update("update orders_line set reservation_id = ?, promised_date = ?, fulfilment_route = ?, "
                        + "fulfilment_source = ? where order_number = ? and line_no = ?", reservationId, promisedDate,
                fulfilment == null ? null : fulfilment.route(), fulfilment == null ? null : fulfilment.source(),
                number.digits(), lineNo);
    }

    Optional<Order> find(OrderNumber number) {
        String n = number.digits();
        List<Order.Line> lines = jdbc.query("select line_no, sku, quantity, unit_price, status, reservation_id, "
                + "promised_date, from_line, fulfilment_route, fulfilment_source, external_line_ref, promised_inbound_id "
                + "from orders_line where order_number = ? order by line_no", (rs, i) -> new Order.Line(
                rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getLong(4), OrderStatus.valueOf(rs.getString(5)),
                rs.getObject(6, UUID.class), rs.getObject(7, LocalDate.class), (Integer) rs.getObject(8),
                rs.getString(9) == null ? null : new Order.Fulfilment(rs.getString(9), rs.getString(10)),
                rs.getString(11), (Long) rs.getObject(12)), n);
        List<Order.StatusChange> history = jdbc.query("select line_no, from_status, to_status, actor, reason, at "
                + "from orders_status_history where order_number = ? order by id", (rs, i) -> new Order.StatusChange(
                (Integer) rs.getObject(1), status(rs.getString(2)), status(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getTimestamp(6).toInstant()), n);
        return jdbc.query("select * from orders_order where order_number = ?",
                (rs, i) -> order(rs, number, lines, history), n).stream().findFirst();
    }

    private static Order order(ResultSet rs, OrderNumber number, List<Order.Line> lines,
                               List<Order.StatusChange> history) throws SQLException {
        return new Order(number, rs.getString("channel"), rs.getString("external_ref"),
                OrderStatus.valueOf(rs.getString("status")),
                new Order.Customer(rs.getString("customer_name"), rs.getString("customer_email"),
                        rs.getString("customer_phone"), rs.getString("customer_locale"),
                        rs.getString("customer_segment")),
                new Order.Payment(rs.getString("payment_method"), rs.getString("payment_status"),
                        rs.getLong("payment_amount"), rs.getLong("points_used"), rs.getString("coupon_code"),
                        rs.getLong("coupon_discount"), rs.getLong("gift_balance_used"),
                        rs.getString("payment_reference")),
                rs.getBoolean("express"), rs.getObject("promised_date", LocalDate.class), rs.getBoolean("gift"),
                rs.getBoolean("b2b"),
                rs.getObject("needed_by", LocalDate.class), rs.getLong("shipping_fee"),
                rs.getTimestamp("placed_at").toInstant(), lines, history,
                rs.getTimestamp("shipping_fee_refunded_at") != null);
    }

    private static OrderStatus status(String s) {
        return s == null ? null : OrderStatus.valueOf(s);
    }
}

package dev.zaiko.wallet;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The lots, their entries, redemptions and idempotency records ({@code wallet_*}), in explicit SQL.
 * Callers own the transactions. A lot's remaining amount is always the sum of its entries.
 * <p>
 * Every entry of a lot is written while its row is locked (or by the transaction that created
 * it), so a sum read after taking the lock is exact until the transaction ends.
 */
@Repository
class WalletStore {

    private final JdbcTemplate jdbc;

    WalletStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ---- lots and entries -----------------------------------------------------------------------

    long insertLot(String customer, LotKind kind, long amount, LocalDate validUntil, String source, String reason,
                   Instant now) {
        return jdbc.queryForObject("""
                insert into wallet_lot (customer, kind, amount, valid_until, source, reason, created_at)
                values (?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, customer, kind.name(), amount,
                Date.valueOf(validUntil), source, reason, Timestamp.from(now));
    }

    void insertEntry(long lotId, String kind, long amount, String orderNumber, Long originLotId, String operation,
                     Instant now) {
        jdbc.update("""
                insert into wallet_entry (lot_id, kind, amount, order_number, origin_lot_id, operation, at)
                values (?, ?, ?, ?, ?, ?, ?)""", lotId, kind, amount, orderNumber, originLotId, operation,
                Timestamp.from(now));
    }

    /**
     * Locks the customer's lots of these kinds still valid today (in id order, as every locker of
     * lots does, so two never wait for each other), then reads what remains of them.
     */
    List<Spendable> lockSpendable(String customer, List<LotKind> kinds, LocalDate today) {
        String[] names = kinds.stream().map(LotKind::name).toArray(String[]::new);
        List<Long> ids = jdbc.queryForList("""
                select id from wallet_lot where customer = ? and kind = any(?) and valid_until >= ?
                order by id for update""", Long.class, customer, names, Date.valueOf(today));
        // a statement of its own: its snapshot is taken after the locks, so it sees every entry committed before
        return spendable(ids);
    }

    /** The same without locks: what a pre-check before reserving reads. */
    List<Spendable> spendable(String customer, List<LotKind> kinds, LocalDate today) {
        String[] names = kinds.stream().map(LotKind::name).toArray(String[]::new);
        return jdbc.query("""
                select l.id, l.kind, l.valid_until, coalesce(sum(e.amount), 0) as remaining
                from wallet_lot l left join wallet_entry e on e.lot_id = l.id
                where l.customer = ? and l.kind = any(?) and l.valid_until >= ?
                group by l.id order by l.id""", WalletStore::spendableRow, customer, names, Date.valueOf(today));
    }

    private List<Spendable> spendable(List<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return jdbc.query("""
                select l.id, l.kind, l.valid_until, coalesce(sum(e.amount), 0) as remaining
                from wallet_lot l left join wallet_entry e on e.lot_id = l.id
                where l.id = any(?) group by l.id order by l.id""", WalletStore::spendableRow,
                (Object) ids.toArray(Long[]::new));
    }

    record Spendable(LotKind kind, Spending.Spendable lot) {
    }

    private static Spendable spendableRow(ResultSet rs, int i) throws SQLException {
        return new Spendable(LotKind.valueOf(rs.getString("kind")), new Spending.Spendable(rs.getLong("id"),
                rs.getObject("valid_until", LocalDate.class), rs.getLong("remaining")));
    }

    /**
     * Locks the lots of this kind the order took from, then reads per lot what the order took and
     * what it got back so far (returned into the lot, or re-granted in its place).
     */
    List<Returning.Taken> lockTakenBy(String orderNumber, LotKind kind) {
        List<Long> ids = jdbc.queryForList("""
                select id from wallet_lot
                where kind = ? and id in (select lot_id from wallet_entry where order_number = ? and kind = 'REDEEM')
                order by id for update""", Long.class, kind.name(), orderNumber);
        if (ids.isEmpty()) return List.of();
        return jdbc.query("""
                select l.id, l.valid_until,
                       (select coalesce(-sum(e.amount), 0) from wallet_entry e
                        where e.lot_id = l.id and e.order_number = ? and e.kind = 'REDEEM') as taken,
                       (select coalesce(sum(e.amount), 0) from wallet_entry e
                        where e.order_number = ? and ((e.kind = 'RETURN' and e.lot_id = l.id)
                                                      or (e.kind = 'REGRANT' and e.origin_lot_id = l.id))) as returned
                from wallet_lot l where l.id = any(?) order by l.id""",
                (rs, i) -> new Returning.Taken(rs.getLong("id"), rs.getObject("valid_until", LocalDate.class),
                        rs.getLong("taken"), rs.getLong("returned")),
                orderNumber, orderNumber, ids.toArray(Long[]::new));
    }

    String customerOfLot(long lotId) {
        return jdbc.queryForObject("select customer from wallet_lot where id = ?", String.class, lotId);
    }

    List<WalletView.Lot> lots(String customer, LocalDate today) {
        return jdbc.query("""
                select l.*, coalesce((select sum(e.amount) from wallet_entry e where e.lot_id = l.id), 0) as remaining
                from wallet_lot l where l.customer = ? order by l.id""",
                (rs, i) -> {
                    LocalDate until = rs.getObject("valid_until", LocalDate.class);
                    return new WalletView.Lot(rs.getLong("id"), rs.getString("kind"), rs.getLong("amount"),
                            rs.getLong("remaining"), until, until.isBefore(today), rs.getString("source"),
                            rs.getString("reason"), rs.getTimestamp("created_at").toInstant());
                }, customer);
    }

    Optional<WalletView.Lot> lot(long id, LocalDate today) {
        return jdbc.query("""
                select l.*, coalesce((select sum(e.amount) from wallet_entry e where e.lot_id = l.id), 0) as remaining
                from wallet_lot l where l.id = ?""",
                (rs, i) -> {
                    LocalDate until = rs.getObject("valid_until", LocalDate.class);
                    return new WalletView.Lot(rs.getLong("id"), rs.getString("kind"), rs.getLong("amount"),
                            rs.getLong("remaining"), until, until.isBefore(today), rs.getString("source"),
                            rs.getString("reason"), rs.getTimestamp("created_at").toInstant());
                }, id).stream().findFirst();
    }

    List<WalletView.Entry> entries(String customer) {
        return jdbc.query("""
                select e.* from wallet_entry e join wallet_lot l on l.id = e.lot_id
                where l.customer = ? order by e.id""",
                (rs, i) -> new WalletView.Entry(rs.getLong("id"), rs.getLong("lot_id"), rs.getString("kind"),
                        rs.getLong("amount"), rs.getString("order_number"), (Long) rs.getObject("origin_lot_id", Long.class),
                        rs.getTimestamp("at").toInstant()), customer);
    }

    // ---- redemptions --------------------------------------------------------------------------

    record StoredRedemption(Redemption redemption, String customer) {
        @Override
        public String toString() {
            return "StoredRedemption[" + redemption + "]"; // the customer's email stays out of logs
        }
    }

    /** False when the order has a redemption already (then nothing is written). */
    boolean insertRedemption(Redemption r, String customer, Instant now) {
        return jdbc.update("""
                insert into wallet_redemption (order_number, customer, points, gift_balance, coupon_code,
                                               coupon_discount, at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (order_number) do nothing""",
                r.orderNumber(), customer, r.points(), r.giftBalance(), r.couponCode(), r.couponDiscount(),
                Timestamp.from(now)) == 1;
    }

    Optional<StoredRedemption> redemption(String orderNumber) {
        return jdbc.query("select * from wallet_redemption where order_number = ?",
                (rs, i) -> new StoredRedemption(new Redemption(rs.getString("order_number"), rs.getLong("points"),
                        rs.getLong("gift_balance"), rs.getString("coupon_code"), rs.getLong("coupon_discount")),
                        rs.getString("customer")), orderNumber).stream().findFirst();
    }

    // ---- idempotency --------------------------------------------------------------------------

    /**
     * Records the key, or finds it taken. A transaction that took the same key and has not ended
     * makes this wait until it does: then the key is ours (it rolled back) or theirs (committed).
     */
    boolean claim(String key, String operation, String request, Instant now) {
        return jdbc.update("""
                insert into wallet_operation (key, operation, request, at) values (?, ?, ?, ?)
                on conflict (key) do nothing""", key, operation, request, Timestamp.from(now)) == 1;
    }

    record Operation(String operation, String request, String result) {
    }

    Optional<Operation> operation(String key) {
        return jdbc.query("select operation, request, result::text from wallet_operation where key = ?",
                (rs, i) -> new Operation(rs.getString(1), rs.getString(2), rs.getString(3)), key).stream().findFirst();
    }

    void complete(String key, String resultJson) {
        jdbc.update("update wallet_operation set result = cast(? as jsonb) where key = ?", resultJson, key);
    }
}

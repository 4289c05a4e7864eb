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
 * The coupons and their status history ({@code wallet_coupon*}), in explicit SQL. A coupon's
 * status changes only with its row locked, together with the history row that records it.
 */
@Repository
class CouponStore {

    private final JdbcTemplate jdbc;

    CouponStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** False when the code is taken (then nothing is written). */
    boolean insert(StoredCoupon c, String replaces, Instant now) {
        return jdbc.update("""
                insert into wallet_coupon (code, campaign, discount_kind, value, campaign_ends, customer, status,
                                           redeemed_by, replaces, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (code) do nothing""",
                c.code(), c.campaign(), c.kind().name(), c.value(), Date.valueOf(c.campaignEnds()), c.customer(),
                c.status(), c.redeemedBy(), replaces, Timestamp.from(now)) == 1;
    }

    Optional<StoredCoupon> find(String code) {
        return jdbc.query("select * from wallet_coupon where code = ?", CouponStore::row, code).stream().findFirst();
    }

    /** The coupon with its row locked until the transaction ends. */
    Optional<StoredCoupon> lock(String code) {
        return jdbc.query("select * from wallet_coupon where code = ? for update", CouponStore::row, code).stream()
                .findFirst();
    }

    void setStatus(String code, String status, String redeemedBy) {
        jdbc.update("update wallet_coupon set status = ?, redeemed_by = ? where code = ?", status, redeemedBy, code);
    }

    void history(String code, String event, String status, String orderNumber, Long amount, String replacement,
                 String operation, Instant now) {
        jdbc.update("""
                insert into wallet_coupon_history (code, event, status, order_number, amount, replacement, operation, at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", code, event, status, orderNumber, amount, replacement, operation,
                Timestamp.from(now));
    }

    /** What of the order's discount with this coupon was given back so far (restored or replaced). */
    long returnedFor(String orderNumber, String code) {
        Long sum = jdbc.queryForObject("""
                select coalesce(sum(amount), 0) from wallet_coupon_history
                where code = ? and order_number = ? and event in ('RESTORED', 'REPLACED')""", Long.class, code,
                orderNumber);
        return sum == null ? 0 : sum;
    }

    List<Coupon> ofCustomer(String customer) {
        return jdbc.query("select * from wallet_coupon where customer = ? order by created_at desc, code",
                (rs, i) -> row(rs, i).coupon(), customer);
    }

    private static StoredCoupon row(ResultSet rs, int i) throws SQLException {
        return new StoredCoupon(rs.getString("code"), rs.getString("campaign"),
                DiscountKind.valueOf(rs.getString("discount_kind")), rs.getLong("value"),
                rs.getObject("campaign_ends", LocalDate.class), rs.getString("customer"), rs.getString("status"),
                rs.getString("redeemed_by"));
    }
}

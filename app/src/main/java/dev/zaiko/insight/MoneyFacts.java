package dev.zaiko.insight;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;

import dev.zaiko.refund.ApologyCouponIssued;
import dev.zaiko.refund.RefundCompleted;
import dev.zaiko.wallet.CouponRedeemed;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What stockouts cost: completed refunds, apology coupons issued and coupons redeemed. */
@Component
class MoneyFacts implements InsightProjection {

    private final JdbcTemplate jdbc;

    MoneyFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> tables() {
        return List.of("insight_refund", "insight_coupon_issued", "insight_coupon_redeemed");
    }

    @Override
    public void apply(Object fact) {
        if (fact instanceof RefundCompleted r) {
            jdbc.update("""
                    insert into insight_refund (refund_id, order_number, line_no, reason, means, route, amount, at)
                    values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (refund_id) do nothing""",
                    r.refundId(), r.orderNumber(), r.lineNo(), r.reason(), r.means(), r.route(), r.amount(),
                    Timestamp.from(r.at()));
        } else if (fact instanceof ApologyCouponIssued c) {
            jdbc.update("""
                    insert into insight_coupon_issued (coupon_code, case_id, order_number, kind, value, policy,
                                                       valid_until, at)
                    values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (coupon_code) do nothing""",
                    c.couponCode(), c.caseId(), c.orderNumber(), c.kind(), c.value(), c.policy(),
                    c.validUntil() == null ? null : Date.valueOf(c.validUntil()), Timestamp.from(c.at()));
        } else if (fact instanceof CouponRedeemed c) {
            jdbc.update("""
                    insert into insight_coupon_redeemed (coupon_code, order_number, discount, at)
                    values (?, ?, ?, ?) on conflict do nothing""",
                    c.couponCode(), c.orderNumber(), c.discount(), Timestamp.from(c.at()));
        }
    }
}

package dev.zaiko.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.support.SourceEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A coupon spent on an order is announced once ({@link CouponRedeemed}), in the spending transaction. */
class CouponRedeemedEventTest extends WalletTestBase {

    @Autowired
    SourceEvents events;

    private static String shown(String digits) {
        return digits.substring(0, 3) + "-" + digits.substring(3, 10) + "-" + digits.substring(10);
    }

    @Test
    void aCouponSpentOnAnOrderIsPublishedOnceWithItsDiscountAndTheOrderAsShownToCustomers() {
        String coupon = api.coupon("FIXED", 500, today().plusDays(30), customer);
        String order = orderNumber();

        wallets.redeem(customer, order, 0, 0, coupon, 400, 3000);
        wallets.redeem(customer, order, 0, 0, coupon, 400, 3000); // the same redemption again changes nothing

        var heard = events.heard(CouponRedeemed.class, e -> e.couponCode().equals(coupon));
        assertThat(heard).singleElement().satisfies(h -> {
            assertThat(h.inTransaction()).isTrue();
            CouponRedeemed e = (CouponRedeemed) h.event();
            assertThat(e.orderNumber()).isEqualTo(shown(order));
            assertThat(e.discount()).isEqualTo(400);
            assertThat(e.at()).isNotNull();
        });
    }

    @Test
    void pointsWithoutACouponAndARefusedCouponPublishNothing() {
        points(300, today().plusDays(30));
        String theirs = api.coupon("FIXED", 500, today().plusDays(30), WalletApi.uniqueEmail());
        String order = orderNumber();

        wallets.redeem(customer, order, 100, 0, null, 0, 3000);
        assertThatThrownBy(() -> wallets.redeem(customer, orderNumber(), 0, 0, theirs, 500, 3000))
                .isInstanceOf(ConflictException.class);

        assertThat(events.of(CouponRedeemed.class, e -> e.couponCode().equals(theirs)
                || e.orderNumber().equals(shown(order)))).isEmpty();
    }
}

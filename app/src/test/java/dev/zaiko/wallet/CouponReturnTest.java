package dev.zaiko.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** returnCoupon and issueCoupon: an order's coupon back, unused or replaced, and apology coupons. */
class CouponReturnTest extends WalletTestBase {

    private ObjectNode order(WalletApi.Shop shop, String sku, String code, long discount) {
        ObjectNode body = WalletApi.orderBody(shop.web(), "AUTHORIZED", sku, 1);
        body.withObject("customer").put("email", customer);
        body.withObject("payment").put("couponCode", code).put("couponDiscount", discount);
        return WalletApi.balancePayment(body);
    }

    private List<String> history(String code) {
        return jdbc.queryForList("select event || ':' || status from wallet_coupon_history where code = ? order by id",
                String.class, code);
    }

    @Test
    void theWholeDiscountBackWhileTheCampaignRunsMakesTheSameCodeUsableByANewOrder() {
        WalletApi.Shop shop = api.shop();
        String sku = api.product(shop, 5);
        String code = wallets.createCoupon(null, "Autumn", DiscountKind.FIXED, 500, today().plusDays(20), customer)
                .code();
        String first = api.ok(api.post("/api/orders", order(shop, sku, code, 500))).path("orderNumber").asString();
        String digits = first.replace("-", "");
        assertThat(wallets.coupon(code).orElseThrow().redeemedBy()).isEqualTo(digits);

        CouponReturn back = wallets.returnCoupon(first, 500, "coupon-back-1");

        assertThat(back).isEqualTo(new CouponReturn(code, false, 500, today().plusDays(20)));
        assertThat(wallets.coupon(code).orElseThrow()).satisfies(c -> {
            assertThat(c.status()).isEqualTo(Coupon.ISSUED);
            assertThat(c.redeemedBy()).isNull();
        });
        assertThat(wallets.returnCoupon(first, 500, "coupon-back-1")).isEqualTo(back);

        JsonNode second = api.ok(api.post("/api/orders", order(shop, sku, code, 500)));

        assertThat(second.path("payment").path("couponCode").asString()).isEqualTo(code);
        assertThat(wallets.coupon(code).orElseThrow().redeemedBy())
                .isEqualTo(second.path("orderNumber").asString().replace("-", ""));
        assertThat(history(code)).containsExactly("ISSUED:ISSUED", "REDEEMED:REDEEMED", "RESTORED:ISSUED",
                "REDEEMED:REDEEMED");
        assertThatThrownBy(() -> wallets.returnCoupon(first, 1, "coupon-back-2"))
                .as("the first order's discount is all back").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void afterTheCampaignEndedAReplacementFixedCouponForTheSameCustomerComesBack() {
        String code = wallets.createCoupon(null, "Flash sale", DiscountKind.PERCENT, 10, today().plusDays(2), null)
                .code();
        String order = orderNumber();
        wallets.redeem(customer, order, 0, 0, code, 398, 3980);

        clock.advance(Duration.ofDays(3));
        CouponReturn back = wallets.returnCoupon(order, 398, "coupon-ended");

        assertThat(back.replacement()).isTrue();
        assertThat(back.code()).isNotEqualTo(code).matches("[A-Z0-9]{10}");
        assertThat(back.amount()).isEqualTo(398);
        assertThat(back.validUntil()).as("zaiko.wallet.replacement-coupon-days").isEqualTo(today().plusDays(90));
        Coupon replacement = wallets.coupon(back.code()).orElseThrow();
        assertThat(replacement).isEqualTo(new Coupon(back.code(), "Flash sale", DiscountKind.FIXED, 398,
                today().plusDays(90), Coupon.ISSUED, null));
        assertThat(wallets.coupon(code).orElseThrow().status()).as("the original stays used").isEqualTo(Coupon.REDEEMED);
        assertThat(wallets.wallet(customer).coupons()).extracting(Coupon::code).containsExactly(back.code());
        assertThat(history(code)).containsExactly("ISSUED:ISSUED", "REDEEMED:REDEEMED", "REPLACED:REDEEMED");

        ConflictException stranger = org.assertj.core.api.Assertions.catchThrowableOfType(ConflictException.class,
                () -> wallets.redeem(WalletApi.uniqueEmail(), orderNumber(), 0, 0, back.code(), 398, 3980));
        assertThat(stranger.type()).as("the replacement is the customer's own").isEqualTo("coupon-not-for-this-customer");
        wallets.redeem(customer, orderNumber(), 0, 0, back.code(), 398, 3980);
    }

    @Test
    void partOfTheDiscountComesBackAsAReplacementEvenWhileTheCampaignRuns() {
        String code = wallets.createCoupon(null, "Spring", DiscountKind.FIXED, 1000, today().plusDays(30), null).code();
        String order = orderNumber();
        wallets.redeem(customer, order, 0, 0, code, 1000, 9000);

        CouponReturn part = wallets.returnCoupon(order, 400, "coupon-part-1");
        CouponReturn rest = wallets.returnCoupon(order, 600, "coupon-part-2");

        assertThat(part.replacement()).isTrue();
        assertThat(part.amount()).isEqualTo(400);
        assertThat(rest.replacement()).as("the rest is not the whole discount any more").isTrue();
        assertThat(rest.amount()).isEqualTo(600);
        assertThat(part.code()).isNotEqualTo(rest.code());
        assertThat(wallets.wallet(customer).coupons()).extracting(Coupon::value).containsExactlyInAnyOrder(400L, 600L);
        assertThat(wallets.coupon(code).orElseThrow().status()).isEqualTo(Coupon.REDEEMED);
        assertThatThrownBy(() -> wallets.returnCoupon(order, 1, "coupon-part-3")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1000");
        assertThatThrownBy(() -> wallets.returnCoupon(orderNumber(), 100, "coupon-none"))
                .as("an order that used no coupon").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anApologyCouponIsIssuedOncePerKeyForTheCustomer() {
        Coupon coupon = wallets.issueCoupon(customer, "Apology", DiscountKind.PERCENT, 15, 30, "apology-1");
        Coupon again = wallets.issueCoupon(customer, "Apology", DiscountKind.PERCENT, 15, 30, "apology-1");

        assertThat(again).isEqualTo(coupon);
        assertThat(coupon.campaignEnds()).isEqualTo(today().plusDays(30));
        assertThat(coupon.status()).isEqualTo(Coupon.ISSUED);
        assertThat(wallets.wallet(customer).coupons()).containsExactly(coupon);
        assertThat(wallets.coupon(coupon.code())).contains(coupon);
        assertThatThrownBy(() -> wallets.issueCoupon(customer, "Apology", DiscountKind.PERCENT, 101, 30, "apology-2"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("101");
        assertThatThrownBy(() -> wallets.issueCoupon(customer, "Apology", DiscountKind.FIXED, 0, 30, "apology-3"))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void everyCouponsStatusIsTheLastOfItsHistory() {
        wallets.issueCoupon(customer, "Check", DiscountKind.FIXED, 100, 5, "history-check");
        Integer disagreeing = jdbc.queryForObject("""
                select count(*) from wallet_coupon c
                where c.status is distinct from (select h.status from wallet_coupon_history h where h.code = c.code
                                                 order by h.id desc limit 1)""", Integer.class);
        assertThat(disagreeing).isZero();
    }
}

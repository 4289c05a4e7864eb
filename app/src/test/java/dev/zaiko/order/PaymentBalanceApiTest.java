package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** POST /api/orders: amount + points + gift balance + coupon discount must equal the lines plus the shipping fee. */
class PaymentBalanceApiTest extends OrderApiTestBase {

    String sku;
    String autumn;

    @BeforeEach
    void stock() {
        sku = api.product("PAY", false);
        api.sellable(sku, shop.warehouse(), 10);
        api.sellable(sku, shop.store(), 10);
        autumn = api.coupon("FIXED", 690, OrderApi.today().plusDays(30), null);
    }

    /** Two lines (2 x 1,980 and 1 x 1,980) and a 550 yen fee: 6,490 yen, paid with points, gift balance and a coupon. */
    private ObjectNode mixed(String channel) {
        ObjectNode body = order(channel, sku, 2, sku, 1).put("shippingFee", 550);
        body.withObject("payment").put("pointsUsed", 300).put("giftBalanceUsed", 1000).put("couponCode", autumn)
                .put("couponDiscount", 690);
        return OrderApi.balancePayment(body);
    }

    @Test
    void aBalancedPaymentIsRecordedWithItsCouponDiscount() {
        ObjectNode body = mixed(shop.web());
        String email = body.path("customer").path("email").asString();
        api.grantPoints(email, 300, OrderApi.today().plusDays(30));
        api.grantGiftBalance(email, 1000);
        assertThat(body.path("payment").path("amount").longValue()).isEqualTo(6490 - 300 - 1000 - 690);

        JsonNode o = api.ok(api.post("/api/orders", body));

        JsonNode payment = api.ok(api.get("/api/orders/" + o.path("orderNumber").asString())).path("payment");
        assertThat(payment.path("amount").longValue()).isEqualTo(4500);
        assertThat(payment.path("couponCode").asString()).isEqualTo(autumn);
        assertThat(payment.path("couponDiscount").longValue()).isEqualTo(690);
        assertThat(payment.path("pointsUsed").longValue()).isEqualTo(300);
        assertThat(payment.path("giftBalanceUsed").longValue()).isEqualTo(1000);
        assertThat(jdbc.queryForObject("select coupon_discount from orders_order where order_number = ?", Long.class,
                OrderApi.digits(o.path("orderNumber").asString()))).isEqualTo(690);
    }

    @Test
    void aPaymentThatDoesNotAddUpIsRefusedStatingBothTotalsOnEveryChannel() {
        for (String channel : List.of(shop.web(), shop.marketplace())) {
            for (long off : new long[] {-1, 1, -690, 5000}) {
                ObjectNode body = mixed(channel);
                body.withObject("payment").put("amount", 4500 + off);

                OrderApi.Response r = api.rejected(400, "payment-mismatch", List.of(sku),
                        () -> api.post("/api/orders", body));

                JsonNode problem = r.json();
                assertThat(problem.path("orderTotal").longValue()).isEqualTo(6490);
                assertThat(problem.path("linesTotal").longValue()).isEqualTo(5940);
                assertThat(problem.path("shippingFee").longValue()).isEqualTo(550);
                assertThat(problem.path("paymentTotal").longValue()).isEqualTo(6490 + off);
                assertThat(problem.path("difference").longValue()).isEqualTo(off);
                assertThat(problem.path("couponDiscount").longValue()).isEqualTo(690);
                assertThat(r.detail()).contains("6490").contains(String.valueOf(6490 + off));
            }
        }
    }

    @Test
    void aCouponCodeWithoutADiscountCountsAsNothingAndADiscountNeedsItsCode() {
        String welcome = api.coupon("FIXED", 300, OrderApi.today().plusDays(30), null);
        ObjectNode codeOnly = order(shop.web(), sku, 1);
        codeOnly.withObject("payment").put("couponCode", welcome);
        JsonNode o = api.ok(api.post("/api/orders", codeOnly));
        assertThat(o.path("payment").path("couponDiscount").longValue()).isZero();
        assertThat(o.path("payment").path("amount").longValue()).isEqualTo(1980);

        ObjectNode discountOnly = order(shop.web(), sku, 1);
        discountOnly.withObject("payment").put("couponDiscount", 200);
        OrderApi.balancePayment(discountOnly);
        OrderApi.Response r = api.rejected(400, "invalid-request", List.of(sku),
                () -> api.post("/api/orders", discountOnly));
        assertThat(r.detail()).contains("couponCode");

        ObjectNode negative = order(shop.web(), sku, 1);
        negative.withObject("payment").put("couponCode", "WELCOME").put("couponDiscount", -200);
        OrderApi.balancePayment(negative);
        OrderApi.Response n = api.rejected(400, null, List.of(sku), () -> api.post("/api/orders", negative));
        assertThat(n.detail()).contains("payment.couponDiscount");
    }

    @Test
    void theLargestOrderAddsUpWithoutOverflowing() {
        // 100 lines of 10,000 units at 1,000,000,000 yen: 10^15 yen, far beyond int
        ObjectNode body = order(shop.web(), sku, 1);
        var lines = body.putArray("lines");
        for (int i = 0; i < 100; i++) lines.addObject().put("sku", sku).put("quantity", 10_000).put("unitPrice", 1_000_000_000L);
        body.withObject("payment").put("amount", 1_000_000_000L);

        OrderApi.Response r = api.rejected(400, "payment-mismatch", List.of(sku), () -> api.post("/api/orders", body));

        assertThat(r.json().path("linesTotal").longValue()).isEqualTo(1_000_000_000_000_000L);
    }
}

package dev.zaiko.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;

import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every refund route, end to end: an order paid one way, a line found defective, the customer cancels. */
class RefundRoutesApiTest extends RefundApiTestBase {

    String cancelledOrder(ObjectNode body) {
        String number = api.place(body);
        api.cancelLine(number, 1, body.path("lines").get(0).path("quantity").asInt());
        return number;
    }

    ObjectNode order(String email, int quantity, long unitPrice) {
        String sku = api.product(shop, unitPrice, quantity);
        return RefundApi.body(shop.web(), email, sku, quantity, unitPrice);
    }

    static ObjectNode pay(ObjectNode body, String method, String status) {
        body.withObject("payment").put("method", method).put("status", status);
        return body;
    }

    @Test
    void anAuthorisedCardIsVoidedAndNothingIsCharged() {
        String reference = ShopApi.unique("auth");
        ObjectNode body = pay(order(RefundApi.email(), 2, 4000), "CREDIT_CARD", "AUTHORIZED");
        body.withObject("payment").put("reference", reference);
        String number = cancelledOrder(body);

        JsonNode refund = RefundApi.only(api.settled(number, 1), "PAYMENT");
        assertThat(refund.path("route").asString()).isEqualTo("VOID");
        assertThat(refund.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(refund.path("amount").asLong()).isEqualTo(8000);
        assertThat(refund.path("lineNo").asInt()).isEqualTo(1);
        assertThat(refund.path("reason").asString()).isEqualTo("LINE_CANCELLED");
        assertThat(refund.path("customerText").asString()).contains("8,000円", "ご請求は発生しません");
        JsonNode gateway = api.gatewayPayment(reference);
        assertThat(gateway.path("voided").asLong()).isEqualTo(8000);
        assertThat(gateway.path("captured").asLong()).isZero();
        api.reconciles(number);
    }

    @Test
    void aCapturedCardIsRefundedWithTheDatesOnTheStatement() {
        String reference = ShopApi.unique("charge");
        ObjectNode body = order(RefundApi.email(), 1, 12_800);
        body.withObject("payment").put("reference", reference);
        String number = cancelledOrder(body);

        JsonNode refund = RefundApi.only(api.settled(number, 1), "PAYMENT");
        assertThat(refund.path("route").asString()).isEqualTo("CARD_REFUND");
        assertThat(refund.path("status").asString()).isEqualTo("COMPLETED");
        LocalDate from = LocalDate.parse(refund.path("expectedFrom").asString());
        LocalDate by = LocalDate.parse(refund.path("expectedBy").asString());
        assertThat(from).isAfter(ShopApi.today());
        assertThat(by).isAfter(from);
        assertThat(refund.path("transactionId").asString()).isNotBlank();
        assertThat(api.gatewayPayment(reference).path("refunded").asLong()).isEqualTo(12_800);
        api.reconciles(number);
    }

    @Test
    void withoutAPaymentReferenceTheGatewayKnowsThePaymentByTheOrderNumber() {
        String number = cancelledOrder(order(RefundApi.email(), 1, 3000));

        assertThat(RefundApi.only(api.settled(number, 1), "PAYMENT").path("status").asString())
                .isEqualTo("COMPLETED");
        assertThat(api.gatewayPayment(number).path("refunded").asLong()).isEqualTo(3000);
    }

    @Test
    void aDebitCardIsRefundedToItsAccountInWeeks() {
        String number = cancelledOrder(pay(order(RefundApi.email(), 1, 5000), "DEBIT_CARD", "CAPTURED"));

        JsonNode refund = RefundApi.only(api.settled(number, 1), "PAYMENT");
        assertThat(refund.path("route").asString()).isEqualTo("DEBIT_REFUND");
        assertThat(refund.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(LocalDate.parse(refund.path("expectedBy").asString()))
                .isAfterOrEqualTo(ShopApi.today().plusWeeks(2));
        assertThat(api.gatewayPayment(number).path("refunded").asLong()).isEqualTo(5000);
    }

    @Test
    void payPayGoesBackToThePayPayBalance() {
        String number = cancelledOrder(pay(order(RefundApi.email(), 3, 900), "PAYPAY", "CAPTURED"));

        JsonNode refund = RefundApi.only(api.settled(number, 1), "PAYMENT");
        assertThat(refund.path("route").asString()).isEqualTo("PAYPAY_REFUND");
        assertThat(refund.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(refund.path("amount").asLong()).isEqualTo(2700);
        assertThat(api.gatewayPayment(number).path("refunded").asLong()).isEqualTo(2700);
    }

    @Test
    void cashOnDeliveryWasNeverPaidSoNothingIsRefundedAndTheCaseSaysSo() {
        String number = cancelledOrder(pay(order(RefundApi.email(), 1, 6600), "COD", "UNPAID"));

        JsonNode refund = RefundApi.only(api.settled(number, 1), "PAYMENT");
        assertThat(refund.path("route").asString()).isEqualTo("NOTHING_PAID");
        assertThat(refund.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(refund.path("customerText").asString()).contains("ご請求しません");
        assertThat(refund.path("transactionId").isNull()).isTrue();
        api.reconciles(number);
    }

    @Test
    void aMarketplaceOrderIsRefundedByTheMarketplace() {
        String sku = api.product(shop, 2000, 0); // sold out: the marketplace's order is recorded and a case opens
        String number = api.place(RefundApi.body(shop.marketplace(), RefundApi.email(), sku, 1, 2000));
        JsonNode cases = api.ok(api.get("/api/stockouts?reason=ALLOCATION_FAILED&order=" + number)).path("items");
        api.decide(cases.get(0).path("id").asString(), "CANCEL");

        JsonNode refund = RefundApi.only(api.settled(number, 1), "PAYMENT");
        assertThat(refund.path("route").asString()).isEqualTo("MARKETPLACE");
        assertThat(refund.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(api.refunds(number).path("compensations").size()).as("no shop coupon for a marketplace customer")
                .isZero();
    }

    @Test
    void aGiftBalancePaymentComesBackAtOnceAndAnExpiredBalanceWithANewValidity() {
        String email = RefundApi.email();
        LocalDate soon = ShopApi.today().plusDays(3);
        api.creditGiftBalance(email, 5000, soon);
        ObjectNode body = pay(order(email, 1, 5000), "GIFT_BALANCE", "PAID");
        String number = api.place(body);
        assertThat(api.wallet(email).path("balances").path("giftBalance").asLong()).isZero();

        clock.advance(Duration.ofDays(10)); // the card's balance expires before the stockout is decided
        api.cancelLine(number, 1, 1);

        JsonNode refund = RefundApi.only(api.settled(number, 1), "GIFT_BALANCE");
        assertThat(refund.path("route").asString()).isEqualTo("GIFT_BALANCE");
        assertThat(refund.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(refund.path("outcome").path("regranted").asLong()).isEqualTo(5000);
        assertThat(LocalDate.parse(refund.path("outcome").path("regrantedUntil").asString())).isAfter(soon);
        assertThat(refund.path("customerText").asString()).contains("新しい有効期限");
        assertThat(api.wallet(email).path("balances").path("giftBalance").asLong()).isEqualTo(5000);
        api.reconciles(number);
    }

    @Test
    void pointsAreRestoredIntoTheirLotWhileValidAndReGrantedOnceExpired() {
        String email = RefundApi.email();
        LocalDate lotEnds = ShopApi.today().plusDays(60);
        api.grantPoints(email, 1500, lotEnds);
        ObjectNode body = order(email, 1, 4000);
        body.withObject("payment").put("pointsUsed", 1000);
        String number = cancelledOrder(body);

        JsonNode settled = api.settled(number, 2);
        JsonNode points = RefundApi.only(settled, "POINTS");
        assertThat(points.path("route").asString()).isEqualTo("POINTS");
        assertThat(points.path("amount").asLong()).isEqualTo(1000);
        assertThat(points.path("outcome").path("validUntil").asString()).isEqualTo(lotEnds.toString());
        assertThat(points.path("outcome").has("regranted")).isFalse();
        assertThat(RefundApi.only(settled, "PAYMENT").path("amount").asLong()).isEqualTo(3000);
        assertThat(api.wallet(email).path("balances").path("points").asLong()).isEqualTo(1500);

        // a second order spends the points; they expire before its line is cancelled
        ObjectNode second = order(email, 1, 2000);
        second.withObject("payment").put("pointsUsed", 1500);
        String later = api.place(second);
        clock.advance(Duration.ofDays(61));
        api.cancelLine(later, 1, 1);
        JsonNode regranted = RefundApi.only(api.settled(later, 2), "POINTS");
        assertThat(regranted.path("outcome").path("regranted").asLong()).isEqualTo(1500);
        assertThat(LocalDate.parse(regranted.path("outcome").path("regrantedUntil").asString()))
                .isAfter(lotEnds);
        assertThat(api.wallet(email).path("balances").path("points").asLong()).isEqualTo(1500);
        api.reconciles(number, later);
    }

    @Test
    void aCouponIsUnusedAgainWhileItsCampaignRunsAndReplacedOnceItEnded() {
        String email = RefundApi.email();
        String code = api.coupon(email, 500, ShopApi.today().plusDays(30));
        ObjectNode body = order(email, 1, 3000);
        body.withObject("payment").put("couponCode", code).put("couponDiscount", 500);
        String number = cancelledOrder(body);

        JsonNode coupon = RefundApi.only(api.settled(number, 2), "COUPON");
        assertThat(coupon.path("route").asString()).isEqualTo("COUPON");
        assertThat(coupon.path("outcome").path("couponCode").asString()).isEqualTo(code);
        assertThat(coupon.path("outcome").path("replacement").asBoolean()).isFalse();
        assertThat(api.ok(api.get("/api/coupons/" + code)).path("status").asString()).isEqualTo("ISSUED");

        // used again, and the campaign ends before this order's line is cancelled
        ObjectNode again = order(email, 1, 3000);
        again.withObject("payment").put("couponCode", code).put("couponDiscount", 500);
        String later = api.place(again);
        clock.advance(Duration.ofDays(31));
        api.cancelLine(later, 1, 1);
        JsonNode replaced = RefundApi.only(api.settled(later, 2), "COUPON");
        String replacement = replaced.path("outcome").path("couponCode").asString();
        assertThat(replaced.path("outcome").path("replacement").asBoolean()).isTrue();
        assertThat(replacement).isNotEqualTo(code);
        JsonNode issued = api.ok(api.get("/api/coupons/" + replacement));
        assertThat(issued.path("kind").asString()).isEqualTo("FIXED");
        assertThat(issued.path("value").asLong()).isEqualTo(500);
        assertThat(replaced.path("customerText").asString()).contains(replacement);
        api.reconciles(number, later);
    }

    @Test
    void aSplitPaymentRefundsEachPartByItsOwnRoute() {
        String email = RefundApi.email();
        api.grantPoints(email, 800, ShopApi.today().plusDays(90));
        api.creditGiftBalance(email, 1200, ShopApi.today().plusYears(1));
        String code = api.coupon(email, 1000, ShopApi.today().plusDays(30));
        String reference = ShopApi.unique("split");
        ObjectNode body = order(email, 2, 5000);
        body.put("shippingFee", 600);
        body.withObject("payment").put("pointsUsed", 800).put("giftBalanceUsed", 1200).put("couponCode", code)
                .put("couponDiscount", 1000).put("reference", reference);
        String number = cancelledOrder(body); // 10,600 in all: card 7,600 + gift 1,200 + points 800 + coupon 1,000

        JsonNode settled = api.settled(number, 4 + 1); // the four parts of the line, and the shipping fee
        JsonNode card = RefundApi.only(settled, "PAYMENT", 1);
        assertThat(card.path("route").asString()).isEqualTo("CARD_REFUND");
        long lineRefunds = 0;
        long feeRefunds = 0;
        for (JsonNode r : settled.path("refunds")) {
            assertThat(r.path("status").asString()).as(r.toString()).isEqualTo("COMPLETED");
            if (r.path("lineNo").asInt() == 0) {
                assertThat(r.path("reason").asString()).isEqualTo("SHIPPING_FEE");
                feeRefunds += r.path("amount").asLong();
            } else {
                lineRefunds += r.path("amount").asLong();
            }
        }
        assertThat(lineRefunds).isEqualTo(10_000);
        assertThat(feeRefunds).isEqualTo(600);
        assertThat(api.gatewayPayment(reference).path("refunded").asLong()).isEqualTo(7600);
        JsonNode wallet = api.wallet(email);
        assertThat(wallet.path("balances").path("points").asLong()).isEqualTo(800);
        assertThat(wallet.path("balances").path("giftBalance").asLong()).isEqualTo(1200);
        assertThat(api.ok(api.get("/api/coupons/" + code)).path("status").asString()).isEqualTo("ISSUED");
        assertThat(settled.path("totals").path("due").asLong()).isEqualTo(10_600);
        assertThat(settled.path("totals").path("completed").asLong()).isEqualTo(10_600);
        api.reconciles(number);
    }

    @Test
    void anOwnShopCustomerGetsOneApologyCouponPerOrder() {
        String email = RefundApi.email();
        String sku = api.product(shop, 1000, 4);
        ObjectNode body = RefundApi.body(shop.web(), email, sku, 2, 1000);
        body.withArray("lines").addObject().put("sku", sku).put("quantity", 2).put("unitPrice", 1000);
        String number = api.place(body);
        api.cancelLine(number, 1, 2);
        api.cancelLine(number, 2, 2);

        JsonNode compensations = api.until(number, r -> r.path("compensations").size() >= 1
                && r.path("refunds").size() == 2).path("compensations");
        assertThat(compensations).hasSize(1);
        JsonNode apology = compensations.get(0);
        assertThat(apology.path("kind").asString()).isEqualTo("APOLOGY_COUPON");
        assertThat(apology.path("policy").asString()).isEqualTo("EveryStockoutGetsAnApology");
        JsonNode coupon = api.ok(api.get("/api/coupons/" + apology.path("couponCode").asString()));
        assertThat(coupon.path("value").asLong()).isEqualTo(500);
        assertThat(coupon.path("status").asString()).isEqualTo("ISSUED");
    }
}

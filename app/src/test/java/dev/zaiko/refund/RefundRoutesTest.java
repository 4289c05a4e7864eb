package dev.zaiko.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The shop's routing rules, one payment situation at a time. */
class RefundRoutesTest {

    static PaymentFacts paid(boolean marketplace, String method, String status) {
        return new PaymentFacts(marketplace, method, status, Map.of(Means.PAYMENT, 1000L));
    }

    static Route money(String method, String status) {
        return RefundRoutes.route(paid(false, method, status), Means.PAYMENT);
    }

    @Test
    void moneyGoesBackTheWayItWasPaid() {
        assertThat(money("CREDIT_CARD", "AUTHORIZED")).isEqualTo(Route.VOID);
        assertThat(money("CREDIT_CARD", "CAPTURED")).isEqualTo(Route.CARD_REFUND);
        assertThat(money("DEBIT_CARD", "CAPTURED")).isEqualTo(Route.DEBIT_REFUND);
        assertThat(money("DEBIT_CARD", "AUTHORIZED")).isEqualTo(Route.VOID);
        assertThat(money("PAYPAY", "PAID")).isEqualTo(Route.PAYPAY_REFUND);
        assertThat(money("KONBINI", "PAID")).isEqualTo(Route.KONBINI);
        assertThat(money("KONBINI", "UNPAID")).isEqualTo(Route.NOTHING_PAID);
        assertThat(money("BANK_TRANSFER", "PAID")).isEqualTo(Route.BANK_TRANSFER);
        assertThat(money("BANK_TRANSFER", "UNPAID")).isEqualTo(Route.NOTHING_PAID);
        assertThat(money("COD", "UNPAID")).isEqualTo(Route.NOTHING_PAID);
    }

    @Test
    void theShopsOwnLedgersTakeBackWhatCameFromThem() {
        PaymentFacts card = paid(false, "CREDIT_CARD", "CAPTURED");
        assertThat(RefundRoutes.route(card, Means.GIFT_BALANCE)).isEqualTo(Route.GIFT_BALANCE);
        assertThat(RefundRoutes.route(card, Means.POINTS)).isEqualTo(Route.POINTS);
        assertThat(RefundRoutes.route(card, Means.COUPON)).isEqualTo(Route.COUPON);
        assertThat(RefundRoutes.route(paid(false, "COD", "UNPAID"), Means.POINTS)).isEqualTo(Route.POINTS);
    }

    @Test
    void aMarketplaceGivesBackEverythingItTook() {
        for (Means means : Means.values()) {
            assertThat(RefundRoutes.route(paid(true, "CREDIT_CARD", "CAPTURED"), means)).isEqualTo(Route.MARKETPLACE);
        }
    }
}

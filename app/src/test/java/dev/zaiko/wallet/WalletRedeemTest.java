package dev.zaiko.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import dev.zaiko.platform.ConflictException;
import org.junit.jupiter.api.Test;

/** Wallets.redeem: what an OWN order spends, taken from the lots that expire first, all or nothing. */
class WalletRedeemTest extends WalletTestBase {

    private long remaining(WalletView.Lot lot) {
        return lot(lot.id()).remaining();
    }

    @Test
    void pointsAndGiftBalanceAreTakenFromTheLotsThatExpireFirst() {
        WalletView.Lot late = points(100, today().plusDays(30));
        WalletView.Lot early = points(100, today().plusDays(10));
        WalletView.Lot middle = points(100, today().plusDays(20));
        WalletView.Lot giftLate = gift(1000, today().plusDays(400));
        WalletView.Lot giftEarly = gift(300, today().plusDays(5));
        String order = orderNumber();

        Redemption r = wallets.redeem(customer, order, 150, 500, null, 0, 5000);

        assertThat(r).isEqualTo(new Redemption(order, 150, 500, null, 0));
        assertThat(remaining(early)).isZero();
        assertThat(remaining(middle)).isEqualTo(50);
        assertThat(remaining(late)).isEqualTo(100);
        assertThat(remaining(giftEarly)).isZero();
        assertThat(remaining(giftLate)).isEqualTo(800);
        WalletView w = wallets.wallet(customer);
        assertThat(w.points()).isEqualTo(150);
        assertThat(w.giftBalance()).isEqualTo(800);
        assertThat(w.entries()).filteredOn(e -> e.kind().equals("REDEEM"))
                .extracting(WalletView.Entry::lotId, WalletView.Entry::amount, WalletView.Entry::orderNumber)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(early.id(), -100L, order),
                        org.assertj.core.groups.Tuple.tuple(middle.id(), -50L, order),
                        org.assertj.core.groups.Tuple.tuple(giftEarly.id(), -300L, order),
                        org.assertj.core.groups.Tuple.tuple(giftLate.id(), -200L, order));
        assertThat(wallets.redemption(order)).contains(r);
    }

    @Test
    void anExpiredLotIsNotSpendableButTheLastDayIs() {
        WalletView.Lot lastDayTomorrow = points(100, today().plusDays(1));
        WalletView.Lot later = points(50, today().plusDays(60));

        clock.advance(Duration.ofDays(1));
        assertThat(wallets.wallet(customer).points()).as("valid_until is inclusive").isEqualTo(150);
        clock.advance(Duration.ofDays(1));
        WalletView w = wallets.wallet(customer);
        assertThat(w.points()).isEqualTo(50);
        assertThat(w.lots()).filteredOn(l -> l.id() == lastDayTomorrow.id()).singleElement()
                .satisfies(l -> {
                    assertThat(l.expired()).isTrue();
                    assertThat(l.remaining()).as("what expired is still what remains, unspendable").isEqualTo(100);
                });

        ConflictException refused = refused(() -> wallets.redeem(customer, orderNumber(), 100, 0, null, 0, 1000));
        assertThat(refused.type()).isEqualTo("points-insufficient");
        assertThat(refused.properties()).containsEntry("requested", 100L).containsEntry("available", 50L)
                .containsEntry("shortBy", 50L);
        assertThat(refused.getMessage()).contains("100").contains("50");

        wallets.redeem(customer, orderNumber(), 50, 0, null, 0, 1000);
        assertThat(remaining(later)).isZero();
        assertThat(remaining(lastDayTomorrow)).isEqualTo(100);
    }

    @Test
    void everyRefusalIsAConflictNamingTheNumbersAndChangesNothing() {
        points(300, today().plusDays(30));
        gift(1000, null);
        String other = WalletApi.uniqueEmail();
        String mine = wallets.createCoupon(null, "Spring", DiscountKind.FIXED, 500, today().plusDays(10), customer).code();
        String theirs = wallets.createCoupon(null, "Spring", DiscountKind.FIXED, 500, today().plusDays(10), other).code();
        String percent = wallets.createCoupon(null, "Ten off", DiscountKind.PERCENT, 10, today().plusDays(10), null).code();
        String used = wallets.createCoupon(null, "Spring", DiscountKind.FIXED, 500, today().plusDays(10), null).code();
        wallets.redeem(other, orderNumber(), 0, 0, used, 500, 5000);
        String ended = wallets.createCoupon(null, "Yesterday", DiscountKind.FIXED, 500, today(), null).code();

        Map<String, Runnable> refusals = new java.util.LinkedHashMap<>();
        refusals.put("points-insufficient", () -> wallets.redeem(customer, orderNumber(), 301, 0, mine, 500, 5000));
        refusals.put("gift-balance-insufficient", () -> wallets.redeem(customer, orderNumber(), 300, 1001, mine, 500, 5000));
        refusals.put("coupon-unknown", () -> wallets.redeem(customer, orderNumber(), 300, 0, "NO-SUCH-CODE", 500, 5000));
        refusals.put("coupon-already-used", () -> wallets.redeem(customer, orderNumber(), 300, 0, used, 500, 5000));
        refusals.put("coupon-not-for-this-customer", () -> wallets.redeem(customer, orderNumber(), 300, 0, theirs, 500, 5000));
        refusals.put("coupon-discount-too-large", () -> wallets.redeem(customer, orderNumber(), 300, 0, mine, 501, 5000));

        for (Map.Entry<String, Runnable> refusal : refusals.entrySet()) {
            Map<String, String> before = api.snapshot();
            WalletView wallet = wallets.wallet(customer);

            ConflictException e = refused(refusal.getValue()::run);

            assertThat(e.type()).isEqualTo(refusal.getKey());
            assertThat(e.getMessage()).contains("Nothing was changed").doesNotContain(customer).doesNotContain(other);
            assertThat(api.snapshot()).as(refusal.getKey() + " wrote nothing").isEqualTo(before);
            assertThat(wallets.wallet(customer)).isEqualTo(wallet);
            assertThat(wallets.coupon(mine).orElseThrow().status()).isEqualTo(Coupon.ISSUED);
        }
        ConflictException tooLarge = refused(() -> wallets.redeem(customer, orderNumber(), 0, 0, mine, 501, 5000));
        assertThat(tooLarge.properties()).containsEntry("maxDiscount", 500L).containsEntry("couponDiscount", 501L);
        assertThat(refused(() -> wallets.redeem(customer, orderNumber(), 0, 1001, null, 0, 5000)).properties())
                .containsEntry("available", 1000L).containsEntry("shortBy", 1L);

        clock.advance(Duration.ofDays(1));
        Map<String, String> before = api.snapshot();
        ConflictException e = refused(() -> wallets.redeem(customer, orderNumber(), 0, 0, ended, 100, 5000));
        assertThat(e.type()).isEqualTo("coupon-campaign-ended");
        assertThat(e.properties()).containsEntry("campaignEnds", today().minusDays(1).toString())
                .containsEntry("today", today().toString());
        assertThat(api.snapshot()).isEqualTo(before);

        // a PERCENT coupon allows floor(lines x percent / 100): 10% of 1,999 yen is 199
        ConflictException percentTooLarge = refused(() -> wallets.redeem(customer, orderNumber(), 0, 0, percent, 200, 1999));
        assertThat(percentTooLarge.type()).isEqualTo("coupon-discount-too-large");
        assertThat(percentTooLarge.properties()).containsEntry("maxDiscount", 199L).containsEntry("linesTotal", 1999L);
        wallets.redeem(customer, orderNumber(), 0, 0, percent, 199, 1999);
        assertThat(wallets.coupon(percent).orElseThrow().status()).isEqualTo(Coupon.REDEEMED);
    }

    @Test
    void aCouponIsUsedOnceAndRemembersTheOrder() {
        String code = wallets.createCoupon(null, "Welcome", DiscountKind.FIXED, 300, today().plusDays(3), null).code();
        String order = orderNumber();

        wallets.redeem(customer, order, 0, 0, code, 300, 3000);

        Coupon coupon = wallets.coupon(code).orElseThrow();
        assertThat(coupon.status()).isEqualTo(Coupon.REDEEMED);
        assertThat(coupon.redeemedBy()).isEqualTo(order);
        assertThat(refused(() -> wallets.redeem(WalletApi.uniqueEmail(), orderNumber(), 0, 0, code, 0, 3000)).type())
                .isEqualTo("coupon-already-used");
        assertThat(jdbc.queryForList("select event || ':' || status from wallet_coupon_history where code = ? order by id",
                String.class, code)).containsExactly("ISSUED:ISSUED", "REDEEMED:REDEEMED");
    }

    @Test
    void redeemingIsAllOrNothingEvenWhenTheCouponWasFine() {
        points(100, today().plusDays(5));
        String code = wallets.createCoupon(null, "Spring", DiscountKind.FIXED, 500, today().plusDays(10), null).code();
        Map<String, String> before = api.snapshot();

        assertThat(refused(() -> wallets.redeem(customer, orderNumber(), 101, 0, code, 500, 5000)).type())
                .isEqualTo("points-insufficient");

        assertThat(wallets.coupon(code).orElseThrow().status()).isEqualTo(Coupon.ISSUED);
        assertThat(api.snapshot()).isEqualTo(before);
    }

    @Test
    void theSameOrderRedeemsOnceAndAnotherAskUnderItIsAProgrammingError() {
        points(500, today().plusDays(5));
        String order = orderNumber();
        Redemption first = wallets.redeem(customer, order, 200, 0, null, 0, 1000);

        assertThat(wallets.redeem(" " + customer.toUpperCase() + " ", order, 200, 0, null, 0, 1000)).isEqualTo(first);
        assertThat(wallets.wallet(customer).points()).isEqualTo(300);
        assertThatThrownBy(() -> wallets.redeem(customer, order, 300, 0, null, 0, 1000))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(order);
        assertThat(wallets.wallet(customer).points()).isEqualTo(300);
    }

    @Test
    void aWalletBelongsToTheEmailWhateverItsCaseOrSpaces() {
        wallets.grantPoints("  " + customer.toUpperCase(), 120, today().plusDays(1), "welcome", null);

        wallets.checkRedemption(customer, 120, 0, null, 0, 0);
        wallets.redeem(customer, orderNumber(), 120, 0, null, 0, 1000);

        assertThat(wallets.wallet(customer.toUpperCase()).points()).isZero();
        assertThat(wallets.wallet(customer).entries()).hasSize(2);
    }

    @Test
    void theCheckBeforeReservingRefusesWhatRedeemWouldAndWritesNothing() {
        points(100, today().plusDays(5));
        String code = wallets.createCoupon(null, "Spring", DiscountKind.FIXED, 500, today().plusDays(10),
                WalletApi.uniqueEmail()).code();
        Map<String, String> before = api.snapshot();

        assertThat(refused(() -> wallets.checkRedemption(customer, 101, 0, null, 0, 1000)).type())
                .isEqualTo("points-insufficient");
        assertThat(refused(() -> wallets.checkRedemption(customer, 0, 1, null, 0, 1000)).type())
                .isEqualTo("gift-balance-insufficient");
        assertThat(refused(() -> wallets.checkRedemption(customer, 0, 0, code, 100, 1000)).type())
                .isEqualTo("coupon-not-for-this-customer");
        wallets.checkRedemption(customer, 100, 0, null, 0, 1000);

        assertThat(api.snapshot()).isEqualTo(before);
        assertThat(wallets.redemption(orderNumber())).isEmpty();
    }

    private static ConflictException refused(Runnable call) {
        try {
            call.run();
        } catch (ConflictException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }
}

package dev.zaiko.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import dev.zaiko.support.AllAtOnce;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** returnPoints, returnGiftBalance and creditGiftBalance: what a refund gives back from the shop's own ledgers. */
class WalletReturnTest extends WalletTestBase {

    private List<WalletView.Entry> entriesOf(String order) {
        return wallets.wallet(customer).entries().stream().filter(e -> order.equals(e.orderNumber())).toList();
    }

    @Test
    void pointsStillValidGoBackIntoTheLotsTheyCameFromLatestExpiringFirst() {
        WalletView.Lot early = points(100, today().plusDays(10));
        WalletView.Lot late = points(100, today().plusDays(40));
        String order = orderNumber();
        wallets.redeem(customer, order, 180, 0, null, 0, 5000);
        assertThat(lot(early.id()).remaining()).isZero();
        assertThat(lot(late.id()).remaining()).isEqualTo(20);

        Credit first = wallets.returnPoints(order, 50, "refund-1");

        assertThat(first).isEqualTo(new Credit("POINTS", 50, late.validUntil(), 0, null));
        assertThat(lot(late.id()).remaining()).as("the lot that expires last gets back first").isEqualTo(70);
        assertThat(lot(early.id()).remaining()).isZero();

        Credit second = wallets.returnPoints(order, 60, "refund-2");

        assertThat(second).as("30 fill the later lot, 30 go to the earlier").isEqualTo(new Credit("POINTS", 60, late.validUntil(), 0, null));
        assertThat(lot(late.id()).remaining()).isEqualTo(100);
        assertThat(lot(early.id()).remaining()).isEqualTo(30);
        assertThat(wallets.wallet(customer).points()).isEqualTo(130);
        assertThat(wallets.wallet(customer).lots()).as("no new lot").hasSize(2);
    }

    @Test
    void pointsWhoseLotExpiredMeanwhileAreReGrantedWithANewValidity() {
        WalletView.Lot shortLived = points(100, today().plusDays(3));
        WalletView.Lot longLived = points(100, today().plusDays(100));
        String order = orderNumber();
        wallets.redeem(customer, order, 150, 0, null, 0, 5000); // 100 from the short-lived lot, 50 from the other

        clock.advance(Duration.ofDays(10));
        Credit credit = wallets.returnPoints(order, 150, "refund-all");

        assertThat(credit.amount()).isEqualTo(150);
        assertThat(credit.restoredUntil()).isEqualTo(longLived.validUntil());
        assertThat(credit.regranted()).isEqualTo(100);
        assertThat(credit.regrantedUntil()).as("zaiko.wallet.regrant-points-days").isEqualTo(today().plusDays(30));
        WalletView w = wallets.wallet(customer);
        assertThat(w.points()).isEqualTo(200);
        assertThat(lot(shortLived.id())).satisfies(l -> {
            assertThat(l.expired()).isTrue();
            assertThat(l.remaining()).as("an expired lot is not revived").isZero();
        });
        assertThat(lot(longLived.id()).remaining()).isEqualTo(100);
        WalletView.Lot regrant = w.lots().get(2);
        assertThat(regrant.source()).isEqualTo("REGRANT");
        assertThat(regrant.amount()).isEqualTo(100);
        assertThat(regrant.remaining()).isEqualTo(100);
        assertThat(regrant.validUntil()).isEqualTo(today().plusDays(30));
        assertThat(entriesOf(order)).filteredOn(e -> e.kind().equals("REGRANT")).singleElement()
                .satisfies(e -> assertThat(e.originLotId()).isEqualTo(shortLived.id()));

        assertThatThrownBy(() -> wallets.returnPoints(order, 1, "refund-more"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(order);
    }

    @Test
    void giftBalanceComesBackAtOnceAndExpiredBalanceWithAYearOfValidity() {
        WalletView.Lot lot = gift(3000, today().plusDays(5));
        String order = orderNumber();
        wallets.redeem(customer, order, 0, 2000, null, 0, 5000);

        Credit now = wallets.returnGiftBalance(order, 500, "refund-gift-1");
        assertThat(now).isEqualTo(new Credit("GIFT_BALANCE", 500, lot.validUntil(), 0, null));
        assertThat(wallets.wallet(customer).giftBalance()).isEqualTo(1500);

        clock.advance(Duration.ofDays(6));
        Credit later = wallets.returnGiftBalance(order, 1500, "refund-gift-2");
        assertThat(later).isEqualTo(new Credit("GIFT_BALANCE", 1500, null, 1500, today().plusDays(365)));
        assertThat(wallets.wallet(customer).giftBalance()).isEqualTo(1500);
        assertThatThrownBy(() -> wallets.returnGiftBalance(order, 1, "refund-gift-3"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> wallets.returnPoints(order, 1, "refund-points"))
                .as("the order spent no points").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void partialReturnsOverSeveralKeysStopAtWhatTheOrderSpent() {
        points(1000, today().plusDays(30));
        String order = orderNumber();
        String otherOrder = orderNumber();
        wallets.redeem(customer, order, 300, 0, null, 0, 5000);
        wallets.redeem(customer, otherOrder, 400, 0, null, 0, 5000);

        for (int i = 1; i <= 3; i++) wallets.returnPoints(order, 100, "partial-" + i);
        Map<String, String> before = api.snapshot();

        assertThatThrownBy(() -> wallets.returnPoints(order, 1, "partial-4"))
                .as("the other order's 400 are not this order's to give back")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("300");
        assertThat(api.snapshot()).as("a refused return records neither its key nor anything else").isEqualTo(before);
        assertThat(wallets.wallet(customer).points()).isEqualTo(600);
        assertThat(wallets.returnPoints(otherOrder, 400, "other-all").amount()).isEqualTo(400);
        assertThat(wallets.wallet(customer).points()).isEqualTo(1000);
    }

    @Test
    void theSameKeyTwiceAnswersTheFirstCreditAndGivesBackOnce() {
        points(500, today().plusDays(30));
        String order = orderNumber();
        wallets.redeem(customer, order, 500, 0, null, 0, 5000);

        Credit first = wallets.returnPoints(order, 200, "refund-once");
        clock.advance(Duration.ofDays(40)); // the lot has expired: a second effect would re-grant
        Credit again = wallets.returnPoints(order, 200, "refund-once");

        assertThat(again).isEqualTo(first);
        assertThat(entriesOf(order)).hasSize(2); // the redemption and one return
        assertThatThrownBy(() -> wallets.returnGiftBalance(order, 200, "refund-once"))
                .as("a key names one call").isInstanceOf(dev.zaiko.platform.ConflictException.class)
                .hasMessageContaining("refund-once");
        assertThatThrownBy(() -> wallets.returnPoints(order, 201, "refund-once"))
                .isInstanceOf(dev.zaiko.platform.ConflictException.class);
    }

    @Test
    void theSameKeyFromEightThreadsAtOnceGivesBackOnce() throws Exception {
        points(800, today().plusDays(30));
        gift(800, today().plusDays(30));
        String order = orderNumber();
        wallets.redeem(customer, order, 800, 800, null, 0, 5000);

        List<Credit> points = AllAtOnce.run(8, () -> wallets.returnPoints(order, 300, "same-key-points"));
        List<Credit> gifts = AllAtOnce.run(8, () -> wallets.returnGiftBalance(order, 300, "same-key-gift"));

        assertThat(points).containsOnly(new Credit("POINTS", 300, today().plusDays(30), 0, null));
        assertThat(gifts).containsOnly(new Credit("GIFT_BALANCE", 300, today().plusDays(30), 0, null));
        WalletView w = wallets.wallet(customer);
        assertThat(w.points()).isEqualTo(300);
        assertThat(w.giftBalance()).isEqualTo(300);
        assertThat(entriesOf(order)).filteredOn(e -> e.kind().equals("RETURN")).hasSize(2);
    }

    @Test
    void differentKeysRacingForTheSameOrderNeverGiveBackMoreThanItSpent() throws Exception {
        points(500, today().plusDays(30));
        String order = orderNumber();
        wallets.redeem(customer, order, 500, 0, null, 0, 5000);
        java.util.concurrent.atomic.AtomicInteger keys = new java.util.concurrent.atomic.AtomicInteger();

        List<Object> outcomes = AllAtOnce.run(8, () -> {
            try {
                return wallets.returnPoints(order, 100, "racing-" + keys.incrementAndGet());
            } catch (IllegalStateException e) {
                return "refused";
            }
        });

        assertThat(outcomes).filteredOn(o -> o instanceof Credit).hasSize(5);
        assertThat(outcomes).filteredOn("refused"::equals).hasSize(3);
        assertThat(wallets.wallet(customer).points()).isEqualTo(500);
    }

    @Test
    void aRefundPaidAsGiftBalanceIsANewLotForTenYearsOnce() {
        Credit credit = wallets.creditGiftBalance(" " + customer.toUpperCase(), 4980, "konbini-refund-1", "Refund of order 123");
        Credit again = wallets.creditGiftBalance(customer, 4980, "konbini-refund-1", "Refund of order 123");

        assertThat(credit).isEqualTo(new Credit("GIFT_BALANCE", 4980, today().plusDays(3650), 0, null));
        assertThat(again).isEqualTo(credit);
        WalletView w = wallets.wallet(customer);
        assertThat(w.giftBalance()).isEqualTo(4980);
        assertThat(w.lots()).singleElement().satisfies(l -> {
            assertThat(l.source()).isEqualTo("CREDIT");
            assertThat(l.reason()).isEqualTo("Refund of order 123");
        });
        assertThatThrownBy(() -> wallets.creditGiftBalance(WalletApi.uniqueEmail(), 4980, "konbini-refund-1", "x"))
                .as("the same key for another customer").isInstanceOf(dev.zaiko.platform.ConflictException.class);
    }

}

package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.order;
import dev.zaiko.support.AllAtOnce;
import static dev.zaiko.order.OrderApi.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.zaiko.support.MovableClock;
import dev.zaiko.wallet.Wallets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** POST /api/orders on an OWN channel spends the shop's own points, gift balance and coupons; a marketplace's never. */
class OrderWalletApiTest extends OrderApiTestBase {

    @Autowired
    Wallets wallets;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    MovableClock clock;

    String sku;
    String email;

    @BeforeEach
    void stockAndCustomer() {
        sku = api.product("WALLET", false);
        api.sellable(sku, shop.warehouse(), 20);
        api.sellable(sku, shop.store(), 20);
        email = OrderApi.uniqueEmail();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** One unit at 1,980 yen for this test's customer, paid partly from the wallet. */
    private ObjectNode spending(String channel, long points, long gift, String coupon, long discount) {
        ObjectNode body = order(channel, sku, 1);
        body.withObject("customer").put("email", email);
        ObjectNode payment = body.withObject("payment").put("pointsUsed", points).put("giftBalanceUsed", gift);
        if (coupon != null) payment.put("couponCode", coupon).put("couponDiscount", discount);
        return OrderApi.balancePayment(body);
    }

    private int movements() {
        return jdbc.queryForObject("select count(*) from inventory_movement where sku = ?", Integer.class, sku);
    }

    private int movements(String kind) {
        return jdbc.queryForObject("select count(*) from inventory_movement where sku = ? and kind = ?", Integer.class,
                sku, kind);
    }

    @Test
    void anOwnOrderSpendsTheCustomersPointsGiftBalanceAndCoupon() {
        api.grantPoints(email, 300, today().plusDays(30));
        api.grantGiftBalance(email, 1000);
        String coupon = api.coupon("FIXED", 500, today().plusDays(30), email);

        JsonNode o = api.ok(api.post("/api/orders", spending(shop.web(), 300, 1000, coupon, 500)));

        String digits = OrderApi.digits(o.path("orderNumber").asString());
        JsonNode wallet = api.wallet(email);
        assertThat(wallet.path("balances").path("points").longValue()).isZero();
        assertThat(wallet.path("balances").path("giftBalance").longValue()).isZero();
        List<String> redeemed = new ArrayList<>();
        wallet.path("entries").forEach(e -> {
            if (e.path("kind").asString().equals("REDEEM")) {
                redeemed.add(e.path("orderNumber").asString() + " " + e.path("amount").longValue());
            }
        });
        assertThat(redeemed).containsExactlyInAnyOrder(digits + " -300", digits + " -1000");
        JsonNode used = api.ok(api.get("/api/coupons/" + coupon));
        assertThat(used.path("status").asString()).isEqualTo("REDEEMED");
        assertThat(used.path("redeemedBy").asString()).isEqualTo(digits);
        assertThat(o.path("payment").path("amount").longValue()).isEqualTo(1980 - 300 - 1000 - 500);
    }

    @Test
    void everyRefusalOfTheWalletRefusesTheOrderBeforeReservingAndChangesNothing() {
        api.grantPoints(email, 300, today().plusDays(30));
        api.grantGiftBalance(email, 1000);
        String mine = api.coupon("FIXED", 500, today().plusDays(30), email);
        String theirs = api.coupon("FIXED", 500, today().plusDays(30), OrderApi.uniqueEmail());
        String percent = api.coupon("PERCENT", 10, today().plusDays(30), null);
        String lastDay = api.coupon("FIXED", 100, today(), null);
        String ended = api.coupon("FIXED", 100, today(), null);
        String used = api.coupon("FIXED", 100, today().plusDays(30), null);
        wallets.redeem(OrderApi.uniqueEmail(), OrderNumber.random().digits(), 0, 0, used, 100, 1000);

        Map<String, ObjectNode> refusals = new LinkedHashMap<>();
        refusals.put("points-insufficient", spending(shop.web(), 301, 0, null, 0));
        refusals.put("gift-balance-insufficient", spending(shop.web(), 0, 1001, mine, 500));
        refusals.put("coupon-unknown", spending(shop.web(), 0, 0, "NO-SUCH-COUPON", 100));
        refusals.put("coupon-already-used", spending(shop.web(), 0, 0, used, 100));
        refusals.put("coupon-not-for-this-customer", spending(shop.web(), 0, 0, theirs, 500));
        refusals.put("coupon-discount-too-large", spending(shop.web(), 0, 0, mine, 501));
        refusals.put("coupon-discount-too-large (10% of 1,980 is 198)", spending(shop.web(), 0, 0, percent, 199));

        for (Map.Entry<String, ObjectNode> refusal : refusals.entrySet()) {
            String type = refusal.getKey().split(" ")[0];
            JsonNode wallet = api.wallet(email);
            int movements = movements();

            OrderApi.Response r = api.rejected(409, type, List.of(sku), () -> api.post("/api/orders", refusal.getValue()));

            assertThat(r.detail()).contains("Nothing was changed").doesNotContain(email);
            assertThat(api.wallet(email)).as(refusal.getKey()).isEqualTo(wallet);
            assertThat(movements()).as("checked before reserving: " + refusal.getKey()).isEqualTo(movements);
        }
        assertThat(api.ok(api.get("/api/coupons/" + mine)).path("status").asString()).isEqualTo("ISSUED");
        assertThat(api.ok(api.get("/api/coupons/" + percent)).path("status").asString()).isEqualTo("ISSUED");

        api.ok(api.post("/api/orders", spending(shop.web(), 0, 0, percent, 198)));

        // the last day of a campaign is still in it; the day after is not
        api.ok(api.post("/api/orders", spending(shop.web(), 0, 0, lastDay, 100)));
        clock.advance(Duration.ofDays(1)); // the application's day; today() stays the day the coupons were made
        OrderApi.Response r = api.rejected(409, "coupon-campaign-ended", List.of(sku),
                () -> api.post("/api/orders", spending(shop.web(), 0, 0, ended, 100)));
        assertThat(r.json().path("campaignEnds").asString()).isEqualTo(today().toString());
        assertThat(api.ok(api.get("/api/coupons/" + ended)).path("status").asString()).isEqualTo("ISSUED");
    }

    @Test
    void aMarketplaceOrderSpentTheMarketplacesOwnAndIsNeverCheckedAgainstTheWallet() {
        JsonNode o = api.ok(api.post("/api/orders", spending(shop.marketplace(), 500, 0, "RAKUTEN-SUPER-SALE", 300)));

        assertThat(o.path("payment").path("couponCode").asString()).isEqualTo("RAKUTEN-SUPER-SALE");
        assertThat(o.path("payment").path("pointsUsed").longValue()).isEqualTo(500);
        assertThat(wallets.redemption(o.path("orderNumber").asString())).isEmpty();
        assertThat(api.wallet(email).path("entries").size()).isZero();
    }

    @Test
    void aReplayOfTheSameOrderDoesNotSpendAgainNorIsRefusedForWhatTheFirstSpent() {
        api.grantPoints(email, 500, today().plusDays(30));
        String coupon = api.coupon("FIXED", 200, today().plusDays(30), email);
        ObjectNode body = spending(shop.web(), 500, 0, coupon, 200).put("externalRef", OrderApi.unique("CART"));
        OrderApi.Response first = api.post("/api/orders", body);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        JsonNode wallet = api.wallet(email);

        OrderApi.Response again = api.post("/api/orders", body);

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(api.wallet(email)).isEqualTo(wallet);
        assertThat(wallet.path("balances").path("points").longValue()).isZero();
    }

    @Test
    void racingDuplicatesOfOneOrderSpendOnce() throws Exception {
        api.grantPoints(email, 500, today().plusDays(30));
        ObjectNode body = spending(shop.web(), 500, 0, null, 0).put("externalRef", OrderApi.unique("CART"));
        List<Callable<OrderApi.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) calls.add(() -> api.post("/api/orders", body));

        List<OrderApi.Response> answers = AllAtOnce.run(calls);

        assertThat(answers).extracting(OrderApi.Response::status).containsOnly(200, 201);
        assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(answers).extracting(r -> r.json().path("orderNumber").asString()).containsOnly(
                answers.get(0).json().path("orderNumber").asString());
        JsonNode wallet = api.wallet(email);
        assertThat(wallet.path("balances").path("points").longValue()).isZero();
        assertThat(wallet.path("entries").size()).as("the grant and one redemption").isEqualTo(2);
        assertThat(api.reserved(sku)).isEqualTo(1);
        api.assertConsistent();
    }

    @Test
    void racingOrdersForTheSamePointsNeverSpendMoreThanThereIs() throws Exception {
        api.grantPoints(email, 1000, today().plusDays(30));
        List<Callable<OrderApi.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) calls.add(() -> api.post("/api/orders", spending(shop.web(), 500, 0, null, 0)));

        List<OrderApi.Response> answers = AllAtOnce.run(calls);

        assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(2);
        List<OrderApi.Response> refused = answers.stream().filter(r -> r.status() != 201).toList();
        assertThat(refused).hasSize(4).allSatisfy(r -> OrderApi.assertProblem(r, 409, "points-insufficient"));
        assertThat(api.wallet(email).path("balances").path("points").longValue()).isZero();
        assertThat(api.reserved(sku)).as("the refused orders' units are released").isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from orders_order o join orders_line l using (order_number) "
                + "where l.sku = ?", Integer.class, sku)).isEqualTo(2);
        api.assertConsistent();
    }

    @Test
    void aRefusalAfterReservingReleasesTheReservationsLikeEveryOtherRefusal() throws Exception {
        api.grantPoints(email, 500, today().plusDays(30));
        TransactionTemplate tx = new TransactionTemplate(transactions);
        CountDownLatch spent = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        // another checkout spends the same points and has not committed yet: the order's check still sees them
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> tx.executeWithoutResult(t -> {
            wallets.redeem(email, "99999999999999999", 500, 0, null, 0, 1980);
            spent.countDown();
            awaitLatch(commit);
        }));
        assertThat(spent.await(30, TimeUnit.SECONDS)).isTrue();
        int reserves = movements("RESERVE");
        int releases = movements("RELEASE");

        OrderApi.Response r = api.rejected(409, "points-insufficient", List.of(sku), () -> {
            CompletableFuture<OrderApi.Response> placing = CompletableFuture.supplyAsync(
                    () -> api.post("/api/orders", spending(shop.web(), 500, 0, null, 0)));
            // the order has reserved, recorded and now waits for the lots the other checkout holds
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from pg_stat_activity "
                    + "where wait_event_type = 'Lock' and query like '%from wallet_lot%for update%'", Integer.class) > 0);
            commit.countDown();
            return placing.join();
        });

        other.get(30, TimeUnit.SECONDS);
        assertThat(r.json().path("available").longValue()).isZero();
        assertThat(movements("RESERVE")).as("it had reserved").isEqualTo(reserves + 1);
        assertThat(movements("RELEASE")).as("and released").isEqualTo(releases + 1);
        assertThat(api.reserved(sku)).isZero();
        assertThat(api.wallet(email).path("balances").path("points").longValue()).isZero();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("never told to commit");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.zaiko.payment;

import static dev.zaiko.payment.GatewayFixture.card;
import static dev.zaiko.payment.GatewayFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls that meet at the same moment, from threads of one instance and from two instances (two
 * gateways on two connection pools, as two Zaiko nodes on one database would have).
 */
class GatewayConcurrencyTest {

    static final int THREADS = 8;

    static HikariDataSource database;
    static HikariDataSource secondNode;
    static GatewayFixture one;
    static GatewayFixture two;
    static ExecutorService threads;

    @BeforeAll
    static void start() {
        database = TestDatabase.fresh(THREADS);
        secondNode = TestDatabase.anotherPool(database, THREADS);
        one = new GatewayFixture(database);
        two = new GatewayFixture(secondNode);
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(30, TimeUnit.SECONDS);
        secondNode.close();
        database.close();
    }

    /** Runs the calls all at once (released together once every thread is ready) and returns what each ended with. */
    static List<Object> atOnce(List<Callable<GatewayReceipt>> calls) throws Exception {
        CountDownLatch ready = new CountDownLatch(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        for (Callable<GatewayReceipt> call : calls) {
            futures.add(threads.submit(() -> {
                ready.countDown();
                if (!go.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
                try {
                    return call.call();
                } catch (GatewayException e) {
                    return e;
                }
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> f : futures) outcomes.add(f.get(60, TimeUnit.SECONDS));
        return outcomes;
    }

    static BuiltInGateway node(int thread) {
        return (thread % 2 == 0 ? one : two).gateway;
    }

    @Test
    void oneKeyFromEightThreadsOnTwoInstancesRefundsOnceAndAllGetTheSameReceipt() throws Exception {
        for (int round = 0; round < 10; round++) {
            GatewayPayment payment = card(unique("pay"), "CAPTURED", 5000);
            String key = unique("k");
            List<Callable<GatewayReceipt>> calls = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                BuiltInGateway gateway = node(t);
                calls.add(() -> gateway.refund(payment, 1000, key));
            }
            List<Object> outcomes = atOnce(calls);

            assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(GatewayReceipt.class));
            List<GatewayReceipt> receipts = outcomes.stream().map(GatewayReceipt.class::cast).toList();
            assertThat(receipts).filteredOn(r -> !r.replayed()).hasSize(1);
            assertThat(receipts).extracting(GatewayReceipt::transactionId).containsOnly(receipts.get(0).transactionId());
            assertThat(one.books(payment.reference()).refunded()).isEqualTo(1000);
            assertThat(one.moved(key)).isEqualTo(1);
        }
    }

    @Test
    void oneKeyFromEightThreadsPaysOutOnce() throws Exception {
        BankAccount account = BankAccount.of("0005", "123", "ORDINARY", "1234567", "ヤマダ タロウ");
        String key = unique("k");
        List<Callable<GatewayReceipt>> calls = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            BuiltInGateway gateway = node(t);
            calls.add(() -> gateway.payout(account, 3000, key));
        }
        List<GatewayReceipt> receipts = atOnce(calls).stream().map(GatewayReceipt.class::cast).toList();
        assertThat(receipts).filteredOn(r -> !r.replayed()).hasSize(1);
        assertThat(one.moved(key)).isEqualTo(1);
    }

    @Test
    void whenTheFirstAnswerIsLostTheOthersWithTheKeyGetItsReceipt() throws Exception {
        GatewayPayment payment = card(unique("pay-timeout-once"), "CAPTURED", 5000);
        String key = unique("k");
        List<Callable<GatewayReceipt>> calls = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            BuiltInGateway gateway = node(t);
            calls.add(() -> gateway.refund(payment, 2500, key));
        }
        List<Object> outcomes = atOnce(calls);
        assertThat(outcomes).filteredOn(o -> o instanceof GatewayTimeout).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof GatewayReceipt r && r.replayed()).hasSize(THREADS - 1);
        assertThat(one.books(payment.reference()).refunded()).isEqualTo(2500);
    }

    @Test
    void twoRefundsWhoseSumExceedsTheCaptureCannotBothGoThrough() throws Exception {
        for (int round = 0; round < 20; round++) {
            GatewayPayment payment = card(unique("pay"), "CAPTURED", 1000);
            List<Callable<GatewayReceipt>> calls = List.of(
                    () -> one.gateway.refund(payment, 600, unique("a")),
                    () -> two.gateway.refund(payment, 600, unique("b")));
            List<Object> outcomes = atOnce(calls);

            assertThat(outcomes).filteredOn(o -> o instanceof GatewayReceipt).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof GatewayDeclined d
                    && d.code().equals("amount-exceeds-remaining") && !d.retryable()).hasSize(1);
            assertThat(one.books(payment.reference()).refunded()).isEqualTo(600);
        }
    }

    @Test
    void voidsOfOneAuthorisationFromEveryThreadNeverReleaseMoreThanWasAuthorised() throws Exception {
        GatewayPayment payment = card(unique("pay"), "AUTHORIZED", 3000);
        List<Callable<GatewayReceipt>> calls = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            BuiltInGateway gateway = node(t);
            calls.add(() -> gateway.voidAuthorization(payment, 1000, unique("v")));
        }
        List<Object> outcomes = atOnce(calls);
        assertThat(outcomes).filteredOn(o -> o instanceof GatewayReceipt).hasSize(3);
        assertThat(outcomes).filteredOn(o -> o instanceof GatewayDeclined).hasSize(THREADS - 3);
        assertThat(one.books(payment.reference()).voided()).isEqualTo(3000);
    }
}

package dev.zaiko.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.support.TestDatabase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random sequences of voids, refunds, payouts and captures, with repeated keys, reused keys,
 * declines and timeouts, against the built-in gateway on PostgreSQL. Afterwards every payment's
 * books balance and equal the fold of its operations, and the money that moved is exactly what
 * the first successful call of each key moved: no key ever moved money twice.
 */
class GatewayBooksProperties {

    static HikariDataSource database;
    static GatewayFixture fixture;
    static final AtomicInteger tries = new AtomicInteger();

    @BeforeContainer
    static void start() {
        database = TestDatabase.fresh(4);
        fixture = new GatewayFixture(database);
    }

    @AfterContainer
    static void stop() {
        database.close();
    }

    /** The payments of one try: plain ones and the sandbox's troubled ones. */
    static List<GatewayPayment> payments(int run) {
        String p = "prop-" + run + "-";
        return List.of(
                new GatewayPayment(p + "card-auth", "CREDIT_CARD", "AUTHORIZED", 10_000, null),
                new GatewayPayment(p + "card-captured", "CREDIT_CARD", "CAPTURED", 10_000, null),
                new GatewayPayment(p + "paypay-timeout-once", "PAYPAY", "PAID", 5_000, null),
                new GatewayPayment(p + "debit-timeout-once-auth", "DEBIT_CARD", "AUTHORIZED", 5_000, null),
                new GatewayPayment(p + "debit-decline", "DEBIT_CARD", "CAPTURED", 5_000, null),
                new GatewayPayment(p + "card-timeout", "CREDIT_CARD", "CAPTURED", 5_000, null),
                new GatewayPayment(p + "card-hard-decline", "CREDIT_CARD", "CAPTURED", 5_000, null));
    }

    static final List<BankAccount> ACCOUNTS = List.of(
            BankAccount.of("0005", "123", "ORDINARY", "1234567", "ヤマダ タロウ"),
            BankAccount.of("0009", "001", "SAVINGS", "9999998", "サトウ ハナコ"),
            BankAccount.of("0001", "456", "CHECKING", "9999999", "カ）ヤマダショウテン"));

    /**
     * @param kind   0-2 refund, 3-4 void, 5 payout, 6 capture, 7-8 the same call again, 9 an earlier key for another amount
     * @param target which payment or account
     * @param amount whole yen
     * @param pick   which earlier call
     */
    record Step(int kind, int target, long amount, int pick) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 6),
                        Arbitraries.longs().between(1, 6_000), Arbitraries.integers().between(0, 1_000))
                .as(Step::new).list().ofMinSize(1).ofMaxSize(30);
    }

    /** A call as its key binds it: what moved money the first time is what a repeat must match. */
    record Call(String operation, int target, long amount, String key) {
    }

    @Property(tries = 80)
    void theBooksBalanceAndNoKeyEverMovesMoneyTwice(@ForAll("steps") List<Step> steps) {
        int run = tries.incrementAndGet();
        List<GatewayPayment> payments = payments(run);
        List<Call> calls = new ArrayList<>();
        Map<String, Call> moved = new HashMap<>();
        Map<String, String> transactions = new HashMap<>();
        int keys = 0;
        for (Step step : steps) {
            Call call = switch (step.kind()) {
                case 0, 1, 2 -> new Call("REFUND", step.target(), step.amount(), "k-" + run + "-" + keys++);
                case 3, 4 -> new Call("VOID", step.target(), step.amount(), "k-" + run + "-" + keys++);
                case 5 -> new Call("PAYOUT", step.target() % ACCOUNTS.size(), step.amount(), "k-" + run + "-" + keys++);
                case 6 -> {
                    capture(payments.get(step.target()), step.amount());
                    yield null;
                }
                case 7, 8 -> calls.isEmpty() ? null : calls.get(step.pick() % calls.size());
                default -> {
                    if (calls.isEmpty()) yield null;
                    Call earlier = calls.get(step.pick() % calls.size());
                    yield new Call(earlier.operation(), earlier.target(), earlier.amount() + 1, earlier.key());
                }
            };
            if (call == null) continue;
            calls.add(call);
            Call first = moved.get(call.key());
            try {
                GatewayReceipt receipt = send(call, payments);
                if (receipt.replayed()) {
                    assertThat(first).as("a replayed key moved money before, with this very call").isEqualTo(call);
                    if (transactions.containsKey(call.key())) {
                        assertThat(receipt.transactionId()).isEqualTo(transactions.get(call.key()));
                    }
                } else {
                    assertThat(first).as("a key moves money once").isNull();
                    moved.put(call.key(), call);
                }
                transactions.put(call.key(), receipt.transactionId());
            } catch (GatewayTimeout timeout) {
                // the sandbox's timeout-once moves the money of a key's first call and loses the answer
                if (first == null && timesOutOnce(call, payments)) moved.put(call.key(), call);
            } catch (GatewayDeclined declined) {
                if (declined.code().equals("idempotency-key-reused")) {
                    assertThat(first).isNotNull().isNotEqualTo(call);
                } else {
                    assertThat(first).as("a key that moved money is answered, not declined").isNull();
                }
            } catch (GatewayException e) {
                throw new AssertionError("a gateway exception is declined or a timeout", e);
            }
        }

        for (int i = 0; i < payments.size(); i++) {
            String reference = payments.get(i).reference();
            int target = i;
            long voided = sum(moved, "VOID", target);
            long refunded = sum(moved, "REFUND", target);
            if (!fixture.known(reference)) {
                assertThat(voided + refunded).as("money moved on an unknown payment").isZero();
                continue;
            }
            BuiltInGateway.Books books = fixture.books(reference);
            assertThat(books.authorized()).isGreaterThanOrEqualTo(books.voided() + books.captured());
            assertThat(books.captured()).isGreaterThanOrEqualTo(books.refunded());
            assertThat(books.voided()).as(reference + " voided").isEqualTo(voided);
            assertThat(books.refunded()).as(reference + " refunded").isEqualTo(refunded);
            assertThat(books.authorized()).isEqualTo(fold(books, "AUTHORIZE"));
            assertThat(books.captured()).isEqualTo(fold(books, "CAPTURE"));
            assertThat(books.voided()).isEqualTo(fold(books, "VOID"));
            assertThat(books.refunded()).isEqualTo(fold(books, "REFUND"));
            if (reference.contains("decline") || reference.endsWith("card-timeout")) {
                assertThat(books.operations()).as("a declining or silent payment moved money").isEmpty();
            }
        }
        for (Call call : calls) {
            assertThat(fixture.moved(call.key())).as("operations of key " + call.key())
                    .isEqualTo(moved.containsKey(call.key()) ? 1 : 0);
        }
        long paidOut = fixture.jdbc.queryForObject("select coalesce(sum(amount), 0) from gateway_operation "
                + "where operation = 'PAYOUT' and idempotency_key like ?", Long.class, "k-" + run + "-%");
        assertThat(paidOut).isEqualTo(moved.values().stream().filter(c -> c.operation().equals("PAYOUT"))
                .mapToLong(Call::amount).sum());
    }

    private static GatewayReceipt send(Call call, List<GatewayPayment> payments) throws GatewayException {
        BuiltInGateway gateway = fixture.gateway;
        return switch (call.operation()) {
            case "REFUND" -> gateway.refund(payments.get(call.target()), call.amount(), call.key());
            case "VOID" -> gateway.voidAuthorization(payments.get(call.target()), call.amount(), call.key());
            default -> gateway.payout(ACCOUNTS.get(call.target()), call.amount(), call.key());
        };
    }

    private static boolean timesOutOnce(Call call, List<GatewayPayment> payments) {
        return call.operation().equals("PAYOUT") ? ACCOUNTS.get(call.target()).number().equals("9999998")
                : payments.get(call.target()).reference().contains("timeout-once");
    }

    private static void capture(GatewayPayment payment, long amount) {
        try {
            fixture.gateway.capture(payment.reference(), amount);
        } catch (NotFoundException | ConflictException refused) {
            // not opened yet, already captured, or more than is left: the books are checked below
        }
    }

    private static long sum(Map<String, Call> moved, String operation, int target) {
        return moved.values().stream().filter(c -> c.operation().equals(operation) && c.target() == target)
                .mapToLong(Call::amount).sum();
    }

    private static long fold(BuiltInGateway.Books books, String operation) {
        return books.operations().stream().filter(e -> e.operation().equals(operation))
                .mapToLong(BuiltInGateway.Entry::amount).sum();
    }
}

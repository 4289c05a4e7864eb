package dev.zaiko.payment;

import static dev.zaiko.payment.GatewayFixture.card;
import static dev.zaiko.payment.GatewayFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class BuiltInGatewayTest {

    static HikariDataSource database;
    static GatewayFixture fixture;
    static BuiltInGateway gateway;

    @BeforeAll
    static void start() {
        database = TestDatabase.fresh(4);
        fixture = new GatewayFixture(database);
        gateway = fixture.gateway;
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    interface Call {
        GatewayReceipt call() throws GatewayException;
    }

    static GatewayDeclined declined(Call call) {
        GatewayDeclined declined = catchThrowableOfType(GatewayDeclined.class, () -> call.call());
        assertThat(declined).as("declined").isNotNull();
        return declined;
    }

    static void assertDeclined(Call call, String code, boolean retryable) {
        GatewayDeclined declined = declined(call);
        assertThat(declined.code()).isEqualTo(code);
        assertThat(declined.retryable()).as("retryable").isEqualTo(retryable);
        assertThat(declined.getMessage()).isNotBlank();
    }

    static GatewayTimeout timedOut(Call call) {
        GatewayTimeout timeout = catchThrowableOfType(GatewayTimeout.class, () -> call.call());
        assertThat(timeout).as("timed out").isNotNull();
        assertThat(timeout.code()).isEqualTo("timeout");
        assertThat(timeout.retryable()).isTrue();
        return timeout;
    }

    static BankAccount account(String number) {
        return BankAccount.of("0005", "123", "ORDINARY", number, "ヤマダ タロウ");
    }

    // ---- payments held to their books ---------------------------------------------------------------

    @Test
    void aCapturedPaymentIsOpenedOnFirstSightAndRefundedUpToItsCapture() throws GatewayException {
        GatewayPayment payment = card(unique("pay"), "CAPTURED", 5000);
        GatewayReceipt first = gateway.refund(payment, 2000, unique("k"));
        assertThat(first.operation()).isEqualTo("REFUND");
        assertThat(first.amount()).isEqualTo(2000);
        assertThat(first.replayed()).isFalse();
        assertThat(first.transactionId()).startsWith("gw_");

        assertDeclined(() -> gateway.refund(payment, 3001, unique("k")), "amount-exceeds-remaining", false);
        gateway.refund(payment, 3000, unique("k"));
        assertDeclined(() -> gateway.refund(payment, 1, unique("k")), "amount-exceeds-remaining", false);

        BuiltInGateway.Books books = fixture.books(payment.reference());
        assertThat(books.authorized()).isEqualTo(5000);
        assertThat(books.captured()).isEqualTo(5000);
        assertThat(books.refunded()).isEqualTo(5000);
        assertThat(books.refundable()).isZero();
        assertThat(books.orderNumber()).isEqualTo("20261120000000017");
        assertThat(fixture.operations(payment.reference())).containsExactly("AUTHORIZE", "CAPTURE", "REFUND", "REFUND");
    }

    @Test
    void oncePaymentIsKnownItsOwnBooksCountNotTheNumbersACallerSends() throws GatewayException {
        String reference = unique("pay");
        gateway.refund(card(reference, "CAPTURED", 1000), 400, unique("k"));
        assertDeclined(() -> gateway.refund(card(reference, "CAPTURED", 99_999), 601, unique("k")),
                "amount-exceeds-remaining", false);
        assertThat(fixture.books(reference).refunded()).isEqualTo(400);
    }

    @Test
    void anAuthorisationIsVoidedInPartsUpToWhatIsLeftAndCannotBeRefunded() throws GatewayException {
        GatewayPayment payment = card(unique("pay"), "AUTHORIZED", 3000);
        assertThat(gateway.voidAuthorization(payment, 1000, unique("k")).operation()).isEqualTo("VOID");
        assertDeclined(() -> gateway.voidAuthorization(payment, 2001, unique("k")), "amount-exceeds-remaining", false);
        assertDeclined(() -> gateway.refund(payment, 100, unique("k")), "not-captured", false);
        gateway.voidAuthorization(payment, 2000, unique("k"));
        assertDeclined(() -> gateway.voidAuthorization(payment, 1, unique("k")), "amount-exceeds-remaining", false);

        BuiltInGateway.Books books = fixture.books(payment.reference());
        assertThat(books.status()).isEqualTo("AUTHORIZED");
        assertThat(books.voided()).isEqualTo(3000);
        assertThat(books.voidable()).isZero();
        assertThat(books.captured()).isZero();
    }

    @Test
    void aCapturedPaymentCannotBeVoided() throws GatewayException {
        String reference = unique("pay");
        gateway.authorize(reference, "DEBIT_CARD", 4000);
        gateway.capture(reference, 2500L);
        GatewayPayment payment = new GatewayPayment(reference, "DEBIT_CARD", "CAPTURED", 2500, null);
        assertDeclined(() -> gateway.voidAuthorization(payment, 100, unique("k")), "already-captured", false);
        assertDeclined(() -> gateway.refund(payment, 2501, unique("k")), "amount-exceeds-remaining", false);
        gateway.refund(payment, 2500, unique("k"));
        assertThat(fixture.books(reference).voidable()).as("the rest was released with the capture").isZero();
    }

    @Test
    void aPaidPayPayPaymentIsRefunded() throws GatewayException {
        GatewayPayment payment = new GatewayPayment(unique("paypay"), "PAYPAY", "PAID", 1200, null);
        gateway.refund(payment, 1200, unique("k"));
        assertThat(fixture.books(payment.reference()).method()).isEqualTo("PAYPAY");
        assertThat(fixture.books(payment.reference()).refunded()).isEqualTo(1200);
    }

    @Test
    void whatCannotBeThisGatewaysPaymentIsDeclinedAndNeverOpened() {
        String konbini = unique("konbini");
        assertDeclined(() -> gateway.refund(new GatewayPayment(konbini, "KONBINI", "PAID", 1000, null), 100,
                unique("k")), "unsupported-method", false);
        assertDeclined(() -> gateway.refund(new GatewayPayment(unique("pay"), null, null, 1000, null), 100,
                unique("k")), "unsupported-method", false);
        String unpaid = unique("unpaid");
        assertDeclined(() -> gateway.refund(card(unpaid, "UNPAID", 1000), 100, unique("k")), "no-such-payment", false);
        assertDeclined(() -> gateway.refund(card(" ", "CAPTURED", 1000), 100, unique("k")), "no-such-payment", false);
        assertDeclined(() -> gateway.refund(card(null, "CAPTURED", 1000), 100, unique("k")), "no-such-payment", false);
        assertThat(fixture.known(konbini)).isFalse();
        assertThat(fixture.known(unpaid)).isFalse();
    }

    @Test
    void aCallWithoutAPositiveAmountOrAKeyMovesNothing() {
        String reference = unique("pay");
        GatewayPayment payment = card(reference, "CAPTURED", 1000);
        assertDeclined(() -> gateway.refund(payment, 0, unique("k")), "invalid-amount", false);
        assertDeclined(() -> gateway.refund(payment, -5, unique("k")), "invalid-amount", false);
        assertDeclined(() -> gateway.refund(payment, 100, " "), "invalid-idempotency-key", false);
        assertDeclined(() -> gateway.refund(payment, 100, null), "invalid-idempotency-key", false);
        assertDeclined(() -> gateway.refund(payment, 100, "k".repeat(256)), "invalid-idempotency-key", false);
        assertDeclined(() -> gateway.payout(account("1234567"), 0, unique("k")), "invalid-amount", false);
        assertThat(fixture.known(reference)).isFalse();
    }

    // ---- idempotency --------------------------------------------------------------------------------

    @Test
    void aRepeatedKeyIsAnsweredWithTheFirstReceiptAndMovesNoMoney() throws GatewayException {
        GatewayPayment payment = card(unique("pay"), "CAPTURED", 5000);
        String key = unique("k");
        GatewayReceipt first = gateway.refund(payment, 1500, key);
        GatewayReceipt again = gateway.refund(payment, 1500, key);
        GatewayReceipt third = gateway.refund(payment, 1500, key);
        assertThat(again).isEqualTo(new GatewayReceipt(first.transactionId(), "REFUND", 1500, first.at(), true));
        assertThat(third).isEqualTo(again);
        assertThat(fixture.books(payment.reference()).refunded()).isEqualTo(1500);
        assertThat(fixture.moved(key)).isEqualTo(1);
    }

    @Test
    void aKeyReusedForAnotherRequestIsDeclinedAndMovesNothing() throws GatewayException {
        GatewayPayment payment = card(unique("pay"), "CAPTURED", 5000);
        GatewayPayment other = card(unique("pay"), "CAPTURED", 5000);
        String key = unique("k");
        gateway.refund(payment, 1500, key);
        assertDeclined(() -> gateway.refund(payment, 1600, key), "idempotency-key-reused", false);
        assertDeclined(() -> gateway.refund(other, 1500, key), "idempotency-key-reused", false);
        assertDeclined(() -> gateway.voidAuthorization(payment, 1500, key), "idempotency-key-reused", false);
        assertDeclined(() -> gateway.payout(account("1234567"), 1500, key), "idempotency-key-reused", false);
        assertThat(fixture.books(payment.reference()).refunded()).isEqualTo(1500);
        assertThat(fixture.known(other.reference())).as("refused before the payment was looked at").isFalse();
    }

    @Test
    void aDeclineDoesNotBindTheKeySoTheSameKeyWorksOnceTheRequestCan() throws GatewayException {
        String reference = unique("pay");
        gateway.authorize(reference, "CREDIT_CARD", 2000);
        GatewayPayment payment = card(reference, "AUTHORIZED", 2000);
        String key = unique("k");
        assertDeclined(() -> gateway.refund(payment, 2000, key), "not-captured", false);
        gateway.capture(reference, null);
        assertThat(gateway.refund(payment, 2000, key).replayed()).isFalse();
    }

    // ---- sandbox magic ------------------------------------------------------------------------------

    @Test
    void aDeclineReferenceIsDeclinedEveryTimeAsRetryable() {
        GatewayPayment payment = card(unique("pay-decline"), "CAPTURED", 1000);
        String key = unique("k");
        for (int attempt = 0; attempt < 3; attempt++) {
            assertDeclined(() -> gateway.refund(payment, 100, key), "issuer-unavailable", true);
        }
        assertDeclined(() -> gateway.voidAuthorization(card(unique("PAY-DECLINE"), "AUTHORIZED", 1000), 100,
                unique("k")), "issuer-unavailable", true);
        assertThat(fixture.moved(key)).isZero();
        assertThat(fixture.known(payment.reference())).isFalse();
    }

    @Test
    void aHardDeclineReferenceIsDeclinedForGood() {
        String key = unique("k");
        assertDeclined(() -> gateway.refund(card(unique("hard-decline"), "CAPTURED", 1000), 100, key), "card-closed",
                false);
        assertThat(fixture.moved(key)).isZero();
    }

    @Test
    void aTimeoutReferenceNeverAnswersAndNeverMovesMoney() {
        GatewayPayment payment = card(unique("pay-timeout"), "CAPTURED", 1000);
        String key = unique("k");
        timedOut(() -> gateway.refund(payment, 100, key));
        timedOut(() -> gateway.refund(payment, 100, key));
        assertThat(fixture.moved(key)).isZero();
        assertThat(fixture.known(payment.reference())).isFalse();
    }

    @Test
    void aTimeoutOnceReferenceMovesTheMoneyLosesTheAnswerAndTheRetryGetsTheReceipt() throws GatewayException {
        GatewayPayment payment = card(unique("pay-timeout-once"), "CAPTURED", 1000);
        String key = unique("k");
        timedOut(() -> gateway.refund(payment, 300, key));
        assertThat(fixture.books(payment.reference()).refunded()).as("the money moved").isEqualTo(300);

        GatewayReceipt retry = gateway.refund(payment, 300, key);
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.amount()).isEqualTo(300);
        assertThat(fixture.books(payment.reference()).refunded()).isEqualTo(300);
        assertThat(fixture.moved(key)).isEqualTo(1);

        String next = unique("k");
        timedOut(() -> gateway.refund(payment, 200, next));
        assertThat(fixture.books(payment.reference()).refunded()).isEqualTo(500);
    }

    // ---- payouts ------------------------------------------------------------------------------------

    @Test
    void aPayoutIsPaidOncePerKeyAndKeptWithoutTheAccountNumber() throws GatewayException {
        String key = unique("k");
        BankAccount account = BankAccount.of("0005", "123", "ORDINARY", "7654321", "ヤマダ タロウ");
        GatewayReceipt first = gateway.payout(account, 2480, key);
        assertThat(first.operation()).isEqualTo("PAYOUT");
        assertThat(first.replayed()).isFalse();
        GatewayReceipt again = gateway.payout(BankAccount.of("0005", "123", "普通", "7654321", "ﾔﾏﾀﾞ ﾀﾛｳ"), 2480, key);
        assertThat(again).isEqualTo(new GatewayReceipt(first.transactionId(), "PAYOUT", 2480, first.at(), true));
        assertDeclined(() -> gateway.payout(BankAccount.of("0005", "123", "ORDINARY", "7654322", "ヤマダ タロウ"), 2480,
                key), "idempotency-key-reused", false);
        assertDeclined(() -> gateway.payout(account, 2481, key), "idempotency-key-reused", false);

        Map<String, Object> row = fixture.jdbc.queryForMap("select * from gateway_operation where idempotency_key = ?",
                key);
        assertThat(row.get("payout_to")).isEqualTo("0005-123 ORDINARY ****321");
        assertThat(row.toString()).doesNotContain("7654321").doesNotContain("ﾔﾏﾀﾞ");
        assertThat(fixture.moved(key)).isEqualTo(1);
    }

    @Test
    void payoutAccountNumbersActLikeABankInTrouble() throws GatewayException {
        assertDeclined(() -> gateway.payout(account("9999999"), 100, unique("k")), "bank-unavailable", true);
        assertDeclined(() -> gateway.payout(account("9999997"), 100, unique("k")), "account-closed", false);
        String never = unique("k");
        timedOut(() -> gateway.payout(account("9999996"), 100, never));
        assertThat(fixture.moved(never)).isZero();

        String once = unique("k");
        timedOut(() -> gateway.payout(account("9999998"), 100, once));
        assertThat(fixture.moved(once)).as("the money moved").isEqualTo(1);
        assertThat(gateway.payout(account("9999998"), 100, once).replayed()).isTrue();
        assertThat(fixture.moved(once)).isEqualTo(1);
    }

    // ---- like a provider, apart from the caller ----------------------------------------------------

    @Test
    void moneyThatMovedStaysMovedWhenTheCallersTransactionRollsBack() {
        GatewayPayment payment = card(unique("pay"), "CAPTURED", 1000);
        String key = unique("k");
        TransactionTemplate callers = new TransactionTemplate(new DataSourceTransactionManager(database));
        callers.executeWithoutResult(status -> {
            try {
                gateway.refund(payment, 700, key);
            } catch (GatewayException e) {
                throw new AssertionError(e);
            }
            status.setRollbackOnly();
        });
        assertThat(fixture.books(payment.reference()).refunded()).isEqualTo(700);
        assertThat(fixture.moved(key)).isEqualTo(1);
    }

    @Test
    void logsNameReferenceKeyAndAmountButNeitherAccountNumberNorHolder() throws GatewayException {
        Logger logger = (Logger) LoggerFactory.getLogger(BuiltInGateway.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        String reference = unique("pay");
        String refundKey = unique("k");
        try {
            gateway.payout(BankAccount.of("0005", "123", "ORDINARY", "7654321", "ヤマダ タロウ"), 990, unique("k"));
            assertDeclined(() -> gateway.payout(BankAccount.of("0005", "123", "ORDINARY", "9999999", "ヤマダ タロウ"), 990,
                    unique("k")), "bank-unavailable", true);
            gateway.refund(card(reference, "CAPTURED", 5000), 1234, refundKey);
        } finally {
            logger.detachAppender(appender);
        }
        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("0005-123 ORDINARY ****321").contains("990"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("0005-123 ORDINARY ****999").contains("bank-unavailable"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(reference).contains(refundKey).contains("1234"));
        assertThat(String.join("\n", lines)).doesNotContain("7654321").doesNotContain("9999999")
                .doesNotContain("ﾔﾏﾀﾞ").doesNotContain("ヤマダ");
    }

    // ---- the checkout's part -------------------------------------------------------------------------

    @Test
    void authoriseAndCaptureKeepTheBooksAsACheckoutWould() {
        BuiltInGateway.Books authorised = gateway.authorize(null, "PAYPAY", 3000, "20261120000000017");
        assertThat(authorised.reference()).startsWith("pay_");
        assertThat(authorised.status()).isEqualTo("AUTHORIZED");
        assertThat(authorised.voidable()).isEqualTo(3000);
        assertThat(authorised.operations()).extracting(BuiltInGateway.Entry::operation).containsExactly("AUTHORIZE");

        String reference = authorised.reference();
        assertThatThrownBy(() -> gateway.authorize(reference, "PAYPAY", 100))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.type()).isEqualTo("payment-exists"));
        assertThatThrownBy(() -> gateway.capture(reference, 3001L))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.type()).isEqualTo("amount-exceeds-remaining"));
        BuiltInGateway.Books captured = gateway.capture(reference, null);
        assertThat(captured.captured()).isEqualTo(3000);
        assertThat(captured.refundable()).isEqualTo(3000);
        assertThatThrownBy(() -> gateway.capture(reference, 1L))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.type()).isEqualTo("already-captured"));
        assertThatThrownBy(() -> gateway.capture(unique("nothing"), 1L)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void authorisingNeedsAKnownMethodAPositiveAmountAndAUsableReference() {
        List<Executable> refused = List.of(
                () -> gateway.authorize(null, "KONBINI", 100),
                () -> gateway.authorize(null, null, 100),
                () -> gateway.authorize(null, "CREDIT_CARD", 0),
                () -> gateway.authorize("with space", "CREDIT_CARD", 100),
                () -> gateway.authorize("x".repeat(101), "CREDIT_CARD", 100));
        for (Executable e : refused) {
            assertThatThrownBy(e::execute).isInstanceOf(InvalidRequestException.class);
        }
    }
}

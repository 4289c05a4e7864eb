package dev.zaiko.payment;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.zaiko.platform.SecretBox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The gateway of a shop that has connected no provider (the default, {@code zaiko.payment.gateway}
 * unset or {@code manual}): it moves no money itself. Every void, refund and payout becomes a
 * {@link ManualTask} for a person, and the call is answered {@link GatewayReceipt#PENDING}; once a
 * person carried it out and confirmed it with the provider's reference ({@link ManualTasks#confirm}),
 * a call with the same idempotency key is answered {@link GatewayReceipt#SETTLED} with that
 * reference. So nothing is reported as refunded that a person did not confirm.
 * <p>
 * One task per idempotency key: a repeated call, a retry or two instances racing find the same
 * task; the same key with a different request is declined ({@code idempotency-key-reused}). The
 * task is recorded apart from the caller's transaction, as a provider's books would be.
 */
public class ManualGateway implements PaymentGateway {

    public static final String NAME = "manual";

    private static final Logger log = LoggerFactory.getLogger(ManualGateway.class);

    private final ManualTaskStore store;
    private final TransactionTemplate apart;
    private final Clock clock;
    private final SecretBox secrets;

    public ManualGateway(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock, SecretBox secrets) {
        this.store = new ManualTaskStore(jdbc, secrets);
        this.secrets = secrets;
        this.apart = new TransactionTemplate(transactions);
        this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GatewayReceipt voidAuthorization(GatewayPayment payment, long amount, String idempotencyKey)
            throws GatewayException {
        return onPayment(GatewayReceipt.VOID, payment, amount, idempotencyKey);
    }

    @Override
    public GatewayReceipt refund(GatewayPayment payment, long amount, String idempotencyKey) throws GatewayException {
        return onPayment(GatewayReceipt.REFUND, payment, amount, idempotencyKey);
    }

    @Override
    public GatewayReceipt payout(BankAccount account, long amount, String idempotencyKey) throws GatewayException {
        Objects.requireNonNull(account, "account");
        check(amount, idempotencyKey);
        String digest = digest(GatewayReceipt.PAYOUT, account.bankCode(), account.branchCode(), account.type().name(),
                account.number(), account.holderName(), Long.toString(amount));
        return task(new ManualTask(UUID.randomUUID(), idempotencyKey, GatewayReceipt.PAYOUT, null, null, null, amount,
                "JPY", account.masked(), account, ManualTask.Status.OPEN, now(), null, null, null), digest);
    }

    private GatewayReceipt onPayment(String operation, GatewayPayment payment, long amount, String key)
            throws GatewayException {
        Objects.requireNonNull(payment, "payment");
        check(amount, key);
        if (payment.reference() == null || payment.reference().isBlank()) {
            throw new GatewayDeclined("no-such-payment", "the payment has no reference", false);
        }
        String digest = digest(operation, payment.reference(), Long.toString(amount));
        return task(new ManualTask(UUID.randomUUID(), key, operation, payment.reference(), payment.method(),
                payment.orderNumber(), amount, "JPY", null, null, ManualTask.Status.OPEN, now(), null, null, null),
                digest);
    }

    private GatewayReceipt task(ManualTask asked, String digest) throws GatewayDeclined {
        ManualTaskStore.Keyed found = apart.execute(status -> {
            store.open(asked, digest);
            return store.byKey(asked.idempotencyKey()).orElseThrow();
        });
        ManualTask task = found.task();
        if (!found.digest().equals(digest)) {
            throw new GatewayDeclined("idempotency-key-reused", "idempotency key " + asked.idempotencyKey()
                    + " was used for a different request", false);
        }
        if (task.status() == ManualTask.Status.CONFIRMED) {
            return new GatewayReceipt(task.confirmedReference(), task.operation(), task.amount(), task.confirmedAt(),
                    false, GatewayReceipt.SETTLED);
        }
        boolean first = task.id().equals(asked.id());
        if (first) {
            log.info("Manual payment task {} opened: {} of {} {} for order {} ({}); a person carries it out and "
                    + "confirms it", task.id(), task.operation(), task.amount(), task.currency(), task.orderNumber(),
                    task.payeeMasked() == null ? task.paymentReference() : task.payeeMasked());
        }
        return new GatewayReceipt("manual:" + task.id(), task.operation(), task.amount(), task.createdAt(), !first,
                GatewayReceipt.PENDING);
    }

    private static void check(long amount, String key) throws GatewayDeclined {
        if (key == null || key.isBlank() || key.length() > BuiltInGateway.MAX_KEY_LENGTH) {
            throw new GatewayDeclined("invalid-idempotency-key", "an idempotency key of 1 to "
                    + BuiltInGateway.MAX_KEY_LENGTH + " characters is required", false);
        }
        if (amount <= 0) throw new GatewayDeclined("invalid-amount", "the amount must be positive", false);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Keyed (HMAC), as a payout's request names an account number that must not be guessable from it. */
    private String digest(String... parts) {
        return secrets.digest("manual-task-request", String.join("|", parts));
    }
}

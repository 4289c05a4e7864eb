package dev.zaiko.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.platform.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A payment gateway for development and tests that behaves like a provider: it keeps its own
 * books ({@code gateway_*} tables), holds every payment to them, answers a repeated idempotency
 * key with the first outcome, and declines or times out on the magic references and account
 * numbers a provider's sandbox uses (docs/payment-gateway.md).
 * <p>
 * A real checkout authorises through the provider. Here a developer or test plays that part with
 * {@link #authorize} and {@link #capture}, or lets the gateway open a payment the first time a
 * {@link GatewayPayment} names it, with that payment's method, status and amount.
 */
public class BuiltInGateway implements PaymentGateway {

    public static final String NAME = "built-in";

    /** Payout account numbers that act like a bank in trouble (a holder's name cannot carry magic words). */
    static final String BANK_UNAVAILABLE = "9999999";
    static final String BANK_TIMEOUT_ONCE = "9999998";
    static final String ACCOUNT_CLOSED = "9999997";
    static final String BANK_TIMEOUT = "9999996";

    static final Set<String> METHODS = Set.of("CREDIT_CARD", "DEBIT_CARD", "PAYPAY");
    static final int MAX_KEY_LENGTH = 255;
    static final int MAX_REFERENCE_LENGTH = 100;

    private static final Logger log = LoggerFactory.getLogger(BuiltInGateway.class);

    private final GatewayStore store;
    private final TransactionTemplate apart;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final SecretBox secrets;

    /** @param secrets keys the payout digests ({@link #digest}) */
    public BuiltInGateway(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock, SecretBox secrets) {
        this.store = new GatewayStore(jdbc);
        this.tx = new TransactionTemplate(transactions);
        // A provider's books do not roll back with its caller: money that moved stays moved.
        this.apart = new TransactionTemplate(transactions);
        this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.secrets = secrets;
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
        String to = account.masked();
        check(GatewayReceipt.PAYOUT, to, amount, idempotencyKey);
        Simulation simulation = switch (account.number()) {
            case BANK_UNAVAILABLE -> Simulation.DECLINE;
            case ACCOUNT_CLOSED -> Simulation.HARD_DECLINE;
            case BANK_TIMEOUT -> Simulation.TIMEOUT;
            case BANK_TIMEOUT_ONCE -> Simulation.TIMEOUT_ONCE;
            default -> Simulation.NONE;
        };
        simulate(simulation, GatewayReceipt.PAYOUT, to, amount, idempotencyKey, "bank-unavailable",
                "the receiving bank is not accepting transfers right now", "account-closed",
                "the receiving account is closed");
        String digest = digest(secrets, account);
        Outcome outcome = apart.execute(status -> {
            store.lockKey(idempotencyKey);
            Optional<GatewayStore.Operation> first = store.operation(idempotencyKey);
            if (first.isPresent()) {
                GatewayStore.Operation o = first.get();
                boolean same = GatewayReceipt.PAYOUT.equals(o.operation()) && digest.equals(o.payoutDigest())
                        && o.amount() == amount;
                return same ? new Outcome.Replayed(receipt(o)) : reused(idempotencyKey);
            }
            GatewayStore.Operation o = new GatewayStore.Operation(transactionId(), idempotencyKey,
                    GatewayReceipt.PAYOUT, null, to, digest, amount, now());
            store.record(o);
            return new Outcome.Moved(receipt(o));
        });
        return answer(outcome, simulation, to, idempotencyKey);
    }

    private GatewayReceipt onPayment(String operation, GatewayPayment payment, long amount, String key)
            throws GatewayException {
        Objects.requireNonNull(payment, "payment");
        String reference = payment.reference();
        check(operation, reference, amount, key);
        if (reference == null || reference.isBlank()) {
            throw declined(operation, reference, amount, key, "no-such-payment", "the payment has no reference", false);
        }
        Simulation simulation = Simulation.of(reference);
        simulate(simulation, operation, reference, amount, key, "issuer-unavailable",
                "the card issuer is not answering right now", "card-closed", "the card or wallet is closed");
        Outcome outcome = apart.execute(status -> {
            store.lockKey(key);
            Optional<GatewayStore.Operation> first = store.operation(key);
            if (first.isPresent()) {
                GatewayStore.Operation o = first.get();
                boolean same = operation.equals(o.operation()) && reference.equals(o.reference()) && o.amount() == amount;
                return same ? new Outcome.Replayed(receipt(o)) : reused(key);
            }
            Optional<GatewayStore.Payment> known = store.lock(reference);
            if (known.isEmpty()) {
                Outcome refused = openOnFirstSight(payment);
                if (refused != null) return refused;
                known = store.lock(reference);
            }
            GatewayStore.Payment books = known.orElseThrow();
            Outcome refused = GatewayReceipt.VOID.equals(operation) ? refusedVoid(books, amount) : refusedRefund(books, amount);
            if (refused != null) return refused;
            if (GatewayReceipt.VOID.equals(operation)) store.addVoided(reference, amount);
            else store.addRefunded(reference, amount);
            GatewayStore.Operation o = new GatewayStore.Operation(transactionId(), key, operation, reference, null, null,
                    amount, now());
            store.record(o);
            return new Outcome.Moved(receipt(o));
        });
        return answer(outcome, simulation, reference, key);
    }

    private static Outcome refusedVoid(GatewayStore.Payment p, long amount) {
        if ("CAPTURED".equals(p.status())) {
            return new Outcome.Declined("already-captured", "the payment was captured: refund it instead", false);
        }
        long left = p.authorized() - p.voided() - p.captured();
        if (amount > left) {
            return new Outcome.Declined("amount-exceeds-remaining", "only " + left + " yen of the authorisation is "
                    + "left to void", false);
        }
        return null;
    }

    private static Outcome refusedRefund(GatewayStore.Payment p, long amount) {
        if (!"CAPTURED".equals(p.status())) {
            return new Outcome.Declined("not-captured", "the payment is only authorised: void it instead", false);
        }
        long left = p.captured() - p.refunded();
        if (amount > left) {
            return new Outcome.Declined("amount-exceeds-remaining", "only " + left + " yen of the capture is left "
                    + "to refund", false);
        }
        return null;
    }

    /**
     * Opens a payment the gateway has not seen, as the checkout would have: authorised for its
     * amount, and captured in full when its status says so. Null when opened (or opened by a
     * transaction that raced this one), a decline when the payment cannot be one of this gateway's.
     */
    private Outcome openOnFirstSight(GatewayPayment payment) {
        if (payment.method() == null || !METHODS.contains(payment.method())) {
            return new Outcome.Declined("unsupported-method", "this gateway takes card, debit card and PayPay payments, "
                    + "not " + payment.method(), false);
        }
        boolean captured = "CAPTURED".equals(payment.status()) || "PAID".equals(payment.status());
        if ((!captured && !"AUTHORIZED".equals(payment.status())) || payment.amount() < 0) {
            return new Outcome.Declined("no-such-payment", "no " + payment.status() + " payment of " + payment.amount()
                    + " yen exists under this reference", false);
        }
        Instant at = now();
        if (store.open(payment.reference(), payment.method(), payment.orderNumber(), payment.amount(), at)) {
            store.record(new GatewayStore.Operation(transactionId(), null, "AUTHORIZE", payment.reference(), null, null,
                    payment.amount(), at));
            if (captured) {
                store.capture(payment.reference(), payment.amount());
                store.record(new GatewayStore.Operation(transactionId(), null, "CAPTURE", payment.reference(), null,
                        null, payment.amount(), at));
            }
            log.info("Gateway opened payment {} ({} {}, {} yen) on first sight", payment.reference(), payment.method(),
                    payment.status(), payment.amount());
        }
        return null;
    }

    // ---- the checkout's part, for development and tests ----------------------------------------

    /**
     * Authorises a payment, as a checkout would through the provider.
     *
     * @param reference null for a generated one
     * @throws InvalidRequestException for an unknown method, an amount below 1 or an unusable reference
     * @throws ConflictException       {@code payment-exists} when the reference is taken
     */
    public Books authorize(String reference, String method, long amount) {
        return authorize(reference, method, amount, null);
    }

    public Books authorize(String reference, String method, long amount, String orderNumber) {
        String ref = reference == null ? "pay_" + UUID.randomUUID().toString().replace("-", "") : reference.strip();
        if (ref.isEmpty() || ref.length() > MAX_REFERENCE_LENGTH || !ref.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new InvalidRequestException("reference must be 1 to " + MAX_REFERENCE_LENGTH
                    + " visible ASCII characters without spaces, e.g. pay-1001 (or left out for a generated one)");
        }
        if (method == null || !METHODS.contains(method)) {
            throw new InvalidRequestException("unsupported-method", "method must be CREDIT_CARD, DEBIT_CARD or PAYPAY",
                    Map.of());
        }
        if (amount < 1) throw new InvalidRequestException("amount must be at least 1 yen");
        tx.executeWithoutResult(status -> {
            Instant at = now();
            if (!store.open(ref, method, orderNumber, amount, at)) {
                throw new ConflictException("payment-exists", "A payment with reference " + ref + " already exists.",
                        Map.of("reference", ref));
            }
            store.record(new GatewayStore.Operation(transactionId(), null, "AUTHORIZE", ref, null, null, amount, at));
        });
        log.info("Gateway authorised payment {} ({}, {} yen)", ref, method, amount);
        return books(ref).orElseThrow();
    }

    /**
     * Captures an authorised payment once, as a checkout does when it ships; what was authorised
     * and not captured is released with it.
     *
     * @param amount null for all that is still authorised
     * @throws NotFoundException for an unknown reference
     * @throws ConflictException {@code already-captured}, or {@code amount-exceeds-remaining}
     */
    public Books capture(String reference, Long amount) {
        tx.executeWithoutResult(status -> {
            GatewayStore.Payment p = store.lock(reference)
                    .orElseThrow(() -> new NotFoundException("No payment with reference " + reference + "."));
            if ("CAPTURED".equals(p.status())) {
                throw new ConflictException("already-captured", "Payment " + reference + " was already captured.",
                        Map.of("captured", p.captured()));
            }
            long left = p.authorized() - p.voided();
            long capture = amount == null ? left : amount;
            if (capture < 1) throw new InvalidRequestException("amount must be at least 1 yen");
            if (capture > left) {
                throw new ConflictException("amount-exceeds-remaining", "Only " + left + " yen of payment " + reference
                        + " is authorised and not voided.", Map.of("remaining", left));
            }
            store.capture(reference, capture);
            store.record(new GatewayStore.Operation(transactionId(), null, "CAPTURE", reference, null, null, capture,
                    now()));
        });
        log.info("Gateway captured payment {}", reference);
        return books(reference).orElseThrow();
    }

    /**
     * A payment's books and every operation on it, oldest first.
     *
     * @param status     {@code AUTHORIZED} or {@code CAPTURED}
     * @param voidable   what a void may still release (0 once captured)
     * @param refundable what a refund may still give back
     */
    public record Books(String reference, String method, String orderNumber, String status, long authorized,
                        long captured, long voided, long refunded, long voidable, long refundable, Instant openedAt,
                        List<Entry> operations) {
    }

    /** @param idempotencyKey null for the checkout's authorisation and capture */
    public record Entry(String transactionId, String operation, long amount, String idempotencyKey, Instant at) {
    }

    public Optional<Books> books(String reference) {
        return store.find(reference).map(p -> new Books(p.reference(), p.method(), p.orderNumber(), p.status(),
                p.authorized(), p.captured(), p.voided(), p.refunded(),
                "CAPTURED".equals(p.status()) ? 0 : p.authorized() - p.voided(), p.captured() - p.refunded(),
                p.openedAt(), store.operations(reference).stream().map(o -> new Entry(o.transactionId(), o.operation(),
                        o.amount(), o.key(), o.at())).toList()));
    }

    // ---- how a call ends ------------------------------------------------------------------------

    private sealed interface Outcome {
        record Moved(GatewayReceipt receipt) implements Outcome {
        }

        record Replayed(GatewayReceipt receipt) implements Outcome {
        }

        record Declined(String code, String message, boolean retryable) implements Outcome {
        }
    }

    private enum Simulation {
        NONE, DECLINE, HARD_DECLINE, TIMEOUT, TIMEOUT_ONCE;

        static Simulation of(String reference) {
            String r = reference.toLowerCase(Locale.ROOT);
            if (r.contains("hard-decline")) return HARD_DECLINE;
            if (r.contains("decline")) return DECLINE;
            if (r.contains("timeout-once")) return TIMEOUT_ONCE;
            if (r.contains("timeout")) return TIMEOUT;
            return NONE;
        }
    }

    private Outcome reused(String key) {
        return new Outcome.Declined("idempotency-key-reused", "idempotency key " + key + " was used for a different "
                + "request; a new request needs a new key", false);
    }

    /** Refuses what no provider would accept before it moves anything. */
    private void check(String operation, String target, long amount, String key) throws GatewayDeclined {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw declined(operation, target, amount, key, "invalid-idempotency-key", "an idempotency key of 1 to "
                    + MAX_KEY_LENGTH + " characters is required", false);
        }
        if (amount < 1) {
            throw declined(operation, target, amount, key, "invalid-amount", "the amount must be at least 1 yen", false);
        }
    }

    private void simulate(Simulation simulation, String operation, String target, long amount, String key,
                          String unavailable, String unavailableMessage, String closed, String closedMessage)
            throws GatewayException {
        switch (simulation) {
            case DECLINE -> throw declined(operation, target, amount, key, unavailable, unavailableMessage, true);
            case HARD_DECLINE -> throw declined(operation, target, amount, key, closed, closedMessage, false);
            case TIMEOUT -> {
                log.info("Gateway {} {} yen on {} (key {}): no answer, nothing moved", operation, amount, target, key);
                throw new GatewayTimeout("no answer from the " + NAME + " gateway in time");
            }
            default -> {
            }
        }
    }

    private GatewayReceipt answer(Outcome outcome, Simulation simulation, String target, String key)
            throws GatewayException {
        if (outcome instanceof Outcome.Declined d) {
            log.info("Gateway declined key {} on {}: {} ({})", key, target, d.code(), d.message());
            throw new GatewayDeclined(d.code(), d.message(), d.retryable());
        }
        if (outcome instanceof Outcome.Replayed r) {
            GatewayReceipt receipt = r.receipt().replay();
            log.info("Gateway {} {} yen on {} (key {}): repeated key, answered {} again, nothing moved",
                    receipt.operation(), receipt.amount(), target, key, receipt.transactionId());
            return receipt;
        }
        GatewayReceipt receipt = ((Outcome.Moved) outcome).receipt();
        log.info("Gateway {} {} yen on {} (key {}): {}", receipt.operation(), receipt.amount(), target, key,
                receipt.transactionId());
        if (simulation == Simulation.TIMEOUT_ONCE) {
            log.info("Gateway {} on {} (key {}): the money moved, the answer is lost", receipt.transactionId(), target,
                    key);
            throw new GatewayTimeout("no answer from the " + NAME + " gateway in time");
        }
        return receipt;
    }

    private static GatewayDeclined declined(String operation, String target, long amount, String key, String code,
                                            String message, boolean retryable) {
        log.info("Gateway declined {} {} yen on {} (key {}): {} ({})", operation, amount, target, key, code, message);
        return new GatewayDeclined(code, message, retryable);
    }

    private static GatewayReceipt receipt(GatewayStore.Operation o) {
        return new GatewayReceipt(o.transactionId(), o.operation(), o.amount(), o.at(), false);
    }

    /** PostgreSQL keeps microseconds: a replayed receipt then carries exactly the first one's time. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String transactionId() {
        return "gw_" + UUID.randomUUID().toString().replace("-", "");
    }

    static final String DIGEST_PURPOSE = "gateway_operation.payout_digest";

    /**
     * Tells whether a repeated key names the same account as the first call, with the number out of
     * sight in the table: a keyed digest ({@link SecretBox#digest}) of the account's SHA-256, so that
     * neither the number nor a hash one could try every 10^7 numbers against is stored. Digests kept
     * before were the bare SHA-256; migration 26.3 keyed them the same way, so they still match.
     */
    static String digest(SecretBox secrets, BankAccount a) {
        return secrets.digest(DIGEST_PURPOSE, legacyDigest(a));
    }

    /** The SHA-256 of the whole account, what payout_digest held before secrets at rest. */
    static String legacyDigest(BankAccount a) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(String.join("|", a.bankCode(), a.branchCode(),
                    a.type().name(), a.number(), a.holderName()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}

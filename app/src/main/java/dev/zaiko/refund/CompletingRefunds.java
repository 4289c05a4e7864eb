package dev.zaiko.refund;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.zaiko.order.Order;
import dev.zaiko.order.OrderNumber;
import dev.zaiko.order.Orders;
import dev.zaiko.payment.BankAccount;
import dev.zaiko.payment.GatewayException;
import dev.zaiko.payment.GatewayPayment;
import dev.zaiko.payment.GatewayReceipt;
import dev.zaiko.payment.GatewayTimeout;
import dev.zaiko.payment.ManualTask;
import dev.zaiko.payment.ManualTasks;
import dev.zaiko.payment.PaymentGateway;
import dev.zaiko.wallet.Credit;
import dev.zaiko.wallet.CouponReturn;
import dev.zaiko.wallet.Wallets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One attempt at giving a refund back, run by the durable job {@value RefundJobs#ATTEMPT_TASK}.
 * <p>
 * The attempt is marked PROCESSING and committed before the gateway is called, and the answer is
 * recorded in a second transaction: no database lock is held while a provider thinks. Every call
 * carries the refund's idempotency key, the same for every attempt, so an attempt that died after
 * the money moved, or whose answer got lost (a timeout), moves nothing the second time. A
 * definite decline (no money moved) may be tried again under a new key. A failure that may pass
 * is retried with a doubling wait; after {@code zaiko.refund.max-attempts}, or at once for a
 * refusal that will not change, the refund is FAILED and flagged for a person.
 * Ledger routes (gift balance, points, coupon) run in one transaction with the completion.
 * <p>
 * A gateway that answers {@link GatewayReceipt#pending() pending} (the manual route) moved no
 * money: the refund waits in AWAITING_CONFIRMATION, under way but not completed, until a person
 * confirms the task ({@link ConfirmingManualRefunds}); the attempt after that asks the gateway
 * again with the same key and completes the refund with the settled receipt, like any other.
 */
@Service
public class CompletingRefunds {

    private static final Logger log = LoggerFactory.getLogger(CompletingRefunds.class);

    /** What the job does next with the refund's execution. */
    record Next(Instant retryAt) {
        static final Next DONE = new Next(null);
    }

    private final RefundStore store;
    private final Orders orders;
    private final PaymentGateway gateway;
    private final ManualTasks manualTasks;
    private final Wallets wallets;
    private final RefundProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    CompletingRefunds(RefundStore store, Orders orders, PaymentGateway gateway, ManualTasks manualTasks,
                      Wallets wallets, RefundProperties properties, ApplicationEventPublisher events,
                      PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.orders = orders;
        this.gateway = gateway;
        this.manualTasks = manualTasks;
        this.wallets = wallets;
        this.properties = properties;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    Next attempt(UUID id) {
        Optional<Refund> started = tx.execute(t -> start(id));
        if (started == null || started.isEmpty()) return Next.DONE;
        Refund r = started.get();
        Order order = orders.get(OrderNumber.parse(r.orderNumber()));
        Route.Settlement settlement = r.route().settlement();
        if (settlement == Route.Settlement.GATEWAY_VOID || settlement == Route.Settlement.GATEWAY_REFUND
                || settlement == Route.Settlement.PAYOUT) {
            GatewayReceipt receipt;
            try {
                receipt = callGateway(r, order);
            } catch (GatewayException e) {
                return tx.execute(t -> failed(id, e.code(), e.getMessage(), e.retryable(), e instanceof GatewayTimeout));
            } catch (RuntimeException e) {
                // the provider's client failed in a way it does not name: the money may have moved, keep the key
                log.warn("Refund {} for order {}: the gateway call failed: {}", id, r.orderNumber(), e.toString());
                return tx.execute(t -> failed(id, "gateway-error", e.getClass().getSimpleName(), true, true));
            }
            // recording the answer is not the gateway's failure: should it fail, the job runs the
            // attempt again and the same key gets the same answer
            if (receipt.pending()) return tx.execute(t -> awaitConfirmation(id, receipt));
            return tx.execute(t -> complete(id, receipt.transactionId(), outcome(receipt)));
        }
        if (r.route() == Route.MARKETPLACE) {
            // only a person sends a marketplace refund off again (after the platform refused the
            // cancellation): they settled it with the marketplace themselves
            return tx.execute(t -> complete(id, null, new LinkedHashMap<>(Map.of("settledByHand", true))));
        }
        try {
            return tx.execute(t -> {
                Map<String, Object> outcome = settleInLedger(r, order);
                return complete(id, "wallet:" + r.gatewayKey(), outcome);
            });
        } catch (RuntimeException e) {
            log.warn("Refund {} for order {} could not be settled in the ledger: {}", id, r.orderNumber(),
                    e.getClass().getSimpleName());
            return tx.execute(t -> giveUp(id, "ledger-refused", e.getMessage()));
        }
    }

    /** Marks the attempt; empty when there is nothing to attempt (done, waiting for an account, given up). */
    private Optional<Refund> start(UUID id) {
        Optional<Refund> found = store.lock(id);
        if (found.isEmpty()) return Optional.empty();
        Refund r = found.get();
        if (r.status() != RefundStatus.REQUESTED && r.status() != RefundStatus.RETRYING
                && r.status() != RefundStatus.PROCESSING) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        int attempts = r.attempts() + 1;
        store.attempted(id, attempts, null, r.lastError(), false);
        if (r.status() != RefundStatus.PROCESSING) {
            store.changeStatus(id, r.status(), RefundStatus.PROCESSING, r.route(), "system",
                    RefundNotes.attempt(attempts, r.route()), now);
        }
        return store.find(id);
    }

    private GatewayReceipt callGateway(Refund r, Order order) throws GatewayException {
        String key = r.gatewayKey();
        switch (r.route().settlement()) {
            case GATEWAY_VOID -> {
                return gateway.voidAuthorization(payment(order), r.amount(), key);
            }
            case GATEWAY_REFUND -> {
                return gateway.refund(payment(order), r.amount(), key);
            }
            case PAYOUT -> {
                BankAccount account = store.account(r.orderNumber()).orElseThrow(() -> new IllegalStateException(
                        "Refund " + r.id() + " goes by bank transfer but no account is registered"));
                return gateway.payout(account, r.amount(), key);
            }
            default -> throw new IllegalStateException("Not a gateway route: " + r.route());
        }
    }

    private static GatewayPayment payment(Order order) {
        Order.Payment p = order.payment();
        String reference = p.reference() == null ? order.orderNumber().toString() : p.reference();
        return new GatewayPayment(reference, p.method(), p.status(), p.amount(), order.orderNumber().toString());
    }

    private Map<String, Object> settleInLedger(Refund r, Order order) {
        String key = "refund:" + r.gatewayKey();
        Map<String, Object> outcome = new LinkedHashMap<>();
        switch (r.route().settlement()) {
            case WALLET_GIFT_BALANCE -> {
                Credit credit = r.means() == Means.GIFT_BALANCE
                        ? wallets.returnGiftBalance(r.orderNumber(), r.amount(), key)
                        : wallets.creditGiftBalance(order.customer().email(), r.amount(), key,
                        "Refund of order " + r.orderNumber() + " (" + r.reason() + ")");
                credit(outcome, credit);
            }
            case WALLET_POINTS -> credit(outcome, wallets.returnPoints(r.orderNumber(), r.amount(), key));
            case WALLET_COUPON -> {
                CouponReturn back = wallets.returnCoupon(r.orderNumber(), r.amount(), key);
                outcome.put("couponCode", back.code());
                outcome.put("replacement", back.replacement());
                if (back.validUntil() != null) outcome.put("validUntil", back.validUntil().toString());
            }
            default -> throw new IllegalStateException("Not a ledger route: " + r.route());
        }
        return outcome;
    }

    private static void credit(Map<String, Object> outcome, Credit credit) {
        if (credit.restoredUntil() != null) outcome.put("validUntil", credit.restoredUntil().toString());
        if (credit.regranted() > 0) {
            outcome.put("regranted", credit.regranted());
            outcome.put("regrantedUntil", credit.regrantedUntil().toString());
        }
    }

    private static Map<String, Object> outcome(GatewayReceipt receipt) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("transactionId", receipt.transactionId());
        outcome.put("operation", receipt.operation());
        return outcome;
    }

    /**
     * The gateway accepted the refund as a task for a person: no money moved. Under the refund's
     * lock, which {@link ConfirmingManualRefunds} takes too before confirming: a confirmation that
     * came while the call was on its way is seen here, and the next attempt collects it at once.
     */
    private Next awaitConfirmation(UUID id, GatewayReceipt receipt) {
        Refund r = store.lock(id).orElseThrow();
        if (r.status() != RefundStatus.PROCESSING) return Next.DONE;
        Instant now = clock.instant();
        boolean confirmedMeanwhile = manualTasks.byKey(r.gatewayKey())
                .map(t -> t.status() == ManualTask.Status.CONFIRMED).orElse(false);
        if (confirmedMeanwhile) return new Next(now);
        store.attempted(id, r.attempts(), null, null, false);
        store.changeStatus(id, RefundStatus.PROCESSING, RefundStatus.AWAITING_CONFIRMATION, r.route(), "system",
                RefundNotes.awaitingConfirmation(gateway.name(), receipt.transactionId()), now);
        log.info("Refund {} for order {}: {} yen by {} waits for a person ({})", id, r.orderNumber(), r.amount(),
                r.route(), receipt.transactionId());
        return Next.DONE;
    }

    private Next complete(UUID id, String transactionId, Map<String, Object> outcome) {
        Refund r = store.lock(id).orElseThrow();
        if (r.status() != RefundStatus.PROCESSING) return Next.DONE; // settled meanwhile (a person, another run)
        Instant now = clock.instant();
        // carried out by hand: the person who confirmed it, from the refund's own history
        String confirmedBy = r.history().stream()
                .filter(h -> h.from() == RefundStatus.AWAITING_CONFIRMATION && h.to() == RefundStatus.REQUESTED)
                .reduce((first, last) -> last).map(Refund.Change::actor).orElse(null);
        if (confirmedBy != null) outcome.put("confirmedBy", confirmedBy);
        store.completed(id, transactionId, outcome, now);
        store.changeStatus(id, RefundStatus.PROCESSING, RefundStatus.COMPLETED, r.route(), "system",
                RefundNotes.completed(r.route(), transactionId), now);
        events.publishEvent(new RefundCompleted(id.toString(), r.orderNumber(), r.lineNo(), r.reason(),
                r.means().name(), r.route().name(), r.amount(), r.expectedBy(), now, confirmedBy,
                confirmedBy == null ? null : transactionId));
        log.info("Refund {} for order {} completed: {} yen by {}", id, r.orderNumber(), r.amount(), r.route());
        return Next.DONE;
    }

    /** @param outcomeUnknown the money may have moved (a timeout): the next attempt keeps the key */
    private Next failed(UUID id, String code, String message, boolean retryable, boolean outcomeUnknown) {
        Refund r = store.lock(id).orElseThrow();
        if (r.status() != RefundStatus.PROCESSING) return Next.DONE;
        if (!outcomeUnknown) {
            // a definite answer: no money moved under this key, so the next try may use a fresh one
            store.renewGatewayKey(id, r.id() + ":" + r.attempts());
        }
        if (!retryable) return giveUp(id, code, message);
        if (r.attempts() >= properties.maxAttempts()) {
            return giveUp(id, code, "Still failing after " + r.attempts() + " attempts: " + message);
        }
        Instant now = clock.instant();
        Instant next = now.plus(properties.retryAfter(r.attempts()));
        store.attempted(id, r.attempts(), next, code + ": " + message, false);
        store.changeStatus(id, RefundStatus.PROCESSING, RefundStatus.RETRYING, r.route(), "system",
                RefundNotes.retrying(r.attempts(), code, next, clock.getZone()), now);
        log.info("Refund {} for order {}: attempt {} failed ({}), next at {}", id, r.orderNumber(), r.attempts(),
                code, next);
        return new Next(next);
    }

    private Next giveUp(UUID id, String code, String message) {
        Refund r = store.lock(id).orElseThrow();
        if (r.status() != RefundStatus.PROCESSING) return Next.DONE;
        Instant now = clock.instant();
        String why = code + ": " + message;
        store.attempted(id, r.attempts(), null, why, true);
        store.changeStatus(id, RefundStatus.PROCESSING, RefundStatus.FAILED, r.route(), "system",
                RefundNotes.givenUp(r.attempts(), code), now);
        events.publishEvent(new RefundNeedsAttention(id.toString(), r.orderNumber(), r.route().name(), r.amount(),
                why, now));
        log.warn("Refund {} for order {} FAILED after {} attempt(s): {}", id, r.orderNumber(), r.attempts(), code);
        return Next.DONE;
    }
}

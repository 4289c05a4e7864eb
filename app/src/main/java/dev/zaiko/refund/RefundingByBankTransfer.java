package dev.zaiko.refund;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zaiko.payment.BankAccount;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.shop.BusinessDays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer registers a bank account for a refund that waits for one: every refund of the
 * order still waiting then goes by bank transfer. For a convenience-store payment this must
 * happen before the deadline; after it the gift balance is the customer's refund for good.
 */
@Service
public class RefundingByBankTransfer {

    private static final Logger log = LoggerFactory.getLogger(RefundingByBankTransfer.class);

    private final RefundStore store;
    private final RequestingRefunds requesting;
    private final BusinessDays calendar;
    private final TransactionTemplate tx;
    private final Clock clock;

    RefundingByBankTransfer(RefundStore store, RequestingRefunds requesting, BusinessDays calendar,
                            PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.requesting = requesting;
        this.calendar = calendar;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * @return the order's refunds as they are now
     * @throws NotFoundException  no such refund
     * @throws ConflictException  {@code refund-not-awaiting-account} (it goes another way, or an account
     *                            came already), {@code bank-account-deadline-passed}
     */
    public List<Refund> register(UUID refundId, BankAccount account) {
        return tx.execute(t -> {
            Refund found = store.find(refundId).orElseThrow(() -> noRefund(refundId));
            store.lockOrder(found.orderNumber());
            Refund r = store.lock(refundId).orElseThrow();
            Instant now = clock.instant();
            if (r.status() != RefundStatus.AWAITING_ACCOUNT) {
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("id", refundId.toString());
                facts.put("refundStatus", r.status().name());
                facts.put("route", r.route().name());
                throw new ConflictException("refund-not-awaiting-account", "Refund " + refundId + " does not wait "
                        + "for a bank account: it goes back by " + r.route() + " and is " + r.status() + ". Nothing "
                        + "was registered.", facts);
            }
            if (r.route() == Route.KONBINI && !now.isBefore(r.accountDeadline())) {
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("id", refundId.toString());
                facts.put("deadline", r.accountDeadline().toString());
                throw new ConflictException("bank-account-deadline-passed", "The deadline to choose a bank transfer "
                        + "for refund " + refundId + " was " + r.accountDeadline() + ". The amount goes to the "
                        + "customer's gift balance, and that is final. Nothing was registered.", facts);
            }
            store.saveAccount(r.orderNumber(), account, now);
            LocalDate today = LocalDate.ofInstant(now, clock.getZone());
            LocalDate from = calendar.plusBusinessDays(today, Route.BANK_TRANSFER.fromDays());
            LocalDate by = calendar.plusBusinessDays(today, Route.BANK_TRANSFER.toDays());
            for (Refund waiting : store.ofOrder(r.orderNumber())) {
                if (waiting.status() != RefundStatus.AWAITING_ACCOUNT) continue;
                store.lock(waiting.id());
                store.changeStatus(waiting.id(), RefundStatus.AWAITING_ACCOUNT, RefundStatus.REQUESTED,
                        Route.BANK_TRANSFER, "customer", RefundNotes.accountRegistered(account.masked()), now);
                store.expected(waiting.id(), from, by);
                requesting.scheduleAttempt(waiting.id(), now);
            }
            log.info("Bank account {} registered for the refunds of order {}", account.masked(), r.orderNumber());
            return store.ofOrder(r.orderNumber());
        });
    }

    static NotFoundException noRefund(UUID id) {
        return new NotFoundException("No refund " + id + ".");
    }
}

package dev.zaiko.stockout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.order.ChangingOrderLines;
import dev.zaiko.order.OrderNumber;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out a case's decision: the chosen option must be one that is offered now; the
 * chosen {@link StockoutChoice} (each listed once in {@link StockoutChoices}) changes the order,
 * the decision is recorded, the case is RESOLVED and {@link StockoutDecided} (and
 * {@link RefundRequested} when money goes back, under the choice's cause) is published, all in
 * one transaction.
 * <p>
 * Two decisions on one case at once: the case row is locked first, so the second waits, then
 * finds the case RESOLVED and gets 409 {@code stockout-already-decided}; the decision table's
 * primary key backs this up.
 */
@Service
public class DecidingStockout {

    private static final Logger log = LoggerFactory.getLogger(DecidingStockout.class);

    private final StockoutCases cases;
    private final StockoutStore store;
    private final ComputingOptions options;
    private final ChangingOrderLines lines;
    private final StockoutOptionsProperties policy;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private final TransactionTemplate eachAlone;

    DecidingStockout(StockoutCases cases, StockoutStore store, ComputingOptions options, ChangingOrderLines lines,
                     StockoutOptionsProperties policy, ApplicationEventPublisher events, Clock clock,
                     PlatformTransactionManager transactions) {
        this.eachAlone = new TransactionTemplate(transactions);
        this.eachAlone.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.cases = cases;
        this.store = store;
        this.options = options;
        this.lines = lines;
        this.policy = policy;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param substituteSku required for SUBSTITUTE: one of the offered candidates
     * @param decidedBy     who decided (staff or {@code customer}); {@code api} when not said
     * @param note          what the customer said, for the record
     */
    public record Decision(Choice choice, String substituteSku, String decidedBy, String note) {
    }

    /**
     * @throws dev.zaiko.platform.NotFoundException no such case
     * @throws ConflictException {@code stockout-already-decided}, {@code stockout-withdrawn} (the channel
     *                           cancelled the order: see {@link StockoutLifecycle}), {@code option-not-offered},
     *                           {@code substitute-not-offered}, or the order's own conflicts
     *                           ({@code substitute-unavailable}, {@code transfer-unavailable},
     *                           {@code line-not-awaiting-decision})
     * @throws InvalidRequestException a SUBSTITUTE without a substituteSku
     */
    @Transactional
    public StockoutDecision decide(String id, Decision decision) {
        if (decision.choice() == null) {
            throw new InvalidRequestException("choice is required: one of " + List.of(Choice.values()) + ".");
        }
        Locked locked = lock(id);
        StockoutCase.Withdrawal withdrawn = locked.c().withdrawal();
        if (withdrawn != null) {
            throw new ConflictException("stockout-withdrawn", "Stockout case " + locked.c().id() + " was closed "
                    + "without a decision: the order was cancelled on channel " + withdrawn.channel() + " ("
                    + withdrawn.reason() + "). Nothing is left to decide.", Map.of("id", locked.c().id(),
                    "caseStatus", locked.status().name(), "withdrawn", withdrawn.reason()));
        }
        if (locked.status() == StockoutStatus.RESOLVED || locked.status() == StockoutStatus.CLOSED) {
            Optional<StockoutDecision> earlier = store.decision(locked.c().id());
            throw new ConflictException("stockout-already-decided", "Stockout case " + locked.c().id()
                    + " is already " + locked.status() + (earlier.map(d -> " (" + d.choice() + " by " + d.decidedBy()
                    + ")").orElse("")) + ".", Map.of("id", locked.c().id(), "caseStatus", locked.status().name(),
                    "decided", earlier.map(d -> d.choice().name()).orElse("")));
        }
        return carryOut(locked, options.of(locked.c()), decision, false);
    }

    /** The case with its row locked, read after the lock so that it is as current as the status. */
    private record Locked(StockoutCase c, StockoutStatus status) {
    }

    private Locked lock(String id) {
        String normalized = id == null ? "" : StockoutCases.normalized(id);
        StockoutStatus status = store.lockStatus(normalized).orElseThrow(() -> StockoutCases.noSuchCase(id));
        return new Locked(cases.get(normalized), status);
    }

    /**
     * The shop's default for every case whose time to answer ran out by now: CANCEL, or WAIT when
     * the shop prefers it and it is offered (else CANCEL, which always is). Each case in its own
     * transaction; a case decided meanwhile by someone else is skipped.
     *
     * @return the cases decided by default
     */
    public List<String> applyDefaults(int max) {
        List<String> due = store.overdue(clock.instant(), policy.decisionLimit(), max);
        List<String> decided = new ArrayList<>();
        for (String id : due) {
            try {
                eachAlone.execute(t -> decideByDefault(id)).ifPresent(d -> decided.add(d.caseId()));
            } catch (RuntimeException e) {
                log.warn("Could not apply the default decision to stockout case {}: {}", id, e.getMessage());
            }
        }
        return decided;
    }

    /** One overdue case, decided by the shop's default unless it was decided or answered meanwhile. */
    @Transactional
    public Optional<StockoutDecision> decideByDefault(String id) {
        Locked locked = lock(id);
        if (locked.status() != StockoutStatus.OPEN && locked.status() != StockoutStatus.AWAITING_DECISION) {
            return Optional.empty();
        }
        Instant deadline = locked.c().decisionDeadline(policy.decisionLimit());
        if (deadline.isAfter(clock.instant())) return Optional.empty();
        StockoutOption.Options offered = options.of(locked.c());
        if (offered.offered().isEmpty()) return Optional.empty(); // the line was settled another way
        Choice choice = policy.defaultDecision() == Choice.WAIT && offered.offered(Choice.WAIT).isPresent()
                ? Choice.WAIT : Choice.CANCEL;
        return Optional.of(carryOut(locked, offered, new Decision(choice, null, "system",
                "No answer by " + deadline + "; the shop's default applies."), true));
    }

    /** Under the case's row lock, with the options as they are now. */
    private StockoutDecision carryOut(Locked locked, StockoutOption.Options now, Decision decision,
                                      boolean byDefault) {
        StockoutCase c = locked.c();
        StockoutStatus status = locked.status();
        StockoutOption option = now.offered(decision.choice()).orElseThrow(() -> notOffered(decision.choice(), now));
        String actor = decision.decidedBy() == null || decision.decidedBy().isBlank() ? "api"
                : decision.decidedBy().strip();
        OrderNumber number = OrderNumber.parse(c.orderNumber());
        String why = "Stockout case " + c.id() + ": " + decision.choice() + (byDefault ? " (shop's default)" : "")
                + " decided by " + actor + ".";
        StockoutChoice chosen = StockoutChoices.of(decision.choice());
        StockoutChoice.Outcome done = chosen.carryOut(new StockoutChoice.Carrying(lines, number, c.lineNo(), option,
                decision.substituteSku(), actor, why));
        ChangingOrderLines.Change change = done.change();
        String substitute = done.substituteSku();
        long refund = done.refund();
        long absorbed = done.absorbed();
        Instant at = clock.instant();
        StockoutDecision recorded = new StockoutDecision(c.id(), decision.choice(), change.lineNo(),
                change.unitsAffected(), substitute, option.promisedDate(), option.source(), refund, byDefault, actor,
                blankToNull(decision.note()), at, option);
        if (!store.insertDecision(recorded)) {
            throw new ConflictException("stockout-already-decided", "Stockout case " + c.id() + " was decided "
                    + "meanwhile.", Map.of("id", c.id()));
        }
        StockoutLifecycle.check(c.id(), status, StockoutStatus.RESOLVED);
        store.changeStatus(c.id(), StockoutStatus.RESOLVED);
        store.addHistory(c.id(), status, StockoutStatus.RESOLVED, actor,
                StockoutTexts.decided(decision.choice(), byDefault, actor), why, at);
        events.publishEvent(new StockoutDecided(c.id(), c.orderNumber(), c.lineNo(), change.lineNo(),
                decision.choice(), change.unitsAffected(), substitute, option.promisedDate(), option.source(), refund,
                absorbed, change.shippingFeeRefunded(), byDefault, actor, at));
        if (refund > 0 || change.shippingFeeRefunded() > 0) {
            events.publishEvent(new RefundRequested(c.id(), c.orderNumber(), change.lineNo(), refund, "JPY",
                    chosen.refundCause(), change.shippingFeeRefunded(), at));
        }
        log.info("Stockout case {} decided: {} on order {} line {} (line {} carries it), refund {} yen{}", c.id(),
                decision.choice(), c.orderNumber(), c.lineNo(), change.lineNo(), refund, byDefault ? ", by default" : "");
        return recorded;
    }

    private static ConflictException notOffered(Choice choice, StockoutOption.Options now) {
        String why = now.withheld().stream().filter(w -> w.choice() == choice).map(StockoutOption.NotOffered::code)
                .findFirst().orElse("decided");
        return new ConflictException("option-not-offered", choice + " is not offered for this case now (" + why
                + "); offered: " + now.offered().stream().map(o -> o.choice().name()).toList() + ".",
                Map.of("choice", choice.name(), "why", why));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }


    public Optional<StockoutDecision> decision(String caseId) {
        return store.decision(caseId);
    }

    /** When the customer's time to answer runs out and the shop's default applies. */
    public Instant deadline(StockoutCase c) {
        return c.decisionDeadline(policy.decisionLimit());
    }
}

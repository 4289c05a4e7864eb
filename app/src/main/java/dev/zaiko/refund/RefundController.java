package dev.zaiko.refund;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.zaiko.order.Order;
import dev.zaiko.order.OrderNumber;
import dev.zaiko.order.Orders;
import dev.zaiko.payment.BankAccount;
import dev.zaiko.platform.InvalidRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * {@code GET /api/refunds?order=} (an order's refunds and compensation),
 * {@code GET /api/refunds?attention=true} (what a person must settle), {@code GET /api/refunds/{id}},
 * {@code POST /api/refunds/{id}/bank-account}, {@code POST /api/refunds/{id}/retry},
 * {@code GET /api/refunds/reconciliation}. Customer texts are in the customer's language.
 */
@RestController
@RequestMapping("/api/refunds")
class RefundController {

    private static final int ATTENTION_LIMIT = 200;

    private final RefundStore store;
    private final Orders orders;
    private final RefundingByBankTransfer bankTransfer;
    private final RetryingRefunds retrying;
    private final ReconcilingRefunds reconciling;
    private final RefundTexts texts;
    private final Clock clock;

    RefundController(RefundStore store, Orders orders, RefundingByBankTransfer bankTransfer, RetryingRefunds retrying,
                     ReconcilingRefunds reconciling, RefundTexts texts, Clock clock) {
        this.store = store;
        this.orders = orders;
        this.bankTransfer = bankTransfer;
        this.retrying = retrying;
        this.reconciling = reconciling;
        this.texts = texts;
        this.clock = clock;
    }

    record RefundView(String id, String orderNumber, int lineNo, String reason, String means, String route,
                      String routeText, long amount, String currency, String status, String statusText,
                      LocalDate expectedFrom, LocalDate expectedBy, String customerText, Instant accountDeadline,
                      String bankAccount, int attempts, Instant nextAttemptAt, String lastError, boolean needsAttention,
                      String transactionId, Map<String, Object> outcome, String caseId, Instant requestedAt,
                      Instant completedAt, List<Step> history) {
    }

    /**
     * One step of a refund's history.
     *
     * @param note the step in the request's language (an older step: the English it was stored in)
     * @param code the note's bundle key, null for an older step
     * @param args the note's arguments as stored (codes, numbers), empty for an older step
     */
    record Step(RefundStatus from, RefundStatus to, Route route, String actor, String note, String code,
                List<String> args, Instant at) {
    }

    record CompensationView(String caseId, String kind, long amount, Integer percent, String couponCode,
                            LocalDate validUntil, String policy, Instant at) {
    }

    /**
     * @param due       what the order owes back now ({@link Order#refundDue()})
     * @param refunded  what its refunds give back, completed or under way
     * @param completed of which completed
     */
    record Totals(long paid, long due, long refunded, long completed) {
    }

    record OrderRefunds(String orderNumber, Totals totals, List<RefundView> refunds,
                        List<CompensationView> compensations) {
    }

    record Listing(List<RefundView> refunds) {
    }

    @Operation(summary = "List refunds",
            description = "With order=<number>: the order's refunds and compensations. Without it: attention=true lists refunds flagged for a person, status=<status> those in one status.")
    @GetMapping(params = "order")
    OrderRefunds ofOrder(@RequestParam String order, Locale locale) {
        Order found = orders.get(OrderNumber.parse(order.strip()));
        String number = found.orderNumber().toString();
        List<Refund> refunds = store.ofOrder(number);
        long refunded = refunds.stream().filter(r -> r.status().underWay()).mapToLong(Refund::amount).sum();
        long completed = refunds.stream().filter(r -> r.status() == RefundStatus.COMPLETED).mapToLong(Refund::amount)
                .sum();
        return new OrderRefunds(number, new Totals(found.payment().total(), found.refundDue(), refunded, completed),
                refunds.stream().map(r -> view(r, locale)).toList(),
                store.compensations(number).stream().map(c -> new CompensationView(c.caseId(), c.kind(), c.amount(),
                        c.percent(), c.couponCode(), c.validUntil(), c.policy(), c.at())).toList());
    }

    @Operation(summary = "List refunds",
            description = "With order=<number>: the order's refunds and compensations. Without it: attention=true lists refunds flagged for a person, status=<status> those in one status.")
    @GetMapping(params = "!order")
    Listing list(@RequestParam(required = false) Boolean attention, @RequestParam(required = false) String status,
                 Locale locale) {
        if (Boolean.TRUE.equals(attention)) {
            return new Listing(store.needingAttention(ATTENTION_LIMIT).stream().map(r -> view(r, locale)).toList());
        }
        if (status != null && !status.isBlank()) {
            return new Listing(store.withStatus(status(status), ATTENTION_LIMIT).stream().map(r -> view(r, locale)).toList());
        }
        throw new InvalidRequestException("Say which refunds: ?order=<order number>, ?attention=true or "
                + "?status=<" + String.join("|", java.util.Arrays.stream(RefundStatus.values()).map(Enum::name)
                .toList()) + ">.");
    }

    @Operation(summary = "Read a refund")
    @GetMapping("/{id}")
    RefundView get(@PathVariable String id, Locale locale) {
        UUID uuid = id(id);
        return view(store.find(uuid).orElseThrow(() -> RefundingByBankTransfer.noRefund(uuid)), locale);
    }

    /**
     * The customer's bank account for a refund waiting for one (convenience-store or bank-transfer
     * payment): {@code {"bankCode","branchCode","accountType":"ORDINARY|CHECKING|SAVINGS",
     * "accountNumber","holderName"}}. Answers with the order's refunds.
     */
    @Operation(summary = "Register the customer's bank account for a refund",
            description = "For a refund waiting for one (convenience-store or bank-transfer payment), before its deadline: the refund is then paid out to the account. Answers with the order's refunds.")
    @ApiResponse(responseCode = "200", description = "The order's refunds, with the account registered.")
    @ApiResponse(responseCode = "409", description = "The refund does not wait for an account or its deadline passed (refund-not-awaiting-account, bank-account-deadline-passed).")
    @PostMapping("/{id}/bank-account")
    OrderRefunds registerAccount(@PathVariable String id, @Valid @RequestBody AccountRequest request, Locale locale) {
        UUID uuid = id(id);
        BankAccount account = BankAccount.of(request.bankCode(), request.branchCode(), request.accountType(),
                request.accountNumber(), request.holderName());
        List<Refund> refunds = bankTransfer.register(uuid, account);
        return ofOrder(refunds.get(0).orderNumber(), locale);
    }

    record AccountRequest(@NotNull @Size(max = 10) String bankCode, @NotNull @Size(max = 10) String branchCode,
                          @NotNull @Size(max = 16) String accountType, @NotNull @Size(max = 16) String accountNumber,
                          @NotNull @Size(max = 60) String holderName) {
    }

    /** A person sends a FAILED refund off again: {@code {"by"?}}. */
    @Operation(summary = "Retry a failed refund",
            description = "A person sends a FAILED refund off again; `by` names who (default api).")
    @ApiResponse(responseCode = "200", description = "The refund, sent off again.")
    @ApiResponse(responseCode = "409", description = "The refund is not FAILED (refund-not-failed).")
    @PostMapping("/{id}/retry")
    RefundView retry(@PathVariable String id, @RequestBody(required = false) RetryRequest request, Locale locale) {
        String by = request == null || request.by() == null || request.by().isBlank() ? "api" : request.by().strip();
        return view(retrying.retry(id(id), by), locale);
    }

    record RetryRequest(@Size(max = 64) String by) {
    }

    @Operation(summary = "Reconcile refunds",
            description = "Compares what the orders say is owed with what was refunded, and lists the differences and what is still under way.")
    @GetMapping("/reconciliation")
    ReconcilingRefunds.Report reconciliation() {
        return reconciling.reconcile();
    }

    /** Customer texts in the customer's language; the history's notes in the request's. */
    private RefundView view(Refund r, Locale locale) {
        Locale customer = Locale.forLanguageTag(r.locale());
        return new RefundView(r.id().toString(), r.orderNumber(), r.lineNo(), r.reason(), r.means().name(),
                r.route().name(), texts.route(r.route(), customer), r.amount(), r.currency(), r.status().name(),
                texts.status(r.status(), customer), r.expectedFrom(), r.expectedBy(),
                texts.forCustomer(r, customer, clock.getZone()), r.accountDeadline(),
                r.route() == Route.BANK_TRANSFER ? store.account(r.orderNumber()).map(BankAccount::masked).orElse(null)
                        : null, r.attempts(), r.nextAttemptAt(), r.lastError(), r.needsAttention(), r.transactionId(),
                r.outcome(), r.caseId(), r.requestedAt(), r.completedAt(), r.history().stream().map(h -> new Step(h.from(),
                h.to(), h.route(), h.actor(), texts.note(h, locale), h.wording() == null ? null : h.wording().code(),
                h.wording() == null ? List.of() : h.wording().values(), h.at())).toList());
    }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("A refund id is a UUID like 0192f7a4-7c1e-7b3a-9f00-3c5d2e1a4b6c, "
                    + "not '" + id + "'.");
        }
    }

    private static RefundStatus status(String status) {
        try {
            return RefundStatus.valueOf(status.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status must be one of " + java.util.Arrays.toString(
                    RefundStatus.values()) + ", not '" + status + "'.");
        }
    }
}

package dev.zaiko.refund;

import dev.zaiko.platform.Authority;
import dev.zaiko.platform.Requires;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Size;

import dev.zaiko.access.Actor;
import dev.zaiko.payment.BankAccount;
import dev.zaiko.payment.ManualTask;
import dev.zaiko.payment.ManualTasks;
import dev.zaiko.platform.ConflictException;
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
 * The manual refund route's tasks (docs/refunds.md): {@code GET /api/refunds/manual-tasks?status=OPEN|CONFIRMED},
 * {@code GET /api/refunds/manual-tasks/{id}}, {@code POST /api/refunds/manual-tasks/{id}/confirm}
 * {@code {"reference"}} and {@code POST /api/refunds/manual-tasks/{id}/payee} (a payout's account in
 * full, for the person making the transfer: a POST, so it needs the write scope and is written to
 * the audit trail). Instructions are in the caller's language (Accept-Language).
 */
@RestController
@RequestMapping("/api/refunds/manual-tasks")
class ManualRefundTaskController {

    private final ManualRefundTasks tasks;
    private final ManualTasks gatewayTasks;
    private final ConfirmingManualRefunds confirming;

    ManualRefundTaskController(ManualRefundTasks tasks, ManualTasks gatewayTasks, ConfirmingManualRefunds confirming) {
        this.tasks = tasks;
        this.gatewayTasks = gatewayTasks;
        this.confirming = confirming;
    }

    record Listing(List<ManualRefundTasks.TaskView> tasks) {
    }

    record ConfirmRequest(@Size(max = 1000) String reference) {
    }

    /** The account as the transfer needs it; {@code holderNameDisplay} in full-width katakana. */
    record Payee(String bankCode, String branchCode, String accountType, String accountNumber, String holderName,
                 String holderNameDisplay) {
    }

    @Operation(summary = "List manual refund tasks",
            description = "Refunds the manual gateway turned into tasks for staff (a void, a refund at the provider, a bank transfer), optionally by status, with instructions in the caller's language (Accept-Language). Account numbers are masked.")
    @GetMapping
    Listing list(@RequestParam(required = false) String status, Locale locale) {
        return new Listing(tasks.list(status(status), locale));
    }

    @Operation(summary = "Read a manual refund task")
    @GetMapping("/{id}")
    ManualRefundTasks.TaskView get(@PathVariable String id, Locale locale) {
        return tasks.get(id(id), locale);
    }

    /** 200 with the task and {@code alreadyConfirmed}; 409 {@code manual-task-already-confirmed} for another reference. */
    @Operation(summary = "Confirm a manual refund task",
            description = "A person confirms the task was done, with the provider's or bank's reference; the refund completes. Confirming again with the same reference answers alreadyConfirmed.")
    @ApiResponse(responseCode = "200", description = "The task as confirmed, and whether it already was.")
    @ApiResponse(responseCode = "409", description = "The task was already confirmed with another reference (manual-task-already-confirmed).")
    @PostMapping("/{id}/confirm")
    ConfirmingManualRefunds.Confirmed confirm(@PathVariable String id, @RequestBody(required = false) ConfirmRequest request,
                                              Locale locale) {
        UUID uuid = id(id);
        return confirming.confirm(uuid, request == null ? null : request.reference(), Actor.current().label(), locale);
    }

    /**
     * The whole account, for the person who makes the transfer: a supervisor's authority, as on
     * the console's page. 409 {@code not-a-payout} for a void or refund, which has no account.
     */
    @Requires(Authority.SUPERVISE)
    @Operation(summary = "Reveal a bank payout's account",
            description = "The whole account, for the person who makes the transfer: a POST, so it is written to the audit trail.")
    @ApiResponse(responseCode = "200", description = "The whole bank account of the payout.")
    @ApiResponse(responseCode = "409", description = "The task is a void or refund, which has no account (not-a-payout).")
    @PostMapping("/{id}/payee")
    Payee payee(@PathVariable String id) {
        UUID uuid = id(id);
        ManualTask t = gatewayTasks.find(uuid).orElseThrow(() -> ManualTasks.noTask(uuid));
        BankAccount a = t.payee();
        if (a == null) {
            throw new ConflictException("not-a-payout", "Task " + uuid + " is a " + t.operation() + " of payment "
                    + t.paymentReference() + "; it has no bank account.", Map.of("id", uuid.toString()));
        }
        return new Payee(a.bankCode(), a.branchCode(), a.type().name(), a.number(), a.holderName(),
                a.holderNameForDisplay());
    }

    private static ManualTask.Status status(String status) {
        if (status == null || status.isBlank()) return null;
        return Arrays.stream(ManualTask.Status.values()).filter(s -> s.name().equalsIgnoreCase(status.strip()))
                .findFirst().orElseThrow(() -> new InvalidRequestException("invalid-request", "status must be one of "
                        + Arrays.toString(ManualTask.Status.values()) + ", not '" + status + "'.",
                        Map.of("field", "status")));
    }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid-request", "A task id is a UUID, not '" + id + "'.",
                    Map.of("field", "id"));
        }
    }
}

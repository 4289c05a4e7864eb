package dev.zaiko.web;

import dev.zaiko.platform.Authority;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.zaiko.access.Actor;
import dev.zaiko.payment.ManualTask;
import dev.zaiko.payment.ManualTasks;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.refund.ConfirmingManualRefunds;
import dev.zaiko.refund.ManualRefundTasks;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The refunds staff carry out by hand when no payment provider is connected (the manual route,
 * docs/refunds.md): the tasks, oldest first, filtered by status, each with what to do and a form
 * to confirm it with the provider's reference. A payout's bank account is shown masked; in full
 * only to supervisors and admins, who make the transfers.
 */
@Controller
class ManualRefundPages {

    private final ManualRefundTasks tasks;
    private final ManualTasks gatewayTasks;
    private final ConfirmingManualRefunds confirming;
    private final MessageSource messages;

    ManualRefundPages(ManualRefundTasks tasks, ManualTasks gatewayTasks, ConfirmingManualRefunds confirming,
                      MessageSource messages) {
        this.tasks = tasks;
        this.gatewayTasks = gatewayTasks;
        this.confirming = confirming;
        this.messages = messages;
    }

    @GetMapping("/refunds/manual-tasks")
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String notice,
                Model model, Locale locale, HttpServletRequest request) {
        fill(model, status(status), locale, request);
        model.addAttribute("notice", "confirmed".equals(notice) || "already".equals(notice)
                ? text("refunds.manual.notice." + notice, locale) : null);
        return "console/manual-refunds";
    }

    @PostMapping("/refunds/manual-tasks/{id}/confirm")
    String confirm(@PathVariable String id, @RequestParam(required = false) String reference, Model model,
                   Locale locale, HttpServletRequest request, HttpServletResponse response) {
        UUID task = parse(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (gatewayTasks.find(task).isEmpty()) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        try {
            ConfirmingManualRefunds.Confirmed done = confirming.confirm(task, reference, Actor.current().label(), locale);
            return "redirect:/refunds/manual-tasks?notice=" + (done.alreadyConfirmed() ? "already" : "confirmed");
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", text("refunds.manual.error.reference", locale));
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("error", text("refunds.manual.error.conflict", locale));
        }
        model.addAttribute("failedTask", task.toString());
        fill(model, ManualTask.Status.OPEN, locale, request);
        return "console/manual-refunds";
    }

    private void fill(Model model, ManualTask.Status status, Locale locale, HttpServletRequest request) {
        var listed = tasks.list(status, locale);
        model.addAttribute("tasks", listed);
        model.addAttribute("status", status == null ? "" : status.name());
        model.addAttribute("statuses", ManualTask.Status.values());
        model.addAttribute("statusTexts", Arrays.stream(ManualTask.Status.values())
                .collect(java.util.stream.Collectors.toMap(ManualTask.Status::name,
                        s -> text("refunds.manual.status." + s.name(), locale))));
        // the whole account is for whoever makes the transfer: supervisors and admins, as over the API
        Map<UUID, String> payees = new LinkedHashMap<>();
        if (Authority.SUPERVISE.heldByCaller()) {
            for (var t : listed) {
                if (t.payee() == null || !"OPEN".equals(t.status())) continue;
                gatewayTasks.find(t.id()).map(ManualTask::payee).ifPresent(a -> payees.put(t.id(),
                        a.bankCode() + "-" + a.branchCode() + " " + a.type() + " " + a.number() + " "
                                + a.holderNameForDisplay()));
            }
        }
        model.addAttribute("payees", payees);
    }

    private static ManualTask.Status status(String status) {
        if (status == null || status.isBlank()) return ManualTask.Status.OPEN;
        if ("ALL".equalsIgnoreCase(status.strip())) return null;
        return Arrays.stream(ManualTask.Status.values()).filter(s -> s.name().equalsIgnoreCase(status.strip()))
                .findFirst().orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}

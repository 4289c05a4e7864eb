package dev.zaiko.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import dev.zaiko.mail.EmailStatus;
import dev.zaiko.mail.Outbox;
import dev.zaiko.mail.OutboxQuery;
import dev.zaiko.mail.QueuedEmail;
import dev.zaiko.platform.ConflictException;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every email Zaiko wrote, as staff check them: the list by status, newest first; one email with
 * its headers, text, HTML (in a sandboxed frame, so nothing in it runs) and attempts; the message
 * as an {@code .eml} file (what was written to disk when no SMTP server is set); and a person's
 * retry of an email that was given up.
 */
@Controller
class OutboxPages {

    static final int PAGE_SIZE = 50;
    private static final MediaType RFC822 = MediaType.parseMediaType("message/rfc822");

    private final Outbox outbox;
    private final MessageSource messages;

    OutboxPages(Outbox outbox, MessageSource messages) {
        this.outbox = outbox;
        this.messages = messages;
    }

    record Row(QueuedEmail email, String statusText) {
    }

    @GetMapping("/outbox")
    String list(@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") String page,
                Model model, Locale locale) {
        EmailStatus filter = null;
        if (status != null && !status.isBlank()) {
            filter = Arrays.stream(EmailStatus.values()).filter(s -> s.name().equalsIgnoreCase(status.strip()))
                    .findFirst().orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
        }
        int p = pageNumber(page);
        // one more than shown tells whether there is a next page without counting them all
        List<QueuedEmail> found = outbox.list(new OutboxQuery(filter, null, null, null, null, p, PAGE_SIZE + 1));
        model.addAttribute("status", filter == null ? "" : filter.name());
        model.addAttribute("statuses", EmailStatus.values());
        model.addAttribute("statusTexts", Arrays.stream(EmailStatus.values())
                .collect(java.util.stream.Collectors.toMap(EmailStatus::name, s -> statusText(s, locale))));
        model.addAttribute("emails", found.stream().limit(PAGE_SIZE).map(e -> new Row(e, statusText(e.status(), locale)))
                .toList());
        model.addAttribute("page", p);
        model.addAttribute("hasNext", found.size() > PAGE_SIZE);
        return "console/outbox";
    }

    @GetMapping("/outbox/{id}")
    String email(@PathVariable String id, @RequestParam(required = false) String notice, Model model, Locale locale) {
        fill(model, find(id), locale);
        model.addAttribute("notice", "retried".equals(notice) ? notice : null);
        return "console/outbox-email";
    }

    /** The message as sent; the console's own route, since staff have a session rather than an API token. */
    @GetMapping("/outbox/{id}.eml")
    ResponseEntity<byte[]> eml(@PathVariable String id) {
        QueuedEmail email = find(id);
        return ResponseEntity.ok().contentType(RFC822)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(email.id() + ".eml").build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(outbox.eml(email));
    }

    @PostMapping("/outbox/{id}/retry")
    String retry(@PathVariable String id, Model model, Locale locale, HttpServletResponse response) {
        QueuedEmail email = find(id);
        try {
            outbox.retry(email.id());
            return "redirect:/outbox/" + email.id() + "?notice=retried";
        } catch (ConflictException e) {
            // sent or retried by someone else a moment ago: show where it stands now
            response.setStatus(HttpStatus.CONFLICT.value());
            fill(model, find(id), locale);
            model.addAttribute("error", messages.getMessage("outbox.retry.notFailed", null, locale));
            return "console/outbox-email";
        }
    }

    private void fill(Model model, QueuedEmail email, Locale locale) {
        model.addAttribute("email", email);
        model.addAttribute("statusText", statusText(email.status(), locale));
        model.addAttribute("attempts", outbox.attempts(email.id()));
        model.addAttribute("failed", email.status() == EmailStatus.FAILED);
    }

    private QueuedEmail find(String id) {
        return parse(id).flatMap(outbox::find).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int pageNumber(String page) {
        try {
            int p = Integer.parseInt(page.strip());
            if (p >= 0 && p < 100_000) return p;
        } catch (NumberFormatException e) {
            // falls through to 400
        }
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
    }

    private String statusText(EmailStatus status, Locale locale) {
        return messages.getMessage("mail.status." + status.name(), null, status.name(), locale);
    }
}

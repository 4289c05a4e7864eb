package dev.zaiko.mail;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.zaiko.platform.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * {@code GET /api/outbox} (newest first, filtered), {@code GET /api/outbox/{id}} (the whole email
 * and its attempts), {@code GET /api/outbox/{id}.eml} (the message as sent, RFC 822),
 * {@code POST /api/outbox/{id}/retry} (a FAILED email tried again now),
 * {@code POST /api/outbox/bounces} (a bounce reported by a provider's webhook or a person).
 */
@RestController
@RequestMapping("/api/outbox")
class OutboxController {

    static final MediaType RFC822 = MediaType.parseMediaType("message/rfc822");

    private final Outbox outbox;
    private final MailStore store;
    private final ComposingEmails composing;
    private final MessageSource messages;

    OutboxController(Outbox outbox, MailStore store, ComposingEmails composing, MessageSource messages) {
        this.outbox = outbox;
        this.store = store;
        this.composing = composing;
        this.messages = messages;
    }

    record Summary(UUID id, String messageId, String to, String subject, String reference, String orderNumber,
                   String kind, boolean urgent, String locale, EmailStatus status, String statusText, int attempts,
                   Instant createdAt, Instant nextAttemptAt, Instant sentAt, String lastError, String bounceReason) {
    }

    record Listing(int page, int size, List<Summary> emails) {
    }

    record Detail(UUID id, String messageId, String idempotencyKey, String to, String toName, String subject,
                  String text, String html, String reference, String orderNumber, String kind, boolean urgent,
                  String locale, EmailStatus status, String statusText, int attempts, Instant createdAt,
                  Instant nextAttemptAt, Instant sentAt, String lastError, String bounceReason,
                  List<MailStore.Attempt> history) {
    }

    record BounceRequest(@NotBlank @Size(max = 998) String messageId, @Size(max = Outbox.MAX_REASON) String reason) {
    }

    @Operation(summary = "List emails in the outbox",
            description = "Newest first, filtered by status, reference, order number, kind and recipient; page and size.")
    @GetMapping
    Listing list(@RequestParam(required = false) EmailStatus status, @RequestParam(required = false) String reference,
                 @RequestParam(required = false) String order, @RequestParam(required = false) String kind,
                 @RequestParam(required = false) String recipient, @RequestParam(defaultValue = "0") int page,
                 @RequestParam(defaultValue = "" + OutboxQuery.DEFAULT_SIZE) int size, Locale locale) {
        List<QueuedEmail> emails = outbox.list(new OutboxQuery(status, reference, order, kind, recipient, page, size));
        return new Listing(page, size, emails.stream().map(e -> summary(e, locale)).toList());
    }

    @Operation(summary = "Read an email",
            description = "The whole email as recorded and every delivery attempt.")
    @GetMapping("/{id}")
    Detail get(@PathVariable UUID id, Locale locale) {
        return detail(email(id), locale);
    }

    @Operation(summary = "Download an email as sent",
            description = "The message as RFC 822 (message/rfc822), with the Message-ID every attempt sends.")
    @ApiResponse(responseCode = "200", description = "The email as an .eml attachment.",
            content = @Content(mediaType = "message/rfc822", schema = @Schema(type = "string", format = "binary")))
    @GetMapping({"/{id}.eml", "/{id}/eml"})
    ResponseEntity<byte[]> eml(@PathVariable UUID id) {
        QueuedEmail email = email(id);
        return ResponseEntity.ok()
                .contentType(RFC822)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(id + ".eml").build().toString())
                .body(composing.bytes(email));
    }

    @Operation(summary = "Retry a failed email",
            description = "A FAILED email is tried again now.")
    @ApiResponse(responseCode = "200", description = "The email, queued again.")
    @ApiResponse(responseCode = "409", description = "The email is not FAILED (email-not-failed).")
    @PostMapping("/{id}/retry")
    Detail retry(@PathVariable UUID id, Locale locale) {
        return detail(outbox.retry(id), locale);
    }

    @Operation(summary = "Report a bounce",
            description = "A provider's webhook or a person reports that an email bounced, by its Message-ID: the email is marked BOUNCED and the modules that sent it hear of it.")
    @PostMapping("/bounces")
    Detail bounce(@Valid @RequestBody BounceRequest request, Locale locale) {
        return detail(outbox.markBounced(request.messageId(), request.reason()), locale);
    }

    private QueuedEmail email(UUID id) {
        return outbox.find(id).orElseThrow(() -> new NotFoundException("No email " + id + "."));
    }

    private Summary summary(QueuedEmail e, Locale locale) {
        return new Summary(e.id(), e.messageId(), e.to(), e.subject(), e.reference(), e.orderNumber(), e.kind(),
                e.urgent(), e.locale(), e.status(), statusText(e.status(), locale), e.attempts(), e.createdAt(),
                e.nextAttemptAt(), e.sentAt(), e.lastError(), e.bounceReason());
    }

    private Detail detail(QueuedEmail e, Locale locale) {
        return new Detail(e.id(), e.messageId(), e.idempotencyKey(), e.to(), e.toName(), e.subject(), e.text(),
                e.html(), e.reference(), e.orderNumber(), e.kind(), e.urgent(), e.locale(), e.status(),
                statusText(e.status(), locale), e.attempts(), e.createdAt(), e.nextAttemptAt(), e.sentAt(),
                e.lastError(), e.bounceReason(), store.attempts(e.id()));
    }

    private String statusText(EmailStatus status, Locale locale) {
        return messages.getMessage("mail.status." + status.name(), null, status.name(), locale);
    }
}

package dev.zaiko.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.zaiko.platform.AfterCommit;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.JobScheduler;
import dev.zaiko.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable email outbox: what other modules call to send an email. See the package documentation.
 */
@Service
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    static final int MAX_KEY = 200;
    static final int MAX_SUBJECT = 500;
    static final int MAX_NAME = 200;
    static final int MAX_REFERENCE = 100;
    static final int MAX_REASON = 1000;

    private final MailStore store;
    private final ComposingEmails composing;
    private final SchedulerClient scheduler;
    /** Looked up when needed: the scheduler is built from every job, this module's among them. */
    private final ObjectProvider<JobScheduler> jobs;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    Outbox(MailStore store, ComposingEmails composing, SchedulerClient scheduler, ObjectProvider<JobScheduler> jobs,
           ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.composing = composing;
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Records the email in the caller's transaction (joins it, so an email exists iff the
     * caller's change committed) and schedules its delivery after commit. Idempotent on
     * {@code idempotencyKey}: a second send returns the first email and sends nothing new.
     *
     * @throws InvalidRequestException a blank or invalid address, an empty subject or text, a
     *                                 header value with a line break, an unknown locale
     */
    public QueuedEmail send(OutgoingEmail email) {
        OutgoingEmail valid = validate(email);
        QueuedEmail recorded = tx.execute(t -> {
            Optional<QueuedEmail> existing = store.findByKey(valid.idempotencyKey());
            if (existing.isPresent()) return existing.get();
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            QueuedEmail queued = new QueuedEmail(id, "<" + id + "@" + composing.messageIdDomain() + ">",
                    valid.idempotencyKey(), valid.to(), valid.toName(), valid.subject(), valid.text(), valid.html(),
                    valid.reference(), valid.orderNumber(), valid.kind(), valid.urgent(), valid.locale(),
                    EmailStatus.PENDING, 0, now, now, null, null, null);
            if (!store.insert(queued)) {
                // a concurrent send with the same key committed first: its email is the one
                return store.findByKey(valid.idempotencyKey()).orElseThrow();
            }
            scheduleDelivery(id, now);
            log.info("Email {} {} ({}, {}) recorded", id, queued.messageId(), queued.kind(), queued.reference());
            return store.find(id).orElseThrow();
        });
        return recorded;
    }

    public Optional<QueuedEmail> find(UUID id) {
        return store.find(id);
    }

    /** Every delivery attempt of the email, first first. */
    public List<DeliveryAttempt> attempts(UUID id) {
        return store.attempts(id).stream()
                .map(a -> new DeliveryAttempt(a.attempt(), a.at(), a.outcome(), a.transport(), a.error())).toList();
    }

    /**
     * The message as it is sent (RFC 822, the bytes of an {@code .eml} file), built from the stored
     * email: the same Message-ID and Date on every call, also when it went by SMTP.
     */
    public byte[] eml(QueuedEmail email) {
        return composing.bytes(email);
    }

    /** @param messageId with or without its angle brackets */
    public Optional<QueuedEmail> findByMessageId(String messageId) {
        if (messageId == null || messageId.isBlank()) return Optional.empty();
        return store.findByMessageId(normalize(messageId));
    }

    /** Newest first. */
    public List<QueuedEmail> list(OutboxQuery query) {
        OutboxQuery q = query == null ? OutboxQuery.all() : query;
        if (q.page() < 0) throw new InvalidRequestException("invalid-page", "page must be 0 or more", Map.of());
        if (q.size() < 1 || q.size() > OutboxQuery.MAX_SIZE) {
            throw new InvalidRequestException("invalid-page", "size must be between 1 and " + OutboxQuery.MAX_SIZE,
                    Map.of("maxSize", OutboxQuery.MAX_SIZE));
        }
        return store.list(new OutboxQuery(q.status(), blankToNull(q.reference()), blankToNull(q.orderNumber()),
                blankToNull(q.kind()), blankToNull(q.recipient()), q.page(), q.size()));
    }

    /**
     * A bounce reported later (by the provider's webhook or by staff): marks the email BOUNCED
     * and publishes {@link EmailBounced} once; reporting it again changes nothing.
     *
     * @param messageId with or without its angle brackets
     * @throws NotFoundException no email has this Message-ID
     */
    public QueuedEmail markBounced(String messageId, String reason) {
        if (messageId == null || messageId.isBlank()) {
            throw new InvalidRequestException("invalid-bounce", "messageId must not be blank", Map.of("field", "messageId"));
        }
        if (reason != null && reason.length() > MAX_REASON) {
            throw new InvalidRequestException("invalid-bounce", "reason must be at most " + MAX_REASON + " characters",
                    Map.of("field", "reason"));
        }
        String id = normalize(messageId);
        String why = reason == null || reason.isBlank() ? "Reported as bounced." : Redaction.addresses(reason);
        return tx.execute(t -> {
            Instant now = clock.instant();
            Optional<QueuedEmail> changed = store.bounced(id, why, null, now);
            if (changed.isEmpty()) {
                return store.findByMessageId(id).orElseThrow(() ->
                        new NotFoundException("No email has the Message-ID " + id + "."));
            }
            QueuedEmail b = changed.get();
            events.publishEvent(new EmailBounced(b.id(), b.messageId(), b.reference(), b.orderNumber(), b.kind(), why,
                    now));
            log.warn("Email {} {} ({}, {}) reported bounced", b.id(), b.messageId(), b.kind(), b.reference());
            return b;
        });
    }

    /**
     * A FAILED email tried again now, with a fresh round of {@code zaiko.mail.max-attempts}.
     *
     * @throws ConflictException the email is not FAILED
     */
    public QueuedEmail retry(UUID id) {
        return tx.execute(t -> {
            QueuedEmail email = store.find(id).orElseThrow(() -> new NotFoundException("No email " + id + "."));
            Instant now = clock.instant();
            if (!store.retryFailed(id, now)) {
                throw new ConflictException("email-not-failed", "Only a FAILED email can be retried; email " + id
                        + " is " + email.status() + ".", Map.of("emailStatus", email.status().name()));
            }
            if (!scheduler.scheduleIfNotExists(MailJobs.DELIVERY.instance(id.toString()).scheduledTo(now))) {
                // the execution that gave up has not been removed yet: move it instead
                scheduler.reschedule(TaskInstanceId.of(MailJobs.DELIVERY_TASK, id.toString()), now);
            }
            AfterCommit.run(() -> jobs.ifAvailable(JobScheduler::checkForDueExecutions));
            log.info("Email {} {} ({}, {}) to be retried by a person's request", id, email.messageId(), email.kind(),
                    email.reference());
            return store.find(id).orElseThrow();
        });
    }

    /** Joins the caller's transaction: the execution exists exactly when the email does. */
    private void scheduleDelivery(UUID id, Instant at) {
        scheduler.scheduleIfNotExists(MailJobs.DELIVERY.instance(id.toString()).scheduledTo(at));
        AfterCommit.run(() -> jobs.ifAvailable(JobScheduler::checkForDueExecutions));
    }

    static String normalize(String messageId) {
        String id = messageId.trim();
        return id.startsWith("<") ? id : "<" + id + ">";
    }

    private static OutgoingEmail validate(OutgoingEmail e) {
        if (e == null) throw invalid("email", "An email is required.");
        String key = required(e.idempotencyKey(), "idempotencyKey");
        if (key.length() > MAX_KEY) throw invalid("idempotencyKey", "idempotencyKey must be at most " + MAX_KEY + " characters.");
        String to = required(e.to(), "to");
        try {
            InternetAddress parsed = new InternetAddress(to, true);
            parsed.validate();
            if (!to.equals(parsed.getAddress()) || parsed.getPersonal() != null || parsed.isGroup()
                    || to.indexOf('@') < 1 || to.endsWith("@")) {
                throw new AddressException("not a bare address");
            }
        } catch (AddressException ex) {
            // the rejected value is personal data: the detail names the field, not the value
            throw invalid("to", "to is not a valid email address (a bare address like name@example.com).");
        }
        String toName = optional(e.toName(), "toName", MAX_NAME);
        String subject = required(e.subject(), "subject");
        if (subject.length() > MAX_SUBJECT) throw invalid("subject", "subject must be at most " + MAX_SUBJECT + " characters.");
        noLineBreak(subject, "subject");
        if (e.text() == null || e.text().isBlank()) throw invalid("text", "text must not be empty.");
        String kind = required(e.kind(), "kind");
        String reference = optional(e.reference(), "reference", MAX_REFERENCE);
        String orderNumber = optional(e.orderNumber(), "orderNumber", MAX_REFERENCE);
        String locale = e.locale() == null || e.locale().isBlank() ? "ja" : e.locale().trim();
        if (!locale.equals("ja") && !locale.equals("en")) throw invalid("locale", "locale must be ja or en.");
        String html = e.html() == null || e.html().isBlank() ? null : e.html();
        return new OutgoingEmail(key, to, toName, subject, e.text(), html, reference, orderNumber, kind, e.urgent(),
                locale);
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) throw invalid(field, field + " must not be blank.");
        String v = value.trim();
        noLineBreak(v, field);
        return v;
    }

    private static String optional(String value, String field, int max) {
        if (value == null || value.isBlank()) return null;
        String v = value.trim();
        noLineBreak(v, field);
        if (v.length() > max) throw invalid(field, field + " must be at most " + max + " characters.");
        return v;
    }

    /** A line break in a header value would let the text add headers of its own. */
    private static void noLineBreak(String value, String field) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw invalid(field, field + " must not contain a line break.");
        }
    }

    private static InvalidRequestException invalid(String field, String detail) {
        return new InvalidRequestException("invalid-email", detail, Map.of("field", field));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

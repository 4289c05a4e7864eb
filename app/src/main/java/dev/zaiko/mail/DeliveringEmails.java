package dev.zaiko.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mail.MailSendException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One delivery attempt of an email, run by the durable job {@value MailJobs#DELIVERY_TASK}.
 * <p>
 * The email is taken in a short transaction (counted and held, so no second instance sends it
 * meanwhile), handed to the transport with no transaction open, and the outcome recorded in a
 * second transaction. An email that is SENT, FAILED or BOUNCED is never taken again.
 * <p>
 * When the server accepted the message but the outcome could not be recorded (the database away
 * at that moment), this instance remembers the acceptance and the job's next run records it
 * without sending again. Only a crash (or a restart) between the server's acceptance and that
 * record sends twice: the attempt after the hold sends the same Message-ID, which receivers treat
 * as one message. So delivery is at least once, and exactly once per Message-ID for a receiver
 * that drops duplicates; see docs/mail.md.
 */
@Service
class DeliveringEmails {

    private static final Logger log = LoggerFactory.getLogger(DeliveringEmails.class);

    /** Longer than an SMTP attempt can take with the transport's timeouts; after it a crashed attempt is retried. */
    static final Duration HOLD = Duration.ofMinutes(10);

    /** What the job does next: nothing, or run again at {@code at}. */
    record Next(Instant at) {
        static final Next DONE = new Next(null);
    }

    /** Why an attempt failed, and whether trying again can help. */
    record Failure(boolean permanent, String reason) {
    }

    /** The server took this attempt's message; the record of it is still to be written. */
    record Accepted(int attempt, MailTransport.Kind kind) {
    }

    /** Accepted sends whose outcome could not be recorded yet, by email id: never sent again by this instance. */
    private final Map<UUID, Accepted> unrecorded = new ConcurrentHashMap<>();

    private final MailStore store;
    private final MailTransport transport;
    private final MailOutboxProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    DeliveringEmails(MailStore store, MailTransport transport, MailOutboxProperties properties,
                     ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.transport = transport;
        this.properties = properties;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    Next deliver(UUID id) {
        Accepted accepted = unrecorded.get(id);
        if (accepted != null) return recordAccepted(id, accepted);
        Instant now = clock.instant();
        Optional<MailStore.Row> taken = tx.execute(t -> store.take(id, now, now.plus(HOLD)));
        if (taken == null || taken.isEmpty()) return whyNotTaken(id, now);
        QueuedEmail email = taken.get().email();
        int attempt = email.attempts();
        int ofRound = attempt - taken.get().retryBase();
        MailTransport.Kind kind;
        try {
            kind = transport.send(email);
        } catch (Exception e) {
            Failure failure = classify(e);
            if (failure.permanent()) return tx.execute(t -> rejected(email, attempt, failure.reason()));
            log.info("Email {} {} ({}): attempt {} failed: {}", id, email.messageId(), email.reference(), attempt,
                    e.getClass().getSimpleName());
            return tx.execute(t -> failedAttempt(email, attempt, ofRound, failure.reason()));
        }
        unrecorded.put(id, new Accepted(attempt, kind));
        try {
            Next next = tx.execute(t -> sent(email, attempt, kind));
            unrecorded.remove(id);
            return next;
        } catch (RuntimeException e) {
            // the job fails and runs again later (MailJobs' failure handler); that run records, never resends
            log.warn("Email {} {} was accepted by the {} transport at attempt {} but could not be marked SENT ({}); "
                    + "it is recorded on the next run, not sent again", id, email.messageId(), kind, attempt,
                    e.getClass().getSimpleName());
            throw e;
        }
    }

    /** A run after an accepted send whose record failed: records it now, sends nothing. */
    private Next recordAccepted(UUID id, Accepted accepted) {
        Next next = tx.execute(t -> {
            Optional<MailStore.Row> row = store.row(id);
            if (row.isEmpty()) return Next.DONE;
            return sent(row.get().email(), accepted.attempt(), accepted.kind());
        });
        unrecorded.remove(id);
        return next;
    }

    /** Done, unless another attempt holds it right now: then look again when its hold ends. */
    private Next whyNotTaken(UUID id, Instant now) {
        Optional<MailStore.Row> row = store.row(id);
        if (row.isEmpty()) return Next.DONE;
        EmailStatus status = row.get().email().status();
        Instant held = row.get().sendingUntil();
        boolean open = status == EmailStatus.PENDING || status == EmailStatus.RETRYING;
        return open && held != null && held.isAfter(now) ? new Next(held) : Next.DONE;
    }

    private Next sent(QueuedEmail email, int attempt, MailTransport.Kind kind) {
        Instant now = clock.instant();
        store.attempt(email.id(), attempt, now, "SENT", kind.name(), null);
        if (!store.sent(email.id(), attempt, kind.name(), now)) {
            // bounced (reported) while this attempt ran: the report stands
            return Next.DONE;
        }
        events.publishEvent(new EmailSent(email.id(), email.messageId(), email.reference(), email.orderNumber(),
                email.kind(), now));
        log.info("Email {} {} ({}, {}) sent by {} at attempt {}", email.id(), email.messageId(), email.kind(),
                email.reference(), kind, attempt);
        return Next.DONE;
    }

    private Next failedAttempt(QueuedEmail email, int attempt, int ofRound, String reason) {
        Instant now = clock.instant();
        store.attempt(email.id(), attempt, now, "TRANSIENT", transport.kind().name(), reason);
        if (ofRound >= properties.maxAttempts()) {
            if (store.failed(email.id(), attempt, reason)) {
                events.publishEvent(new EmailFailed(email.id(), email.messageId(), email.reference(),
                        email.orderNumber(), email.kind(), reason, now));
                log.warn("Email {} {} ({}, {}) FAILED after {} attempt(s)", email.id(), email.messageId(),
                        email.kind(), email.reference(), attempt);
            }
            return Next.DONE;
        }
        Instant next = now.plus(properties.retryAfter(ofRound));
        return store.retrying(email.id(), attempt, next, reason) ? new Next(next) : Next.DONE;
    }

    private Next rejected(QueuedEmail email, int attempt, String reason) {
        Instant now = clock.instant();
        store.attempt(email.id(), attempt, now, "REJECTED", transport.kind().name(), reason);
        store.bounced(email.messageId(), reason, reason, now).ifPresent(b -> {
            events.publishEvent(new EmailBounced(b.id(), b.messageId(), b.reference(), b.orderNumber(), b.kind(),
                    reason, now));
            log.warn("Email {} {} ({}, {}) refused for good by the recipient's server: BOUNCED", b.id(),
                    b.messageId(), b.kind(), b.reference());
        });
        return Next.DONE;
    }

    /**
     * Permanent: the server refused the recipient (a 5xx reply to RCPT, which jakarta.mail reports
     * as a {@link SendFailedException} with invalid addresses). Everything else may pass: the
     * server unreachable, a timeout, a 4xx reply, a login refused (configuration can be fixed).
     */
    static Failure classify(Throwable error) {
        Deque<Throwable> todo = new ArrayDeque<>();
        Set<Throwable> seen = new HashSet<>();
        todo.add(error);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) continue;
            if (t instanceof SendFailedException s && s.getInvalidAddresses() != null
                    && s.getInvalidAddresses().length > 0) {
                Exception reply = s.getNextException();
                String text = reply != null && reply != s && reply.getMessage() != null ? reply.getMessage()
                        : s.getMessage();
                return new Failure(true, Redaction.addresses(text));
            }
            if (t instanceof MailSendException m) todo.addAll(m.getFailedMessages().values());
            if (t instanceof MessagingException m && m.getNextException() != null) todo.add(m.getNextException());
            if (t.getCause() != null) todo.add(t.getCause());
        }
        return new Failure(false, Redaction.addresses(describe(error)));
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (error instanceof MessagingException m && m.getNextException() != null) root = m.getNextException();
        if (error instanceof MailSendException m && !m.getFailedMessages().isEmpty()) {
            Exception first = m.getFailedMessages().values().iterator().next();
            root = first;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        }
        String text = error.getClass().getSimpleName() + ": " + firstLine(error.getMessage());
        if (root != error) text += " (" + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage()) + ")";
        return text;
    }

    private static String firstLine(String text) {
        if (text == null) return "";
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).trim();
    }
}

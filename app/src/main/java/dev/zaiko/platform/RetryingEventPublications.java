package dev.zaiko.platform;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.stereotype.Component;

/**
 * Hands module events whose listener failed (or never ran: the instance stopped first) to that
 * listener again: every incomplete publication older than {@code zaiko.events.retry-after}. Runs
 * as the durable job {@value #TASK} every {@code zaiko.events.retry-every} on one instance at a time;
 * a restart resubmits everything incomplete at once
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}).
 * <p>
 * Resubmission is asynchronous, like the first delivery; a publication that fails again stays
 * incomplete and is retried on a later run. Listeners must therefore be idempotent, and Zaiko's
 * are: each checks the state it would change before changing it.
 */
@Component
public class RetryingEventPublications {

    /** The recurring job's name in {@code scheduled_tasks}. */
    public static final String TASK = "event-publications-retry";

    private static final Logger log = LoggerFactory.getLogger(RetryingEventPublications.class);

    private final IncompleteEventPublications incomplete;
    private final EventPublicationRepository publications;
    private final Clock clock;
    private final EventsProperties properties;

    RetryingEventPublications(IncompleteEventPublications incomplete, EventPublicationRepository publications,
                              Clock clock, EventsProperties properties) {
        this.incomplete = incomplete;
        this.publications = publications;
        this.clock = clock;
        this.properties = properties;
    }

    public void retry() {
        Instant cutoff = clock.instant().minus(properties.retryAfter());
        // The registry never resubmits a publication marked RESUBMITTED again; one whose listener was
        // queued but never started (its instance stopped) would stay so for ever. Failing it lets the
        // resubmission below pick it up.
        List<TargetEventPublication> stuck = publications.findByStatus(EventPublication.Status.RESUBMITTED).stream()
                .filter(p -> p.getLastResubmissionDate() != null && p.getLastResubmissionDate().isBefore(cutoff))
                .toList();
        for (TargetEventPublication p : stuck) {
            log.warn("Event publication {} ({} to {}) was resubmitted at {} and never ran; retrying it",
                    p.getIdentifier(), p.getEvent().getClass().getSimpleName(), p.getTargetIdentifier().getValue(),
                    p.getLastResubmissionDate());
            publications.markFailed(p.getIdentifier());
        }
        incomplete.resubmitIncompletePublicationsOlderThan(properties.retryAfter());
    }
}

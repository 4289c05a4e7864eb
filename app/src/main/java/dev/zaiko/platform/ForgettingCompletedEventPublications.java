package dev.zaiko.platform;

import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.stereotype.Component;

/**
 * Deletes completed event publications once they are older than {@code zaiko.events.keep-completed}
 * (the registry completes rows in place; without this the table only grows). Runs as the durable
 * job {@value #TASK} every {@code zaiko.events.cleanup-every}.
 */
@Component
public class ForgettingCompletedEventPublications {

    /** The recurring job's name in {@code scheduled_tasks}. */
    public static final String TASK = "event-publications-cleanup";

    private final CompletedEventPublications completed;
    private final EventsProperties properties;

    ForgettingCompletedEventPublications(CompletedEventPublications completed, EventsProperties properties) {
        this.completed = completed;
        this.properties = properties;
    }

    public void forget() {
        completed.deletePublicationsOlderThan(properties.keepCompleted());
    }
}

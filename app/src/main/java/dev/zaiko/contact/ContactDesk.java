package dev.zaiko.contact;

import dev.zaiko.contact.desk.ContactStore;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * What the desk knows, for other modules' screens (the console): a case's desk side, the call
 * queues, the cases that need a person, and the interaction log. Read only; acting goes through
 * {@link RecordingCalls} and {@link EscalatingCases}.
 */
@Service
public class ContactDesk {

    private final ContactStore store;

    ContactDesk(ContactStore store) {
        this.store = store;
    }

    /** Empty until the desk took the case in (moments after it opened). */
    public Optional<ContactCase> find(String caseId) {
        return store.find(caseId);
    }

    /** Open call tasks of one queue: soonest due first, then the most urgent. */
    public List<ContactCase> queue(ContactQueue queue, int limit) {
        return store.queue(queue, limit);
    }

    /** Cases the desk only writes to and that are still undecided, or whose email bounced. */
    public List<ContactCase> needingAttention(int limit) {
        return store.needingAttention(limit);
    }

    public List<Interaction> interactions(InteractionQuery query) {
        return store.interactions(query);
    }
}

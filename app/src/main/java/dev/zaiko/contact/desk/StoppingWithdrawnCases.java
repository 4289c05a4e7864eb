package dev.zaiko.contact.desk;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import dev.zaiko.contact.ContactMode;
import dev.zaiko.contact.Interaction;
import dev.zaiko.stockout.StockoutWithdrawn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

/**
 * A case closed without a decision (the channel cancelled the order: {@link StockoutWithdrawn}) is
 * taken off the desk as a decided case is: its open call task is cancelled (no call, no callback is
 * due any more), the case's mode becomes DONE (so it is in no queue and needs no attention, and no
 * email goes out), and the decision links sent so far stop working. Nobody is written to: the
 * customer cancelled the order, or heard of it from the marketplace. The log says why.
 */
@Service
class StoppingWithdrawnCases {

    private static final Logger log = LoggerFactory.getLogger(StoppingWithdrawnCases.class);

    private final ContactStore store;
    private final QueueingCases queueing;
    private final ContactProperties properties;
    private final Clock clock;

    StoppingWithdrawnCases(ContactStore store, QueueingCases queueing, ContactProperties properties, Clock clock) {
        this.store = store;
        this.queueing = queueing;
        this.properties = properties;
        this.clock = clock;
    }

    @ApplicationModuleListener(id = "contact.stop-withdrawn-case")
    void on(StockoutWithdrawn withdrawn) {
        if (!properties.enabled()) return;
        // a case the desk has not taken in yet is taken in as DONE, with no task
        if (queueing.open(withdrawn.caseId()).isEmpty()) return;
        store.lock(withdrawn.caseId());
        Instant now = clock.instant();
        store.closeTask(withdrawn.caseId(), "CANCELLED", "channel", now);
        store.mode(withdrawn.caseId(), ContactMode.DONE, now);
        int revoked = store.revokeLinks(withdrawn.caseId(), "channel", now);
        store.addInteraction(new Interaction(UUID.randomUUID(), withdrawn.caseId(), withdrawn.orderNumber(),
                Interaction.Channel.DESK, "WITHDRAWN", "channel", null, null, null, null, now));
        log.info("Stockout case {}: calls and emails stopped, {} decision links revoked; the order was cancelled on "
                + "channel {}", withdrawn.caseId(), revoked, withdrawn.channel());
    }
}

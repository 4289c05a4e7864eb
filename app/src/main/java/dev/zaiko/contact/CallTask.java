package dev.zaiko.contact;

import java.time.Instant;
import java.util.UUID;

/**
 * A call the desk owes a customer.
 *
 * @param dueBy           the contact deadline for a first call; the time the shop said it would call for a callback
 * @param notBefore       the first moment inside calling hours: never earlier
 * @param askedByCustomer the customer asked for this time on the phone
 */
public record CallTask(UUID id, String caseId, Kind kind, ContactQueue queue, Instant dueBy, Instant notBefore,
                       boolean askedByCustomer, Instant createdAt) {

    public enum Kind {
        FIRST_CALL, CALLBACK, SUPERVISOR_CALL
    }
}

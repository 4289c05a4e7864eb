package dev.zaiko.contact;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the interaction log: a call attempt, an email, or something the desk did
 * (escalated, a bounce came back).
 *
 * @param kind       the call outcome, the email kind, or the desk event
 * @param messageId  the email's Message-ID
 * @param nextCallAt when the shop said it would call next, if it did
 * @param decision   the choice taken on this call, if any
 */
public record Interaction(UUID id, String caseId, String orderNumber, Channel channel, String kind, String operator,
                          String notes, String messageId, Instant nextCallAt, String decision, Instant at) {

    public enum Channel {
        CALL, EMAIL, DESK
    }
}

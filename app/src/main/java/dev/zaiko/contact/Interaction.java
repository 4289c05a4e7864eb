package dev.zaiko.contact;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One entry of the interaction log: a call attempt, an email, or something the desk did
 * (escalated, a bounce came back).
 *
 * @param kind       the call outcome, the email kind, or the desk event
 * @param messageId  the email's Message-ID
 * @param nextCallAt when the shop said it would call next, if it did
 * @param decision   the choice taken on this call, if any
 * @param helped     a call's tags of what calmed the customer (empty otherwise)
 * @param hurt       a call's tags of what made it worse (empty otherwise)
 * @param lesson     a call's one line for the next colleague, or null
 */
public record Interaction(UUID id, String caseId, String orderNumber, Channel channel, String kind, String operator,
                          String notes, String messageId, Instant nextCallAt, String decision, Instant at,
                          List<String> helped, List<String> hurt, String lesson) {

    public Interaction {
        helped = helped == null ? List.of() : List.copyOf(helped);
        hurt = hurt == null ? List.of() : List.copyOf(hurt);
    }

    /** An entry without a call's tags and lesson (an email, a desk event). */
    public Interaction(UUID id, String caseId, String orderNumber, Channel channel, String kind, String operator,
                       String notes, String messageId, Instant nextCallAt, String decision, Instant at) {
        this(id, caseId, orderNumber, channel, kind, operator, notes, messageId, nextCallAt, decision, at, List.of(),
                List.of(), null);
    }

    public enum Channel {
        CALL, EMAIL, DESK
    }
}

package dev.zaiko.contact;

import java.time.Instant;

/**
 * A search of the interaction log; null fields do not filter.
 *
 * @param customerEmail the customer's email address, compared without case
 * @param text          words in the operator's notes
 */
public record InteractionQuery(String caseId, String orderNumber, String customerEmail, String operator,
                               Interaction.Channel channel, String kind, Instant from, Instant to, String text,
                               boolean oldestFirst, int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public static InteractionQuery ofCase(String caseId) {
        return new InteractionQuery(caseId, null, null, null, null, null, null, null, null, true, 0, MAX_SIZE);
    }
}

package dev.zaiko.contact;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A call about a stockout case was recorded, published in the recording transaction (the call
 * knowledge base and the monthly report in insight).
 *
 * @param helped what the operator found calmed the customer (tags, lower case words)
 * @param hurt   what made it worse (tags)
 * @param lesson the operator's one line for the next colleague, or null
 */
public record CallReported(UUID callId, String caseId, String orderNumber, CallOutcome outcome, String operator,
                           List<String> helped, List<String> hurt, String lesson, Instant at) {

    public CallReported {
        helped = List.copyOf(helped);
        hurt = List.copyOf(hurt);
    }
}

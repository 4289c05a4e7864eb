package dev.zaiko.contact;

import java.time.Instant;

/**
 * The desk's side of one stockout case: how it reaches the customer, how often it tried, whether
 * a supervisor has it, and where the written follow-up stands. The case's facts and options stay
 * in the stockout module.
 *
 * @param locale      the customer's language for what they are told
 * @param missedCalls calls nobody answered (voicemail, no answer, wrong number)
 * @param openTask    the call the desk owes now; null when it only writes or is done
 */
public record ContactCase(String caseId, String orderNumber, int lineNo, int priority, Instant contactDeadline,
                          Instant detectedAt, boolean express, boolean gift, boolean b2b, String locale,
                          ContactQueue queue, ContactMode mode, int calls, int missedCalls, boolean wrongNumber,
                          Instant firstContactAt, Instant escalatedAt, String escalatedBy, String escalationReason,
                          String emailProblem, boolean needsAttention, Instant decidedAt, String decisionChoice,
                          Instant followUpSentAt, Instant createdAt, CallTask openTask) {

    /** Express and gift orders get the urgent subject line. */
    public boolean urgent() {
        return express || gift;
    }
}

package dev.zaiko.contact.desk;

import java.time.Duration;
import dev.zaiko.platform.Durations;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the contact desk works.
 *
 * @param maxMissedCalls    after this many calls nobody answered, the desk writes only (default 3)
 * @param urgentCallBackAfter after a missed call on an express or gift order, call again this much
 *                          later, inside calling hours (default 30 minutes)
 * @param callBackAfter     after a missed call on any other order (default 2 hours)
 * @param linkValidFor      how long a decision link works (default 30 days: the customer may
 *                          come back to see the refund)
 * @param linkSecret        the key that signs decision links (at least 32 characters); when not
 *                          set, one is made at first start and kept in the database
 * @param enabled           the desk takes every new case and decision into its queue and writes to
 *                          customers on its own (default true); off, it acts only when staff ask
 */
@ConfigurationProperties("zaiko.contact")
public record ContactProperties(Integer maxMissedCalls, Duration urgentCallBackAfter, Duration callBackAfter,
                                Duration linkValidFor, String linkSecret, Boolean enabled) {

    public ContactProperties {
        if (maxMissedCalls == null) maxMissedCalls = 3;
        if (urgentCallBackAfter == null) urgentCallBackAfter = Duration.ofMinutes(30);
        if (callBackAfter == null) callBackAfter = Duration.ofHours(2);
        if (linkValidFor == null) linkValidFor = Duration.ofDays(30);
        if (enabled == null) enabled = true;
        if (maxMissedCalls < 1) throw new IllegalArgumentException("zaiko.contact.max-missed-calls must be 1 or more");
        if (!Durations.positive(urgentCallBackAfter) || !Durations.positive(callBackAfter) || !Durations.positive(linkValidFor)) {
            throw new IllegalArgumentException("zaiko.contact durations must be positive");
        }
        if (linkSecret != null && !linkSecret.isBlank() && linkSecret.length() < 32) {
            throw new IllegalArgumentException("zaiko.contact.link-secret must be at least 32 characters");
        }
    }

    public static ContactProperties defaults() {
        return new ContactProperties(null, null, null, null, null, null);
    }
}

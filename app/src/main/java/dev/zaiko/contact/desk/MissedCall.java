package dev.zaiko.contact.desk;

import dev.zaiko.contact.CallOutcome;
import java.time.Instant;

/**
 * What the missed-call rules look at.
 *
 * @param missedCalls missed calls on the case including this one
 */
public record MissedCall(CallOutcome outcome, int missedCalls, boolean express, boolean gift, Instant at) {
}

package dev.zaiko.stockout;

import java.time.Instant;
import java.time.LocalDate;

/** What the service-level rules look at: the order's flags and when the shortage was detected. */
public record Urgency(boolean express, boolean gift, LocalDate neededBy, boolean b2b, Instant detectedAt) {
}

package dev.zaiko.stockout;

import java.time.Instant;

/**
 * @param priority        1 is the most urgent
 * @param contactDeadline when the customer must have been contacted
 * @param rule            the name of the rule that decided it, for staff and logs
 */
public record ServiceLevel(int priority, Instant contactDeadline, String rule) {
}

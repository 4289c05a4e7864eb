package dev.zaiko.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler whose requests get no line in the audit trail: one that answers a POST without
 * changing anything (a text checked by the tone guard), or one that channels call at sale rate and
 * whose every change has a history of its own (reservations and till sales in the stock ledger,
 * orders in their status history), where a line per request would cost the hot path a write.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NotAudited {
}

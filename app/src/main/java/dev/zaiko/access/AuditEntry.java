package dev.zaiko.access;

import java.time.Instant;

/**
 * One line of the audit trail.
 *
 * @param action what was done, named by the handler (e.g. {@code StockController.adjust}) or {@code sign-in}
 * @param route  the method and route pattern, e.g. {@code POST /api/stock/adjustments}
 * @param target the route's variables (which order, case, SKU), never a person's contact data
 */
public record AuditEntry(long id, Instant at, Actor.Kind actorKind, String actor, String action, String route,
                         String target, int status) {
}

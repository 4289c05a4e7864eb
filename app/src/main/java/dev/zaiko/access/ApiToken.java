package dev.zaiko.access;

import java.time.Instant;
import java.util.UUID;

/** An API token as people see it: its name, scope and the first characters, never the token. */
public record ApiToken(UUID id, String name, String prefix, Scope scope, String createdBy, Instant createdAt,
                       Instant expiresAt, Instant revokedAt, String revokedBy, Instant lastUsedAt) {

    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}

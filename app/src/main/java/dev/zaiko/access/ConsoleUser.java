package dev.zaiko.access;

import java.time.Instant;
import java.util.UUID;

/** A console user as the console and the API show it: never the password hash. */
public record ConsoleUser(UUID id, String username, String displayName, Role role, String locale, boolean enabled,
                          String createdBy, Instant createdAt, Instant passwordChangedAt, String email) {
}

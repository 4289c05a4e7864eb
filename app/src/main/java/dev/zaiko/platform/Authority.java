package dev.zaiko.platform;

import java.util.Locale;

/**
 * What a request may do, the same words for a console user and an API token, each including the
 * ones before it: look at things, change them, supervise (calling hours, closed days, tone
 * phrases, escalated cases) and administer (users, tokens, the audit trail).
 * <p>
 * A handler declares what it needs with {@link Requires}; a handler that does not needs
 * {@link #LOOK} to read (GET, HEAD, OPTIONS) and {@link #CHANGE} for anything else. Which role and
 * which token scope grant which authority is the access module's business (docs/security.md).
 */
public enum Authority {
    LOOK, CHANGE, SUPERVISE, ADMINISTER;

    /** What a request needs when its handler says nothing: look to read, change for the rest. */
    public static Authority byDefault(String httpMethod) {
        return switch (httpMethod.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD", "OPTIONS" -> LOOK;
            default -> CHANGE;
        };
    }

    /** The granted-authority name Spring Security carries for it, e.g. {@code AUTHORITY_SUPERVISE}. */
    public String granted() {
        return "AUTHORITY_" + name();
    }

    /** Whether the current request's caller holds this authority (a signed-in user or a token). */
    public boolean heldByCaller() {
        return heldBy(org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication());
    }

    /** Whether this caller holds it: the one check for the access decision and for rules on data. */
    public boolean heldBy(org.springframework.security.core.Authentication caller) {
        return caller != null && caller.isAuthenticated() && caller.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(granted()));
    }
}

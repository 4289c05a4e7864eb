package dev.zaiko.access;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting in this request: a console user, an API token, or nobody signed in (a customer
 * through a signed link, or a public page). Other modules ask it to record who did something.
 */
public record Actor(Kind kind, String name) {

    public enum Kind { USER, TOKEN, CUSTOMER, ANONYMOUS }

    public static final Actor ANONYMOUS = new Actor(Kind.ANONYMOUS, "anonymous");
    public static final Actor CUSTOMER = new Actor(Kind.CUSTOMER, "customer");

    /** The actor of the current request's security context. */
    public static Actor current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    static Actor of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return ANONYMOUS;
        }
        if (authentication instanceof TokenAuthentication token) {
            return new Actor(Kind.TOKEN, token.holder().name());
        }
        return new Actor(Kind.USER, authentication.getName());
    }

    /** How the audit trail and created-by columns write it: "user:sato", "token:shopify-sync". */
    public String label() {
        return kind.name().toLowerCase() + ":" + name;
    }
}

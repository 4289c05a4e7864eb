package dev.zaiko.access;

import java.util.List;

import dev.zaiko.platform.Authority;

/**
 * A console user's role; each one may do all that the ones before it may. An operator looks and
 * changes, a supervisor also supervises, an admin also administers: the same authorities as the
 * token scopes READ/WRITE, SUPERVISOR and ADMIN, so the console and the API follow one rule.
 */
public enum Role {
    OPERATOR(Authority.CHANGE), SUPERVISOR(Authority.SUPERVISE), ADMIN(Authority.ADMINISTER);

    private final Authority upTo;

    Role(Authority upTo) {
        this.upTo = upTo;
    }

    /** The authorities it grants, the same ones a token scope grants ({@link Scope#authorities()}). */
    List<String> authorities() {
        return Grants.upTo(upTo);
    }
}

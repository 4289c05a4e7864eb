package dev.zaiko.access;

import java.util.List;

import dev.zaiko.platform.Authority;

/**
 * What an API token may do, each scope including the ones before it: READ looks, WRITE changes,
 * SUPERVISOR also does what only a supervisor may do in the console (calling hours, closed days,
 * tone phrases, escalated cases), ADMIN also manages users, tokens and the audit trail.
 */
public enum Scope {
    READ(Authority.LOOK), WRITE(Authority.CHANGE), SUPERVISOR(Authority.SUPERVISE), ADMIN(Authority.ADMINISTER);

    private final Authority upTo;

    Scope(Authority upTo) {
        this.upTo = upTo;
    }

    /** The narrowest scope that grants an authority, for telling a refused caller what it needs. */
    static Scope least(Authority authority) {
        for (Scope s : values()) {
            if (s.upTo.ordinal() >= authority.ordinal()) return s;
        }
        return ADMIN;
    }

    /** The authorities it grants, the same ones a console role grants ({@link Role#authorities()}). */
    List<String> authorities() {
        return Grants.upTo(upTo);
    }
}

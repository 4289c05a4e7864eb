package dev.zaiko.access;

import java.util.ArrayList;
import java.util.List;

/** A console user's role; each one may do all that the ones before it may. */
public enum Role {
    OPERATOR, SUPERVISOR, ADMIN;

    /** Spring authorities: ROLE_OPERATOR for everyone, up to this role. */
    List<String> authorities() {
        List<String> granted = new ArrayList<>();
        for (Role r : values()) {
            if (r.ordinal() <= ordinal()) granted.add("ROLE_" + r.name());
        }
        return granted;
    }
}

package dev.zaiko.access;

import java.util.ArrayList;
import java.util.List;

/** What an API token may do: READ (GET), WRITE (also changes), ADMIN (also users, tokens, audit). */
public enum Scope {
    READ, WRITE, ADMIN;

    /** Spring authorities: SCOPE_read, up to this scope. */
    List<String> authorities() {
        List<String> granted = new ArrayList<>();
        for (Scope s : values()) {
            if (s.ordinal() <= ordinal()) granted.add("SCOPE_" + s.name().toLowerCase());
        }
        return granted;
    }
}

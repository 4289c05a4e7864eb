package dev.zaiko.access;

import java.util.ArrayList;
import java.util.List;

import dev.zaiko.platform.Authority;

/** The granted-authority names for every authority up to one, the one way roles and scopes grant them. */
final class Grants {

    private Grants() {
    }

    static List<String> upTo(Authority highest) {
        List<String> granted = new ArrayList<>();
        for (Authority a : Authority.values()) {
            if (a.ordinal() <= highest.ordinal()) granted.add(a.granted());
        }
        return granted;
    }
}

package dev.zaiko.contact.desk;

import java.time.Instant;

/**
 * What the desk does after a missed call.
 *
 * @param at   when it calls again (inside calling hours); null when it only writes from now on
 * @param rule the rule that decided, for staff and the log
 */
public record NextCall(Instant at, String rule) {

    public boolean emailOnly() {
        return at == null;
    }
}

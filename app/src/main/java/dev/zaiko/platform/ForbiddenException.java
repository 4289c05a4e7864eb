package dev.zaiko.platform;

import java.util.Map;

/**
 * The caller is known but may not do this to this thing (a rule that depends on the data, such as
 * an escalated case being the supervisors'): 403 with a problem {@code type}. Nothing changed.
 */
public class ForbiddenException extends RuntimeException {

    private final String type;
    private final Authority needed;

    public ForbiddenException(String type, Authority needed, String message) {
        super(message);
        this.type = type;
        this.needed = needed;
    }

    public String type() {
        return type;
    }

    public Authority needed() {
        return needed;
    }

    public Map<String, Object> properties() {
        return Map.of("needed", needed.name());
    }
}

package dev.zaiko.platform;

import java.util.Map;

/**
 * The request is well formed but the current state forbids it (not enough stock, a unit held
 * by another order). Rendered as 409; {@code properties} are added to the problem details so
 * that a client can act on them (which order holds the unit, how many are available).
 */
public class ConflictException extends RuntimeException {
    private final String type;
    private final Map<String, Object> properties;

    public ConflictException(String type, String detail, Map<String, Object> properties) {
        super(detail);
        this.type = type;
        this.properties = Map.copyOf(properties);
    }

    public ConflictException(String type, String detail) {
        this(type, detail, Map.of());
    }

    public String type() {
        return type;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}

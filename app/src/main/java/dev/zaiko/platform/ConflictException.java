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

    /** RFC 9457's own members: a property by one of these names would overwrite them. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("type", "title", "status", "detail", "instance");

    public ConflictException(String type, String detail, Map<String, Object> properties) {
        super(detail);
        requireNoReservedNames(properties);
        this.type = type;
        this.properties = Map.copyOf(properties);
    }

    static void requireNoReservedNames(Map<String, Object> properties) {
        for (String name : properties.keySet()) {
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("A problem's property may not be named '" + name
                        + "': it would overwrite the problem details' own member");
            }
        }
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

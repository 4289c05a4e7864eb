package dev.zaiko.platform;

import java.util.Map;

/**
 * A request that breaks a rule no annotation can express (e.g. two fields that disagree). 400.
 * A rule a client may want to tell apart gets a type of its own (the problem's {@code type}
 * slug) and properties that are added to the problem details, like {@link ConflictException}.
 */
public class InvalidRequestException extends RuntimeException {
    private final String type;
    private final Map<String, Object> properties;

    public InvalidRequestException(String detail) {
        this("invalid-request", detail, Map.of());
    }

    public InvalidRequestException(String type, String detail, Map<String, Object> properties) {
        super(detail);
        ConflictException.requireNoReservedNames(properties);
        this.type = type;
        this.properties = Map.copyOf(properties);
    }

    public String type() {
        return type;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}

package dev.zaiko.platform;

import java.util.Map;

/**
 * A request that breaks a rule no annotation can express (e.g. two fields that disagree). 400.
 * A rule a client may want to tell apart gets a type of its own (the problem's {@code type}
 * slug) and properties that are added to the problem details, like {@link ConflictException}.
 */
public class InvalidRequestException extends RuntimeException {
    private final int httpStatus;
    private final String type;
    private final Map<String, Object> properties;

    public InvalidRequestException(String detail) {
        this("invalid-request", detail, Map.of());
    }

    public InvalidRequestException(String type, String detail, Map<String, Object> properties) {
        this(400, type, detail, properties);
    }

    /**
     * For a request that is well formed and valid field by field but that Zaiko will not take as
     * it is, e.g. 422 for a text the tone guard refuses: a client can tell it from a broken request.
     */
    protected InvalidRequestException(int httpStatus, String type, String detail, Map<String, Object> properties) {
        super(detail);
        if (httpStatus < 400 || httpStatus > 499) throw new IllegalArgumentException("Not a client error: " + httpStatus);
        this.httpStatus = httpStatus;
        ConflictException.requireNoReservedNames(properties);
        this.type = type;
        this.properties = Map.copyOf(properties);
    }

    /** 400 unless a subclass says otherwise. */
    public int httpStatus() {
        return httpStatus;
    }

    public String type() {
        return type;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}

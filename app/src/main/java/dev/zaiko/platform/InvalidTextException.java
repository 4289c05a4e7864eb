package dev.zaiko.platform;

import java.util.Map;

/** A text that {@link InputText} refuses: 400, type {@code invalid-text}, the field named. */
public class InvalidTextException extends InvalidRequestException {

    private final String field;

    public InvalidTextException(String field, String fault) {
        super("invalid-text", (field == null ? "The text" : field) + " " + fault + ".",
                field == null ? Map.of() : Map.of("field", field));
        this.field = field;
    }

    public String field() {
        return field;
    }
}

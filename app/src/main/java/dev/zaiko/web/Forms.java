package dev.zaiko.web;

/** What the console's form handlers share in reading what a person typed or picked. */
final class Forms {

    private Forms() {
    }

    /** The constant named, or null for nothing or a name that is not one (a form's own error then). */
    static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        try {
            return value == null || value.isBlank() ? null : Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

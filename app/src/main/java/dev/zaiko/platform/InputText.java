package dev.zaiko.platform;

/**
 * The one rule for text that comes in from outside (JSON bodies, query and form parameters, path
 * variables, imported files): no control characters and no longer than a global maximum. A
 * control character is never part of a name, a code, an address or a note a person typed, and
 * several of them break what comes after: PostgreSQL refuses NUL, a line break or a tab inside a
 * code breaks the CSV/TSV files written for marketplaces, DEL and the C1 controls hide text on
 * screen, an unpaired surrogate is not text at all (and the database driver would store a
 * {@code ?} in its place).
 *
 * <p>Refused everywhere: U+0000–U+001F (C0), U+007F (DEL), U+0080–U+009F (C1) and unpaired UTF-16
 * surrogates. TAB, LF and CR are allowed only in a genuinely multi-line field (one marked
 * {@link MultiLineText}: notes, personal lines, reasons typed in a text area).
 */
public final class InputText {

    /** The longest text any field takes unless the setting {@code zaiko.input.max-text-length} says otherwise. */
    public static final int DEFAULT_MAX_LENGTH = 10_000;

    private static volatile int maxLength = DEFAULT_MAX_LENGTH;

    private InputText() {
    }

    /** Set once at start from {@code zaiko.input.max-text-length}. */
    static void maxLength(int max) {
        if (max < 1) throw new IllegalArgumentException("zaiko.input.max-text-length must be positive");
        maxLength = max;
    }

    public static int maxLength() {
        return maxLength;
    }

    /**
     * What is wrong with the text, in words for the problem's detail (English, like every API
     * detail), or null when it may be taken.
     */
    public static String fault(String text, boolean multiLine) {
        return fault(text, multiLine, 0);
    }

    /** @param ownMaxLength a field's own limit ({@link MultiLineText#maxLength()}), 0 for the global one */
    public static String fault(String text, boolean multiLine, int ownMaxLength) {
        if (text == null) return null;
        int max = ownMaxLength > 0 ? ownMaxLength : maxLength;
        if (text.length() > max) {
            return "is " + text.length() + " characters long; at most " + max + " are taken";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (multiLine && (c == '\t' || c == '\n' || c == '\r')) continue;
                return "contains the control character " + codePoint(c) + " at position " + (i + 1)
                        + (c == '\t' || c == '\n' || c == '\r' ? " (this field takes a single line)" : "");
            }
            if (c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
                return "contains the control character " + codePoint(c) + " at position " + (i + 1);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate " + codePoint(c) + " at position " + (i + 1);
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate " + codePoint(c) + " at position " + (i + 1);
            }
        }
        return null;
    }

    /** Throws {@link InvalidTextException} naming the field when the text may not be taken. */
    public static String check(String field, String text, boolean multiLine) {
        return check(field, text, multiLine, 0);
    }

    /** @param ownMaxLength a field's own limit ({@link MultiLineText#maxLength()}), 0 for the global one */
    public static String check(String field, String text, boolean multiLine, int ownMaxLength) {
        String fault = fault(text, multiLine, ownMaxLength);
        if (fault != null) throw new InvalidTextException(field, fault);
        return text;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}

package dev.zaiko.contact;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.zaiko.platform.InvalidRequestException;

/**
 * The rules of what an operator learned on a call: the {@code helped} and {@code hurt} tags (what
 * calmed the customer, what made it worse) and the {@code lesson} line for the next colleague. Tags
 * are short lower-case words or phrases, trimmed and de-duplicated, so that the same approach
 * written twice counts as one (the call knowledge base in insight counts them).
 */
public final class CallLessons {

    public static final int MAX_TAGS = 8;
    public static final int MAX_TAG_LENGTH = 30;
    public static final int MAX_LESSON_LENGTH = 200;

    /** Letters of any script, digits, and inner spaces, hyphens, apostrophes, slashes and the middle dot. */
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{M}\\p{N}][\\p{L}\\p{M}\\p{N} '\\-/・ー]*");

    private CallLessons() {
    }

    /**
     * The tags as kept: trimmed, lower case, inner spaces single, each once in the order first given.
     *
     * @param field {@code helped} or {@code hurt}, for the refusal's field ({@code helped[2]})
     * @throws InvalidRequestException {@code call-lesson-invalid} naming the tag's field, or the list's when too long
     */
    public static List<String> tags(String field, List<String> given) {
        if (given == null || given.isEmpty()) return List.of();
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String raw = given.get(i);
            String name = field + "[" + i + "]";
            String tag = raw == null ? "" : raw.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            if (tag.isEmpty()) {
                throw refused(name, name + " is blank; a tag is a word or a short phrase. Nothing was recorded.");
            }
            if (tag.length() > MAX_TAG_LENGTH) {
                throw refused(name, name + " is " + tag.length() + " characters long; a tag has at most "
                        + MAX_TAG_LENGTH + " (a word or a short phrase; the lesson line says more). Nothing was recorded.");
            }
            if (!TAG.matcher(tag).matches()) {
                throw refused(name, name + " '" + tag + "' has characters a tag cannot have; a tag is letters and "
                        + "digits with spaces or hyphens between them. Nothing was recorded.");
            }
            tags.add(tag);
        }
        if (tags.size() > MAX_TAGS) {
            throw refused(field, field + " has " + tags.size() + " different tags; a call keeps at most " + MAX_TAGS
                    + ". Nothing was recorded.");
        }
        return List.copyOf(new ArrayList<>(tags));
    }

    /**
     * The lesson as kept: one line, trimmed, null when blank.
     *
     * @throws InvalidRequestException {@code call-lesson-invalid} naming {@code lesson}
     */
    public static String lesson(String given) {
        if (given == null || given.isBlank()) return null;
        String lesson = given.strip();
        if (lesson.contains("\n") || lesson.contains("\r")) {
            throw refused("lesson", "lesson is one line for the next colleague; the notes take the rest. Nothing was "
                    + "recorded.");
        }
        if (lesson.length() > MAX_LESSON_LENGTH) {
            throw refused("lesson", "lesson is " + lesson.length() + " characters long; it has at most "
                    + MAX_LESSON_LENGTH + ". Nothing was recorded.");
        }
        return lesson;
    }

    private static InvalidRequestException refused(String field, String detail) {
        return new InvalidRequestException("call-lesson-invalid", detail, Map.of("field", field));
    }
}

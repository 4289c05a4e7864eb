package dev.zaiko.contact.tone;

import org.springframework.modulith.NamedInterface;

/**
 * A listed phrase found in a text. {@code start} (inclusive) and {@code end} (exclusive) are
 * positions in the original text as Java and JavaScript count them (UTF-16 code units), even when
 * the match was made on its normalised form (full-width letters, extra spaces).
 *
 * @param phrase     the phrase as listed
 * @param locale     the phrase's language, {@code ja} or {@code en}
 * @param suggestion wording that owns the fault, to use instead
 * @param why        why the phrase hurts
 */
@NamedInterface("tone")
public record ToneFinding(String phrase, int start, int end, String locale, String suggestion, String why) {
}

package dev.zaiko.contact.tone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Wherever a phrase is hidden in noise, and however it is written (full-width, upper case, extra
 * spaces), the guard finds it, and its start and end cut exactly that writing out of the text.
 */
class ToneTextProperties {

    static final List<String> PHRASES = List.of("due to the system", "circumstances beyond our control",
            "システムの関係で", "今後とも");
    final ToneGuard guard = ToneGuard.of(PHRASES.stream()
            .map(p -> new TonePhrase(PHRASES.indexOf(p), p.matches("[a-z ]+") ? "en" : "ja", p, "s", "w", Instant.EPOCH))
            .toList());

    @Provide
    Arbitrary<String> noise() {
        // no letters or digits, so that the noise cannot form a phrase or glue itself to one as a word
        return Arbitraries.strings().withChars("。、！？ 　\n（）「」・…-").ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> written() {
        return Arbitraries.of(PHRASES).flatMap(p -> Arbitraries.of(0, 1, 2, 3).map(style -> switch (style) {
            case 0 -> p;
            case 1 -> p.toUpperCase();
            case 2 -> fullWidth(p);
            default -> p.replace(" ", "  \n ");
        }));
    }

    static String fullWidth(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c == ' ' ? '\u3000' : c >= '!' && c <= '~' ? (char) (c - '!' + '\uFF01') : c);
        }
        return b.toString();
    }

    @Property(tries = 500)
    void aPhraseInNoiseIsFoundExactlyWhereItIsWritten(@ForAll("noise") String before, @ForAll("written") String phrase,
                                                       @ForAll("noise") String after) {
        String text = before + phrase + after;
        List<ToneFinding> findings = guard.check(text);
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).start()).isEqualTo(before.length());
        assertThat(findings.get(0).end()).isEqualTo(before.length() + phrase.length());
        assertThat(ToneText.normalise(text.substring(findings.get(0).start(), findings.get(0).end())).replace(" ", ""))
                .isEqualTo(findings.get(0).phrase().replace(" ", ""));
    }
}

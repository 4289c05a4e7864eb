package dev.zaiko.contact.tone;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds every listed phrase in a text, both languages on every text (an English apology can
 * quote a Japanese phrase and the other way round). English phrases match whole words only, so
 * that "the system" does not flag "other systems"; Japanese phrases match anywhere.
 */
final class ToneMatcher {

    private record Entry(TonePhrase phrase, String normalised, boolean english) {
    }

    private final List<Entry> entries;

    ToneMatcher(List<TonePhrase> phrases) {
        this.entries = phrases.stream()
                .map(p -> new Entry(p, "en".equals(p.locale()) ? ToneText.normalise(p.phrase())
                        : ToneText.normalise(p.phrase()).replace(" ", ""), "en".equals(p.locale())))
                .filter(e -> !e.normalised().isEmpty())
                .toList();
    }

    List<ToneFinding> findings(String text) {
        if (text == null || text.isBlank()) return List.of();
        ToneText normalised = ToneText.of(text);
        List<ToneFinding> found = new ArrayList<>();
        for (Entry entry : entries) {
            String haystack = entry.english() ? normalised.spaced : normalised.compact;
            int from = 0;
            int at;
            while ((at = haystack.indexOf(entry.normalised(), from)) >= 0) {
                int to = at + entry.normalised().length();
                if (!entry.english() || wholeWords(haystack, at, to)) {
                    int[] original = entry.english() ? normalised.originalOfSpaced(at, to)
                            : normalised.originalOfCompact(at, to);
                    TonePhrase p = entry.phrase();
                    found.add(new ToneFinding(p.phrase(), original[0], original[1], p.locale(), p.suggestion(), p.why()));
                }
                from = at + 1;
            }
        }
        found.sort(Comparator.comparingInt(ToneFinding::start).thenComparing(ToneFinding::end, Comparator.reverseOrder()));
        // 事情により inside 諸事情により, the system inside due to the system: the longer phrase says it all
        List<ToneFinding> findings = new ArrayList<>();
        int coveredTo = -1;
        for (ToneFinding f : found) {
            if (f.end() <= coveredTo) continue;
            findings.add(f);
            coveredTo = f.end();
        }
        return List.copyOf(findings);
    }

    private static boolean wholeWords(String s, int from, int to) {
        return !(from > 0 && wordChar(s.charAt(from - 1)) && wordChar(s.charAt(from)))
                && !(to < s.length() && wordChar(s.charAt(to)) && wordChar(s.charAt(to - 1)));
    }

    /** Latin letters and digits: "system errorです" still flags "system error". */
    private static boolean wordChar(char c) {
        return c < 0x250 && Character.isLetterOrDigit(c);
    }
}

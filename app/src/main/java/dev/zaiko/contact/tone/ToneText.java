package dev.zaiko.contact.tone;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * A text as the tone guard compares it, with the way back to the original: NFKC (ｼｽﾃﾑ and
 * ＳＹＳＴＥＭ are システム and system), lower case, typographic apostrophes and hyphens as ASCII.
 * Two views: {@link #spaced} with every run of whitespace as one space (English phrases match
 * across line breaks and double spaces) and {@link #compact} without whitespace (Japanese is
 * written without spaces, so a stray one should not hide a phrase).
 */
final class ToneText {

    final String spaced;
    final String compact;
    private final int[] spacedFrom;
    private final int[] spacedTo;
    private final int[] compactFrom;
    private final int[] compactTo;

    private ToneText(String spaced, int[] spacedFrom, int[] spacedTo, String compact, int[] compactFrom,
                     int[] compactTo) {
        this.spaced = spaced;
        this.spacedFrom = spacedFrom;
        this.spacedTo = spacedTo;
        this.compact = compact;
        this.compactFrom = compactFrom;
        this.compactTo = compactTo;
    }

    /** A phrase's normalised form: what is stored as {@code normalised} and searched for. */
    static String normalise(String phrase) {
        return of(phrase).spaced.strip();
    }

    static ToneText of(String original) {
        StringBuilder spaced = new StringBuilder(original.length());
        StringBuilder compact = new StringBuilder(original.length());
        int[] sFrom = new int[original.length() * 4 + 4];
        int[] sTo = new int[sFrom.length];
        int[] cFrom = new int[sFrom.length];
        int[] cTo = new int[sFrom.length];
        int i = 0;
        while (i < original.length()) {
            // a base character with the marks that belong to it (ｶﾞ is one ガ, not カ and a lone mark)
            int j = i + Character.charCount(original.codePointAt(i));
            while (j < original.length() && attaches(original.codePointAt(j))) {
                j += Character.charCount(original.codePointAt(j));
            }
            String normalised = fold(Normalizer.normalize(original.substring(i, j), Normalizer.Form.NFKC));
            for (int k = 0; k < normalised.length(); k++) {
                char c = normalised.charAt(k);
                if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                    int last = spaced.length() - 1;
                    if (last >= 0 && spaced.charAt(last) == ' ') {
                        sTo[last] = j; // one space stands for the whole run
                    } else {
                        sFrom = grow(sFrom, spaced.length());
                        sTo = grow(sTo, spaced.length());
                        sFrom[spaced.length()] = i;
                        sTo[spaced.length()] = j;
                        spaced.append(' ');
                    }
                    continue;
                }
                sFrom = grow(sFrom, spaced.length());
                sTo = grow(sTo, spaced.length());
                sFrom[spaced.length()] = i;
                sTo[spaced.length()] = j;
                spaced.append(c);
                cFrom = grow(cFrom, compact.length());
                cTo = grow(cTo, compact.length());
                cFrom[compact.length()] = i;
                cTo[compact.length()] = j;
                compact.append(c);
            }
            i = j;
        }
        return new ToneText(spaced.toString(), sFrom, sTo, compact.toString(), cFrom, cTo);
    }

    /** The original [start, end) of spaced[from, to). */
    int[] originalOfSpaced(int from, int to) {
        return new int[] {spacedFrom[from], spacedTo[to - 1]};
    }

    int[] originalOfCompact(int from, int to) {
        return new int[] {compactFrom[from], compactTo[to - 1]};
    }

    private static boolean attaches(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || codePoint == 0xFF9E || codePoint == 0xFF9F; // half-width (semi-)voiced sound marks
    }

    private static String fold(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
            b.append(switch (c) {
                case '\u2018', '\u2019', '\u02BC', '\u2032' -> '\'';
                case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212' -> '-';
                default -> c;
            });
        }
        return b.toString();
    }

    private static int[] grow(int[] a, int index) {
        return index < a.length ? a : Arrays.copyOf(a, a.length * 2);
    }
}

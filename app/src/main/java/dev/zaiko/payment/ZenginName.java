package dev.zaiko.payment;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An account holder's name in the form a Zengin (全銀) bank transfer carries it: half-width
 * katakana, capital letters, digits, spaces and a few symbols. Customers type names the way their
 * phone or keyboard gives them (full-width katakana, small kana, ー), so those are converted here
 * the way banks convert them, instead of refusing a name the bank would accept.
 */
final class ZenginName {

    /** The length of the beneficiary name field of a Zengin transfer record. */
    static final int MAX_LENGTH = 30;

    private static final Map<Integer, String> CONVERSIONS = new HashMap<>();

    static {
        pair("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン",
                "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ", "");
        // Zengin has no small kana: キャ is sent as ｷﾔ, ッ as ﾂ
        pair("ァィゥェォャュョッヮヵヶ", "ｱｲｳｴｵﾔﾕﾖﾂﾜｶｹ", "");
        pair("ｧｨｩｪｫｬｭｮｯ", "ｱｲｳｴｵﾔﾕﾖﾂ", "");
        // ヲ is not among the characters a transfer name may use; banks send it as its sound, ｵ
        pair("ヲｦ", "ｵｵ", "");
        // old kana that half-width katakana lacks, sent as their modern sound
        pair("ヰヱ", "ｲｴ", "");
        pair("ガギグゲゴザジズゼゾダヂヅデドバビブベボヴ", "ｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎｳ", "ﾞ");
        pair("パピプペポ", "ﾊﾋﾌﾍﾎ", "ﾟ");
        pair("゛\u3099゜\u309A", "ﾞﾞﾟﾟ", "");
        // the long vowel mark and dashes all become the hyphen, the only one a transfer knows
        pair("ーｰ－‐−", "-----", "");
        pair("　（）．，／「」", " ().,/｢｣", "");
        for (char c = 'Ａ'; c <= 'Ｚ'; c++) CONVERSIONS.put((int) c, String.valueOf((char) (c - 'Ａ' + 'A')));
        for (char c = '０'; c <= '９'; c++) CONVERSIONS.put((int) c, String.valueOf((char) (c - '０' + '0')));
    }

    private static void pair(String from, String to, String suffix) {
        if (from.length() != to.length()) throw new IllegalStateException("conversion table out of step: " + from);
        for (int i = 0; i < from.length(); i++) CONVERSIONS.put((int) from.charAt(i), to.charAt(i) + suffix);
    }

    /** Kana that keep their form (ｦ and the small ones are converted above, ﾞ and ﾟ checked apart). */
    private static boolean halfWidthKana(char c) {
        return c >= 'ｱ' && c <= 'ﾝ';
    }

    /** Every character a normalized name may contain. */
    static boolean allowed(char c) {
        return halfWidthKana(c) || c == 'ﾞ' || c == 'ﾟ' || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || " ().,-/｢｣".indexOf(c) >= 0;
    }

    private static boolean takesVoicedMark(char c) {
        return c == 'ｳ' || (c >= 'ｶ' && c <= 'ﾄ') || (c >= 'ﾊ' && c <= 'ﾎ');
    }

    private static boolean takesSemiVoicedMark(char c) {
        return c >= 'ﾊ' && c <= 'ﾎ';
    }

    /**
     * @param value   the name as a transfer carries it (trimmed, runs of spaces as one); meaningful
     *                only when {@link #valid()}
     * @param refused the characters no bank takes, each once, in the order they appear
     * @param strayMark a ﾞ or ﾟ that follows no kana taking it
     */
    record Normalized(String value, List<String> refused, boolean strayMark) {
        boolean valid() {
            return !value.isEmpty() && refused.isEmpty() && !strayMark && value.length() <= MAX_LENGTH;
        }
    }

    static Normalized normalize(String name) {
        // composes a kana followed by a combining voiced mark (カ + U+3099) into one (ガ)
        String composed = Normalizer.normalize(name, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(composed.length() + 8);
        Set<String> refused = new LinkedHashSet<>();
        composed.codePoints().forEach(cp -> {
            String converted = CONVERSIONS.get(cp);
            if (converted != null) {
                out.append(converted);
            } else if (Character.isBmpCodePoint(cp) && allowed((char) cp)) {
                out.append((char) cp);
            } else {
                refused.add(shown(cp));
            }
        });
        String value = out.toString().trim().replaceAll(" {2,}", " ");
        boolean stray = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char before = i == 0 ? ' ' : value.charAt(i - 1);
            if ((c == 'ﾞ' && !takesVoicedMark(before)) || (c == 'ﾟ' && !takesSemiVoicedMark(before))) stray = true;
        }
        return new Normalized(value, List.copyOf(refused), stray);
    }

    /** A refused character as a person can read it in a message: itself, or its code when invisible. */
    private static String shown(int cp) {
        if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.getType(cp) == Character.FORMAT
                || Character.getType(cp) == Character.UNASSIGNED) {
            return String.format("U+%04X", cp);
        }
        return new String(Character.toChars(cp));
    }

    /**
     * Full-width katakana for showing the name to a person (ﾔﾏﾀﾞ ﾀﾛｳ as ヤマダ タロウ). A hyphen after
     * a kana was a long vowel mark; elsewhere it stays a hyphen.
     */
    static String display(String normalized) {
        return Normalizer.normalize(normalized, Normalizer.Form.NFKC).replaceAll("(?<=[\\u30A1-\\u30FA])-", "ー");
    }

    private ZenginName() {
    }
}

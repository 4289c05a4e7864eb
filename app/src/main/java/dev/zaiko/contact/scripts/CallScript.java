package dev.zaiko.contact.scripts;

import java.util.List;
import org.springframework.modulith.NamedInterface;

/**
 * What the operator reads on the apology call for one stockout case, section by section, in the
 * customer's language. Lines starting with {@code ※} (Japanese) or {@code (Note)} (English) are
 * notes for the operator, not said aloud.
 * <p>
 * The lines carry the customer's name (the operator greets them by it): {@link #toString()}
 * leaves every line out, so a script that ends up in a log message carries no personal data.
 *
 * @param caseId    the stockout case ({@code SO-000123})
 * @param variant   the script variant that matched ({@code B2B}, {@code NOT_IN_TIME}, {@code DISCONTINUED},
 *                  {@code DATED_RESTOCK}, {@code GENERAL}); see {@code ScriptVariants}
 * @param locale    {@code ja} or {@code en}
 * @param sections  OPENING, CUSHION, FACTS, OPTIONS, CHOICE, CLOSING, in that order
 * @param voicemail what to leave on an answering machine: who calls and that it is important, no order details
 */
@NamedInterface("scripts")
public record CallScript(String caseId, String variant, String locale, List<Section> sections, String voicemail) {

    /** The order sections are read in. */
    public static final List<String> KINDS = List.of("OPENING", "CUSHION", "FACTS", "OPTIONS", "CHOICE", "CLOSING");

    public CallScript {
        sections = List.copyOf(sections);
    }

    /** @param kind one of {@link #KINDS} */
    public record Section(String kind, String title, List<String> lines) {
        public Section {
            lines = List.copyOf(lines);
        }

        @Override
        public String toString() {
            return "Section[kind=" + kind + ", lines=" + lines.size() + "]";
        }
    }

    /** The section of that kind. */
    public Section section(String kind) {
        return sections.stream().filter(s -> s.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No section " + kind));
    }

    /** The whole script as text, sections in order, then the voicemail: for the email preview and printing. */
    public String plainText() {
        StringBuilder text = new StringBuilder();
        for (Section s : sections) {
            text.append("■ ").append(s.title()).append('\n');
            s.lines().forEach(line -> text.append(line).append('\n'));
            text.append('\n');
        }
        text.append("■ ").append("en".equals(locale) ? "Voicemail" : "留守番電話の場合").append('\n')
                .append(voicemail).append('\n');
        return text.toString();
    }

    /** Without the lines: they carry the customer's name. */
    @Override
    public String toString() {
        return "CallScript[caseId=" + caseId + ", variant=" + variant + ", locale=" + locale + ", sections="
                + sections.stream().map(Section::kind).toList() + "]";
    }
}

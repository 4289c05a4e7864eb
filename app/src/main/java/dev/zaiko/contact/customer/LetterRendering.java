package dev.zaiko.contact.customer;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** Renders a {@link Letter} as HTML (Thymeleaf, values escaped) and as plain text. */
@Component
public class LetterRendering {

    private final ITemplateEngine templates;

    LetterRendering(ITemplateEngine templates) {
        this.templates = templates;
    }

    String html(Letter letter, Locale locale) {
        return templates.process("mail/letter", new Context(locale, Map.of("letter", letter, "lang",
                locale.getLanguage())));
    }

    public static String text(Letter letter) {
        StringBuilder out = new StringBuilder(letter.greeting()).append("\n\n");
        for (Letter.Block block : letter.blocks()) {
            if (block instanceof Letter.Paragraph p) {
                out.append(p.text()).append("\n\n");
            } else if (block instanceof Letter.Bullets b) {
                if (b.title() != null) out.append("■ ").append(b.title()).append('\n');
                b.items().forEach(i -> out.append("・").append(i).append('\n'));
                out.append('\n');
            } else if (block instanceof Letter.Choices c) {
                out.append("■ ").append(c.title()).append('\n');
                int n = 1;
                for (Letter.Choice choice : c.items()) {
                    out.append(n++).append(". ").append(choice.title()).append('\n')
                            .append("   ").append(choice.explanation()).append('\n');
                }
                out.append('\n');
            } else if (block instanceof Letter.Comparison t) {
                out.append("■ ").append(t.title()).append('\n');
                for (List<String> row : t.rows()) out.append("| ").append(String.join(" | ", row)).append(" |\n");
                out.append('\n');
            } else if (block instanceof Letter.Action a) {
                out.append(a.label()).append('\n').append(a.url()).append('\n');
                if (a.note() != null) out.append(a.note()).append('\n');
                out.append('\n');
            }
        }
        out.append(letter.closing()).append("\n\n--\n");
        letter.signature().forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }
}

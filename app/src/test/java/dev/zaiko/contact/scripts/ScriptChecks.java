package dev.zaiko.contact.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.zaiko.stockout.Choice;
import org.springframework.context.support.ResourceBundleMessageSource;

/** What every script test checks: the words that shift the blame, and which options a script names. */
final class ScriptChecks {

    /** Phrases that shift the blame or close with "from now on" instead of "next time". */
    static final List<String> BANNED = List.of("システム", "手違い", "諸事情", "事情により", "今後とも",
            "the system", "system", "mix-up", "mixup", "circumstances", "from now on");

    static final ResourceBundleMessageSource MESSAGES = messages();

    private ScriptChecks() {
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    static String label(Choice choice, Locale locale) {
        return MESSAGES.getMessage("contact.script.choice." + choice.name(), null, locale);
    }

    /** Every line of the script and the voicemail, one text. */
    static String allText(CallScript script) {
        List<String> lines = new ArrayList<>();
        script.sections().forEach(s -> {
            lines.add(s.title());
            lines.addAll(s.lines());
        });
        lines.add(script.voicemail());
        return String.join("\n", lines);
    }

    static void assertNoBannedPhrase(String text, String what) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String banned : BANNED) {
            assertThat(lower).as(what + " must not say '" + banned + "'").doesNotContain(banned.toLowerCase(Locale.ROOT));
        }
    }

    /** The script names exactly the offered options (by their labels), and never one that is not offered. */
    static void assertNamesOnly(String text, List<Choice> offered, Locale locale) {
        for (Choice c : Choice.values()) {
            if (offered.contains(c)) {
                assertThat(text).as(c + " is offered").contains(label(c, locale));
            } else {
                assertThat(text).as(c + " is not offered").doesNotContain(label(c, locale));
            }
        }
    }

    static void assertSectionsInOrder(CallScript script) {
        assertThat(script.sections()).extracting(CallScript.Section::kind).containsExactlyElementsOf(CallScript.KINDS);
        script.sections().forEach(s -> assertThat(s.lines()).as(s.kind()).isNotEmpty());
    }
}

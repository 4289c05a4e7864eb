package dev.zaiko.stockout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Every stockout text owns the fault: no machine, no "mix-up", no vague "circumstances", no
 * blaming the customer. Checked on the bundles themselves, so a new key is checked too.
 */
class StockoutWordingTest {

    static final List<String> BANNED = List.of("システム", "手違い", "諸事情", "事情により", "お客様のせい",
            "system", "mix-up", "mixup", "circumstances", "your fault", "you should have");

    static Map<String, String> stockoutTexts(String bundle) throws Exception {
        Properties p = new Properties();
        try (InputStream in = StockoutWordingTest.class.getResourceAsStream("/" + bundle)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Map<String, String> texts = new TreeMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("stockout.")).forEach(k -> texts.put(k, p.getProperty(k)));
        return texts;
    }

    @Test
    void noStockoutTextInEitherLanguageUsesABannedPhrase() throws Exception {
        for (String bundle : List.of("messages.properties", "messages_en.properties")) {
            Map<String, String> texts = stockoutTexts(bundle);
            assertThat(texts).as(bundle).isNotEmpty();
            texts.forEach((key, text) -> BANNED.forEach(banned -> assertThat(text.toLowerCase(Locale.ROOT))
                    .as(bundle + " " + key).doesNotContain(banned.toLowerCase(Locale.ROOT))));
        }
    }

    @Test
    void everyKnownReasonAndTheFallbackHaveTheirOwnWordsInBothLanguagesAndOwnTheFault() throws Exception {
        Map<String, String> ja = stockoutTexts("messages.properties");
        Map<String, String> en = stockoutTexts("messages_en.properties");
        assertThat(en.keySet()).isEqualTo(ja.keySet());
        for (String reason : concat(StockoutTexts.KNOWN_REASONS, "OTHER")) {
            String key = "stockout.reason." + reason;
            assertThat(ja.get(key)).as(key).isNotBlank().contains("当店");
            assertThat(en.get(key)).as(key).isNotBlank().containsAnyOf("our fault", "our responsibility",
                    "our failure", "we are sorry");
        }
        assertThat(ja.values()).as("one text per reason").doesNotHaveDuplicates();
    }

    @Test
    void textsResolveThroughTheMessageSourceJapaneseByDefault() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        StockoutTexts texts = new StockoutTexts(source);
        assertThat(texts.reason("DISPLACED", Locale.JAPANESE)).contains("実店舗");
        assertThat(texts.reason("DISPLACED", Locale.ENGLISH)).contains("Our own store");
        assertThat(texts.reason("SOMETHING_NEW", Locale.ENGLISH)).isEqualTo(
                "We can no longer provide the item you ordered. This is our responsibility.");
        assertThat(texts.nextInbound(new StockoutFacts.NextInbound(java.time.LocalDate.of(2026, 12, 3), 5, "WH"),
                Locale.JAPANESE)).isEqualTo("次回入荷予定：2026年12月3日（5点）");
        assertThat(texts.nextInbound(null, Locale.ENGLISH)).isEqualTo("We have no dated delivery expected for this item.");
    }

    private static List<String> concat(List<String> list, String one) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(one)).toList();
    }
}

package dev.zaiko.stockout;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.zaiko.catalog.AttributeDictionary;
import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.Products;
import org.springframework.stereotype.Component;

/**
 * A substitute's side-by-side comparison as people read it: attribute names and text values from
 * the catalog's attribute dictionary in the reader's language (the key or value itself when the
 * dictionary has no word for it), numbers with their unit, and the verdict in words. Used by the
 * customer's decision page, the follow-up email and the console's case page alike.
 */
@Component
public class ComparisonTexts implements ComparisonWords {

    private final Products products;
    private final AttributeDictionary dictionary;
    private final StockoutTexts texts;

    ComparisonTexts(Products products, AttributeDictionary dictionary, StockoutTexts texts) {
        this.products = products;
        this.dictionary = dictionary;
        this.texts = texts;
    }

    /**
     * @param attribute the attribute's key; @param name its name in the reader's language
     * @param original  the missing product's value in words, null when it has none
     * @param substitute the substitute's value in words, null when it has none
     */
    public record Row(String attribute, String name, String original, String substitute,
                      SubstituteCandidate.Verdict verdict, String verdictText, boolean matters) {
    }

    @Override
    public List<Row> rows(String originalSku, SubstituteCandidate substitute, Locale locale) {
        AttributeDictionary.Words words = dictionary.words(locale);
        Optional<Product> original = products.find(originalSku);
        Optional<Product> other = products.find(substitute.sku());
        return substitute.comparison().stream().map(r -> new Row(r.attribute(), words.name(r.attribute()),
                        shown(words, r.attribute(), original, r.original()),
                        shown(words, r.attribute(), other, r.substitute()), r.verdict(),
                        texts.verdict(r.verdict(), locale), r.matters()))
                .toList();
    }

    /**
     * The value in words. The comparison keeps the value as it was when the options were computed; the
     * product's value is worded when it still is that value, else the kept text is shown as it is.
     */
    private static String shown(AttributeDictionary.Words words, String attribute, Optional<Product> product,
                                String recorded) {
        if (recorded == null) return null;
        return product.map(p -> p.attributes().get(attribute)).filter(a -> recorded.equals(RankingSubstitutes.shown(a)))
                .map(a -> words.value(attribute, a)).orElse(recorded);
    }
}

package dev.zaiko.stockout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.Product.Attribute;
import dev.zaiko.catalog.ProductStatus;
import dev.zaiko.stockout.AttributeRules.Direction;
import dev.zaiko.stockout.SubstituteCandidate.Verdict;
import org.junit.jupiter.api.Test;

/** Which substitutes are offered, in which order, at which price. */
class RankingSubstitutesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    static final Map<String, Direction> BOTTLE_RULES = AttributeRules.parse("bottle", "volume:AT_LEAST,weight:AT_MOST");

    static Product bottle(String sku, long price, int ml, int grams, String... tags) {
        return product(sku, "bottle", price, ProductStatus.ACTIVE, Map.of("volume", Attribute.number(ml, "ml"),
                "weight", Attribute.number(grams, "g")), tags);
    }

    static Product product(String sku, String category, long price, ProductStatus status,
                           Map<String, Attribute> attributes, String... tags) {
        return new Product(sku, new Product.Name(sku + " ja", sku + " en"), category, List.of(tags), attributes, price,
                status, false, 0, false, null, null, Instant.EPOCH, Instant.EPOCH);
    }

    static RankingSubstitutes.Candidate inStock(Product p) {
        return new RankingSubstitutes.Candidate(p, 10);
    }

    static List<String> skus(List<SubstituteCandidate> ranked) {
        return ranked.stream().map(SubstituteCandidate::sku).toList();
    }

    final Product missing = bottle("B-500", 3000, 500, 300, "hydration", "insulated");

    @Test
    void aBiggerBottleIsAcceptableASmallerOneFallsShortAndRanksLast() {
        List<SubstituteCandidate> ranked = RankingSubstitutes.rank(missing, 3000, 1, List.of(
                        inStock(bottle("B-350", 2800, 350, 250, "hydration", "insulated")),
                        inStock(bottle("B-600", 3000, 600, 300, "hydration", "insulated")),
                        inStock(bottle("B-2000", 3000, 2000, 300, "hydration", "insulated")),
                        inStock(bottle("B-600-HEAVY", 3000, 600, 320, "hydration", "insulated"))),
                List.of(), BOTTLE_RULES, 1000, 5, TODAY);

        // nearer is better among the acceptable; heavier (one attribute worse) and smaller come after
        assertThat(skus(ranked)).containsExactly("B-600", "B-2000", "B-600-HEAVY", "B-350");
        assertThat(ranked.get(0).rank()).isEqualTo(1);
        assertThat(ranked.get(2).fallsShortOn()).containsExactly("weight");
        assertThat(ranked.get(3).fallsShortOn()).containsExactly("volume");
        SubstituteCandidate.ComparisonRow volume = ranked.get(0).comparison().get(0);
        assertThat(volume.attribute()).isEqualTo("volume");
        assertThat(volume.original()).isEqualTo("500 ml");
        assertThat(volume.substitute()).isEqualTo("600 ml");
        assertThat(volume.verdict()).isEqualTo(Verdict.BETTER);
        assertThat(ranked.get(0).comparison().get(1).verdict()).isEqualTo(Verdict.SAME);
        assertThat(ranked.get(2).comparison().get(1).verdict()).isEqualTo(Verdict.WORSE); // 320 g is heavier
    }

    @Test
    void aNumberWithinAFifthOfTheOriginalIsAboutTheSameAndFartherIsNot() {
        Attribute grams520 = new Attribute(new java.math.BigDecimal("520"), null, "g");
        Attribute grams88 = new Attribute(new java.math.BigDecimal("88"), null, "g");
        Attribute grams600 = new Attribute(new java.math.BigDecimal("600"), null, "g");
        Attribute grams630 = new Attribute(new java.math.BigDecimal("630"), null, "g");

        assertThat(RankingSubstitutes.verdict(grams520, grams600, AttributeRules.Direction.CLOSEST))
                .isEqualTo(SubstituteCandidate.Verdict.CLOSE);
        assertThat(RankingSubstitutes.verdict(grams520, grams630, AttributeRules.Direction.CLOSEST))
                .isEqualTo(SubstituteCandidate.Verdict.FAR);
        assertThat(RankingSubstitutes.verdict(grams520, grams88, AttributeRules.Direction.CLOSEST))
                .isEqualTo(SubstituteCandidate.Verdict.FAR);
        assertThat(RankingSubstitutes.verdict(grams520, grams88, AttributeRules.Direction.AT_MOST))
                .as("lighter where lighter is better").isEqualTo(SubstituteCandidate.Verdict.BETTER);
    }

    @Test
    void pinnedSubstitutesComeFirstInTheShopsOrderEvenFromAnotherCategory() {
        Product flask = product("FLASK", "flask", 2500, ProductStatus.ACTIVE, Map.of());
        List<SubstituteCandidate> ranked = RankingSubstitutes.rank(missing, 3000, 1, List.of(
                        inStock(bottle("B-600", 3000, 600, 300, "hydration")),
                        inStock(bottle("B-350", 2800, 350, 250, "hydration")), inStock(flask)),
                List.of("B-350", "FLASK"), BOTTLE_RULES, 1000, 5, TODAY);

        assertThat(skus(ranked)).containsExactly("B-350", "FLASK", "B-600");
        assertThat(ranked.get(0).pinned()).isTrue();
        assertThat(ranked.get(2).pinned()).isFalse();
    }

    @Test
    void filtersOutOtherCategoriesOtherPurposesDiscontinuedTooFewUnitsAndTheProductItself() {
        List<SubstituteCandidate> ranked = RankingSubstitutes.rank(missing, 3000, 2, List.of(
                        inStock(bottle("B-500", 3000, 500, 300, "hydration")),
                        inStock(product("MUG", "mug", 1000, ProductStatus.ACTIVE, Map.of(), "hydration")),
                        inStock(bottle("B-OTHER", 3000, 600, 300, "decoration")),
                        inStock(product("B-OLD", "bottle", 3000, ProductStatus.DISCONTINUED, Map.of(), "hydration")),
                        new RankingSubstitutes.Candidate(bottle("B-FEW", 3000, 600, 300, "hydration"), 1),
                        inStock(bottle("B-OK", 3000, 600, 300, "hydration"))),
                List.of(), BOTTLE_RULES, 1000, 5, TODAY);

        assertThat(skus(ranked)).containsExactly("B-OK");
    }

    @Test
    void amongEquallyGoodFitsTheOneServingMorePurposesComesFirst() {
        List<SubstituteCandidate> ranked = RankingSubstitutes.rank(missing, 3000, 1, List.of(
                        inStock(bottle("B-ONE", 3000, 600, 300, "hydration")),
                        inStock(bottle("B-BOTH", 3000, 750, 300, "hydration", "insulated"))),
                List.of(), BOTTLE_RULES, 1000, 5, TODAY);

        assertThat(skus(ranked)).containsExactly("B-BOTH", "B-ONE");
    }

    @Test
    void howFarACandidateFallsShortCountsNotOnWhatMany() {
        List<SubstituteCandidate> ranked = RankingSubstitutes.rank(missing, 3000, 1, List.of(
                        // four times as heavy: short on one attribute, by far
                        inStock(bottle("B-HEAVY", 3000, 500, 1200, "hydration", "insulated")),
                        // a little smaller and a little heavier: short on two, by little
                        inStock(bottle("B-CLOSE", 3000, 480, 315, "hydration", "insulated"))),
                List.of(), BOTTLE_RULES, 1000, 5, TODAY);

        assertThat(skus(ranked)).containsExactly("B-CLOSE", "B-HEAVY");
        assertThat(ranked.get(0).fallsShortOn()).containsExactly("volume", "weight");
    }

    @Test
    void priceRulesCheaperRefundsDearerAbsorbedUpToTheLimitBeyondItNotOffered() {
        List<SubstituteCandidate> ranked = RankingSubstitutes.rank(missing, 3000, 2, List.of(
                        inStock(bottle("B-CHEAP", 2500, 500, 300, "hydration")),
                        inStock(bottle("B-DEAR", 3500, 500, 300, "hydration")),
                        inStock(bottle("B-TOO-DEAR", 3600, 500, 300, "hydration"))),
                List.of(), BOTTLE_RULES, 1000, 5, TODAY);

        assertThat(skus(ranked)).containsExactlyInAnyOrder("B-CHEAP", "B-DEAR");
        SubstituteCandidate cheap = ranked.stream().filter(c -> c.sku().equals("B-CHEAP")).findFirst().orElseThrow();
        assertThat(cheap.price()).isEqualTo(new SubstitutePrice(2500, 1000, 0));
        SubstituteCandidate dear = ranked.stream().filter(c -> c.sku().equals("B-DEAR")).findFirst().orElseThrow();
        assertThat(dear.price()).isEqualTo(new SubstitutePrice(3000, 0, 1000));
    }

    @Test
    void atMostTheConfiguredNumberAreOffered() {
        List<SubstituteCandidate> ranked = RankingSubstitutes.rank(missing, 3000, 1, List.of(
                        inStock(bottle("B-1", 3000, 600, 300, "hydration")),
                        inStock(bottle("B-2", 3000, 700, 300, "hydration")),
                        inStock(bottle("B-3", 3000, 800, 300, "hydration"))),
                List.of(), BOTTLE_RULES, 1000, 2, TODAY);

        assertThat(skus(ranked)).containsExactly("B-1", "B-2");
    }

    @Test
    void withoutRulesForTheCategoryEveryAttributeCountsNumbersByClosenessTextsBySameness() {
        Product lamp = product("L-1", "lamp", 5000, ProductStatus.ACTIVE,
                Map.of("brightness", Attribute.number(400, "lm"), "colour", Attribute.text("red")), "light");
        List<SubstituteCandidate> ranked = RankingSubstitutes.rank(lamp, 5000, 1, List.of(
                        inStock(product("L-FAR", "lamp", 5000, ProductStatus.ACTIVE,
                                Map.of("brightness", Attribute.number(1000, "lm"), "colour", Attribute.text("red")), "light")),
                        inStock(product("L-BLUE", "lamp", 5000, ProductStatus.ACTIVE,
                                Map.of("brightness", Attribute.number(400, "lm"), "colour", Attribute.text("blue")), "light")),
                        inStock(product("L-NEAR", "lamp", 5000, ProductStatus.ACTIVE,
                                Map.of("brightness", Attribute.number(450, "lm"), "colour", Attribute.text("Red")), "light"))),
                List.of(), Map.of(), 0, 5, TODAY);

        assertThat(skus(ranked)).containsExactly("L-NEAR", "L-FAR", "L-BLUE");
        assertThat(ranked.get(2).fallsShortOn()).containsExactly("colour");
    }
}

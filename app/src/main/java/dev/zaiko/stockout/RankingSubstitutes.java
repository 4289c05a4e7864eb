package dev.zaiko.stockout;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.zaiko.catalog.Product;
import dev.zaiko.stockout.AttributeRules.Direction;
import dev.zaiko.stockout.SubstituteCandidate.ComparisonRow;
import dev.zaiko.stockout.SubstituteCandidate.Verdict;

/**
 * Ranks the products that could stand in for a missing one. Pure rules, no I/O.
 * <p>
 * A candidate must be active, in stock for the order's channel in the quantity needed, and
 * priced within the shop's rules ({@link SubstitutePrice}). Unless the shop pinned it, it must
 * also be of the same category and share at least one purpose tag. The order:
 * <ol>
 * <li>the shop's pinned substitutes, in the shop's order;</li>
 * <li>then by how far they fall short on the attributes that matter for the category (a
 * smaller bottle, a heavier tent: see {@link AttributeRules}), summed as relative distances on
 * the worse side (a missing or different value counts as 1): a tent 5% heavier is a better
 * stand-in than one four times as heavy, whatever else each lacks;</li>
 * <li>then those serving more of the missing product's purposes;</li>
 * <li>then the closest on those attributes overall (relative distance, summed);</li>
 * <li>then the closest in price, then by SKU.</li>
 * </ol>
 */
final class RankingSubstitutes {

    /** A product that might stand in, with what the order's channel could have of it now. */
    record Candidate(Product product, int available) {
    }

    private RankingSubstitutes() {
    }

    static List<SubstituteCandidate> rank(Product original, long paidUnitPrice, int quantity, List<Candidate> candidates,
                                          List<String> pinned, Map<String, Direction> categoryRules, long absorbLimit,
                                          int max, LocalDate shipsOn) {
        Map<String, Direction> rules = rulesFor(original, categoryRules);
        record Scored(SubstituteCandidate candidate, int pinOrder, double shortfall, int missingPurposes,
                      double distance, long priceGap) {
        }
        List<Scored> scored = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Candidate c : candidates) {
            Product p = c.product();
            if (p.sku().equals(original.sku()) || !seen.add(p.sku()) || p.isDiscontinued() || c.available() < quantity) {
                continue;
            }
            int pinOrder = pinned.indexOf(p.sku());
            Set<String> served = new HashSet<>(p.purposeTags());
            int missingPurposes = (int) original.purposeTags().stream().filter(t -> !served.contains(t)).count();
            boolean related = p.category().equals(original.category())
                    && (original.purposeTags().isEmpty() || missingPurposes < original.purposeTags().size());
            if (pinOrder < 0 && !related) continue;
            Optional<SubstitutePrice> price = SubstitutePrice.of(paidUnitPrice, p.price(), quantity, absorbLimit);
            if (price.isEmpty()) continue;
            List<ComparisonRow> rows = compare(original, p, rules);
            List<String> fallsShort = rows.stream().filter(r -> r.matters() && isShort(r)).map(ComparisonRow::attribute)
                    .toList();
            double distance = 0;
            double shortfall = 0;
            for (ComparisonRow row : rows) {
                if (!row.matters()) continue;
                double d = distance(original.attributes().get(row.attribute()), p.attributes().get(row.attribute()));
                distance += d;
                if (isShort(row)) shortfall += row.verdict() == Verdict.WORSE ? d : 1;
            }
            SubstituteCandidate candidate = new SubstituteCandidate(0, p.sku(), new StockoutFacts.Name(p.name().ja(),
                    p.name().en()), pinOrder >= 0, quantity, p.price(), paidUnitPrice, price.get(), c.available(),
                    shipsOn, fallsShort, rows);
            scored.add(new Scored(candidate, pinOrder < 0 ? Integer.MAX_VALUE : pinOrder, shortfall, missingPurposes,
                    distance, Math.abs(p.price() - paidUnitPrice)));
        }
        scored.sort(Comparator.comparingInt(Scored::pinOrder).thenComparingDouble(Scored::shortfall)
                .thenComparingInt(Scored::missingPurposes).thenComparingDouble(Scored::distance)
                .thenComparingLong(Scored::priceGap).thenComparing(s -> s.candidate().sku()));
        List<SubstituteCandidate> ranked = new ArrayList<>();
        for (int i = 0; i < scored.size() && i < max; i++) {
            SubstituteCandidate c = scored.get(i).candidate();
            ranked.add(new SubstituteCandidate(i + 1, c.sku(), c.name(), c.pinned(), c.quantity(), c.listPrice(),
                    c.originalUnitPrice(), c.price(), c.available(), c.shipsOn(), c.fallsShortOn(), c.comparison()));
        }
        return ranked;
    }

    /** The category's configured rules, or every attribute of the product (numbers: closest, texts: same). */
    static Map<String, Direction> rulesFor(Product original, Map<String, Direction> categoryRules) {
        if (!categoryRules.isEmpty()) return categoryRules;
        Map<String, Direction> rules = new LinkedHashMap<>();
        original.attributes().forEach((name, a) -> rules.put(name, a.isNumber() ? Direction.CLOSEST : Direction.SAME));
        return rules;
    }

    private static List<ComparisonRow> compare(Product original, Product substitute, Map<String, Direction> rules) {
        List<String> names = new ArrayList<>(rules.keySet());
        original.attributes().keySet().stream().filter(n -> !rules.containsKey(n)).forEach(names::add);
        List<ComparisonRow> rows = new ArrayList<>();
        for (String name : names) {
            Product.Attribute o = original.attributes().get(name);
            Product.Attribute s = substitute.attributes().get(name);
            if (o == null && s == null) continue;
            Direction direction = rules.getOrDefault(name, o != null && o.isNumber() ? Direction.CLOSEST : Direction.SAME);
            rows.add(new ComparisonRow(name, shown(o), shown(s), verdict(o, s, direction), rules.containsKey(name)));
        }
        return rows;
    }

    static Verdict verdict(Product.Attribute original, Product.Attribute substitute, Direction direction) {
        if (original == null) return Verdict.DIFFERENT;
        if (substitute == null) return Verdict.MISSING;
        if (original.isNumber() != substitute.isNumber()) return Verdict.DIFFERENT;
        if (!original.isNumber()) {
            return original.text().strip().equalsIgnoreCase(substitute.text().strip()) ? Verdict.SAME : Verdict.DIFFERENT;
        }
        if (!sameUnit(original, substitute)) return Verdict.DIFFERENT;
        int cmp = substitute.number().compareTo(original.number());
        if (cmp == 0) return Verdict.SAME;
        return switch (direction) {
            case AT_LEAST -> cmp > 0 ? Verdict.BETTER : Verdict.WORSE;
            case AT_MOST -> cmp < 0 ? Verdict.BETTER : Verdict.WORSE;
            case CLOSEST -> closeEnough(original.number(), substitute.number()) ? Verdict.CLOSE : Verdict.FAR;
            case SAME -> Verdict.DIFFERENT;
        };
    }

    /** How far a number may be from the original's and still be called about the same: 20 %. */
    static final BigDecimal CLOSE_ENOUGH = new BigDecimal("0.20");

    static boolean closeEnough(BigDecimal original, BigDecimal substitute) {
        BigDecimal gap = substitute.subtract(original).abs();
        return gap.compareTo(original.abs().multiply(CLOSE_ENOUGH)) <= 0;
    }

    private static boolean isShort(ComparisonRow row) {
        return row.verdict() == Verdict.WORSE || row.verdict() == Verdict.MISSING || row.verdict() == Verdict.DIFFERENT;
    }

    /** Relative distance of two numbers with the same unit; 1 for what cannot be compared. */
    private static double distance(Product.Attribute original, Product.Attribute substitute) {
        if (original == null || substitute == null || !original.isNumber() || !substitute.isNumber()
                || !sameUnit(original, substitute)) {
            return original != null && substitute != null && !original.isNumber() && !substitute.isNumber()
                    && original.text().strip().equalsIgnoreCase(substitute.text().strip()) ? 0 : 1;
        }
        BigDecimal o = original.number();
        BigDecimal gap = substitute.number().subtract(o).abs();
        if (o.signum() == 0) return gap.signum() == 0 ? 0 : 1;
        return Math.min(10, gap.divide(o.abs(), MathContext.DECIMAL64).doubleValue());
    }

    private static boolean sameUnit(Product.Attribute a, Product.Attribute b) {
        String ua = a.unit() == null ? "" : a.unit().strip().toLowerCase(Locale.ROOT);
        String ub = b.unit() == null ? "" : b.unit().strip().toLowerCase(Locale.ROOT);
        return ua.equals(ub);
    }

    static String shown(Product.Attribute a) {
        if (a == null) return null;
        if (!a.isNumber()) return a.text();
        return a.number().toPlainString() + (a.unit() == null ? "" : " " + a.unit());
    }
}

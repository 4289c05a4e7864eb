package dev.zaiko.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.zaiko.catalog.Product.Attribute;
import dev.zaiko.platform.InvalidRequestException;

/**
 * The rules a product must keep, applied to every draft whether it came from the API or from
 * Java, before anything is written. All broken rules are reported together so that a form or a
 * data loader can fix them in one go.
 */
final class ProductRules {

    static final String SKU_PATTERN = "^[A-Z0-9][A-Z0-9._-]{1,63}$";
    private static final Pattern SKU = Pattern.compile(SKU_PATTERN);
    static final int MAX_PURPOSE_TAGS = 20;
    static final int MAX_ATTRIBUTES = 50;
    // Generous limits that only stop pasted garbage; none of them is a business rule.
    private static final int MAX_NAME = 200;
    private static final int MAX_SHORT = 100;
    private static final int MAX_TEXT_VALUE = 1000;

    private ProductRules() {
    }

    static void check(ProductDraft draft) {
        List<String> problems = problems(draft);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(String.join("; ", problems) + ".");
        }
    }

    /** Blank optional texts mean "none" (also a blank JAN), and a tag given twice is the same purpose. */
    static ProductDraft normalize(ProductDraft draft) {
        String supplier = draft.supplier() == null || draft.supplier().isBlank() ? null : draft.supplier();
        List<String> tags = List.copyOf(new LinkedHashSet<>(draft.purposeTags()));
        return new ProductDraft(draft.sku(), draft.name(), draft.category(), tags, draft.attributes(), draft.price(),
                draft.status(), draft.oneOfAKind(), draft.lowStockThreshold(), draft.backorderable(), supplier,
                draft.leadTimeDays(), Jan.normalize(draft.jan()));
    }

    static String skuProblem(String sku) {
        if (sku == null || sku.isEmpty()) {
            return "sku is required";
        }
        if (!SKU.matcher(sku).matches()) {
            return "sku '" + sku + "' must match " + SKU_PATTERN
                    + " (2 to 64 upper-case letters, digits, '.', '_' or '-', starting with a letter or digit)";
        }
        return null;
    }

    static List<String> problems(ProductDraft d) {
        List<String> problems = new ArrayList<>();
        String skuProblem = skuProblem(d.sku());
        if (skuProblem != null) problems.add(skuProblem);

        if (d.name() == null) {
            problems.add("name is required, with both name.ja and name.en");
        } else {
            requireText(problems, "name.ja", d.name().ja(), MAX_NAME);
            requireText(problems, "name.en", d.name().en(), MAX_NAME);
        }
        requireText(problems, "category", d.category(), MAX_SHORT);

        if (d.purposeTags().size() > MAX_PURPOSE_TAGS) {
            problems.add("at most " + MAX_PURPOSE_TAGS + " purposeTags are allowed, got " + d.purposeTags().size());
        }
        for (String tag : d.purposeTags()) {
            if (tag == null || tag.isBlank()) {
                problems.add("purposeTags must not contain empty or blank tags");
                break;
            }
            if (tag.length() > MAX_SHORT) {
                problems.add("purpose tag '" + tag.substring(0, 20) + "…' is longer than " + MAX_SHORT + " characters");
            }
        }

        if (d.attributes().size() > MAX_ATTRIBUTES) {
            problems.add("at most " + MAX_ATTRIBUTES + " attributes are allowed, got " + d.attributes().size());
        }
        for (Map.Entry<String, Attribute> attribute : d.attributes().entrySet()) {
            attributeProblems(problems, attribute.getKey(), attribute.getValue());
        }

        if (d.price() < 0) {
            problems.add("price must be 0 or more (whole yen), got " + d.price());
        }
        if (d.lowStockThreshold() < 0) {
            problems.add("lowStockThreshold must be 0 or more, got " + d.lowStockThreshold());
        }
        if (d.leadTimeDays() != null && d.leadTimeDays() < 0) {
            problems.add("leadTimeDays must be 0 or more, got " + d.leadTimeDays());
        }
        String janProblem = Jan.problem(Jan.normalize(d.jan()));
        if (janProblem != null) problems.add(janProblem);
        if (d.supplier() != null && d.supplier().length() > MAX_NAME) {
            problems.add("supplier must be at most " + MAX_NAME + " characters");
        }
        return problems;
    }

    private static void attributeProblems(List<String> problems, String name, Attribute attribute) {
        if (name == null || name.isBlank()) {
            problems.add("attribute names must not be empty or blank");
            return;
        }
        if (name.length() > MAX_SHORT) {
            problems.add("attribute name '" + name.substring(0, 20) + "…' is longer than " + MAX_SHORT + " characters");
            return;
        }
        String field = "attributes." + name;
        if (attribute == null) {
            problems.add(field + " must have a value: a number or a text");
            return;
        }
        if (!attribute.isNumber()) {
            if (attribute.text().isBlank()) {
                problems.add(field + " must not be an empty or blank text");
            } else if (attribute.text().length() > MAX_TEXT_VALUE) {
                problems.add(field + " must be at most " + MAX_TEXT_VALUE + " characters");
            }
        }
        if (attribute.unit() != null && (attribute.unit().isBlank() || attribute.unit().length() > MAX_SHORT)) {
            problems.add(field + ".unit must not be blank and at most " + MAX_SHORT + " characters; omit it for no unit");
        }
    }

    private static void requireText(List<String> problems, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is required and must not be blank");
        } else if (value.length() > max) {
            problems.add(field + " must be at most " + max + " characters");
        }
    }
}

package dev.zaiko.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import dev.zaiko.catalog.AttributeDictionary;
import dev.zaiko.catalog.AttributeEntry;
import dev.zaiko.catalog.DefiningAttributes;
import dev.zaiko.catalog.Product;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * The attribute dictionary in the console ({@code /catalog/attributes}): every entry with its names,
 * unit and value wordings in both languages, and one form to name a new attribute or edit an entry
 * (docs/catalog.md). Saving goes through the catalog's {@link DefiningAttributes}, which checks every
 * field first: a refusal is shown next to the field it names, in the reader's language, and nothing
 * is written.
 */
@Controller
class AttributePages {

    /** Empty value rows the form offers below an entry's values. */
    static final int BLANK_ROWS = 3;

    private final AttributeDictionary dictionary;
    private final DefiningAttributes defining;
    private final MessageSource messages;

    AttributePages(AttributeDictionary dictionary, DefiningAttributes defining, MessageSource messages) {
        this.dictionary = dictionary;
        this.defining = defining;
        this.messages = messages;
    }

    /** One text value's row in the form. */
    record ValueRow(String value, String ja, String en) {
    }

    /**
     * What the form shows or was given.
     *
     * @param existing true when it edits an entry (its key fixed), false when it names a new attribute
     */
    record EntryForm(boolean existing, String attribute, String nameJa, String nameEn, String unitJa, String unitEn,
                     List<ValueRow> values) {

        static EntryForm blank() {
            return new EntryForm(false, "", "", "", "", "", rows(List.of()));
        }

        static EntryForm of(AttributeEntry e) {
            List<ValueRow> values = new ArrayList<>();
            e.values().forEach((value, text) -> values.add(new ValueRow(value, text.ja(), text.en())));
            return new EntryForm(true, e.attribute(), e.name().ja(), e.name().en(),
                    e.unit() == null ? "" : e.unit().ja(), e.unit() == null ? "" : e.unit().en(), rows(values));
        }

        private static List<ValueRow> rows(List<ValueRow> filled) {
            List<ValueRow> rows = new ArrayList<>(filled);
            for (int i = 0; i < BLANK_ROWS; i++) rows.add(new ValueRow("", "", ""));
            return rows;
        }
    }

    @GetMapping("/catalog/attributes")
    String list(@RequestParam(required = false) String edit, @RequestParam(required = false) String notice,
                Model model, Locale locale, HttpServletResponse response) {
        EntryForm form = EntryForm.blank();
        if (edit != null && !edit.isBlank()) {
            try {
                form = EntryForm.of(dictionary.get(edit));
            } catch (NotFoundException e) {
                response.setStatus(HttpStatus.NOT_FOUND.value());
                model.addAttribute("notFound", edit);
            }
        }
        model.addAttribute("notice", "saved".equals(notice) ? text("catalog.attributes.notice.saved", locale) : null);
        return page(model, form, Map.of());
    }

    /**
     * Saves the form: {@code mode} {@code new|edit}, {@code attribute}, {@code nameJa}, {@code nameEn},
     * {@code unitJa}, {@code unitEn}, and per value row {@code value.N}, {@code valueJa.N}, {@code valueEn.N}
     * (a row left empty is no value). Editing replaces the entry's values with the rows given.
     */
    @PostMapping("/catalog/attributes")
    String save(@RequestParam Map<String, String> params, Model model, Locale locale,
                HttpServletResponse response) {
        boolean existing = "edit".equals(params.get("mode"));
        List<ValueRow> rows = new ArrayList<>();
        for (int i = 0; params.containsKey("value." + i) || params.containsKey("valueJa." + i)
                || params.containsKey("valueEn." + i); i++) {
            rows.add(new ValueRow(param(params, "value." + i), param(params, "valueJa." + i),
                    param(params, "valueEn." + i)));
        }
        EntryForm form = new EntryForm(existing, param(params, "attribute"), param(params, "nameJa"),
                param(params, "nameEn"), param(params, "unitJa"), param(params, "unitEn"), rows);
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Product.Name> values = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            ValueRow row = rows.get(i);
            if (row.value().isBlank() && row.ja().isBlank() && row.en().isBlank()) continue;
            if (row.value().isBlank()) {
                errors.put("value." + i, text("catalog.attributes.error.value", locale));
            } else if (values.containsKey(row.value().strip())) {
                errors.put("value." + i, text("catalog.attributes.error.duplicate", locale));
            } else {
                values.put(row.value().strip(), new Product.Name(row.ja(), row.en()));
            }
        }
        if (!existing && errors.isEmpty() && !form.attribute().isBlank()
                && dictionary.list().stream().anyMatch(e -> e.attribute().equals(form.attribute().strip()))) {
            errors.put("attribute", text("catalog.attributes.error.exists", locale));
        }
        if (errors.isEmpty()) {
            try {
                DefiningAttributes.Defined saved = defining.define(form.attribute(), new DefiningAttributes.Definition(
                        new Product.Name(form.nameJa(), form.nameEn()), new Product.Name(form.unitJa(), form.unitEn()),
                        values));
                return "redirect:/catalog/attributes?notice=saved&edit="
                        + UriUtils.encodeQueryParam(saved.entry().attribute(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (InvalidRequestException e) {
                Object field = e.properties().get("field");
                errors.put(formField(field == null ? "" : field.toString(), rows),
                        text("catalog.attributes.error." + kind(field == null ? "" : field.toString()), locale));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        model.addAttribute("notice", null);
        return page(model, form, errors);
    }

    private String page(Model model, EntryForm form, Map<String, String> errors) {
        model.addAttribute("entries", dictionary.list());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "console/attributes";
    }

    /**
     * The form's field a refusal of the catalog names: {@code name.ja} is {@code nameJa}, a value's
     * {@code values.wood.en} is the row holding {@code wood}.
     */
    static String formField(String field, List<ValueRow> rows) {
        switch (field) {
            case "attribute", "values" -> {
                return field;
            }
            case "name", "name.ja" -> {
                return "nameJa";
            }
            case "name.en" -> {
                return "nameEn";
            }
            case "unit.ja" -> {
                return "unitJa";
            }
            case "unit.en" -> {
                return "unitEn";
            }
            default -> {
                if (!field.startsWith("values.")) return "form";
                String rest = field.substring("values.".length());
                String suffix = rest.endsWith(".ja") ? "valueJa." : rest.endsWith(".en") ? "valueEn." : "value.";
                String value = suffix.equals("value.") ? rest : rest.substring(0, rest.length() - 3);
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.get(i).value().strip().equals(value)) return suffix + i;
                }
                return "values";
            }
        }
    }

    /** Which of the bundle's refusals ({@code catalog.attributes.error.*}) words the field's. */
    private static String kind(String field) {
        if (field.equals("attribute")) return "attribute";
        if (field.equals("values")) return "values";
        if (field.startsWith("values.") && !field.endsWith(".ja") && !field.endsWith(".en")) return "value";
        return "text";
    }

    private static String param(Map<String, String> params, String name) {
        return Optional.ofNullable(params.get(name)).orElse("");
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}

package dev.zaiko.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.zaiko.connector.ItemMappings;
import dev.zaiko.connector.MatchingPlatformItems;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.MultiLineText;
import dev.zaiko.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A connected channel's SKU mapping in the console ({@code /channels/{code}/mapping}, linked from
 * the connector page): the current mapping, a form for one SKU's identifiers, the all-or-nothing
 * CSV import with its per-row report, and the platform's item list matched by JAN or seller SKU,
 * shown as a preview with an "apply" button. The same acts and the same authority as the API
 * (reading: LOOK; every form: CHANGE).
 */
@Controller
class MappingPage {

    static final String VIEW = "console/mapping";
    /** The API's file limit (10 MB); a decoded file has at most as many characters as bytes. */
    static final int MAX_CSV_CHARS = 10 * 1024 * 1024;

    private final ItemMappings mappings;
    private final MatchingPlatformItems matching;

    MappingPage(ItemMappings mappings, MatchingPlatformItems matching) {
        this.mappings = mappings;
        this.matching = matching;
    }

    @GetMapping("/channels/{code}/mapping")
    String show(@PathVariable String code, @RequestParam(required = false) String notice, Model model,
                HttpServletResponse response) {
        model.addAttribute("notice", notice);
        return page(code, model, response);
    }

    /** One SKU's identifiers, typed as {@code name=value} lines. */
    @PostMapping("/channels/{code}/mapping/items")
    String set(@PathVariable String code, @RequestParam(defaultValue = "") String sku,
               @RequestParam(defaultValue = "") @MultiLineText String identifiers, Model model,
               HttpServletResponse response) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String line : identifiers.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) parsed.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            else if (!line.isBlank()) parsed.put(line.strip(), "");
        }
        try {
            mappings.set(code, sku.strip(), parsed);
            return "redirect:/channels/" + code + "/mapping?notice=set";
        } catch (InvalidRequestException e) {
            model.addAttribute("setError", e.getMessage());
            model.addAttribute("setSku", sku);
            model.addAttribute("setIdentifiers", identifiers);
            return refused(code, model, response);
        }
    }

    /** The existing CSV import: every row or none, each row's report shown. */
    @PostMapping("/channels/{code}/mapping/import")
    String importCsv(@PathVariable String code, @RequestParam(required = false) MultipartFile file, Model model,
                     HttpServletResponse response) {
        try {
            ItemMappings.ImportReport report = mappings.importCsv(code, bytes(file));
            model.addAttribute("imported", report);
            return page(code, model, response);
        } catch (InvalidRequestException e) {
            model.addAttribute("importError", e.getMessage());
            Object rows = e.properties().get("rows");
            if (rows instanceof List<?> list) model.addAttribute("importRows", list);
            return refused(code, model, response);
        }
    }

    /** The platform's item list matched: a preview, nothing stored. */
    @PostMapping("/channels/{code}/mapping/match")
    String match(@PathVariable String code, @RequestParam(required = false) MultipartFile file,
                 @RequestParam(defaultValue = "UTF-8") String charset, @RequestParam(defaultValue = "") String skuColumn,
                 @RequestParam(defaultValue = "") String janColumn, @RequestParam(defaultValue = "") String identifiers,
                 Model model, HttpServletResponse response) {
        byte[] body = bytes(file);
        return matched(code, body, charset, skuColumn, janColumn, identifiers, false, false, model, response);
    }

    /**
     * The previewed list matched again and stored (the file comes back as the preview's hidden
     * text, in UTF-8): what is stored is what matches now, not what matched when the preview was made.
     */
    @PostMapping("/channels/{code}/mapping/match/apply")
    String apply(@PathVariable String code,
                 @RequestParam(defaultValue = "") @MultiLineText(maxLength = MAX_CSV_CHARS) String csv,
                 @RequestParam(defaultValue = "") String skuColumn, @RequestParam(defaultValue = "") String janColumn,
                 @RequestParam(defaultValue = "") String identifiers, @RequestParam(required = false) String overwrite,
                 Model model, HttpServletResponse response) {
        return matched(code, csv.getBytes(StandardCharsets.UTF_8), "UTF-8", skuColumn, janColumn, identifiers, true,
                "on".equals(overwrite), model, response);
    }

    private String matched(String code, byte[] body, String charset, String skuColumn, String janColumn,
                           String identifiers, boolean apply, boolean overwrite, Model model,
                           HttpServletResponse response) {
        model.addAttribute("skuColumn", skuColumn);
        model.addAttribute("janColumn", janColumn);
        model.addAttribute("identifiers", identifiers);
        model.addAttribute("charset", charset);
        try {
            MatchingPlatformItems.Columns columns = new MatchingPlatformItems.Columns(blankToNull(skuColumn),
                    blankToNull(janColumn), Arrays.asList(identifiers.split("[,\\n]")));
            MatchingPlatformItems.Result result = matching.match(code, body, MatchingPlatformItems.charset(charset),
                    columns, apply, overwrite);
            model.addAttribute("match", result);
            if (!apply) {
                // the file as read, for the apply form: decoding it again the same way gives the same rows
                model.addAttribute("csvText", decoded(body, result.charset()));
            }
            return page(code, model, response);
        } catch (InvalidRequestException e) {
            model.addAttribute("matchError", e.getMessage());
            return refused(code, model, response);
        }
    }

    private static String decoded(byte[] body, String charset) {
        String text = new String(body, java.nio.charset.Charset.forName(charset));
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static byte[] bytes(MultipartFile file) {
        if (file == null) return new byte[0];
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The page again with the refusal next to its form, 400: nothing changed. */
    private String refused(String code, Model model, HttpServletResponse response) {
        String view = page(code, model, response);
        if (response.getStatus() < 400) response.setStatus(HttpStatus.BAD_REQUEST.value());
        return view;
    }

    private String page(String code, Model model, HttpServletResponse response) {
        model.addAttribute("code", code);
        List<ItemMappings.Item> items;
        try {
            items = mappings.list(code);
        } catch (NotFoundException e) {
            if (!e.getMessage().startsWith("No connector")) throw e;
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("connected", false);
            model.addAttribute("items", List.of());
            return VIEW;
        }
        model.addAttribute("connected", true);
        model.addAttribute("items", items);
        return VIEW;
    }
}

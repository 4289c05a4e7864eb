package dev.zaiko.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.MultiLineText;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.supplier.DiscontinuationList;
import dev.zaiko.supplier.DiscontinuationLists;
import dev.zaiko.supplier.DiscontinuationReport;
import dev.zaiko.supplier.DiscontinuingFromLists;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * A maker's discontinuation list in the console ({@code /catalog/discontinuations}, linked from the
 * inventory page): upload, the preview of every row and of what each product's discontinuation
 * touches, the apply button, and the lists applied so far (docs/discontinuations.md). The same
 * acts and authority as the API: looking needs LOOK, previewing and applying CHANGE. The previewed
 * file comes back as the apply form's hidden text (UTF-8) and is checked again when applied.
 */
@Controller
class DiscontinuationPages {

    static final String VIEW = "console/discontinuations";
    static final int HISTORY = 20;
    /** The API's file limit; a decoded file has at most as many characters as bytes. */
    static final int MAX_CSV_CHARS = 5 * 1024 * 1024;

    private final DiscontinuingFromLists discontinuing;
    private final DiscontinuationLists lists;

    DiscontinuationPages(DiscontinuingFromLists discontinuing, DiscontinuationLists lists) {
        this.discontinuing = discontinuing;
        this.lists = lists;
    }

    @GetMapping("/catalog/discontinuations")
    String show(@RequestParam(required = false) String applied, Model model) {
        if (applied != null) {
            try {
                model.addAttribute("appliedList", lists.get(Long.parseLong(applied)));
            } catch (NumberFormatException | NotFoundException unknown) {
                // a stale or edited link: the page without the notice
            }
        }
        return page(model);
    }

    /** The uploaded list read and checked: a preview, nothing changed. */
    @PostMapping("/catalog/discontinuations/preview")
    String preview(@RequestParam(required = false) MultipartFile file,
                   @RequestParam(defaultValue = "UTF-8") String charset, Model model, HttpServletResponse response) {
        byte[] body = bytes(file);
        String fileName = file == null ? null : file.getOriginalFilename();
        model.addAttribute("charset", charset);
        try {
            DiscontinuationReport report = discontinuing.preview(body, charset, fileName);
            model.addAttribute("report", report);
            model.addAttribute("csvText", discontinuing.text(body, charset));
            return page(model);
        } catch (InvalidRequestException e) {
            return fileRefused(e, model, response);
        }
    }

    /** The previewed list applied: every product discontinued, or, with a row error, nothing. */
    @PostMapping("/catalog/discontinuations")
    String apply(@RequestParam(defaultValue = "") @MultiLineText(maxLength = MAX_CSV_CHARS) String csv,
                 @RequestParam(defaultValue = "") String fileName, Model model, HttpServletResponse response) {
        byte[] body = csv.getBytes(StandardCharsets.UTF_8);
        try {
            DiscontinuationReport report = discontinuing.apply(body, "UTF-8", fileName);
            return "redirect:/catalog/discontinuations?applied=" + report.listId();
        } catch (InvalidRequestException e) {
            if (!"discontinuation-list-refused".equals(e.type())) return fileRefused(e, model, response);
            // what changed since the preview (a product removed, a JAN moved): the rows again, with their errors
            model.addAttribute("report", discontinuing.preview(body, "UTF-8", fileName));
            model.addAttribute("refused", true);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(model);
        }
    }

    private String fileRefused(InvalidRequestException e, Model model, HttpServletResponse response) {
        model.addAttribute("fileError", e.type());
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return page(model);
    }

    private String page(Model model) {
        List<DiscontinuationList> history = lists.latest(HISTORY);
        model.addAttribute("history", history);
        return VIEW;
    }

    private static byte[] bytes(MultipartFile file) {
        if (file == null) return new byte[0];
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.zaiko.contact.scripts;

import java.util.Locale;

import dev.zaiko.platform.InvalidRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;

/**
 * {@code GET /api/stockouts/{id}/script?operator=&lang=}: the apology call's script for a case.
 * {@code lang} is {@code ja} or {@code en}; without it, the order customer's language. A decided
 * case still gets its script (the variant it had), whose OPTIONS say what was decided.
 * 404 for an unknown case, 400 for another {@code lang} or an operator name over 50 characters.
 */
@RestController
class CallScriptController {

    static final int MAX_OPERATOR = 50;

    private final WritingCallScripts scripts;

    CallScriptController(WritingCallScripts scripts) {
        this.scripts = scripts;
    }

    @Operation(summary = "Read a stockout case's call script",
            description = "What the operator says on the apology call, in the customer's language unless lang (ja or en) says otherwise: six sections: opening (who calls, an apology about the order), cushion, facts (the reason in words that own the fault), the options offered now, the choice and the closing.")
    @GetMapping("/api/stockouts/{id}/script")
    CallScript script(@PathVariable String id, @RequestParam(required = false) String operator,
                      @RequestParam(required = false) String lang) {
        if (operator != null && operator.strip().length() > MAX_OPERATOR) {
            throw new InvalidRequestException("operator must be at most " + MAX_OPERATOR + " characters (the name the "
                    + "caller gives on the phone), got " + operator.strip().length() + ".");
        }
        return scripts.write(id, language(lang), operator);
    }

    static Locale language(String lang) {
        if (lang == null || lang.isBlank()) return null;
        return switch (lang.strip().toLowerCase(Locale.ROOT)) {
            case "ja" -> Locale.JAPANESE;
            case "en" -> Locale.ENGLISH;
            default -> throw new InvalidRequestException("lang must be ja or en (or left out for the customer's own "
                    + "language), got '" + lang + "'.");
        };
    }
}

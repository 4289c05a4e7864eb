package dev.zaiko.contact.tone;

import dev.zaiko.platform.Authority;
import dev.zaiko.platform.Requires;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.zaiko.platform.MultiLineText;
import dev.zaiko.platform.InvalidRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The tone guard's list ({@code /api/contact/tone-phrases}) and a check for the console's editor
 * ({@code POST /api/contact/tone-check}), which answers findings rather than refusing the text.
 */
@RestController
class ToneController {

    private final ToneGuard guard;
    private final EditingTonePhrases editing;
    private final MessageSource messages;

    ToneController(ToneGuard guard, EditingTonePhrases editing, MessageSource messages) {
        this.guard = guard;
        this.editing = editing;
        this.messages = messages;
    }

    @Operation(summary = "List tone phrases",
            description = "The phrases the tone guard flags in what operators write, with the suggested wording and why; optionally of one locale (ja or en).")
    @GetMapping("/api/contact/tone-phrases")
    List<TonePhrase> list(@RequestParam(required = false) String locale) {
        if (locale == null || locale.isBlank()) return guard.phrases();
        if (!locale.equals("ja") && !locale.equals("en")) {
            throw new InvalidRequestException("invalid-locale", "locale must be ja or en: " + locale,
                    Map.of("parameter", "locale"));
        }
        return guard.phrases().stream().filter(p -> p.locale().equals(locale)).toList();
    }

    @Operation(summary = "Read a tone phrase")
    @GetMapping("/api/contact/tone-phrases/{id}")
    TonePhrase get(@PathVariable long id) {
        return guard.phrases().stream().filter(p -> p.id() == id).findFirst()
                .orElseThrow(() -> new dev.zaiko.platform.NotFoundException("No tone phrase " + id + "."));
    }

    @Requires(Authority.SUPERVISE)
    @Operation(summary = "Add a tone phrase")
    @ApiResponse(responseCode = "201", description = "The phrase; Location names it.")
    @ApiResponse(responseCode = "409", description = "The locale's list already has this phrase (tone-phrase-exists).")
    @PostMapping("/api/contact/tone-phrases")
    ResponseEntity<TonePhrase> add(@Valid @RequestBody PhraseRequest request) {
        TonePhrase added = editing.add(request.locale(), request.phrase().strip(), request.suggestion().strip(),
                request.why().strip());
        return ResponseEntity.created(URI.create("/api/contact/tone-phrases/" + added.id())).body(added);
    }

    @Requires(Authority.SUPERVISE)
    @Operation(summary = "Change a tone phrase")
    @ApiResponse(responseCode = "200", description = "The phrase as changed.")
    @ApiResponse(responseCode = "409", description = "The locale's list already has this phrase (tone-phrase-exists).")
    @PutMapping("/api/contact/tone-phrases/{id}")
    TonePhrase change(@PathVariable long id, @Valid @RequestBody PhraseRequest request) {
        return editing.change(id, request.locale(), request.phrase().strip(), request.suggestion().strip(),
                request.why().strip());
    }

    @Requires(Authority.SUPERVISE)
    @Operation(summary = "Remove a tone phrase")
    @ApiResponse(responseCode = "204", description = "Removed.")
    @DeleteMapping("/api/contact/tone-phrases/{id}")
    ResponseEntity<Void> remove(@PathVariable long id) {
        editing.remove(id);
        return ResponseEntity.noContent().build();
    }

    /** Findings with a message in the reader's language (Accept-Language) for the editor. */
    @Operation(summary = "Check a text's tone",
            description = "Finds the flagged phrases in a text with their positions, the suggested wording and why, with messages in the caller's language (Accept-Language); nothing is stored.")
    @PostMapping("/api/contact/tone-check")
    @dev.zaiko.platform.NotAudited
    CheckView check(@Valid @RequestBody CheckRequest request, Locale locale) {
        List<FindingView> findings = guard.check(request.text()).stream().map(f -> new FindingView(f.phrase(),
                request.text().substring(f.start(), f.end()), f.start(), f.end(), f.locale(), f.suggestion(), f.why(),
                messages.getMessage("contact.tone.finding", new Object[] {f.phrase(), f.suggestion()}, locale)))
                .toList();
        String summary = findings.isEmpty() ? messages.getMessage("contact.tone.clean", null, locale)
                : messages.getMessage("contact.tone.notClean", new Object[] {findings.size()}, locale);
        return new CheckView(findings.isEmpty(), summary, findings);
    }

    record PhraseRequest(@NotNull @Pattern(regexp = "ja|en", message = "must be ja or en") String locale,
                         @NotBlank @Size(max = 100) String phrase,
                         @NotBlank @Size(max = 300) String suggestion,
                         @NotBlank @Size(max = 500) String why) {
    }

    record CheckRequest(@MultiLineText(maxLength = 20_000) @NotNull @Size(max = 20_000) String text) {
    }

    @JsonPropertyOrder({"clean", "summary", "findings"})
    record CheckView(boolean clean, String summary, List<FindingView> findings) {
    }

    /** @param matched the words as written in the text, {@code text.substring(start, end)} */
    @JsonPropertyOrder({"phrase", "matched", "start", "end", "locale", "suggestion", "why", "message"})
    record FindingView(String phrase, String matched, int start, int end, String locale, String suggestion,
                       String why, String message) {
    }
}

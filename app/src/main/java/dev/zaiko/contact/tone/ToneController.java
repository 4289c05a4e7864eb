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

    @GetMapping("/api/contact/tone-phrases")
    List<TonePhrase> list(@RequestParam(required = false) String locale) {
        if (locale == null || locale.isBlank()) return guard.phrases();
        if (!locale.equals("ja") && !locale.equals("en")) {
            throw new InvalidRequestException("invalid-locale", "locale must be ja or en: " + locale,
                    Map.of("parameter", "locale"));
        }
        return guard.phrases().stream().filter(p -> p.locale().equals(locale)).toList();
    }

    @GetMapping("/api/contact/tone-phrases/{id}")
    TonePhrase get(@PathVariable long id) {
        return guard.phrases().stream().filter(p -> p.id() == id).findFirst()
                .orElseThrow(() -> new dev.zaiko.platform.NotFoundException("No tone phrase " + id + "."));
    }

    @Requires(Authority.SUPERVISE)
    @PostMapping("/api/contact/tone-phrases")
    ResponseEntity<TonePhrase> add(@Valid @RequestBody PhraseRequest request) {
        TonePhrase added = editing.add(request.locale(), request.phrase().strip(), request.suggestion().strip(),
                request.why().strip());
        return ResponseEntity.created(URI.create("/api/contact/tone-phrases/" + added.id())).body(added);
    }

    @Requires(Authority.SUPERVISE)
    @PutMapping("/api/contact/tone-phrases/{id}")
    TonePhrase change(@PathVariable long id, @Valid @RequestBody PhraseRequest request) {
        return editing.change(id, request.locale(), request.phrase().strip(), request.suggestion().strip(),
                request.why().strip());
    }

    @Requires(Authority.SUPERVISE)
    @DeleteMapping("/api/contact/tone-phrases/{id}")
    ResponseEntity<Void> remove(@PathVariable long id) {
        editing.remove(id);
        return ResponseEntity.noContent().build();
    }

    /** Findings with a message in the reader's language (Accept-Language) for the editor. */
    @PostMapping("/api/contact/tone-check")
    @dev.zaiko.access.NotAudited
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

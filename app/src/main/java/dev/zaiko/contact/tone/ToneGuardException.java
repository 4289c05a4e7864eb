package dev.zaiko.contact.tone;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.zaiko.platform.InvalidRequestException;
import org.springframework.modulith.NamedInterface;

/**
 * A text for a customer uses phrases that shift the blame or sound careless: 422, problem type
 * {@code tone-guard}, with {@code field} and {@code findings} (each phrase, where, its locale,
 * the suggested wording and why) so the console can mark them in the editor.
 */
@NamedInterface("tone")
public class ToneGuardException extends InvalidRequestException {

    private final String field;
    private final transient List<ToneFinding> findings;

    public ToneGuardException(String field, List<ToneFinding> findings) {
        super(422, "tone-guard", detail(field, findings), Map.of("field", field, "findings",
                findings.stream().map(ToneGuardException::property).toList()));
        this.field = field;
        this.findings = List.copyOf(findings);
    }

    public String field() {
        return field;
    }

    public List<ToneFinding> findings() {
        return findings;
    }

    private static String detail(String field, List<ToneFinding> findings) {
        return field + " contains wording that shifts the blame or sounds careless to a customer: "
                + findings.stream().map(f -> "'" + f.phrase() + "' (say '" + f.suggestion() + "')")
                        .collect(Collectors.joining(", "))
                + ". Rephrase it and send it again.";
    }

    private static Map<String, Object> property(ToneFinding f) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("phrase", f.phrase());
        p.put("start", f.start());
        p.put("end", f.end());
        p.put("locale", f.locale());
        p.put("suggestion", f.suggestion());
        p.put("why", f.why());
        return p;
    }
}

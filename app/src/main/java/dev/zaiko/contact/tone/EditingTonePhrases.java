package dev.zaiko.contact.tone;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Staff edits of the tone list: stored, then used by this node's {@link ToneGuard} at once. */
@Service
class EditingTonePhrases {

    private static final Logger log = LoggerFactory.getLogger(EditingTonePhrases.class);

    private final TonePhraseStore store;
    private final ToneGuard guard;
    private final Clock clock;

    EditingTonePhrases(TonePhraseStore store, ToneGuard guard, Clock clock) {
        this.store = store;
        this.guard = guard;
        this.clock = clock;
    }

    TonePhrase add(String locale, String phrase, String suggestion, String why) {
        requireUsable(null, locale, phrase, suggestion);
        try {
            TonePhrase added = store.insert(locale, phrase, suggestion, why, clock.instant());
            guard.changed();
            log.info("Tone phrase {} added ({})", added.id(), locale);
            return added;
        } catch (TonePhraseStore.Duplicate e) {
            throw duplicate(locale, phrase, e.existingId);
        }
    }

    TonePhrase change(long id, String locale, String phrase, String suggestion, String why) {
        requireUsable(id, locale, phrase, suggestion);
        try {
            TonePhrase changed = store.update(id, locale, phrase, suggestion, why, clock.instant())
                    .orElseThrow(() -> new NotFoundException("No tone phrase " + id + "."));
            guard.changed();
            log.info("Tone phrase {} changed", id);
            return changed;
        } catch (TonePhraseStore.Duplicate e) {
            throw duplicate(locale, phrase, e.existingId);
        }
    }

    void remove(long id) {
        if (!store.delete(id)) throw new NotFoundException("No tone phrase " + id + ".");
        guard.changed();
        log.info("Tone phrase {} removed", id);
    }

    /**
     * The phrase must keep something to match once normalised, and the suggestion must not itself
     * use a listed phrase (or this one): an operator who follows it would be flagged again.
     */
    private void requireUsable(Long id, String locale, String phrase, String suggestion) {
        List<Map<String, Object>> errors = new ArrayList<>();
        if (ToneText.normalise(phrase).isEmpty()) {
            errors.add(Map.of("field", "phrase", "message", "has nothing to match once spaces are removed",
                    "rejectedValue", phrase));
        }
        List<TonePhrase> list = new ArrayList<>(guard.phrases().stream().filter(p -> id == null || p.id() != id).toList());
        list.add(new TonePhrase(id == null ? -1 : id, locale, phrase, suggestion, "", clock.instant()));
        List<ToneFinding> inSuggestion = ToneGuard.of(list).check(suggestion);
        if (!inSuggestion.isEmpty()) {
            errors.add(Map.of("field", "suggestion", "message", "uses the listed phrase '"
                    + inSuggestion.get(0).phrase() + "' itself", "rejectedValue", suggestion));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("invalid-tone-phrase", String.join("; ",
                    errors.stream().map(e -> e.get("field") + " " + e.get("message")).toList()), Map.of("errors", errors));
        }
    }

    private static ConflictException duplicate(String locale, String phrase, long existingId) {
        return new ConflictException("tone-phrase-exists", "The " + locale + " list already has '" + phrase
                + "' (or the same words written differently), as phrase " + existingId + ".",
                Map.of("existingId", existingId));
    }
}

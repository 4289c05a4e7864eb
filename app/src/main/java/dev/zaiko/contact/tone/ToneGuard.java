package dev.zaiko.contact.tone;

import dev.zaiko.platform.VersionedCache;
import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.modulith.NamedInterface;

/**
 * Checks what an operator writes for a customer (script notes, the personal line of a follow-up
 * email, escalation notes) against the listed phrases that shift the blame ("due to the system",
 * システムの関係で) or sound careless after a mistake (今後とも rather than 次回こそ). The list is
 * data ({@code contact_tone_phrases}), edited through the API and cached here.
 */
@NamedInterface("tone")
@Component
public class ToneGuard {

    /** The list and its matcher, loaded together so that they never disagree. */
    private record Loaded(List<TonePhrase> phrases, ToneMatcher matcher) {
    }

    private final VersionedCache<Loaded> list;

    @Autowired
    ToneGuard(TonePhraseStore store, Clock clock) {
        this((VersionedCache.Source<List<TonePhrase>>) store, clock);
    }

    private ToneGuard(VersionedCache.Source<List<TonePhrase>> source, Clock clock) {
        this.list = new VersionedCache<>("tone", new VersionedCache.Source<>() {
            @Override
            public long version() {
                return source.version();
            }

            @Override
            public Loaded load() {
                List<TonePhrase> phrases = List.copyOf(source.load());
                return new Loaded(phrases, new ToneMatcher(phrases));
            }
        }, clock);
    }

    /** A guard over a fixed list, no database (unit tests, tools). */
    public static ToneGuard of(List<TonePhrase> phrases) {
        List<TonePhrase> fixed = List.copyOf(phrases);
        return new ToneGuard(new VersionedCache.Source<>() {
            @Override
            public long version() {
                return 0;
            }

            @Override
            public List<TonePhrase> load() {
                return fixed;
            }
        }, Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC)); // a fixed list needs no re-checks
    }

    /** Every finding in text order; empty for a clean, null or blank text. */
    public List<ToneFinding> check(String text) {
        if (text == null || text.isBlank()) return List.of();
        return list.get().matcher().findings(text);
    }

    /** @throws ToneGuardException (422 {@code tone-guard}) naming the field and each phrase found */
    public void requireClean(String field, String text) {
        List<ToneFinding> findings = check(text);
        if (!findings.isEmpty()) throw new ToneGuardException(field, findings);
    }

    /** The list as the guard uses it, by locale then id. */
    public List<TonePhrase> phrases() {
        return list.get().phrases();
    }

    void changed() {
        list.invalidate();
    }
}

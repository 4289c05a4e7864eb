package dev.zaiko.contact.tone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Matching rules on a small fixed list; the seeded list itself is covered by ToneGuardApiTest. */
class ToneGuardTest {

    static TonePhrase phrase(long id, String locale, String phrase, String suggestion) {
        return new TonePhrase(id, locale, phrase, suggestion, "why " + id, Instant.EPOCH);
    }

    final ToneGuard guard = ToneGuard.of(List.of(
            phrase(1, "ja", "システムの関係で", "弊社の管理不足により"),
            phrase(2, "ja", "諸事情により", "弊社の管理不足により"),
            phrase(3, "ja", "事情により", "弊社の不手際により"),
            phrase(4, "en", "due to the system", "because of our own mistake in managing stock"),
            phrase(5, "en", "the system", "we"),
            phrase(6, "en", "it's not our fault", "this is our responsibility"),
            phrase(7, "en", "from now on", "next time"),
            phrase(8, "ja", "今後とも", "次回こそ")));

    @Test
    void aCleanTextAndNothingAtAllHaveNoFindings() {
        assertThat(guard.check("弊社の管理不足によりご迷惑をおかけし、誠に申し訳ございません。次回こそご期待に沿えるよう努めます。"))
                .isEmpty();
        assertThat(guard.check("We are sorry: we sold the last tent twice. Next time we will check first.")).isEmpty();
        assertThat(guard.check(null)).isEmpty();
        assertThat(guard.check("  \n ")).isEmpty();
        assertThatCode(() -> guard.requireClean("note", "")).doesNotThrowAnyException();
    }

    @Test
    void findingsComeInTextOrderWithTheirPositionsInTheOriginal() {
        String text = "今後ともよろしくお願いします。It happened due to the system.";
        List<ToneFinding> findings = guard.check(text);
        assertThat(findings).extracting(ToneFinding::phrase).containsExactly("今後とも", "due to the system");
        ToneFinding en = findings.get(1);
        assertThat(text.substring(en.start(), en.end())).isEqualTo("due to the system");
        assertThat(en.locale()).isEqualTo("en");
        assertThat(en.suggestion()).isEqualTo("because of our own mistake in managing stock");
        assertThat(en.why()).isEqualTo("why 4");
        assertThat(text.substring(findings.get(0).start(), findings.get(0).end())).isEqualTo("今後とも");
    }

    @Test
    void fullWidthHalfWidthAndCaseDoNotHideAPhraseAndPositionsStayOnTheOriginal() {
        String text = "本件はＤＵＥ　ＴＯ　ＴＨＥ　ＳＹＳＴＥＭでした。ｼｽﾃﾑの関係でお届けできません。";
        List<ToneFinding> findings = guard.check(text);
        assertThat(findings).extracting(ToneFinding::phrase).containsExactly("due to the system", "システムの関係で");
        assertThat(text.substring(findings.get(0).start(), findings.get(0).end())).isEqualTo("ＤＵＥ　ＴＯ　ＴＨＥ　ＳＹＳＴＥＭ");
        assertThat(text.substring(findings.get(1).start(), findings.get(1).end())).isEqualTo("ｼｽﾃﾑの関係で");
    }

    @Test
    void halfWidthVoicedMarksAreOneCharacterWithTheirKana() {
        ToneGuard guard = ToneGuard.of(List.of(phrase(1, "ja", "データの都合", "弊社の確認不足")));
        String text = "これはﾃﾞｰﾀの都合です"; // ﾃﾞ is two characters written, one (デ) compared
        ToneFinding f = guard.check(text).get(0);
        assertThat(f.start()).isEqualTo(3);
        assertThat(f.end()).isEqualTo(10);
        assertThat(text.substring(f.start(), f.end())).isEqualTo("ﾃﾞｰﾀの都合");
        assertThat(guard.check("これはﾃｰﾀの都合です")).isEmpty(); // テータ is not データ
    }

    @Test
    void englishIsWhitespaceTolerantAndMatchesWholeWordsOnly() {
        String text = "Sorry, it was due  to\nthe   system. Our other systems work.";
        List<ToneFinding> findings = guard.check(text);
        assertThat(findings).hasSize(1);
        assertThat(text.substring(findings.get(0).start(), findings.get(0).end())).isEqualTo("due  to\nthe   system");
        assertThat(guard.check("bathe systematically")).isEmpty();
        assertThat(guard.check("From now onwards")).isEmpty();
        assertThat(guard.check("the system'sの")).extracting(ToneFinding::phrase).containsExactly("the system");
    }

    @Test
    void typographicApostrophesAreApostrophes() {
        String text = "It’s not our fault.";
        ToneFinding f = guard.check(text).get(0);
        assertThat(f.phrase()).isEqualTo("it's not our fault");
        assertThat(f.start()).isZero();
        assertThat(f.end()).isEqualTo(text.length() - 1);
    }

    @Test
    void aShorterPhraseInsideALongerOneIsNotReportedTwice() {
        assertThat(guard.check("諸事情により発送できません")).extracting(ToneFinding::phrase).containsExactly("諸事情により");
        assertThat(guard.check("事情により発送できません")).extracting(ToneFinding::phrase).containsExactly("事情により");
        assertThat(guard.check("due to the system; the system again")).extracting(ToneFinding::phrase)
                .containsExactly("due to the system", "the system");
    }

    @Test
    void japaneseMatchesAcrossAStraySpace() {
        String text = "システム の関係で";
        ToneFinding f = guard.check(text).get(0);
        assertThat(f.phrase()).isEqualTo("システムの関係で");
        assertThat(f.start()).isZero();
        assertThat(f.end()).isEqualTo(text.length());
    }

    @Test
    void requireCleanNamesTheFieldEachPhraseAndItsSuggestion() {
        assertThatThrownBy(() -> guard.requireClean("personalLine", "From now on we will do better, 今後とも"))
                .isInstanceOfSatisfying(ToneGuardException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.type()).isEqualTo("tone-guard");
                    assertThat(e.field()).isEqualTo("personalLine");
                    assertThat(e.findings()).extracting(ToneFinding::phrase).containsExactly("from now on", "今後とも");
                    assertThat(e.getMessage()).contains("personalLine", "'from now on' (say 'next time')",
                            "'今後とも' (say '次回こそ')");
                    assertThat(e.properties()).containsKeys("field", "findings");
                });
    }
}

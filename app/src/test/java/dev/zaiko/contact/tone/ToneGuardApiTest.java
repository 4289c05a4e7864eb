package dev.zaiko.contact.tone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The tone guard's list and check through the API, on the application and its PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ToneGuardApiTest {

    @LocalServerPort
    int port;

    @Autowired
    ToneGuard guard;

    @Autowired
    JdbcTemplate jdbc;

    ShopApi api;
    final List<Long> added = new ArrayList<>();

    @BeforeEach
    void client() {
        api = new ShopApi(port) {
        };
    }

    /** Phrases a test adds would flag other tests' texts: all tests share the application. */
    @AfterEach
    void removeAdded() {
        added.forEach(id -> api.delete("/api/contact/tone-phrases/" + id));
    }

    JsonNode check(String text, String language) {
        return api.ok(api.post("/api/contact/tone-check", ShopApi.JSON.createObjectNode().put("text", text), language));
    }

    static ObjectNode phrase(String locale, String phrase, String suggestion, String why) {
        return ShopApi.JSON.createObjectNode().put("locale", locale).put("phrase", phrase).put("suggestion", suggestion)
                .put("why", why);
    }

    long add(ObjectNode body) {
        ShopApi.Response response = api.post("/api/contact/tone-phrases", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        long id = response.json().path("id").longValue();
        added.add(id);
        return id;
    }

    /** Over the list as stored: a phrase added to the seed is covered without touching this test. */
    @TestFactory
    Stream<DynamicTest> everyListedPhraseIsFlaggedAsWrittenInCapitalsAndInFullWidth() {
        JsonNode list = api.ok(api.get("/api/contact/tone-phrases"));
        assertThat(list.size()).isGreaterThanOrEqualTo(22);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode p : list) {
            String phrase = p.path("phrase").asString();
            boolean english = p.path("locale").asString().equals("en");
            for (String written : List.of(phrase, phrase.toUpperCase(), ToneTextProperties.fullWidth(phrase))) {
                String text = english ? "Dear customer, " + written + ", and we apologise."
                        : "お客様へ。" + written + "、ご迷惑をおかけしました。";
                tests.add(dynamicTest(p.path("locale").asString() + " " + written, () -> {
                    JsonNode result = check(text, "ja");
                    assertThat(result.path("clean").booleanValue()).isFalse();
                    JsonNode finding = null;
                    for (JsonNode f : result.path("findings")) {
                        if (f.path("phrase").asString().equals(phrase)) finding = f;
                    }
                    assertThat(finding).as(result.toString()).isNotNull();
                    assertThat(finding.path("matched").asString()).isEqualTo(written);
                    assertThat(text.substring(finding.path("start").intValue(), finding.path("end").intValue()))
                            .isEqualTo(written);
                    assertThat(finding.path("suggestion").asString()).isEqualTo(p.path("suggestion").asString());
                    assertThat(finding.path("why").asString()).isNotBlank();
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void theSeedListHasBothLanguagesItsNormalisedFormsAndCleanSuggestions() {
        assertThat(api.ok(api.get("/api/contact/tone-phrases?locale=ja")).findValuesAsString("phrase")).contains(
                "システムの関係で", "システムの都合", "システム上", "手違いで", "諸事情により", "事情により", "都合により",
                "仕方ない", "今後とも", "担当者が不在").doesNotContain("due to the system");
        assertThat(api.ok(api.get("/api/contact/tone-phrases?locale=en")).findValuesAsString("phrase")).contains(
                "due to the system", "system error", "the system", "a mix-up", "due to circumstances",
                "circumstances beyond our control", "from now on", "going forward",
                "unfortunately there is nothing we can do", "as per our policy", "it's not our fault");
        jdbc.query("select phrase, normalised from contact_tone_phrases", rs -> {
            assertThat(rs.getString("normalised")).isEqualTo(ToneText.normalise(rs.getString("phrase")));
        });
        for (TonePhrase p : guard.phrases()) {
            assertThat(guard.check(p.suggestion())).as("suggestion of " + p.phrase()).isEmpty();
        }
    }

    @Test
    void aCleanApologyPassesInBothLanguages() {
        JsonNode ja = check("このたびは弊社の在庫管理の誤りにより、ご注文の商品をお届けできず誠に申し訳ございません。"
                + "代わりの商品のご提案、または全額のご返金を承ります。次回こそご期待に沿えるよう努めてまいります。", "ja");
        assertThat(ja.path("clean").booleanValue()).isTrue();
        assertThat(ja.path("findings").size()).isZero();
        assertThat(ja.path("summary").asString()).isEqualTo("気になる表現は見つかりませんでした。");
        JsonNode en = check("We are sorry: because of our own mistake in managing stock, the tent you ordered is not "
                + "available. We can send a similar tent at the same price or refund you in full. Next time we will "
                + "do better.", "en");
        assertThat(en.path("clean").booleanValue()).isTrue();
        assertThat(en.path("summary").asString()).isEqualTo("No wording to rephrase.");
    }

    @Test
    void positionsPointIntoTheTextAsWrittenInFullWidth() {
        String text = "ご注文の件、ＳＹＳＴＥＭ　ＥＲＲＯＲでした。今後ともよろしくお願いします。";
        JsonNode result = check(text, "en");
        JsonNode findings = result.path("findings");
        assertThat(findings.findValuesAsString("phrase")).containsExactly("system error", "今後とも");
        assertThat(findings.get(0).path("start").intValue()).isEqualTo(6);
        assertThat(findings.get(0).path("end").intValue()).isEqualTo(18);
        assertThat(findings.get(0).path("matched").asString()).isEqualTo("ＳＹＳＴＥＭ　ＥＲＲＯＲ");
        assertThat(findings.get(1).path("start").intValue()).isEqualTo(text.indexOf("今後とも"));
        assertThat(findings.get(1).path("message").asString()).contains("“今後とも”", "“次回こそ”");
        assertThat(result.path("summary").asString()).isEqualTo("2 phrases to rephrase.");
        assertThat(check(text, "ja").path("findings").get(1).path("message").asString()).contains("「今後とも」", "「次回こそ」");
    }

    @Test
    void aGuardedFieldIsRefusedWith422NamingEachPhraseAndItsSuggestion() {
        ShopApi.Response refused = api.post("/api/test/contact/notes",
                ShopApi.JSON.createObjectNode().put("note", "手違いでお届けが遅れます。Going forward we will check."));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode problem = refused.json();
        assertThat(problem.path("type").asString()).isEqualTo("https://zaiko.dev/problems/tone-guard");
        assertThat(problem.path("status").intValue()).isEqualTo(422);
        assertThat(problem.path("field").asString()).isEqualTo("note");
        assertThat(problem.path("findings").findValuesAsString("phrase")).containsExactly("手違いで", "going forward");
        assertThat(problem.path("findings").get(0).path("suggestion").asString()).isEqualTo("わたくしどもの不手際で");
        assertThat(problem.path("findings").get(1).path("start").intValue()).isEqualTo(13);
        assertThat(problem.path("detail").asString()).contains("note", "'手違いで' (say 'わたくしどもの不手際で')",
                "'going forward' (say 'next time')");
        assertThat(api.post("/api/test/contact/notes", ShopApi.JSON.createObjectNode().put("note", "次回こそ気をつけます。"))
                .status()).isEqualTo(200);
    }

    @Test
    void aPhraseIsAddedChangedAndRemovedAndTheGuardFollowsAtOnce() {
        String unique = "zk" + ShopApi.unique("p").toLowerCase().replace("-", "");
        String text = "We lost it in the " + unique + " area.";
        assertThat(check(text, "en").path("clean").booleanValue()).isTrue();

        long id = add(phrase("en", "the " + unique, "our stock room", "Name who lost it."));
        JsonNode got = api.ok(api.get("/api/contact/tone-phrases/" + id));
        assertThat(got.path("phrase").asString()).isEqualTo("the " + unique);
        assertThat(got.path("createdAt").asString()).isNotBlank();
        assertThat(check(text, "en").path("findings").findValuesAsString("phrase")).containsExactly("the " + unique);

        JsonNode changed = api.ok(api.put("/api/contact/tone-phrases/" + id,
                phrase("en", "the " + unique + " area", "our stock room", "Say where, and that it was ours.")));
        assertThat(changed.path("why").asString()).isEqualTo("Say where, and that it was ours.");
        assertThat(check(text, "en").path("findings").get(0).path("phrase").asString()).isEqualTo("the " + unique + " area");

        assertThat(api.delete("/api/contact/tone-phrases/" + id).status()).isEqualTo(204);
        assertThat(check(text, "en").path("clean").booleanValue()).isTrue();
        assertThat(api.delete("/api/contact/tone-phrases/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/contact/tone-phrases/" + id).status()).isEqualTo(404);
        assertThat(api.put("/api/contact/tone-phrases/" + id, phrase("en", "x" + unique, "y", "z")).status())
                .isEqualTo(404);
    }

    @Test
    void theSamePhraseWrittenDifferentlyIsADuplicate() {
        String unique = "zk" + ShopApi.unique("d").toLowerCase().replace("-", "");
        long id = add(phrase("en", "blame " + unique, "our mistake", "why"));

        ShopApi.Response duplicate = api.post("/api/contact/tone-phrases",
                phrase("en", "  ＢＬＡＭＥ   " + ToneTextProperties.fullWidth(unique.toUpperCase()), "x", "y"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.type()).endsWith("/tone-phrase-exists");
        assertThat(duplicate.json().path("existingId").longValue()).isEqualTo(id);
        // the other language's list may have it
        add(phrase("ja", "blame " + unique, "弊社の誤り", "理由"));

        long other = add(phrase("en", "other " + unique, "ours", "why"));
        ShopApi.Response clash = api.put("/api/contact/tone-phrases/" + other, phrase("en", "Blame " + unique, "x", "y"));
        assertThat(clash.status()).isEqualTo(409);
        assertThat(api.ok(api.get("/api/contact/tone-phrases/" + other)).path("phrase").asString())
                .isEqualTo("other " + unique);
    }

    @Test
    void aPhraseNeedsALocaleWordsASuggestionThatIsItselfCleanAndAReason() {
        ShopApi.Response bad = api.post("/api/contact/tone-phrases", ShopApi.JSON.createObjectNode()
                .put("locale", "fr").put("phrase", " ").put("suggestion", "").putNull("why"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("locale", "phrase", "suggestion", "why");
        ShopApi.Response selfFlagged = api.post("/api/contact/tone-phrases",
                phrase("ja", "zk在庫の都合", "システムの関係で在庫がありません", "理由"));
        assertThat(selfFlagged.status()).isEqualTo(400);
        assertThat(selfFlagged.type()).endsWith("/invalid-tone-phrase");
        assertThat(selfFlagged.json().path("errors").findValuesAsString("field")).containsExactly("suggestion");
        assertThat(api.post("/api/contact/tone-phrases", phrase("en", "x".repeat(101), "s", "w")).status()).isEqualTo(400);
        assertThat(api.get("/api/contact/tone-phrases?locale=fr").status()).isEqualTo(400);
        assertThat(api.ok(api.get("/api/contact/tone-phrases")).findValuesAsString("phrase")).doesNotContain("zk在庫の都合");
        assertThat(api.post("/api/contact/tone-check", "{}").status()).isEqualTo(400);
    }
}

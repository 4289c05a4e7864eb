package dev.zaiko.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.zaiko.contact.ContactApi;
import dev.zaiko.contact.ContactApiTestBase;
import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ShopApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The case page's call form takes what helped and what hurt as tags and a line for the next colleague, and shows them. */
class CallLessonsPageTest extends ContactApiTestBase {

    ContactApi browser;
    String caseId;

    @BeforeEach
    void signInWithACase() {
        browser = new ContactApi(port, SMTP);
        browser.signIn("admin", "test-admin-password");
        String sku = api.bottle("LESSON", 3000, 500);
        api.sellable(sku, shop.warehouse(), 1);
        String number = api.place(ContactApi.order(shop.web(), ShopApi.uniqueEmail(), "090-4444-0000", "ja", sku, 1,
                3000));
        caseId = api.defective(number, 1);
        api.desk(caseId);
    }

    @Test
    void theFormSuggestsTagsAndTheTimelineShowsWhatTheOperatorLearned() {
        Response form = browser.page("/cases/" + caseId);
        assertThat(form.body()).contains("うまくいったこと").contains("逆効果だったこと").contains("次の担当者への一言")
                .contains("<option value=\"入荷日を伝えた\">").contains("<option value=\"確認せずに約束した\">");
        assertThat(browser.page("/cases/" + caseId + "?lang=en").body()).contains("What helped")
                .contains("<option value=\"told the arrival date\">");
        browser.page("/cases/" + caseId + "?lang=ja");

        Response recorded = browser.postForm("/cases/" + caseId + "/calls", Map.of("outcome", "VOICEMAIL",
                "helped", "先に謝罪した、入荷日を伝えた, ", "hurt", "待たせた", "lesson", "午前中なら出てくださる方"));
        assertThat(recorded.status()).isEqualTo(302);

        JsonNode call = null;
        for (JsonNode e : api.ok(api.get("/api/contact/interactions?case=" + caseId)).path("items")) {
            if (e.path("channel").asString().equals("CALL")) call = e;
        }
        assertThat(call).isNotNull();
        assertThat(call.path("helped").toString()).isEqualTo("[\"先に謝罪した\",\"入荷日を伝えた\"]");
        assertThat(call.path("hurt").toString()).isEqualTo("[\"待たせた\"]");
        assertThat(call.path("lesson").asString()).isEqualTo("午前中なら出てくださる方");
        String page = browser.page("/cases/" + caseId).body();
        assertThat(page).contains("data-call-helped").contains("先に謝罪した、入荷日を伝えた")
                .contains("data-call-hurt").contains("data-call-lesson").contains("午前中なら出てくださる方");
    }

    @Test
    void aTagTooLongIsShownNextToItsFieldAndNothingIsRecorded() {
        browser.page("/cases/" + caseId);

        Response refused = browser.postForm("/cases/" + caseId + "/calls", Map.of("outcome", "NO_ANSWER",
                "helped", "先に謝罪した, " + "と".repeat(31)));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("<p class=\"field-error\">タグは文字と数字").contains("aria-invalid=\"true\">")
                .contains("value=\"先に謝罪した, " + "と".repeat(31) + "\"");
        assertThat(api.desk(caseId).path("calls").asInt()).isZero();
    }
}

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

/**
 * The case timeline reads in the operator's language: every row is worded from the bundles when it
 * is shown, with the reason, the service-level rule, the choice and the call outcome in words, never
 * as the codes they are stored as.
 */
class ConsoleTimelineWordingTest extends ContactApiTestBase {

    ContactApi browser;

    @BeforeEach
    void signIn() {
        browser = new ContactApi(port, SMTP);
        browser.signIn("admin", "test-admin-password");
    }

    /** An express order whose bottle was found defective at packing, decided on the call: cancel. */
    String decidedExpressDefect() {
        String missing = api.bottle("MISS", 3000, 500);
        api.sellable(missing, shop.warehouse(), 1);
        String number = api.place(ContactApi.express(ContactApi.order(shop.web(), ShopApi.uniqueEmail(),
                "090-4444-0000", "ja", missing, 1, 3000), ShopApi.today()));
        String id = api.defective(number, 1);
        api.desk(id);
        browser.page("/cases/" + id + "?lang=ja");
        Response decided = browser.postForm("/cases/" + id + "/calls", Map.of("outcome", "CONNECTED",
                "choice", "CANCEL"));
        assertThat(decided.status()).as(decided.body()).isEqualTo(302);
        return id;
    }

    static String timeline(String page) {
        String from = page.substring(page.indexOf("id=\"timeline\""));
        return from.substring(0, from.indexOf("</ol>"));
    }

    @Test
    void theJapaneseTimelineSaysWhyTheCaseOpenedAndHowItWasDecidedInJapaneseWithNoCodes() {
        String id = decidedExpressDefect();

        String timeline = timeline(browser.page("/cases/" + id + "?lang=ja").body());

        assertThat(timeline).contains("欠品を登録（梱包時に不良が見つかった、1行目）。連絡の優先度: お急ぎ便を最優先")
                .contains("「キャンセルして全額返金」に決定").contains("電話: お話しできた").contains("自動処理");
        // the refund module's own notes ("LINE_CANCELLED (stockout case ...)") are not worded yet: left out here
        String withoutRefunds = timeline.replaceAll("(?s)<li data-kind=\"refund\">.*?</li>", "");
        assertThat(withoutRefunds).doesNotContain("INSPECTION_DEFECT").doesNotContain("Opened:")
                .doesNotContain("ExpressFirst").doesNotContain("CONNECTED").doesNotContain("CANCEL")
                .doesNotContain("decided by").doesNotContain(">system<");
    }

    @Test
    void theEnglishTimelineSaysTheSameInEnglish() {
        String id = decidedExpressDefect();

        String timeline = timeline(browser.page("/cases/" + id + "?lang=en").body());
        browser.page("/cases/" + id + "?lang=ja");

        assertThat(timeline).contains("Case opened (Defective at packing, line 1). Contact priority: Express orders first")
                .contains("Decided: Cancel with a full refund").contains("Call: Spoke with the customer");
        assertThat(timeline).doesNotContain("INSPECTION_DEFECT").doesNotContain("ExpressFirst")
                .doesNotContain("CONNECTED").doesNotContain("欠品");
    }

    @Test
    void theApiGivesEachHistoryRowItsKeyAndArgumentsWithTheTextInTheRequestsLanguage() {
        String id = decidedExpressDefect();

        JsonNode ja = api.ok(api.get("/api/stockouts/" + id)).path("history");
        assertThat(ja.get(0).path("code").asString()).isEqualTo("stockout.history.opened");
        assertThat(ja.get(0).path("args").toString()).isEqualTo("[\"INSPECTION_DEFECT\",\"1\",\"ExpressFirst\"]");
        assertThat(ja.get(0).path("reason").asString()).contains("梱包時に不良が見つかった");
        JsonNode last = ja.get(ja.size() - 1);
        assertThat(last.path("to").asString()).isEqualTo("RESOLVED");
        assertThat(last.path("code").asString()).isEqualTo("stockout.history.decided");
        assertThat(last.path("args").get(0).asString()).isEqualTo("CANCEL");

        JsonNode en = api.ok(api.get("/api/stockouts/" + id, "en")).path("history");
        assertThat(en.get(0).path("reason").asString())
                .isEqualTo("Case opened (Defective at packing, line 1). Contact priority: Express orders first");
    }
}

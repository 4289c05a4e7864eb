package dev.zaiko.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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

    /** The order of the case {@link #decidedExpressDefect()} opened last. */
    String number;
    /** Its customer's email address. */
    String email;

    /**
     * An express order whose bottle was found defective at packing, decided on the call: cancel. Its
     * card payment is refunded; this waits until the refund is completed, so that the timeline has
     * all of the refund's steps.
     */
    String decidedExpressDefect() {
        String missing = api.bottle("MISS", 3000, 500);
        api.sellable(missing, shop.warehouse(), 1);
        email = ShopApi.uniqueEmail();
        number = api.place(ContactApi.express(ContactApi.order(shop.web(), email,
                "090-4444-0000", "ja", missing, 1, 3000), ShopApi.today()));
        String id = api.defective(number, 1);
        api.desk(id);
        browser.page("/cases/" + id + "?lang=ja");
        Response decided = browser.postForm("/cases/" + id + "/calls", Map.of("outcome", "CONNECTED",
                "choice", "CANCEL"));
        assertThat(decided.status()).as(decided.body()).isEqualTo(302);
        await("refund of " + number).atMost(ContactApi.BOUND).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            JsonNode refunds = api.ok(api.get("/api/refunds?order=" + number)).path("refunds");
            assertThat(refunds.size()).isPositive();
            for (JsonNode r : refunds) assertThat(r.path("status").asString()).isEqualTo("COMPLETED");
        });
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
                .contains("「キャンセルして全額返金」に決定").contains("電話: お話しできた").contains("自動処理")
                .contains("返金を受付（欠品した行のキャンセル）").contains("1回目の手続き（クレジットカードへの返金）")
                .contains("完了（クレジットカードへの返金、取引 ");
        assertThat(timeline).doesNotContain("INSPECTION_DEFECT").doesNotContain("Opened:")
                .doesNotContain("ExpressFirst").doesNotContain("CONNECTED").doesNotContain("CANCEL")
                .doesNotContain("decided by").doesNotContain(">system<")
                // the refund's steps: neither its cause's code nor the English they are stored in
                .doesNotContain("LINE_CANCELLED").doesNotContain("stockout case").doesNotContain("Attempt")
                .doesNotContain("CARD_REFUND").doesNotContain("Completed");
    }

    @Test
    void theEnglishTimelineSaysTheSameInEnglish() {
        String id = decidedExpressDefect();

        String timeline = timeline(browser.page("/cases/" + id + "?lang=en").body());
        browser.page("/cases/" + id + "?lang=ja");

        assertThat(timeline).contains("Case opened (Defective at packing, line 1). Contact priority: Express orders first")
                .contains("Decided: Cancel with a full refund").contains("Call: Spoke with the customer")
                .contains("Refund requested (the line out of stock was cancelled)")
                .contains("Attempt 1 (Refund to the credit card)");
        assertThat(timeline).doesNotContain("INSPECTION_DEFECT").doesNotContain("ExpressFirst")
                .doesNotContain("CONNECTED").doesNotContain("欠品").doesNotContain("LINE_CANCELLED")
                .doesNotContain("返金を受付");
    }

    @Test
    void aBouncedEmailShowsTheMailServersAnswerUnderAJapaneseLabel() {
        String id = decidedExpressDefect();
        String messageId = ContactApi.header(api.email(email, 1), "Message-ID");

        api.ok(api.post("/api/outbox/bounces", ContactApi.JSON.createObjectNode().put("messageId", messageId)
                .put("reason", "550 5.1.1 mailbox unknown")));
        await().atMost(ContactApi.BOUND).until(() -> api.desk(id).path("needsAttention").booleanValue());

        String timeline = timeline(browser.page("/cases/" + id + "?lang=ja").body());
        assertThat(timeline).contains("メールが届かず戻ってきた").contains("メールサーバーからの応答: 550 5.1.1 mailbox unknown")
                .doesNotContain("Bounced");
        assertThat(timeline(browser.page("/cases/" + id + "?lang=en").body()))
                .contains("The mail server answered: 550 5.1.1 mailbox unknown").doesNotContain("Bounced:");
        browser.page("/cases/" + id + "?lang=ja");
    }

    @Test
    void theApiGivesEachHistoryRowItsKeyAndArgumentsWithTheTextInTheRequestsLanguage() {
        String id = decidedExpressDefect();

        JsonNode ja = api.ok(api.get("/api/stockouts/" + id)).path("history");
        assertThat(ja.get(0).path("code").asString()).isEqualTo("stockout.history.opened");
        assertThat(ja.get(0).path("args").toString()).isEqualTo("[\"INSPECTION_DEFECT\",\"1\",\"ExpressFirst\"]");
        assertThat(ja.get(0).path("reason").asString()).contains("梱包時に不良が見つかった");
        // the decision's row (the case may have been closed after it once the refund completed)
        JsonNode decided = null;
        for (JsonNode h : ja) if (h.path("to").asString().equals("RESOLVED")) decided = h;
        assertThat(decided).as(ja.toString()).isNotNull();
        assertThat(decided.path("code").asString()).isEqualTo("stockout.history.decided");
        assertThat(decided.path("args").get(0).asString()).isEqualTo("CANCEL");

        JsonNode refund = api.ok(api.get("/api/refunds?order=" + number)).path("refunds").get(0).path("history");
        assertThat(refund.get(0).path("code").asString()).isEqualTo("refund.note.requested");
        assertThat(refund.get(0).path("args").toString()).isEqualTo("[\"LINE_CANCELLED\"]");
        assertThat(refund.get(0).path("note").asString()).isEqualTo("返金を受付（欠品した行のキャンセル）");
        assertThat(api.ok(api.get("/api/refunds?order=" + number, "en")).path("refunds").get(0).path("history").get(0)
                .path("note").asString()).isEqualTo("Refund requested (the line out of stock was cancelled)");

        JsonNode en = api.ok(api.get("/api/stockouts/" + id, "en")).path("history");
        assertThat(en.get(0).path("reason").asString())
                .isEqualTo("Case opened (Defective at packing, line 1). Contact priority: Express orders first");
    }
}

package dev.zaiko.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.zaiko.contact.ContactApi;
import dev.zaiko.contact.ContactApiTestBase;
import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ShopApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard and the case page as an operator uses them, over HTTP with a signed-in session. */
class ConsoleCasePagesTest extends ContactApiTestBase {

    ContactApi browser;

    @BeforeEach
    void signIn() {
        browser = new ContactApi(port, SMTP);
        browser.signIn("admin", "test-admin-password");
    }

    record Case(String id, String number, String email, String substitute) {
    }

    /** An express order for a bottle found defective at packing, a bigger one in stock. */
    Case expressCase() {
        String missing = api.bottle("MISS", 3000, 500);
        String bigger = api.bottle("BIG", 3500, 600);
        api.sellable(missing, shop.warehouse(), 1);
        api.sellable(bigger, shop.warehouse(), 3);
        String email = ShopApi.uniqueEmail();
        String number = api.place(ContactApi.express(
                ContactApi.order(shop.web(), email, "090-4444-0000", "ja", missing, 1, 3000), ShopApi.today()));
        String id = api.defective(number, 1);
        api.desk(id); // the desk has taken it in
        return new Case(id, number, email, bigger);
    }

    @Test
    void theDashboardListsTheCaseToCallWithItsDeadlineAndTheCasePageHasEverythingForTheCall() {
        Case c = expressCase();

        Response dashboard = browser.page("/");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains("お電話する案件").contains("data-case=\"" + c.id() + "\"")
                .contains("お急ぎ便").contains("data-deadline=");
        Response tables = browser.page("/dashboard/cases");
        assertThat(tables.body()).contains(c.id()).doesNotContain("<html");

        Response page = browser.page("/cases/" + c.id());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(c.number()).contains("090-4444-0000").contains("通話スクリプト")
                .contains(c.substitute()).contains("ご提案できる対応").contains("name=\"_csrf\"");

        Response english = browser.page("/cases/" + c.id() + "?lang=en");
        assertThat(english.body()).contains("Call script").contains("Record the call");
        assertThat(browser.page("/cases/" + c.id()).body()).as("the cookie keeps English").contains("Call script");
        browser.page("/cases/" + c.id() + "?lang=ja");
    }

    @Test
    void aCallFormWithMistakesShowsTheErrorsNextToTheFieldsAndRecordsNothing() {
        Case c = expressCase();
        browser.page("/cases/" + c.id());

        Response noOutcome = browser.postForm("/cases/" + c.id() + "/calls", Map.of("notes", "x"));
        assertThat(noOutcome.status()).isEqualTo(422);
        assertThat(noOutcome.body()).contains("通話の結果を選んでください。").contains("id=\"outcome-error\"");

        Response choiceOnVoicemail = browser.postForm("/cases/" + c.id() + "/calls",
                Map.of("outcome", "VOICEMAIL", "choice", "CANCEL"));
        assertThat(choiceOnVoicemail.status()).isEqualTo(422);
        assertThat(choiceOnVoicemail.body()).contains("お話しできた場合だけ");

        String phrase = api.ok(api.get("/api/contact/tone-phrases?locale=ja")).get(0).path("phrase").asString();
        Response rude = browser.postForm("/cases/" + c.id() + "/calls", Map.of("outcome", "CONNECTED",
                "choice", "CANCEL", "personalLine", "このたびは" + phrase));
        assertThat(rude.status()).isEqualTo(422);
        assertThat(rude.body()).contains("不快な印象").contains(phrase);

        browser.page("/cases/" + c.id() + "?lang=en");
        Response english = browser.postForm("/cases/" + c.id() + "/calls", Map.of("notes", "x"));
        assertThat(english.body()).contains("Choose how the call went.");
        browser.page("/cases/" + c.id() + "?lang=ja");

        assertThat(api.desk(c.id()).path("calls").asInt()).isZero();
        assertThat(api.ok(api.get("/api/contact/interactions?case=" + c.id())).toString()).doesNotContain("\"CALL\"");
    }

    @Test
    void aVoicemailIsRecordedTheEmailGoesOutAndTheTimelineShowsIt() {
        Case c = expressCase();
        browser.page("/cases/" + c.id());

        Response recorded = browser.postForm("/cases/" + c.id() + "/calls", Map.of("outcome", "VOICEMAIL",
                "notes", "留守電に伝言"));
        assertThat(recorded.status()).isEqualTo(302);
        assertThat(recorded.location()).endsWith("/cases/" + c.id() + "?notice=call");

        assertThat(api.desk(c.id()).path("missedCalls").asInt()).isEqualTo(1);
        assertThat(ContactApi.link(api.email(c.email(), 1))).startsWith("/c/");
        Response page = browser.page("/cases/" + c.id() + "?notice=call");
        assertThat(page.body()).contains("通話の結果を記録しました").contains("留守電に伝言").contains("data-kind=\"call\"");

        Response tone = browser.postForm("/cases/" + c.id() + "/tone-check", Map.of("text", "ありがとうございます"));
        assertThat(tone.status()).isEqualTo(200);
        assertThat(tone.body()).doesNotContain("tone-finding");
        assertThat(api.ok(api.get("/api/access/audit?action=tone-check")).size()).as("a check changes nothing").isZero();
        assertThat(api.ok(api.get("/api/access/audit?action=CasePage.call&actor=admin")).toString())
                .contains("/cases/{id}/calls").contains("id=" + c.id());
        Response preview = browser.page("/cases/" + c.id() + "/preview?kind=OPTIONS");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains(c.number());
    }

    @Test
    void aDecisionTakenOnTheCallShowsItsRefundInTheTimeline() {
        Case c = expressCase();
        browser.page("/cases/" + c.id());

        Response decided = browser.postForm("/cases/" + c.id() + "/calls", Map.of("outcome", "CONNECTED",
                "choice", "CANCEL", "notes", "全額返金をご希望"));
        assertThat(decided.status()).as(decided.body()).isEqualTo(302);

        assertThat(api.stockout(c.id()).path("decision").path("choice").asString()).isEqualTo("CANCEL");
        org.awaitility.Awaitility.await("the refund in the timeline").atMost(ContactApi.BOUND)
                .until(() -> browser.page("/cases/" + c.id()).body().contains("data-kind=\"refund\""));
        String page = browser.page("/cases/" + c.id()).body();
        assertThat(page).contains("data-kind=\"decision\"").contains("キャンセルして全額返金").contains("3,000円");
        assertThat(page).as("a decided case has no call form").doesNotContain("name=\"outcome\"");
    }

    @Test
    void anEscalatedCaseMovesToTheSupervisorsQueue() {
        Case c = expressCase();
        browser.page("/cases/" + c.id());

        Response empty = browser.postForm("/cases/" + c.id() + "/escalate", Map.of("reason", " "));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("責任者が最初に知るべきこと");

        Response handed = browser.postForm("/cases/" + c.id() + "/escalate", Map.of("reason", "強いご不満"));
        assertThat(handed.status()).isEqualTo(302);
        assertThat(api.desk(c.id()).path("queue").asString()).isEqualTo("SUPERVISORS");
        String dashboard = browser.page("/").body();
        String supervisors = dashboard.substring(dashboard.indexOf("id=\"supervisors\""));
        assertThat(supervisors).contains(c.id());
    }

    @Test
    void anOperatorSeesAnEscalatedCaseButOnlyASupervisorRecordsItsCalls() {
        Case c = expressCase();
        browser.page("/cases/" + c.id());
        assertThat(browser.postForm("/cases/" + c.id() + "/escalate", Map.of("reason", "強いご不満")).status())
                .isEqualTo(302);
        String name = ShopApi.unique("op").toLowerCase();
        api.ok(api.post("/api/access/users", ShopApi.JSON.createObjectNode().put("username", name)
                .put("role", "OPERATOR").put("password", "operator password")));
        ContactApi operator = new ContactApi(port, SMTP);
        operator.signIn(name, "operator password");

        Response page = operator.page("/cases/" + c.id());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("責任者（SUPERVISOR 以上）だけ").doesNotContain("name=\"outcome\"");
        Response posted = operator.postForm("/cases/" + c.id() + "/calls", Map.of("outcome", "NO_ANSWER"));
        assertThat(posted.status()).isEqualTo(403);
        assertThat(api.desk(c.id()).path("calls").asInt()).isZero();

        assertThat(browser.page("/cases/" + c.id()).body()).as("the admin is a supervisor too").contains("name=\"outcome\"");
        assertThat(browser.postForm("/cases/" + c.id() + "/calls", Map.of("outcome", "NO_ANSWER")).status()).isEqualTo(302);
        assertThat(api.desk(c.id()).path("calls").asInt()).isEqualTo(1);
    }

    @Test
    void anUnknownCaseIsNotFound() {
        assertThat(browser.page("/cases/SO-999999").status()).isEqualTo(404);
    }
}

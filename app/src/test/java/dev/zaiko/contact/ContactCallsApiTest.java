package dev.zaiko.contact;

import dev.zaiko.contact.desk.StopCallingAfterTooManyMissedCalls;
import dev.zaiko.contact.desk.WrongNumberMeansWritingOnly;
import dev.zaiko.shop.ShopCalendar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.function.Predicate;

import dev.zaiko.support.ShopApi.Response;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Call outcomes and what follows them: emails, callbacks inside calling hours, writing only, escalation. */
class ContactCallsApiTest extends ContactApiTestBase {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Autowired
    ShopCalendar calendar;

    Instant businessDayAt(LocalTime time) {
        LocalDate d = LocalDate.now(clock).plusDays(1);
        while (!calendar.isBusinessDay(d)) d = d.plusDays(1);
        Instant target = d.atTime(time).atZone(TOKYO).toInstant();
        clock.advance(Duration.between(clock.instant(), target));
        return target;
    }

    record Case(String id, String number, String email) {
    }

    Case openCase(boolean express) {
        String sku = api.tent(shop, 1);
        String email = ContactApi.uniqueEmail();
        var body = ContactApi.order(shop.web(), email, "090-2222-0000", "ja", sku, 1, 19800);
        String number = api.place(express ? ContactApi.express(body, LocalDate.now(clock)) : body);
        return new Case(api.defective(number, 1), number, email);
    }

    @Test
    void aVoicemailOnAnExpressOrderBringsAnUrgentEmailAndACallbackInHalfAnHour() {
        Instant now = businessDayAt(LocalTime.of(11, 0));
        Case c = openCase(true);

        JsonNode recorded = api.ok(api.call(c.id(), ContactApi.outcome("VOICEMAIL").put("notes", "留守電に短く残した")));

        Instant next = Instant.parse(recorded.path("next").path("at").asString());
        assertThat(Duration.between(now, next)).isBetween(Duration.ofMinutes(30), Duration.ofMinutes(31));
        assertThat(recorded.path("next").path("rule").asString()).isEqualTo("UrgentOrdersAreCalledAgainSoon");
        assertThat(recorded.path("email").path("urgent").booleanValue()).isTrue();
        MimeMessage mail = api.email(c.email(), 1);
        assertThat(ContactApi.subject(mail)).startsWith("【重要】至急ご確認のお願い").contains(c.number());
        String text = ContactApi.text(mail);
        assertThat(text).contains("おつながりになりませんでした").contains("留守番電話")
                .contains(calendarTime(next)).contains("/c/").contains("キャンセルして全額返金");
        assertThat(ContactApi.html(mail)).contains("<a href=\"http://localhost:8080/c/");

        JsonNode desk = api.desk(c.id());
        assertThat(desk.path("nextCall").path("kind").asString()).isEqualTo("CALLBACK");
        assertThat(Instant.parse(desk.path("nextCall").path("notBefore").asString())).isEqualTo(next);
        assertThat(desk.path("missedCalls").asInt()).isEqualTo(1);
        assertThat(desk.path("timeline").findValuesAsString("kind")).containsExactly("VOICEMAIL", "MISSED_CALL");
        assertThat(api.stockout(c.id()).path("status").asString()).isEqualTo("AWAITING_DECISION");
    }

    @Test
    void noAnswerLateInTheDayIsCalledBackAtTheNextOpeningWithAPlainSubject() {
        businessDayAt(LocalTime.of(17, 0));
        Case c = openCase(false);

        JsonNode recorded = api.ok(api.call(c.id(), ContactApi.outcome("NO_ANSWER")));

        Instant next = Instant.parse(recorded.path("next").path("at").asString());
        assertThat(calendar.isCallingTime(next)).isTrue();
        assertThat(next.atZone(TOKYO).toLocalTime()).isEqualTo(LocalTime.of(10, 0)); // 19:00 is after hours
        MimeMessage mail = api.email(c.email(), 1);
        assertThat(ContactApi.subject(mail)).doesNotContain("【重要】").contains(c.number());
        assertThat(ContactApi.header(mail, "X-Priority")).isNull();
    }

    @Test
    void afterThreeMissedCallsTheDeskOnlyWrites() {
        businessDayAt(LocalTime.of(10, 30));
        Case c = openCase(false);

        api.ok(api.call(c.id(), ContactApi.outcome("NO_ANSWER")));
        api.ok(api.call(c.id(), ContactApi.outcome("VOICEMAIL")));
        JsonNode third = api.ok(api.call(c.id(), ContactApi.outcome("NO_ANSWER")));

        assertThat(third.path("next").path("emailOnly").booleanValue()).isTrue();
        assertThat(third.path("next").path("rule").asString()).isEqualTo("StopCallingAfterTooManyMissedCalls");
        JsonNode desk = api.desk(c.id());
        assertThat(desk.path("mode").asString()).isEqualTo("EMAIL_ONLY");
        assertThat(desk.path("nextCall").isNull()).isTrue();
        api.email(c.email(), 3); // emails go out in parallel: they may arrive in any order
        assertThat(api.emailsTo(c.email())).filteredOn(m -> ContactApi.text(m).contains("メールでご連絡いたします"))
                .hasSize(1);
        assertThat(api.ok(api.get("/api/contact/queue")).path("items").findValuesAsString("caseId"))
                .doesNotContain(c.id());
    }

    @Test
    void aWrongNumberGoesToWritingAtOnce() {
        businessDayAt(LocalTime.of(13, 0));
        Case c = openCase(false);

        JsonNode recorded = api.ok(api.call(c.id(), ContactApi.outcome("WRONG_NUMBER")));

        assertThat(recorded.path("next").path("rule").asString()).isEqualTo("WrongNumberMeansWritingOnly");
        assertThat(api.desk(c.id()).path("wrongNumber").booleanValue()).isTrue();
        assertThat(ContactApi.text(api.email(c.email(), 1))).contains("おつなぎできませんでした");
    }

    @Test
    void aCallbackTheCustomerAskedForIsKeptInsideCallingHoursAndConfirmedInWriting() {
        Instant now = businessDayAt(LocalTime.of(12, 0));
        Case c = openCase(false);
        Instant evening = now.atZone(TOKYO).withHour(20).toInstant();

        Response refused = api.call(c.id(), ContactApi.outcome("CONNECTED")
                .put("callbackAt", evening.atZone(TOKYO).toOffsetDateTime().toString()));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.type()).endsWith("callback-outside-calling-hours");
        assertThat(api.desk(c.id()).path("calls").asInt()).isZero(); // nothing recorded

        Instant three = now.atZone(TOKYO).withHour(15).toInstant();
        JsonNode recorded = api.ok(api.call(c.id(), ContactApi.outcome("CONNECTED")
                .put("callbackAt", three.atZone(TOKYO).toOffsetDateTime().toString())));
        assertThat(recorded.path("desk").path("nextCall").path("askedByCustomer").booleanValue()).isTrue();
        assertThat(Instant.parse(recorded.path("desk").path("nextCall").path("dueBy").asString())).isEqualTo(three);
        MimeMessage mail = api.email(c.email(), 1);
        assertThat(ContactApi.text(mail)).contains("15:00");
    }

    @Test
    void aDecisionOnThePhoneIsCarriedOutAndConfirmedInWritingWithThePersonalLine() {
        businessDayAt(LocalTime.of(11, 30));
        Case c = openCase(false);

        JsonNode recorded = api.ok(api.call(c.id(), ContactApi.outcome("CONNECTED").put("choice", "CANCEL")
                .put("personalLine", "お電話口で快くご了承いただき、ありがとうございました。")));
        assertThat(recorded.path("email").isNull()).isTrue(); // the follow-up waits for the refund

        MimeMessage followUp = api.email(c.email(), s -> s.contains("お電話でお決めいただいた内容"));
        String text = ContactApi.text(followUp);
        assertThat(text).contains(c.number()).contains("全額返金").contains("お電話口で快くご了承いただき")
                .contains("クーポンコード").contains("次回");
        assertThat(text).doesNotContain("今後とも");
        await().atMost(ContactApi.BOUND).until(() -> api.stockout(c.id()).path("status").asString().equals("CLOSED"));
        JsonNode desk = api.desk(c.id());
        assertThat(desk.path("followUpSentAt").isNull()).isFalse();
        assertThat(desk.path("timeline").findValuesAsString("kind")).contains("CONNECTED", "DECIDED", "FOLLOW_UP");
        assertThat(api.emailsTo(c.email())).filteredOn(m -> ContactApi.subject(m).contains("お電話でお決めいただいた"))
                .hasSize(1);
    }

    @Test
    void aPersonalLineThatShiftsTheBlameIsRefusedAndNothingChanges() {
        businessDayAt(LocalTime.of(11, 0));
        Case c = openCase(false);

        Response refused = api.call(c.id(), ContactApi.outcome("CONNECTED").put("choice", "CANCEL")
                .put("personalLine", "システムの関係でご迷惑をおかけしました。"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("システムの関係で");
        assertThat(api.stockout(c.id()).path("status").asString()).isEqualTo("OPEN");
        assertThat(api.desk(c.id()).path("calls").asInt()).isZero();

        JsonNode noted = api.ok(api.call(c.id(), ContactApi.outcome("NO_ANSWER")
                .put("notes", "Customer said the system must be broken")));
        assertThat(noted.path("toneWarnings").findValuesAsString("phrase")).isNotEmpty();
    }

    @Test
    void escalationMovesTheCaseToTheSupervisorsWithItsHistoryAndTellsTheCustomer() {
        businessDayAt(LocalTime.of(14, 0));
        Case c = openCase(false);
        api.ok(api.call(c.id(), ContactApi.outcome("NO_ANSWER")));

        JsonNode escalated = api.ok(api.post("/api/stockouts/" + c.id() + "/escalate", ContactApi.JSON.createObjectNode()
                .put("operator", "tanaka").put("reason", "Second order gone wrong for this customer")));

        assertThat(escalated.path("desk").path("queue").asString()).isEqualTo("SUPERVISORS");
        JsonNode supervisors = api.ok(api.get("/api/contact/queue?queue=SUPERVISORS"));
        JsonNode entry = null;
        for (JsonNode item : supervisors.path("items")) if (item.path("caseId").asString().equals(c.id())) entry = item;
        assertThat(entry).as(supervisors.toString()).isNotNull();
        assertThat(entry.path("timeline").findValuesAsString("kind")).contains("NO_ANSWER", "MISSED_CALL", "ESCALATED");
        assertThat(api.ok(api.get("/api/contact/queue")).path("items").findValuesAsString("caseId"))
                .doesNotContain(c.id());
        MimeMessage mail = api.email(c.email(), s -> s.contains("責任者"));
        assertThat(ContactApi.text(mail)).contains("責任者からお電話いたします");

        Response again = api.post("/api/stockouts/" + c.id() + "/escalate", ContactApi.JSON.createObjectNode()
                .put("operator", "tanaka").put("reason", "again"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.type()).endsWith("case-already-escalated");
    }

    @Test
    void onlyASupervisorRecordsTheCallsOfAnEscalatedCaseThroughTheApiAsInTheConsole() {
        businessDayAt(LocalTime.of(14, 0));
        Case c = openCase(false);
        api.ok(api.post("/api/stockouts/" + c.id() + "/escalate", ContactApi.JSON.createObjectNode()
                .put("operator", "tanaka").put("reason", "The customer asked for a manager")));
        ContactApi writer = new ContactApi(port, SMTP);
        writer.useToken(token("WRITE"));
        ContactApi supervisor = new ContactApi(port, SMTP);
        supervisor.useToken(token("SUPERVISOR"));
        int interactions = api.ok(api.get("/api/stockouts/" + c.id() + "/contact")).path("timeline").size();

        Response refused = writer.call(c.id(), ContactApi.outcome("NO_ANSWER"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.type()).endsWith("/supervisor-needed");
        assertThat(api.ok(api.get("/api/stockouts/" + c.id() + "/contact")).path("timeline").size())
                .isEqualTo(interactions);
        assertThat(supervisor.call(c.id(), ContactApi.outcome("NO_ANSWER")).status()).isEqualTo(201);
        assertThat(writer.call(openCase(false).id(), ContactApi.outcome("NO_ANSWER")).status())
                .as("a case that was not escalated stays the operators'").isEqualTo(201);
    }

    private String token(String scope) {
        return api.ok(api.post("/api/access/tokens", ContactApi.JSON.createObjectNode()
                .put("name", ContactApi.unique(scope.toLowerCase())).put("scope", scope))).path("token").asString();
    }

    @Test
    void aDecidedCaseTakesNoMoreCallsAndBadReportsChangeNothing() {
        businessDayAt(LocalTime.of(11, 0));
        Case c = openCase(false);
        assertThat(api.call(c.id(), ContactApi.JSON.createObjectNode().put("outcome", "NO_ANSWER")).status())
                .isEqualTo(400);
        assertThat(api.call(c.id(), ContactApi.outcome("VOICEMAIL").put("choice", "CANCEL")).status()).isEqualTo(400);
        assertThat(api.call(c.id(), ContactApi.outcome("SHOUTED")).status()).isEqualTo(400);
        assertThat(api.call("SO-999999", ContactApi.outcome("NO_ANSWER")).status()).isEqualTo(404);
        assertThat(api.desk(c.id()).path("calls").asInt()).isZero();

        api.ok(api.call(c.id(), ContactApi.outcome("CONNECTED").put("choice", "CANCEL")));
        Response late = api.call(c.id(), ContactApi.outcome("NO_ANSWER"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.type()).endsWith("case-already-decided");
    }

    @Test
    void theInteractionLogIsSearchablePerCustomerAndOperator() {
        businessDayAt(LocalTime.of(11, 0));
        Case c = openCase(false);
        api.ok(api.call(c.id(), ContactApi.outcome("NO_ANSWER").put("notes", "rang ten times")));

        JsonNode byCustomer = api.ok(api.get("/api/contact/interactions?customer=" + c.email().toUpperCase()));
        assertThat(byCustomer.path("items").findValuesAsString("kind")).containsExactlyInAnyOrder("NO_ANSWER",
                "MISSED_CALL");
        JsonNode byText = api.ok(api.get("/api/contact/interactions?order=" + c.number() + "&text=ten%20times"));
        assertThat(byText.path("items").size()).isEqualTo(1);
        assertThat(byText.path("items").get(0).path("operator").asString()).isEqualTo("tanaka");
        assertThat(api.get("/api/contact/interactions?channel=FAX").status()).isEqualTo(400);
    }

    @Test
    void theOperatorCanReadTheEmailBeforeItGoesAndNothingIsSent() {
        businessDayAt(LocalTime.of(11, 0));
        Case c = openCase(true);
        int before = api.desk(c.id()).path("timeline").size();

        JsonNode preview = api.ok(api.get("/api/stockouts/" + c.id() + "/emails/preview?kind=MISSED_CALL"));

        assertThat(preview.path("subject").asString()).startsWith("【重要】").contains(c.number());
        assertThat(preview.path("text").asString()).contains("おつながりになりませんでした").contains("11:3");
        assertThat(preview.path("html").asString()).contains("<html");
        JsonNode english = api.ok(api.get("/api/stockouts/" + c.id() + "/emails/preview?kind=ESCALATED&lang=en"));
        assertThat(english.path("text").asString()).contains("Our manager will call you");
        assertThat(api.get("/api/stockouts/" + c.id() + "/emails/preview?kind=FOLLOW_UP").status()).isEqualTo(400);
        assertThat(api.get("/api/stockouts/" + c.id() + "/emails/preview?kind=NOPE").status()).isEqualTo(400);
        assertThat(api.desk(c.id()).path("timeline").size()).isEqualTo(before);
        assertThat(api.emailsTo(c.email())).isEmpty();
    }

    private static String calendarTime(Instant at) {
        return at.atZone(TOKYO).toLocalTime().toString().substring(0, 5).replaceFirst("^0", "");
    }

    static Predicate<String> any() {
        return s -> true;
    }
}

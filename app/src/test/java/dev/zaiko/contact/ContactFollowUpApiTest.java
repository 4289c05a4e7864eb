package dev.zaiko.contact;

import dev.zaiko.shop.ShopCalendar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.Jobs;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The written follow-up when the shop's default decides, and a bounced email flagging its case. */
class ContactFollowUpApiTest extends ContactApiTestBase {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Autowired
    ShopCalendar calendar;

    @Autowired
    JobScheduler jobs;

    record Case(String id, String number, String email) {
    }

    Case missedCall() {
        LocalDate d = LocalDate.now(clock).plusDays(1);
        while (!calendar.isBusinessDay(d)) d = d.plusDays(1);
        clock.advance(Duration.between(clock.instant(), d.atTime(LocalTime.of(11, 0)).atZone(TOKYO).toInstant()));
        String sku = api.tent(shop, 1);
        String email = ContactApi.uniqueEmail();
        String number = api.place(ContactApi.order(shop.web(), email, "090-5555-0000", "en", sku, 1, 19800));
        String id = api.defective(number, 1);
        api.ok(api.call(id, ContactApi.outcome("NO_ANSWER")));
        return new Case(id, number, email);
    }

    @Test
    void whenTheCustomerDoesNotAnswerTheDefaultIsConfirmedInWriting() {
        Case c = missedCall();
        clock.advance(Duration.ofDays(7).plusHours(1));

        Jobs.runRecurring(jobs, clock, "stockout-default-decisions");

        MimeMessage followUp = api.email(c.email(), s -> s.startsWith("What we have done about your order"));
        String text = ContactApi.text(followUp);
        assertThat(text).contains("As we had not heard from you").contains(c.number()).contains("Your refund")
                .contains("Next time");
        await().atMost(ContactApi.BOUND).until(() -> api.stockout(c.id()).path("status").asString().equals("CLOSED"));
        JsonNode desk = api.desk(c.id());
        assertThat(desk.path("decision").asString()).isEqualTo("CANCEL");
        assertThat(desk.path("timeline").findValuesAsString("kind")).contains("DECIDED_BY_DEFAULT", "FOLLOW_UP");
    }

    @Test
    void aBouncedEmailFlagsItsCaseForAPerson() {
        Case c = missedCall();
        MimeMessage missed = api.email(c.email(), 1);
        String messageId = ContactApi.header(missed, "Message-ID");

        api.ok(api.post("/api/outbox/bounces", ContactApi.JSON.createObjectNode().put("messageId", messageId)
                .put("reason", "550 5.1.1 mailbox unknown")));

        await().atMost(ContactApi.BOUND).until(() -> api.desk(c.id()).path("needsAttention").booleanValue());
        JsonNode desk = api.desk(c.id());
        assertThat(desk.path("emailProblem").asString()).contains("mailbox unknown");
        assertThat(desk.path("timeline").findValuesAsString("kind")).contains("EMAIL_BOUNCED");
        assertThat(api.ok(api.get("/api/contact/attention")).findValuesAsString("caseId")).contains(c.id());
    }
}

package dev.zaiko.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import dev.zaiko.mail.EmailSent;
import dev.zaiko.shop.ShopCalendar;
import dev.zaiko.support.ShopApi.Response;
import dev.zaiko.support.SourceEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A call report carries what calmed the customer and what made it worse: kept with the call, announced once. */
class CallLessonsApiTest extends ContactApiTestBase {

    @Autowired
    ShopCalendar calendar;

    @Autowired
    SourceEvents events;

    String caseId;
    String number;

    @BeforeEach
    void aCaseInCallingHours() {
        LocalDate d = LocalDate.now(clock).plusDays(1);
        while (!calendar.isBusinessDay(d)) d = d.plusDays(1);
        clock.advance(Duration.between(clock.instant(), d.atTime(LocalTime.of(11, 0)).atZone(ZoneId.of("Asia/Tokyo"))
                .toInstant()));
        String sku = api.tent(shop, 1);
        number = api.place(ContactApi.order(shop.web(), ContactApi.uniqueEmail(), "090-2222-0000", "ja", sku, 1, 19800));
        caseId = api.defective(number, 1);
    }

    private static ObjectNode withTags(ObjectNode body, String field, String... tags) {
        ArrayNode list = body.putArray(field);
        for (String t : tags) list.add(t);
        return body;
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(n -> result.add(n.asString()));
        return result;
    }

    @Test
    void aCallsTagsAndLessonAreKeptTidiedShownWithTheCallAndPublishedOnce() {
        ObjectNode body = ContactApi.outcome("VOICEMAIL").put("lesson", "  入荷日を先に伝えると落ち着いて聞いてもらえる ");
        withTags(body, "helped", " 先に謝罪した ", "Told The  Arrival Date", "told the arrival date");
        withTags(body, "hurt", "待たせた");

        JsonNode recorded = api.ok(api.call(caseId, body));

        assertThat(texts(recorded.path("helped"))).containsExactly("先に謝罪した", "told the arrival date");
        assertThat(texts(recorded.path("hurt"))).containsExactly("待たせた");
        assertThat(recorded.path("lesson").asString()).isEqualTo("入荷日を先に伝えると落ち着いて聞いてもらえる");
        JsonNode call = null;
        java.time.Instant calledAt;
        for (JsonNode entry : api.desk(caseId).path("timeline")) {
            if (entry.path("channel").asString().equals("CALL")) call = entry;
        }
        assertThat(call).isNotNull();
        assertThat(texts(call.path("helped"))).containsExactly("先に謝罪した", "told the arrival date");
        assertThat(texts(call.path("hurt"))).containsExactly("待たせた");
        assertThat(call.path("lesson").asString()).isEqualTo("入荷日を先に伝えると落ち着いて聞いてもらえる");
        calledAt = java.time.Instant.parse(call.path("at").asString());

        List<SourceEvents.Heard> heard = events.heard(CallReported.class, e -> e.caseId().equals(caseId));
        assertThat(heard).singleElement().satisfies(h -> {
            assertThat(h.inTransaction()).isTrue();
            CallReported e = (CallReported) h.event();
            assertThat(e.callId().toString()).isEqualTo(recorded.path("callId").asString());
            assertThat(e.orderNumber()).isEqualTo(number);
            assertThat(e.outcome()).isEqualTo(CallOutcome.VOICEMAIL);
            assertThat(e.operator()).isEqualTo("tanaka");
            assertThat(e.helped()).containsExactly("先に謝罪した", "told the arrival date");
            assertThat(e.hurt()).containsExactly("待たせた");
            assertThat(e.lesson()).isEqualTo("入荷日を先に伝えると落ち着いて聞いてもらえる");
            // the database keeps the call's time to the microsecond
            assertThat(Duration.between(e.at(), calledAt).abs()).isLessThanOrEqualTo(Duration.ofNanos(1000));
        });

        // a call without lessons is announced too, with empty lists
        api.ok(api.call(caseId, ContactApi.outcome("NO_ANSWER")));
        assertThat(events.of(CallReported.class, e -> e.caseId().equals(caseId))).hasSize(2).last()
                .satisfies(e -> {
                    assertThat(e.helped()).isEmpty();
                    assertThat(e.hurt()).isEmpty();
                    assertThat(e.lesson()).isNull();
                });
    }

    @Test
    void theCaseEmailsACallLeadsToAreAnnouncedAsSentFromTheSendingTransaction() {
        api.ok(api.call(caseId, ContactApi.outcome("VOICEMAIL")));

        await("the missed-call email of " + caseId).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> !events.of(EmailSent.class, e -> caseId.equals(e.reference())
                        && e.kind().equals("MISSED_CALL")).isEmpty());
        assertThat(events.heard(EmailSent.class, e -> caseId.equals(e.reference()) && e.kind().equals("MISSED_CALL")))
                .singleElement().satisfies(h -> {
                    assertThat(h.inTransaction()).isTrue();
                    assertThat(((EmailSent) h.event()).orderNumber()).isEqualTo(number);
                });
    }

    @Test
    void badTagsOrALessonThatIsNotOneShortLineAreRefusedNamingTheFieldAndNothingIsRecorded() {
        List<Object[]> bad = List.of(
                new Object[] {withTags(ContactApi.outcome("NO_ANSWER"), "helped", "listened", "  "), "helped[1]"},
                new Object[] {withTags(ContactApi.outcome("NO_ANSWER"), "hurt", "x".repeat(31)), "hurt[0]"},
                new Object[] {withTags(ContactApi.outcome("NO_ANSWER"), "hurt", "ok", "made <b>promises</b>"), "hurt[1]"},
                new Object[] {withTags(ContactApi.outcome("NO_ANSWER"), "helped", "a", "b", "c", "d", "e", "f", "g", "h",
                        "i"), "helped"},
                new Object[] {ContactApi.outcome("NO_ANSWER").put("lesson", "x".repeat(201)), "lesson"},
                new Object[] {ContactApi.outcome("NO_ANSWER").put("lesson", "first line\nsecond line"), "lesson"});
        int calls = api.desk(caseId).path("calls").asInt();

        for (Object[] b : bad) {
            Response r = api.call(caseId, (ObjectNode) b[0]);
            assertThat(r.status()).as(b[1] + ": " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().path("field").asString(r.json().path("errors").path(0).path("field").asString()))
                    .as(r.body()).isEqualTo(b[1]);
        }

        JsonNode desk = api.desk(caseId);
        assertThat(desk.path("calls").asInt()).isEqualTo(calls);
        assertThat(desk.path("timeline").findValuesAsString("channel")).doesNotContain("CALL");
        assertThat(events.of(CallReported.class, e -> e.caseId().equals(caseId))).isEmpty();
        // nine tags of which only eight differ are eight
        ObjectNode eight = withTags(ContactApi.outcome("NO_ANSWER"), "helped", "a", "b", "c", "d", "e", "f", "g", "h",
                "A");
        assertThat(texts(api.ok(api.call(caseId, eight)).path("helped"))).hasSize(8);
    }
}

package dev.zaiko.contact;

import dev.zaiko.shop.ShopCalendar;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.function.Predicate;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Service levels with a moved clock: when the desk writes at once and when the first call may
 * be made, by the shop's calling hours and holidays.
 */
class ContactServiceLevelApiTest extends ContactApiTestBase {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Autowired
    ShopCalendar calendar;

    /** Moves the clock to {@code time} on the first day after today that passes. */
    Instant moveTo(LocalTime time, Predicate<LocalDate> day) {
        LocalDate d = LocalDate.now(clock).plusDays(1);
        for (int i = 0; i < 400 && !day.test(d); i++) d = d.plusDays(1);
        assertThat(day.test(d)).as("a day within 400 days that fits the test").isTrue();
        Instant target = d.atTime(time).atZone(TOKYO).toInstant();
        clock.advance(Duration.between(clock.instant(), target));
        return target;
    }

    String expressCase(String email, String phone) {
        String sku = api.tent(shop, 1);
        String number = api.place(ContactApi.express(ContactApi.order(shop.web(), email, phone, "ja", sku, 1, 19800),
                LocalDate.now(clock)));
        return api.defective(number, 1);
    }

    @Test
    void anExpressCaseFoundAtNightIsWrittenToAtOnceAndCalledAtTheFirstSlot() {
        // a business day followed by a business day, so the next slot is tomorrow's opening
        Instant detected = moveTo(LocalTime.of(23, 40), d -> calendar.isBusinessDay(d)
                && calendar.isBusinessDay(d.plusDays(1)));
        String email = ContactApi.uniqueEmail();
        String id = expressCase(email, "090-1111-2222");

        MimeMessage notice = api.email(email, 1);
        assertThat(ContactApi.subject(notice)).startsWith("【重要】至急ご確認のお願い");
        assertThat(ContactApi.header(notice, "X-Priority")).startsWith("1");
        assertThat(ContactApi.text(notice)).contains(api.stockout(id).path("orderNumber").asString())
                .contains("山岳テント 2人用").contains("10:00");
        Instant sentAt = safeSent(notice);
        assertThat(Duration.between(detected, sentAt)).isLessThan(Duration.ofMinutes(1));

        JsonNode desk = api.desk(id);
        LocalDate nextDay = LocalDate.ofInstant(detected, TOKYO).plusDays(1);
        assertThat(Duration.between(detected, Instant.parse(desk.path("contactDeadline").asString())))
                .isBetween(Duration.ofMinutes(15), Duration.ofMinutes(16));
        assertThat(Instant.parse(desk.path("nextCall").path("notBefore").asString()))
                .isEqualTo(nextDay.atTime(10, 0).atZone(TOKYO).toInstant());
        assertThat(desk.path("callableNow").booleanValue()).isFalse();
        assertThat(desk.path("timeline").get(0).path("kind").asString()).isEqualTo("FIRST_NOTICE");
        assertThat(api.stockout(id).path("status").asString()).isEqualTo("AWAITING_DECISION");
    }

    @Test
    void anExpressCaseFoundInTheAfternoonIsDueWithinFifteenMinutesAndNotWrittenTo() {
        Instant detected = moveTo(LocalTime.of(14, 0), calendar::isBusinessDay);
        String email = ContactApi.uniqueEmail();
        String id = expressCase(email, "090-1111-3333");

        JsonNode desk = api.desk(id);
        Instant deadline = Instant.parse(desk.path("contactDeadline").asString());
        assertThat(Duration.between(detected, deadline)).isBetween(Duration.ofMinutes(15), Duration.ofMinutes(16));
        assertThat(Instant.parse(desk.path("nextCall").path("dueBy").asString())).isEqualTo(deadline);
        assertThat(Instant.parse(desk.path("nextCall").path("notBefore").asString()))
                .isBetween(detected, detected.plusSeconds(60));
        assertThat(desk.path("callableNow").booleanValue()).isTrue();
        assertThat(desk.path("priority").asInt()).isEqualTo(1);
        // the desk's row and any email are written in one transaction: with the row there, no email means none
        assertThat(desk.path("timeline").size()).isZero();
        assertThat(api.stockout(id).path("status").asString()).isEqualTo("OPEN");

        JsonNode queue = api.ok(api.get("/api/contact/queue"));
        assertThat(queue.path("items").findValuesAsString("caseId")).contains(id);
    }

    @Test
    void aNationalHolidayIsSkippedForTheFirstCall() {
        // the evening before a national holiday that falls on a weekday after a business day
        Instant detected = moveTo(LocalTime.of(23, 40), d -> calendar.isBusinessDay(d)
                && calendar.holiday(d.plusDays(1)).isPresent());
        LocalDate holiday = LocalDate.ofInstant(detected, TOKYO).plusDays(1);
        LocalDate firstBusinessDay = holiday.plusDays(1);
        while (!calendar.isBusinessDay(firstBusinessDay)) firstBusinessDay = firstBusinessDay.plusDays(1);
        String email = ContactApi.uniqueEmail();
        String id = expressCase(email, "090-1111-4444");

        api.email(email, 1);
        JsonNode desk = api.desk(id);
        Instant slot = Instant.parse(desk.path("nextCall").path("notBefore").asString());
        assertThat(slot).isEqualTo(firstBusinessDay.atTime(calendar.hoursOn(firstBusinessDay).orElseThrow().opens())
                .atZone(TOKYO).toInstant());
        assertThat(LocalDate.ofInstant(slot, TOKYO)).isAfter(holiday);
    }

    @Test
    void aCustomerWithoutAPhoneIsWrittenToAtOnceAndNeverQueuedForACall() {
        moveTo(LocalTime.of(11, 0), calendar::isBusinessDay);
        String email = ContactApi.uniqueEmail();
        String id = expressCase(email, null);

        MimeMessage notice = api.email(email, 1);
        assertThat(ContactApi.text(notice)).contains("メールでご連絡いたします");
        JsonNode desk = api.desk(id);
        assertThat(desk.path("mode").asString()).isEqualTo("EMAIL_ONLY");
        assertThat(desk.path("nextCall").isNull()).isTrue();
        assertThat(api.ok(api.get("/api/contact/queue")).path("items").findValuesAsString("caseId"))
                .doesNotContain(id);
    }

    private static Instant safeSent(MimeMessage m) {
        try {
            return m.getSentDate().toInstant();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

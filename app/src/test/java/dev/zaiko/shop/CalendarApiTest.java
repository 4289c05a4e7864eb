package dev.zaiko.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;

import dev.zaiko.shop.BusinessDays;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The calendar API on the application and its PostgreSQL. Every change is undone afterwards: all
 * test classes share the application, and stockout deadlines and refund dates read this calendar.
 * Closed days are set in December 2027, past any date another test computes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CalendarApiTest {

    @LocalServerPort
    int port;

    @Autowired
    ShopCalendar calendar;

    @Autowired
    ApplicationContext context;

    @Autowired
    Clock clock;

    ShopApi api;

    @BeforeEach
    void client() {
        api = new ShopApi(port) {
        };
    }

    @AfterEach
    void undo() {
        api.ok(api.delete("/api/contact/calendar/hours"));
        for (String day : new String[] {"2027-12-01", "2027-12-02"}) api.delete("/api/contact/calendar/closed-days/" + day);
    }

    JsonNode days(String query, String language) {
        return api.ok(api.get("/api/contact/calendar" + query, language)).path("days");
    }

    JsonNode weekHours() {
        return api.ok(api.get("/api/contact/calendar?from=2027-12-06&to=2027-12-06")).path("weeklyHours");
    }

    @Test
    void theShopCalendarIsTheOneBusinessCalendar() {
        assertThat(context.getBeansOfType(BusinessDays.class)).hasSize(1)
                .allSatisfy((name, bean) -> assertThat(bean).isSameAs(calendar));
    }

    @Test
    void listsDaysWithHoursHolidaysAndWhyTheShopIsClosedInTheReadersLanguage() {
        JsonNode ja = days("?from=2026-11-20&to=2026-11-24", "ja");
        assertThat(ja.size()).isEqualTo(5);
        assertThat(ja.get(0).path("date").asString()).isEqualTo("2026-11-20");
        assertThat(ja.get(0).path("weekday").asString()).isEqualTo("FRIDAY");
        assertThat(ja.get(0).path("businessDay").booleanValue()).isTrue();
        assertThat(ja.get(0).path("opens").asString()).isEqualTo("10:00");
        assertThat(ja.get(0).path("closes").asString()).isEqualTo("18:00");
        assertThat(ja.get(1).path("closedBy").asString()).isEqualTo("WEEKDAY");
        assertThat(ja.get(1).path("closedReason").asString()).isEqualTo("定休日");
        assertThat(ja.get(1).path("opens").isNull()).isTrue();
        assertThat(ja.get(3).path("businessDay").booleanValue()).isFalse();
        assertThat(ja.get(3).path("closedBy").asString()).isEqualTo("NATIONAL_HOLIDAY");
        assertThat(ja.get(3).path("holiday").asString()).isEqualTo("勤労感謝の日");
        assertThat(ja.get(3).path("closedReason").asString()).isEqualTo("勤労感謝の日");
        assertThat(ja.get(4).path("holiday").isNull()).isTrue();

        JsonNode en = days("?from=2026-11-21&to=2026-11-23", "en");
        assertThat(en.get(0).path("closedReason").asString()).isEqualTo("Regular closing day");
        assertThat(en.get(2).path("holiday").asString()).isEqualTo("Labor Thanksgiving Day");
    }

    @Test
    void byDefaultThirtyOneDaysFromTodayInTheShopsZone() {
        JsonNode calendarView = api.ok(api.get("/api/contact/calendar"));
        assertThat(calendarView.path("zone").asString()).isEqualTo("Asia/Tokyo");
        assertThat(calendarView.path("nationalHolidays").booleanValue()).isTrue();
        JsonNode list = calendarView.path("days");
        assertThat(list.size()).isEqualTo(31);
        assertThat(LocalDate.parse(list.get(0).path("date").asString())).isEqualTo(LocalDate.now(clock));
        assertThat(calendarView.path("weeklyHours").path("SUNDAY").isNull()).isTrue();
        assertThat(calendarView.path("weeklyHours").path("MONDAY").path("opens").asString()).isEqualTo("10:00");
    }

    @Test
    void aRangeBackwardsTooLongOrNotADateIsRefused() {
        ShopApi.Response backwards = api.get("/api/contact/calendar?from=2026-12-01&to=2026-11-30");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.contentType()).startsWith("application/problem+json");
        assertThat(backwards.type()).endsWith("/invalid-date-range");
        ShopApi.Response tooLong = api.get("/api/contact/calendar?from=2026-01-01&to=2027-02-05");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("maxDays").intValue()).isEqualTo(400);
        assertThat(days("?from=2026-01-01&to=2027-02-04", "ja").size()).isEqualTo(400);
        ShopApi.Response notADate = api.get("/api/contact/calendar?from=2026-11-31");
        assertThat(notADate.status()).isEqualTo(400);
        assertThat(notADate.type()).endsWith("/invalid-date");
        assertThat(notADate.detail()).contains("from");
    }

    @Test
    void hoursChangeForTheWeekdaysNamedAndTheCalendarFollowsAtOnce() {
        LocalDate saturday = LocalDate.of(2027, 12, 4);
        assertThat(calendar.isBusinessDay(saturday)).isFalse();

        JsonNode week = api.ok(api.put("/api/contact/calendar/hours",
                "{\"SATURDAY\":{\"opens\":\"11:00\",\"closes\":\"15:30\"},\"WEDNESDAY\":null}"));

        assertThat(week.path("SATURDAY").path("opens").asString()).isEqualTo("11:00");
        assertThat(week.path("SATURDAY").path("closes").asString()).isEqualTo("15:30");
        assertThat(week.path("WEDNESDAY").isNull()).isTrue();
        assertThat(week.path("MONDAY").path("opens").asString()).isEqualTo("10:00"); // not named: unchanged
        assertThat(calendar.isBusinessDay(saturday)).isTrue();
        assertThat(calendar.hoursOn(saturday)).contains(CallingHours.of("11:00", "15:30"));
        assertThat(calendar.isBusinessDay(LocalDate.of(2027, 12, 1))).isFalse(); // a Wednesday
        JsonNode sat = days("?from=2027-12-04&to=2027-12-04", "ja").get(0);
        assertThat(sat.path("businessDay").booleanValue()).isTrue();
        assertThat(sat.path("opens").asString()).isEqualTo("11:00");

        JsonNode reset = api.ok(api.delete("/api/contact/calendar/hours"));
        assertThat(reset.path("SATURDAY").isNull()).isTrue();
        assertThat(reset.path("WEDNESDAY").path("opens").asString()).isEqualTo("10:00");
        assertThat(calendar.isBusinessDay(saturday)).isFalse();
    }

    @Test
    void badHoursAreReportedFieldByFieldAndNothingChanges() {
        JsonNode before = weekHours();

        ShopApi.Response bad = api.put("/api/contact/calendar/hours", """
                {"SATURDAY":{"opens":"11:00","closes":"15:00"},
                 "MONDAY":{"opens":"18:00","closes":"10:00"},
                 "FUNDAY":null,
                 "TUESDAY":{"opens":"9:00"},
                 "FRIDAY":{"opens":"10:00","closes":"25:00","lunch":"12:00"}}""");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.type()).endsWith("/invalid-calling-hours");
        assertThat(bad.json().path("errors").findValuesAsString("field")).containsExactlyInAnyOrder(
                "MONDAY.closes", "FUNDAY", "TUESDAY.opens", "TUESDAY.closes", "FRIDAY.lunch", "FRIDAY.closes");
        assertThat(bad.detail()).contains("MONDAY.closes must be after opens");
        assertThat(weekHours()).isEqualTo(before);
        assertThat(calendar.weeklyHours().get(DayOfWeek.SATURDAY)).isEmpty();

        for (String body : new String[] {"{}", "[]", "{\"MONDAY\":\"10:00-18:00\"}", "{\"MONDAY\":{\"opens\":10,\"closes\":18}}"}) {
            ShopApi.Response refused = api.put("/api/contact/calendar/hours", body);
            assertThat(refused.status()).as(body).isEqualTo(400);
        }
        assertThat(weekHours()).isEqualTo(before);
    }

    @Test
    void closingEveryWeekdayIsRefused() {
        JsonNode before = weekHours();
        ShopApi.Response refused = api.put("/api/contact/calendar/hours", """
                {"MONDAY":null,"TUESDAY":null,"WEDNESDAY":null,"THURSDAY":null,"FRIDAY":null}""");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.type()).endsWith("/no-calling-hours");
        assertThat(weekHours()).isEqualTo(before);
    }

    @Test
    void aClosedDayIsAddedListedAndRemoved() {
        LocalDate day = LocalDate.of(2027, 12, 1);
        ShopApi.Response added = api.post("/api/contact/calendar/closed-days", "{\"date\":\"2027-12-01\",\"reason\":\"棚卸しのため休業\"}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.location()).endsWith("/api/contact/calendar/closed-days/2027-12-01");
        assertThat(calendar.isBusinessDay(day)).isFalse();
        assertThat(calendar.nextBusinessDayAfter(day.minusDays(1))).isEqualTo(day.plusDays(1));
        JsonNode shown = days("?from=2027-12-01&to=2027-12-01", "en").get(0);
        assertThat(shown.path("closedBy").asString()).isEqualTo("CLOSED_DATE");
        assertThat(shown.path("closedReason").asString()).isEqualTo("棚卸しのため休業");
        assertThat(api.ok(api.get("/api/contact/calendar/closed-days")).findValuesAsString("date"))
                .contains("2027-12-01", "2027-12-31");

        ShopApi.Response again = api.post("/api/contact/calendar/closed-days", "{\"date\":\"2027-12-01\",\"reason\":\"x\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.type()).endsWith("/closed-day-exists");
        assertThat(again.json().path("date").asString()).isEqualTo("2027-12-01");

        assertThat(api.delete("/api/contact/calendar/closed-days/2027-12-01").status()).isEqualTo(204);
        assertThat(calendar.isBusinessDay(day)).isTrue();
        ShopApi.Response gone = api.delete("/api/contact/calendar/closed-days/2027-12-01");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aConfiguredClosedDateIsShownButNotRemovableThroughTheApi() {
        JsonNode shown = days("?from=2027-12-31&to=2027-12-31", "ja").get(0);
        assertThat(shown.path("closedBy").asString()).isEqualTo("CLOSED_DATE");
        assertThat(shown.path("closedReason").asString()).isEqualTo("休業日");
        ShopApi.Response refused = api.delete("/api/contact/calendar/closed-days/2027-12-31");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.type()).endsWith("/closed-day-configured");
        assertThat(api.post("/api/contact/calendar/closed-days", "{\"date\":\"2027-12-31\",\"reason\":\"x\"}").status())
                .isEqualTo(409);
        assertThat(calendar.isBusinessDay(LocalDate.of(2027, 12, 31))).isFalse();
    }

    @Test
    void aClosedDayNeedsADateAndAReason() {
        ShopApi.Response noReason = api.post("/api/contact/calendar/closed-days", "{\"date\":\"2027-12-02\",\"reason\":\" \"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().path("errors").findValuesAsString("field")).containsExactly("reason");
        ShopApi.Response noDate = api.post("/api/contact/calendar/closed-days", "{\"reason\":\"x\"}");
        assertThat(noDate.status()).isEqualTo(400);
        assertThat(noDate.json().path("errors").findValuesAsString("field")).containsExactly("date");
        assertThat(api.post("/api/contact/calendar/closed-days", "{\"date\":\"2027-02-30\",\"reason\":\"x\"}").status())
                .isEqualTo(400);
        assertThat(api.delete("/api/contact/calendar/closed-days/tomorrow").status()).isEqualTo(400);
        assertThat(calendar.isBusinessDay(LocalDate.of(2027, 12, 2))).isTrue();
    }
}

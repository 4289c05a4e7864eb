package dev.zaiko.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import dev.zaiko.order.CancellingOnTheChannel;
import dev.zaiko.shop.ShopCalendar;
import dev.zaiko.stockout.DecidingStockout;
import dev.zaiko.support.Events;
import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ShopApi.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A marketplace order whose line waits for the customer's decision, cancelled on the channel (the
 * buyer or the marketplace): its stock-out case ends there, with no refund from the shop, no call
 * left to make, and nothing left to decide.
 */
class CancelledOnTheChannelTest extends ContactApiTestBase {

    @Autowired
    ShopCalendar calendar;
    @Autowired
    CancellingOnTheChannel cancelling;
    @Autowired
    DecidingStockout deciding;
    @Autowired
    DecisionLinks links;
    @Autowired
    JdbcTemplate jdbc;

    record Case(String id, String number, String externalRef) {
    }

    /** A marketplace order for a tent with no unit left, placed in calling hours: its case is opened and queued. */
    Case awaitingTheCustomer() {
        LocalDate d = LocalDate.now(clock).plusDays(1);
        while (!calendar.isBusinessDay(d)) d = d.plusDays(1);
        clock.advance(Duration.between(clock.instant(), d.atTime(LocalTime.of(10, 30)).atZone(ZoneId.of("Asia/Tokyo"))
                .toInstant()));
        String tent = api.tent(shop, 0);
        ObjectNode body = ContactApi.order(shop.marketplace(), ContactApi.uniqueEmail(), "090-5555-0000", "ja", tent,
                1, 19800);
        JsonNode placed = api.ok(api.post("/api/orders", body));
        assertThat(placed.path("lines").get(0).path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        String number = placed.path("orderNumber").asString();
        JsonNode cases = api.ok(api.get("/api/stockouts?order=" + number + "&size=10")).path("items");
        assertThat(cases.size()).isEqualTo(1);
        return new Case(cases.get(0).path("id").asString(), number, body.path("externalRef").asString());
    }

    int openTasks(String caseId) {
        return jdbc.queryForObject("select count(*) from contact_call_task where case_id = ? and status = 'OPEN'",
                Integer.class, caseId);
    }

    ShopApi browser() {
        ShopApi browser = new ShopApi(port) {
        };
        browser.useToken(null);
        return browser;
    }

    @Test
    void aCaseWhoseOrderTheChannelCancelledIsClosedWithTheReasonNoRefundAndNoCallLeft() {
        Case c = awaitingTheCustomer();
        assertThat(api.desk(c.id()).path("nextCall").path("kind").asString()).as("the first call is due")
                .isEqualTo("FIRST_CALL");
        String link = links.issue(c.id()).url().getPath();
        assertThat(browser().page(link).status()).isEqualTo(200);

        cancelling.cancel(shop.marketplace(), c.externalRef(), "channel", "The buyer cancelled the order on the platform.");
        Events.awaitHandled(jdbc, c.number());

        JsonNode closed = api.stockout(c.id());
        assertThat(closed.path("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.path("decision").isNull()).as("nobody decided anything").isTrue();
        assertThat(closed.path("decideBy").isNull()).as("no answer is awaited any more").isTrue();
        assertThat(closed.path("withdrawn").path("reason").asString()).isEqualTo("CANCELLED_ON_CHANNEL");
        assertThat(closed.path("withdrawn").path("channel").asString()).isEqualTo(shop.marketplace());
        assertThat(closed.path("withdrawn").path("text").asString()).contains("取り消").contains("返金はチャネル");
        JsonNode last = closed.path("history").get(closed.path("history").size() - 1);
        assertThat(last.path("from").asString()).isEqualTo("OPEN");
        assertThat(last.path("to").asString()).isEqualTo("CLOSED");
        assertThat(last.path("code").asString()).isEqualTo("stockout.history.cancelledOnChannel");
        assertThat(last.path("reason").asString()).contains(shop.marketplace()).contains("当店からの返金はなく");
        JsonNode english = api.ok(api.get("/api/stockouts/" + c.id(), "en"));
        JsonNode lastInEnglish = english.path("history").get(english.path("history").size() - 1);
        assertThat(lastInEnglish.path("reason").asString()).contains("cancelled on channel " + shop.marketplace())
                .contains("no refund from the shop");

        assertThat(api.ok(api.get("/api/refunds?order=" + c.number())).toString())
                .as("the marketplace refunds an order it cancelled: the shop asks for nothing")
                .doesNotContain("\"route\"");
        assertThat(jdbc.queryForObject("select count(*) from event_publication where event_type like '%RefundRequested' "
                + "and position(? in serialized_event) > 0", Integer.class, c.number())).isZero();

        JsonNode desk = api.desk(c.id());
        assertThat(desk.path("nextCall").isNull()).as("no call is due any more").isTrue();
        assertThat(desk.path("mode").asString()).isEqualTo("DONE");
        assertThat(openTasks(c.id())).isZero();
        assertThat(api.ok(api.get("/api/contact/queue?size=200")).toString()).doesNotContain(c.id());
        assertThat(desk.path("timeline").toString()).contains("WITHDRAWN");
        assertThat(browser().page(link).status()).as("the customer's decision link no longer works").isEqualTo(410);

        Response decided = api.post("/api/stockouts/" + c.id() + "/decision",
                ShopApi.JSON.createObjectNode().put("choice", "CANCEL").put("decidedBy", "staff:tanaka"));
        assertThat(decided.status()).isEqualTo(409);
        assertThat(decided.type()).endsWith("stockout-withdrawn");
        assertThat(api.stockout(c.id()).path("status").asString()).isEqualTo("CLOSED");

        clock.advance(Duration.ofDays(30));
        assertThat(deciding.applyDefaults(500)).as("the shop's default never decides it later").doesNotContain(c.id());
        assertThat(openTasks(c.id())).isZero();
    }

    @Test
    void theCasePageSaysTheOrderWasCancelledOnTheChannelInJapaneseAndEnglish() {
        Case c = awaitingTheCustomer();
        api.desk(c.id());
        cancelling.cancel(shop.marketplace(), c.externalRef(), "channel", "The marketplace cancelled the order.");
        Events.awaitHandled(jdbc, c.number());

        ShopApi staff = browser();
        staff.signIn("admin", "test-admin-password");
        String ja = staff.page("/cases/" + c.id()).body();
        assertThat(ja).contains("チャネル " + shop.marketplace() + " でご注文が取り消されたため終了しました")
                .contains("対応の決定なしで終了").contains("お電話・メールを取りやめ").doesNotContain("通話スクリプト");
        String en = staff.page("/cases/" + c.id() + "?lang=en").body();
        assertThat(en).contains("Closed: the order was cancelled on channel " + shop.marketplace())
                .contains("Closed without a decision").contains("Calls and emails stopped");
        staff.page("/cases/" + c.id() + "?lang=ja");
    }

    @Test
    void aCaseAlreadyDecidedKeepsItsDecisionWhenTheChannelCancelsTheWaitingLineAfterwards() {
        Case c = awaitingTheCustomer();
        String sku = api.stockout(c.id()).path("sku").asString();
        api.inbound(sku, shop.store(), 5, LocalDate.now(clock).plusDays(10));
        api.desk(c.id());
        JsonNode waiting = api.ok(api.post("/api/stockouts/" + c.id() + "/decision",
                ShopApi.JSON.createObjectNode().put("choice", "WAIT").put("decidedBy", "staff:tanaka")));
        assertThat(waiting.path("status").asString()).isEqualTo("RESOLVED");
        Events.awaitHandled(jdbc, c.number());
        assertThat(api.ok(api.get("/api/orders/" + c.number())).path("lines").get(0).path("status").asString())
                .isEqualTo("BACKORDERED");

        cancelling.cancel(shop.marketplace(), c.externalRef(), "channel", "The buyer cancelled the order.");
        Events.awaitHandled(jdbc, c.number());
        assertThat(api.ok(api.get("/api/orders/" + c.number())).path("lines").get(0).path("status").asString())
                .as("the waiting line was cancelled on the channel").isEqualTo("CANCELLED");

        JsonNode after = api.stockout(c.id());
        assertThat(after.path("withdrawn").isNull()).as("a decided case is not withdrawn").isTrue();
        assertThat(after.path("decision").path("choice").asString()).isEqualTo("WAIT");
        assertThat(after.path("history").toString()).doesNotContain("stockout.history.cancelledOnChannel");
    }
}

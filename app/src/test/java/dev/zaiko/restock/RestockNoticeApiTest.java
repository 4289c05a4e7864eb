package dev.zaiko.restock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import dev.zaiko.support.AllAtOnce;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** Units that come back are told to as many waiting subscribers as there are units, first come first served. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RestockNoticeApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FollowingStockForAlerts following;

    @Autowired
    NotifyingRestockAlerts notifying;

    @Autowired
    RestockProbe probe;

    RestockApi api;
    ShopApi.Shop shop;

    @BeforeEach
    void clientAndShop() {
        api = new RestockApi(port, jdbc);
        shop = api.shop();
    }

    @AfterEach
    void disarm() {
        probe.disarm();
        dev.zaiko.support.NothingLeftRunning.settle(api, jdbc);
    }

    /** Waits, with a bound, until the looks that the last committed stock changes asked for are done. */
    void settled() {
        await("restock alert looks done").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(following::idle);
    }

    List<String> subscribers(String sku, int count) {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = "waiter" + i + "-" + ShopApi.uniqueEmail();
            api.subscribe(sku, shop.web(), email);
            emails.add(email);
        }
        return emails;
    }

    @Test
    void tenUnitsForAHundredSubscribersTellExactlyTheFirstTenInOrderAndTheNextArrivalTellsTheNextOnes() {
        String sku = api.product("RS");
        List<String> emails = subscribers(sku, 100);
        List<String> queue = api.inStatus(sku, "WAITING");
        assertThat(queue).hasSize(100);

        api.sellable(sku, shop.warehouse(), 10);
        settled();

        assertThat(api.inStatus(sku, "NOTIFIED")).containsExactlyElementsOf(queue.subList(0, 10));
        assertThat(api.emailed(sku, "RESTOCK_NOTICE")).containsExactlyElementsOf(emails.subList(0, 10));
        assertThat(api.inStatus(sku, "WAITING")).containsExactlyElementsOf(queue.subList(10, 100));
        JsonNode demand = api.demand(sku).get(0);
        assertThat(demand.path("waiting").intValue()).isEqualTo(90);
        assertThat(demand.path("notifiedLastRound").intValue()).isEqualTo(10);

        // nobody of the ten has bought yet: their units still count, so the catch-up owes nobody more
        notifying.notify(sku, shop.web());
        assertThat(api.inStatus(sku, "NOTIFIED")).hasSize(10);

        // five more arrive: five more notices, for the next five in line (the ten told before still count for theirs)
        api.sellable(sku, shop.warehouse(), 5);
        settled();
        assertThat(api.inStatus(sku, "NOTIFIED")).containsExactlyElementsOf(queue.subList(0, 15));
        assertThat(api.emailed(sku, "RESTOCK_NOTICE")).containsExactlyElementsOf(emails.subList(0, 15));
    }

    @Test
    void aTillSaleDuringTheNotifyingStopsItAtZeroAndTheRestAreToldWhenTheNextUnitsArrive() {
        String sku = api.product("RT");
        List<String> emails = subscribers(sku, 30);
        List<String> queue = api.inStatus(sku, "WAITING");
        // right after the third notice, the store sells every unit at the till
        probe.after(sku, 3, () -> api.tillSale(sku, shop.store(), 10));

        api.sellable(sku, shop.store(), 10);
        settled();

        assertThat(api.ats(sku, shop.web())).isZero();
        assertThat(api.inStatus(sku, "NOTIFIED")).as("the availability read again before the fourth notice was zero")
                .containsExactlyElementsOf(queue.subList(0, 3));
        assertThat(api.emailed(sku, "RESTOCK_NOTICE")).containsExactlyElementsOf(emails.subList(0, 3));

        // the round ended at zero: the next four units are owed four notices, to the next four in line
        api.sellable(sku, shop.warehouse(), 4);
        settled();
        assertThat(api.inStatus(sku, "NOTIFIED")).containsExactlyElementsOf(queue.subList(0, 7));
        assertThat(api.emailed(sku, "RESTOCK_NOTICE")).containsExactlyElementsOf(emails.subList(0, 7));
    }

    @Test
    void unitsSoldAfterANoticeNoLongerCountSoTheNextArrivalIsToldInFull() {
        String sku = api.product("RU");
        subscribers(sku, 20);
        List<String> queue = api.inStatus(sku, "WAITING");
        api.sellable(sku, shop.store(), 6);
        settled();
        assertThat(api.inStatus(sku, "NOTIFIED")).hasSize(6);

        // four of the six units sell (to whoever): only two notices still count against what is on sale
        api.tillSale(sku, shop.store(), 4);
        settled();
        api.sellable(sku, shop.warehouse(), 5);
        settled();

        // seven on sale, two already told about: five new notices, not one (over-counting) nor seven (ignoring the two)
        assertThat(api.ats(sku, shop.web())).isEqualTo(7);
        assertThat(api.inStatus(sku, "NOTIFIED")).containsExactlyElementsOf(queue.subList(0, 11));
    }

    @Test
    void aNoticeWithAHoldKeepsOneUnitForTheSubscriberUntilTheHoldEnds() {
        String sku = api.product("RH");
        String first = api.subscribeHeld(sku, shop.web(), ShopApi.uniqueEmail(), "PT30M");
        String second = api.subscribeHeld(sku, shop.web(), ShopApi.uniqueEmail(), "PT30M");
        String third = api.subscribe(sku, shop.web(), ShopApi.uniqueEmail());

        api.sellable(sku, shop.warehouse(), 2);
        settled();

        assertThat(api.status(first)).isEqualTo("NOTIFIED");
        assertThat(api.status(second)).isEqualTo("NOTIFIED");
        assertThat(api.status(third)).as("both units are held for the two told").isEqualTo("WAITING");
        assertThat(api.ats(sku, shop.web())).isZero();
        JsonNode alert = api.ok(api.get("/api/restock-alerts/" + first));
        String reservation = alert.path("reservationId").asString();
        JsonNode held = api.ok(api.get("/api/reservations/" + reservation));
        assertThat(held.path("holder").asString()).isEqualTo("restock alert " + first);
        assertThat(held.path("quantity").intValue()).isEqualTo(1);
        assertThat(held.path("expiresAt").asString()).isEqualTo(alert.path("heldUntil").asString());
        String text = jdbc.queryForObject("select body_text from mail_outbox where kind = 'RESTOCK_NOTICE' "
                + "and recipient = (select email from restock_subscription where id = ?::uuid)", String.class, first);
        assertThat(text).contains(reservation).contains("/c/restock-alerts/unsubscribe/");

        // the first lets the unit go: it comes back, and the next in line is told
        api.ok(api.post("/api/reservations/" + reservation + "/release"));
        await("the next in line told").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> api.status(third).equals("NOTIFIED"));
    }

    @Test
    void notifyingFromTwoInstancesAtOnceNeverTellsAnyoneTwiceNorBeyondTheUnits() throws Exception {
        for (boolean held : new boolean[]{false, true}) {
            String sku = api.product("RC");
            for (int i = 0; i < 40; i++) {
                if (held) api.subscribeHeld(sku, shop.web(), ShopApi.uniqueEmail(), "PT30M");
                else api.subscribe(sku, shop.web(), ShopApi.uniqueEmail());
            }
            List<String> queue = api.inStatus(sku, "WAITING");
            api.ok(api.post("/api/stock/receipts", ShopApi.JSON.createObjectNode().put("sku", sku)
                    .put("location", shop.warehouse()).put("quantity", 12)));
            // the inspection's own look (the listener) races two notifiers called at once, as two instances would
            api.ok(api.post("/api/stock/inspections", ShopApi.JSON.createObjectNode().put("sku", sku)
                    .put("location", shop.warehouse()).put("passed", 12).put("failed", 0)));
            List<Integer> sent = AllAtOnce.run(2, () -> notifying.notify(sku, shop.web()));
            settled();

            assertThat(sent.stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(12);
            List<String> notified = api.inStatus(sku, "NOTIFIED");
            assertThat(notified).as(held ? "held" : "not held").containsExactlyElementsOf(queue.subList(0, 12));
            List<String> recipients = api.emailed(sku, "RESTOCK_NOTICE");
            assertThat(recipients).hasSize(12);
            assertThat(new HashSet<>(recipients)).as("nobody told twice").hasSize(12);
            if (held) {
                assertThat(api.ats(sku, shop.web())).isZero();
                Integer holds = jdbc.queryForObject("select count(distinct reservation_id) from restock_subscription "
                        + "where sku = ? and reservation_id is not null", Integer.class, sku);
                assertThat(holds).isEqualTo(12);
            }
        }
    }

    @Test
    void aSkuNobodyWaitsForIsNotLookedAtOnEverySaleAndIsOnceSomeoneSubscribes() {
        String sku = api.product("RQ");
        api.sellable(sku, shop.warehouse(), 40);
        settled();
        long before = following.looks();

        for (int i = 0; i < 20; i++) {
            api.ok(api.post("/api/reservations", ShopApi.JSON.createObjectNode().put("channel", shop.web())
                    .put("sku", sku).put("quantity", 1).put("holder", "cart-" + i)));
        }
        settled();
        // one look every 5 seconds at most, however many sales: none, unless this machine took that long
        assertThat(following.looks() - before).as("looks for 20 sales of a SKU without a queue").isLessThanOrEqualTo(2);

        String waiting = api.subscribe(sku, shop.web(), ShopApi.uniqueEmail());
        settled();
        long subscribed = following.looks();
        api.ok(api.post("/api/reservations", ShopApi.JSON.createObjectNode().put("channel", shop.web())
                .put("sku", sku).put("quantity", 1).put("holder", "cart-x")));
        settled();
        assertThat(following.looks() - subscribed).as("a sale once someone waits").isEqualTo(1);
        assertThat(waiting).isNotBlank();
    }
}

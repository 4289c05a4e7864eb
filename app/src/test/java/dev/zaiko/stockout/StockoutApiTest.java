package dev.zaiko.stockout;

import dev.zaiko.shop.BusinessDays;
import static dev.zaiko.stockout.StockoutApi.order;
import static dev.zaiko.stockout.StockoutApi.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.zaiko.order.OrderLineShort;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.support.Events;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Shortages become cases end to end: marketplace orders for missing stock, a forced till sale, repeated events. */
class StockoutApiTest extends StockoutApiTestBase {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    StockoutCases cases;

    /** Places a marketplace order whose line 2 ({@code sku} x3) cannot be reserved; returns its order number. */
    String shortOrder(String sku, ObjectNode body) {
        JsonNode placed = api.ok(api.post("/api/orders", body));
        assertThat(placed.path("lines").get(1).path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        return placed.path("orderNumber").asString();
    }

    /** The shop's calendar (weekends, national holidays, closed days), as the service level reads it. */
    @Autowired
    BusinessDays calendar;

    Instant endOfNextBusinessDay(Instant detected) {
        LocalDate day = calendar.nextBusinessDayAfter(LocalDate.ofInstant(detected, TOKYO));
        assertThat(day.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        return day.atTime(LocalTime.of(18, 0)).atZone(TOKYO).toInstant();
    }

    @Test
    void aMarketplaceOrderForMissingStockOpensACaseWithTheFactsAndNoPersonalData() {
        String plenty = api.product("HAVE");
        String scarce = api.product("SCARCE");
        api.sellable(plenty, shop.store(), 5);
        api.sellable(scarce, shop.store(), 1);
        api.sellable(scarce, shop.warehouse(), 9); // not in the marketplace's pool
        Instant before = Instant.now();

        String number = shortOrder(scarce, order(shop.marketplace(), plenty, 1, scarce, 3));

        JsonNode c = onlyCase(number, "ALLOCATION_FAILED");
        assertThat(c.path("id").asString()).matches("SO-\\d{6,}");
        assertThat(c.path("orderNumber").asString()).isEqualTo(number);
        assertThat(c.path("lineNo").intValue()).isEqualTo(2);
        assertThat(c.path("sku").asString()).isEqualTo(scarce);
        assertThat(c.path("quantityShort").intValue()).isEqualTo(3);
        assertThat(c.path("reason").asString()).isEqualTo("ALLOCATION_FAILED");
        assertThat(c.path("reasonText").asString()).contains("当店").contains("在庫数の更新が間に合わなかった");
        assertThat(c.path("status").asString()).isEqualTo("OPEN");
        assertThat(c.path("statusText").asString()).isEqualTo("未連絡（お客様へのご連絡前）");
        Instant detected = Instant.parse(c.path("detectedAt").asString());
        assertThat(detected).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(c.path("priority").intValue()).isEqualTo(3);
        assertThat(Instant.parse(c.path("contactDeadline").asString())).isEqualTo(endOfNextBusinessDay(detected));
        assertThat(c.path("serviceLevel").asString()).isEqualTo("EveryoneElseWithinTheNextBusinessDay");
        // the warehouse outside the marketplace's pool can send them; the first line is there to ship; the other
        // tent in stock costs far more than the 1,980 yen paid (beyond what the shop absorbs), so no substitute
        assertThat(c.path("options").findValuesAsString("choice")).containsExactly("TRANSFER", "PARTIAL", "CANCEL");
        assertThat(c.path("options").get(0).path("source").asString()).isEqualTo(shop.warehouse());
        assertThat(c.path("notOffered").findValuesAsString("code")).containsExactly("noInbound", "noSubstitute",
                "noSupplier");
        JsonNode history = c.path("history");
        assertThat(history.size()).isEqualTo(1);
        assertThat(history.get(0).path("from").isNull()).isTrue();
        assertThat(history.get(0).path("to").asString()).isEqualTo("OPEN");
        assertThat(history.get(0).path("actor").asString()).isEqualTo("system");

        JsonNode order = api.ok(api.get("/api/orders/" + number));
        JsonNode f = c.path("facts");
        assertThat(f.path("orderNumber").asString()).isEqualTo(number);
        assertThat(Instant.parse(f.path("orderedAt").asString()))
                .isEqualTo(Instant.parse(order.path("placedAt").asString()));
        assertThat(f.path("channel").asString()).isEqualTo(shop.marketplace());
        assertThat(f.path("channelKind").asString()).isEqualTo("MARKETPLACE");
        assertThat(f.path("item").path("sku").asString()).isEqualTo(scarce);
        assertThat(f.path("item").path("name").path("ja").asString()).isEqualTo("ドームテント 4人用");
        assertThat(f.path("item").path("name").path("en").asString()).isEqualTo("Dome tent for 4");
        assertThat(f.path("quantityOrdered").intValue()).isEqualTo(3);
        assertThat(f.path("quantityShort").intValue()).isEqualTo(3);
        assertThat(f.path("reasonText").asString()).isEqualTo(c.path("reasonText").asString());
        assertThat(f.path("nextInbound").isNull()).isTrue();
        assertThat(f.path("inboundExpected").booleanValue()).isFalse();
        assertThat(f.path("nextInboundText").asString()).isEqualTo("現在、この商品の次回入荷の予定はございません。");
        assertThat(f.path("customer").path("express").booleanValue()).isFalse();
        assertThat(f.path("customer").path("gift").booleanValue()).isFalse();
        assertThat(f.path("customer").path("b2b").booleanValue()).isFalse();
        assertThat(f.path("customer").path("neededBy").isNull()).isTrue();

        // the customer's name, email and phone are not in the case, neither in the API nor in the table
        String stored = jdbc.queryForObject("select t::text from stockout_case t where id = ?", String.class,
                c.path("id").asString());
        for (String personal : List.of("山田", "花子", "hanako", "example.jp", "090-1234-5678", "1234-5678")) {
            assertThat(c.toString()).doesNotContain(personal);
            assertThat(stored).doesNotContain(personal);
        }

        // English on request; the list shows the same case
        JsonNode english = api.ok(api.get("/api/stockouts/" + c.path("id").asString(), "en"));
        assertThat(english.path("reasonText").asString()).startsWith("We sell the same stock in more than one place");
        assertThat(english.path("facts").path("nextInboundText").asString())
                .isEqualTo("We have no dated delivery expected for this item.");
        assertThat(english.path("statusText").asString()).isEqualTo("Not contacted yet");
        ObjectNode listed = (ObjectNode) api.casesOf(number, "ALLOCATION_FAILED").get(0).deepCopy();
        ObjectNode detailed = (ObjectNode) c.deepCopy();
        assertThat(listed.path("options").size()).as("options are computed for one case, not for lists").isZero();
        for (ObjectNode n : List.of(listed, detailed)) n.remove(List.of("options", "notOffered"));
        assertThat(listed).isEqualTo(detailed);
        // the line that could be reserved has no case
        assertThat(jdbc.queryForObject("select count(*) from stockout_case where order_number = ?", Integer.class,
                number.replace("-", ""))).isEqualTo(1);
    }

    @Test
    void aGiftNeededByADateIsPriorityTwoAndTheFactsNameTheNextDatedInboundIntoTheChannelsPool() {
        String plenty = api.product("HAVE");
        String gone = api.product("GONE");
        api.sellable(plenty, shop.store(), 5);
        api.inbound(gone, shop.warehouse(), 40, today().plusDays(2)); // earlier, but not in the marketplace's pool
        api.inbound(gone, shop.store(), 12, today().plusDays(21));
        api.inbound(gone, shop.store(), 6, today().plusDays(7));
        LocalDate neededBy = today().plusDays(10);

        String number = shortOrder(gone, order(shop.marketplace(), plenty, 1, gone, 3).put("gift", true)
                .put("neededBy", neededBy.toString()));

        JsonNode c = onlyCase(number, "ALLOCATION_FAILED");
        Instant detected = Instant.parse(c.path("detectedAt").asString());
        assertThat(c.path("priority").intValue()).isEqualTo(2);
        assertThat(Instant.parse(c.path("contactDeadline").asString())).isEqualTo(detected.plus(Duration.ofHours(2)));
        assertThat(c.path("serviceLevel").asString()).isEqualTo("GiftsAndBusinessCustomersNext");
        JsonNode f = c.path("facts");
        assertThat(f.path("inboundExpected").booleanValue()).isTrue();
        assertThat(f.path("nextInbound").path("expectedOn").asString()).isEqualTo(today().plusDays(7).toString());
        assertThat(f.path("nextInbound").path("quantity").intValue()).isEqualTo(6);
        assertThat(f.path("nextInbound").path("location").asString()).isEqualTo(shop.store());
        assertThat(f.path("nextInboundText").asString()).isEqualTo("次回入荷予定："
                + StockoutTexts.date(today().plusDays(7), Locale.JAPANESE) + "（6点）");
        assertThat(f.path("customer").path("gift").booleanValue()).isTrue();
        assertThat(f.path("customer").path("neededBy").asString()).isEqualTo(neededBy.toString());
    }

    @Test
    void expressIsPriorityOneWithinFifteenMinutesAndABusinessOrderIsPriorityTwoWithinTwoHours() {
        String plenty = api.product("HAVE");
        String gone = api.product("GONE");
        api.sellable(plenty, shop.store(), 5);

        String express = shortOrder(gone, order(shop.marketplace(), plenty, 1, gone, 1).put("express", true));
        String b2b = shortOrder(gone, order(shop.marketplace(), plenty, 1, gone, 2).put("b2b", true));

        JsonNode e = onlyCase(express, "ALLOCATION_FAILED");
        assertThat(e.path("priority").intValue()).isEqualTo(1);
        assertThat(e.path("serviceLevel").asString()).isEqualTo("ExpressFirst");
        assertThat(Instant.parse(e.path("contactDeadline").asString()))
                .isEqualTo(Instant.parse(e.path("detectedAt").asString()).plus(Duration.ofMinutes(15)));
        assertThat(e.path("facts").path("customer").path("express").booleanValue()).isTrue();
        JsonNode b = onlyCase(b2b, "ALLOCATION_FAILED");
        assertThat(b.path("priority").intValue()).isEqualTo(2);
        assertThat(Instant.parse(b.path("contactDeadline").asString()))
                .isEqualTo(Instant.parse(b.path("detectedAt").asString()).plus(Duration.ofHours(2)));
        assertThat(b.path("facts").path("customer").path("b2b").booleanValue()).isTrue();
        assertThat(b.path("quantityShort").intValue()).isEqualTo(2);
    }

    @Test
    void theSameShortageEventAgainOpensNoSecondCase() {
        String plenty = api.product("HAVE");
        String gone = api.product("GONE");
        api.sellable(plenty, shop.store(), 5);
        String number = shortOrder(gone, order(shop.marketplace(), plenty, 1, gone, 2));
        JsonNode c = onlyCase(number, "ALLOCATION_FAILED");
        OrderLineShort again = new OrderLineShort(number, 2, gone, 2, "ALLOCATION_FAILED",
                Instant.parse(c.path("detectedAt").asString()).plusSeconds(60));

        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(t -> {
            events.publishEvent(again);
            events.publishEvent(again);
        });
        events.publishEvent(again); // and outside any transaction

        assertThat(jdbc.queryForObject("select count(*) from stockout_case where order_number = ?", Integer.class,
                number.replace("-", ""))).isEqualTo(1);
        JsonNode after = onlyCase(number, "ALLOCATION_FAILED");
        assertThat(after).isEqualTo(c); // unchanged: same id, deadline, history
    }

    @Test
    void aMarketplaceOrderRacingATillSaleForTheLastUnitEitherGetsItOrGetsACaseNeverBoth() throws Exception {
        int orderWon = 0;
        int tillWon = 0;
        for (int round = 0; round < 12; round++) {
            String last = api.product("LASTONE");
            api.sellable(last, shop.store(), 1);
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var order = two.submit(() -> {
                    start.await();
                    return api.post("/api/orders", order(shop.marketplace(), last, 1));
                });
                var till = two.submit(() -> {
                    start.await();
                    return api.post("/api/stock/pos-sales", StockoutApi.JSON.createObjectNode().put("sku", last)
                            .put("location", shop.store()).put("quantity", 1));
                });
                StockoutApi.Response placed = order.get(60, java.util.concurrent.TimeUnit.SECONDS);
                StockoutApi.Response sale = till.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(placed.status()).as(placed.body()).isEqualTo(201); // a marketplace order is always recorded
                String number = placed.json().path("orderNumber").asString();
                String line = placed.json().path("lines").get(0).path("status").asString();
                if (line.equals("ALLOCATED")) {
                    orderWon++;
                    assertThat(sale.status()).as("the till must not sell the reserved unit").isEqualTo(409);
                    assertThat(api.casesOf(number, "ALLOCATION_FAILED").size()).isZero();
                } else {
                    tillWon++;
                    assertThat(sale.status()).as(sale.body()).isBetween(200, 201);
                    assertThat(line).isEqualTo("AWAITING_CUSTOMER");
                    assertThat(api.casesOf(number, "ALLOCATION_FAILED").size()).isEqualTo(1);
                }
            } finally {
                two.shutdownNow();
            }
        }
        assertThat(orderWon + tillWon).isEqualTo(12);
        api.assertLedgerConsistent();
    }

    @Test
    void aForcedTillSaleOfTheReservedUnitOpensADisplacedCase() {
        String last = api.product("LAST");
        String other = api.product("OTHER");
        api.sellable(last, shop.store(), 1);
        api.sellable(other, shop.store(), 1);
        JsonNode placed = api.ok(api.post("/api/orders", order(shop.marketplace(), other, 1, last, 1)));
        String number = placed.path("orderNumber").asString();
        assertThat(placed.path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(api.casesOf(number, "DISPLACED").size()).isZero();

        api.ok(api.post("/api/stock/pos-sales", StockoutApi.JSON.createObjectNode().put("sku", last)
                .put("location", shop.store()).put("quantity", 1).put("force", true)));
        Events.awaitHandled(jdbc, last); // the order learns of the sale after its commit, then opens the case

        JsonNode c = onlyCase(number, "DISPLACED");
        assertThat(c.path("lineNo").intValue()).isEqualTo(2);
        assertThat(c.path("sku").asString()).isEqualTo(last);
        assertThat(c.path("quantityShort").intValue()).isEqualTo(1);
        assertThat(c.path("priority").intValue()).isEqualTo(3);
        assertThat(c.path("reasonText").asString()).contains("実店舗");
        assertThat(c.path("facts").path("quantityOrdered").intValue()).isEqualTo(1);
        assertThat(c.path("facts").path("inboundExpected").booleanValue()).isFalse();
        assertThat(api.casesOf(number, "ALLOCATION_FAILED").size()).isZero();
        assertThat(api.ok(api.get("/api/stockouts/" + c.path("id").asString(), "en")).path("reasonText").asString())
                .startsWith("Our own store sold the unit we had set aside");
    }

    @Test
    void theListIsFilteredOrderedByDeadlineThenPriorityAndPaged() {
        String plenty = api.product("HAVE");
        String gone = api.product("GONE");
        api.sellable(plenty, shop.store(), 9);
        String plain = shortOrder(gone, order(shop.marketplace(), plenty, 1, gone, 1));
        String express = shortOrder(gone, order(shop.marketplace(), plenty, 1, gone, 1).put("express", true));
        String b2b = shortOrder(gone, order(shop.marketplace(), plenty, 1, gone, 1).put("b2b", true));
        // a reason the order module may send one day: accepted, worded generically, filterable
        String reason = "LOST_" + StockoutApi.unique("T").replaceAll("[^A-Z0-9]", "_");
        Instant now = Instant.now();
        for (String n : List.of(plain, express, b2b)) {
            events.publishEvent(new OrderLineShort(n, 2, gone, 1, reason, now));
        }

        JsonNode page = api.ok(api.get("/api/stockouts?reason=" + reason + "&status=OPEN"));
        assertThat(page.path("total").longValue()).isEqualTo(3);
        List<String> numbers = new ArrayList<>();
        page.path("items").forEach(c -> numbers.add(c.path("orderNumber").asString()));
        assertThat(numbers).containsExactly(express, b2b, plain);
        assertThat(page.path("items").get(0).path("reasonText").asString())
                .isEqualTo("ご注文の商品を当店でご用意できなくなりました。当店の責任です。");
        assertThat(api.ok(api.get("/api/stockouts?reason=" + reason + "&priority=2")).path("items").get(0)
                .path("orderNumber").asString()).isEqualTo(b2b);
        assertThat(api.ok(api.get("/api/stockouts?reason=" + reason + "&status=CLOSED")).path("total").longValue())
                .isZero();
        JsonNode second = api.ok(api.get("/api/stockouts?reason=" + reason + "&page=1&size=1"));
        assertThat(second.path("items").size()).isEqualTo(1);
        assertThat(second.path("items").get(0).path("orderNumber").asString()).isEqualTo(b2b);
        assertThat(second.path("page").intValue()).isEqualTo(1);
        assertThat(second.path("size").intValue()).isEqualTo(1);
        assertThat(second.path("total").longValue()).isEqualTo(3);

        // across all reasons the queue is sorted by deadline, then priority
        JsonNode all = api.ok(api.get("/api/stockouts?size=200"));
        Instant previous = Instant.MIN;
        int previousPriority = 0;
        for (JsonNode c : all.path("items")) {
            Instant deadline = Instant.parse(c.path("contactDeadline").asString());
            assertThat(deadline).isAfterOrEqualTo(previous);
            if (deadline.equals(previous)) assertThat(c.path("priority").intValue()).isGreaterThanOrEqualTo(previousPriority);
            previous = deadline;
            previousPriority = c.path("priority").intValue();
        }
    }

    @Test
    void badFiltersAre400AndAnUnknownCaseIs404() {
        for (String query : List.of("status=WAITING", "status=open", "priority=0", "priority=high", "priority=1.5",
                "reason=allocation%20failed", "reason=A-B", "size=0", "size=201", "page=-1", "size=lots")) {
            StockoutApi.assertProblem(api.get("/api/stockouts?" + query), 400);
        }
        StockoutApi.Response missing = api.get("/api/stockouts/SO-999999999");
        StockoutApi.assertProblem(missing, 404);
        assertThat(missing.json().path("detail").asString()).contains("SO-999999999");
        StockoutApi.assertProblem(api.get("/api/stockouts/not-a-case"), 404);
        assertThat(api.ok(api.get("/api/stockouts?size=200&status=OPEN")).path("size").intValue()).isEqualTo(200);
    }

    @Test
    void statusChangesFollowTheLifecycleAndAreKeptInTheHistory() {
        String plenty = api.product("HAVE");
        String gone = api.product("GONE");
        api.sellable(plenty, shop.store(), 5);
        String number = shortOrder(gone, order(shop.marketplace(), plenty, 1, gone, 1));
        String id = onlyCase(number, "ALLOCATION_FAILED").path("id").asString();

        cases.changeStatus(id, StockoutStatus.AWAITING_DECISION, "staff-1", "Told the customer; waiting for the answer.");
        assertThatThrownBy(() -> cases.changeStatus(id, StockoutStatus.OPEN, "staff-1", "back"))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> cases.changeStatus(id, StockoutStatus.CLOSED, "staff-1", "skip"))
                .isInstanceOf(ConflictException.class);

        JsonNode c = api.ok(api.get("/api/stockouts/" + id.toLowerCase()));
        assertThat(c.path("status").asString()).isEqualTo("AWAITING_DECISION");
        JsonNode history = c.path("history");
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(1).path("from").asString()).isEqualTo("OPEN");
        assertThat(history.get(1).path("to").asString()).isEqualTo("AWAITING_DECISION");
        assertThat(history.get(1).path("actor").asString()).isEqualTo("staff-1");
        assertThat(api.casesOf(number, "ALLOCATION_FAILED").get(0).path("status").asString())
                .isEqualTo("AWAITING_DECISION");
        assertThatThrownBy(() -> cases.changeStatus("SO-999999999", StockoutStatus.RESOLVED, "staff-1", "x"))
                .isInstanceOf(NotFoundException.class);
    }
}

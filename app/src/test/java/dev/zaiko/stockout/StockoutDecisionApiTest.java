package dev.zaiko.stockout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.Jobs;
import dev.zaiko.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Options computed from the shop's real state, and decisions carried out on the order, end to end. */
class StockoutDecisionApiTest extends StockoutApiTestBase {

    @Autowired
    StockoutEventProbe events;

    @Autowired
    MovableClock clock;

    @Autowired
    DecidingStockout deciding;

    @Autowired
    JobScheduler jobs;

    @Autowired
    StockoutCases cases;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // ---- fixtures --------------------------------------------------------------------------------

    String bottle(String prefix, long price, int ml, String supplier, Integer leadTime) {
        String sku = StockoutApi.unique(prefix);
        ObjectNode body = StockoutApi.JSON.createObjectNode().put("sku", sku).put("category", "bottle").put("price", price)
                .put("backorderable", true);
        body.putObject("name").put("ja", "ボトル " + ml).put("en", "Bottle " + ml);
        body.putArray("purposeTags").add("hydration").add(prefix.toLowerCase());
        ObjectNode attributes = body.putObject("attributes");
        attributes.putObject("volume").put("value", ml).put("unit", "ml");
        attributes.putObject("weight").put("value", 300).put("unit", "g");
        if (supplier != null) body.put("supplier", supplier).put("leadTimeDays", leadTime);
        api.ok(api.post("/api/products", body));
        return sku;
    }

    /** An order whose payment balances: one line per (sku, quantity, unitPrice). */
    static ObjectNode order(String channel, LocalDate neededBy, Object... skuQuantityPrice) {
        ObjectNode body = StockoutApi.JSON.createObjectNode().put("channel", channel)
                .put("externalRef", StockoutApi.unique("REF"));
        body.putObject("customer").put("name", "佐藤 次郎").put("email", "jiro.sato@example.jp").put("locale", "ja");
        body.putObject("payment").put("method", "CREDIT_CARD").put("status", "CAPTURED");
        ArrayNode lines = body.putArray("lines");
        for (int i = 0; i < skuQuantityPrice.length; i += 3) {
            lines.addObject().put("sku", (String) skuQuantityPrice[i]).put("quantity", (Integer) skuQuantityPrice[i + 1])
                    .put("unitPrice", ((Number) skuQuantityPrice[i + 2]).longValue());
        }
        if (neededBy != null) body.put("gift", true).put("neededBy", neededBy.toString());
        return StockoutApi.balancePayment(body);
    }

    JsonNode place(ObjectNode order) {
        return api.ok(api.post("/api/orders", order));
    }

    static JsonNode option(JsonNode c, String choice) {
        for (JsonNode o : c.path("options")) if (o.path("choice").asString().equals(choice)) return o;
        return null;
    }

    static List<String> choices(JsonNode c) {
        List<String> choices = new ArrayList<>();
        c.path("options").forEach(o -> choices.add(o.path("choice").asString()));
        return choices;
    }

    static String withheld(JsonNode c, String choice) {
        for (JsonNode o : c.path("notOffered")) if (o.path("choice").asString().equals(choice)) return o.path("code").asString();
        return null;
    }

    StockoutApi.Response decide(String caseId, ObjectNode body) {
        return api.post("/api/stockouts/" + caseId + "/decision", body);
    }

    static ObjectNode choice(String choice) {
        return StockoutApi.JSON.createObjectNode().put("choice", choice).put("decidedBy", "staff:tanaka");
    }

    List<RefundRequested> refundsFor(String orderNumber) {
        return events.refunds(orderNumber);
    }

    JsonNode line(JsonNode order, int lineNo) {
        for (JsonNode l : order.path("lines")) if (l.path("lineNo").asInt() == lineNo) return l;
        throw new AssertionError("no line " + lineNo + " in " + order);
    }

    int ats(String sku, String channel) {
        return api.ok(api.get("/api/availability/" + sku + "?channel=" + channel)).path("ats").asInt();
    }

    // ---- substitutes -------------------------------------------------------------------------------

    @Test
    void aCheaperSubstituteReplacesTheLineAndRefundsTheDifference() {
        String missing = bottle("MISS", 3000, 500, null, null);
        String bigger = bottle("BIG", 2500, 600, null, null);
        String smaller = bottle("SMALL", 2000, 350, null, null);
        api.sellable(bigger, shop.store(), 5);
        api.sellable(smaller, shop.store(), 5);
        JsonNode placed = place(order(shop.marketplace(), null, missing, 2, 3000));
        String number = placed.path("orderNumber").asString();
        JsonNode c = onlyCase(number, "ALLOCATION_FAILED");

        JsonNode substitute = option(c, "SUBSTITUTE");
        assertThat(substitute).as(c.toString()).isNotNull();
        JsonNode first = substitute.path("substitutes").get(0);
        assertThat(first.path("sku").asString()).isEqualTo(bigger);
        assertThat(first.path("chargedUnitPrice").asLong()).isEqualTo(2500);
        assertThat(first.path("refundAmount").asLong()).isEqualTo(1000);
        assertThat(first.path("comparison").get(0).path("attribute").asString()).isEqualTo("volume");
        assertThat(first.path("comparison").get(0).path("verdict").asString()).isEqualTo("BETTER");
        assertThat(substitute.path("substitutes").get(1).path("sku").asString()).isEqualTo(smaller);
        assertThat(substitute.path("substitutes").get(1).path("fallsShortOn").get(0).asString()).isEqualTo("volume");
        assertThat(option(c, "CANCEL").path("refundAmount").asLong()).isEqualTo(6000);
        assertThat(withheld(c, "WAIT")).isEqualTo("noInbound");
        assertThat(c.path("decideBy").isMissingNode() || c.path("decideBy").isNull()).isFalse();

        JsonNode decided = api.ok(decide(c.path("id").asString(), choice("SUBSTITUTE").put("substituteSku", bigger)));

        assertThat(decided.path("status").asString()).isEqualTo("RESOLVED");
        assertThat(decided.path("options").size()).isZero();
        assertThat(decided.path("decision").path("choice").asString()).isEqualTo("SUBSTITUTE");
        assertThat(decided.path("decision").path("refundAmount").asLong()).isEqualTo(1000);
        assertThat(decided.path("decision").path("explanation").asString()).isEqualTo(
                "ボトル 600に変更してお届けし、差額の1,000円を返金します。");
        JsonNode after = api.ok(api.get("/api/orders/" + number));
        assertThat(line(after, 1).path("status").asString()).isEqualTo("CANCELLED");
        JsonNode added = line(after, 2);
        assertThat(added.path("sku").asString()).isEqualTo(bigger);
        assertThat(added.path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(added.path("unitPrice").asLong()).isEqualTo(2500);
        assertThat(added.path("fromLine").asInt()).isEqualTo(1);
        assertThat(after.path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(ats(bigger, shop.marketplace())).isEqualTo(3);
        assertThat(refundsFor(number)).singleElement().satisfies(r -> {
            assertThat(r.amount()).isEqualTo(1000);
            assertThat(r.cause()).isEqualTo(RefundRequested.CHEAPER_SUBSTITUTE);
            assertThat(r.caseId()).isEqualTo(c.path("id").asString());
        });
        assertThat(events.decided(number))
                .singleElement().satisfies(d -> assertThat(d.decidedLine()).isEqualTo(2));

        StockoutApi.Response again = decide(c.path("id").asString(), choice("CANCEL"));
        StockoutApi.assertProblem(again, 409);
        assertThat(again.type()).endsWith("/stockout-already-decided");
    }

    @Test
    void aDearerSubstituteWithinTheAbsorbLimitIsSoldAtThePricePaidWithoutRefund() {
        String missing = bottle("MISS", 3000, 500, null, null);
        String dearer = bottle("DEAR", 3400, 500, null, null);
        String tooDear = bottle("TOODEAR", 3600, 500, null, null);
        api.sellable(dearer, shop.store(), 2);
        api.sellable(tooDear, shop.store(), 2);
        String number = place(order(shop.marketplace(), null, missing, 2, 3000)).path("orderNumber").asString();
        JsonNode c = onlyCase(number, "ALLOCATION_FAILED");

        JsonNode candidates = option(c, "SUBSTITUTE").path("substitutes");
        assertThat(candidates.size()).isEqualTo(1); // 2 x 600 yen is beyond the 1,000 yen the shop absorbs
        assertThat(candidates.get(0).path("sku").asString()).isEqualTo(dearer);
        assertThat(candidates.get(0).path("absorbedAmount").asLong()).isEqualTo(800);

        api.ok(decide(c.path("id").asString(), choice("SUBSTITUTE").put("substituteSku", dearer)));
        assertThat(line(api.ok(api.get("/api/orders/" + number)), 2).path("unitPrice").asLong()).isEqualTo(3000);
        assertThat(refundsFor(number)).isEmpty();
    }

    @Test
    void aPinnedSubstituteIsOfferedFirst() {
        String missing = bottle("MISS", 3000, 500, null, null);
        String close = bottle("CLOSE", 3000, 500, null, null);
        String pinned = bottle("PINNED", 3000, 900, null, null);
        api.sellable(close, shop.store(), 2);
        api.sellable(pinned, shop.store(), 2);
        ObjectNode pin = StockoutApi.JSON.createObjectNode();
        pin.putArray("skus").add(pinned);
        assertThat(api.ok(api.put("/api/products/" + missing + "/substitutes", pin)).path("skus").get(0).asString())
                .isEqualTo(pinned);
        String number = place(order(shop.marketplace(), null, missing, 1, 3000)).path("orderNumber").asString();

        JsonNode candidates = option(onlyCase(number, "ALLOCATION_FAILED"), "SUBSTITUTE").path("substitutes");
        assertThat(candidates.get(0).path("sku").asString()).isEqualTo(pinned);
        assertThat(candidates.get(0).path("pinned").asBoolean()).isTrue();
        assertThat(candidates.get(1).path("sku").asString()).isEqualTo(close);
    }

    // ---- wait, cancel, partial --------------------------------------------------------------------

    @Test
    void waitIsOfferedOnlyWhenTheInboundComesBeforeTheNeededByDateAndBackordersTheLine() {
        String sku = bottle("WAIT", 3000, 500, null, null);
        api.inbound(sku, shop.store(), 5, StockoutApi.today().plusDays(10));
        String late = place(order(shop.marketplace(), StockoutApi.today().plusDays(10), sku, 1, 3000))
                .path("orderNumber").asString();
        JsonNode tooLate = onlyCase(late, "ALLOCATION_FAILED");
        assertThat(withheld(tooLate, "WAIT")).isEqualTo("inboundTooLate");
        StockoutApi.Response refused = decide(tooLate.path("id").asString(), choice("WAIT"));
        StockoutApi.assertProblem(refused, 409);
        assertThat(refused.type()).endsWith("/option-not-offered");
        assertThat(api.ok(api.get("/api/stockouts/" + tooLate.path("id").asString())).path("status").asString())
                .isEqualTo("OPEN");

        String inTime = place(order(shop.marketplace(), StockoutApi.today().plusDays(11), sku, 1, 3000))
                .path("orderNumber").asString();
        JsonNode c = onlyCase(inTime, "ALLOCATION_FAILED");
        assertThat(option(c, "WAIT").path("promisedDate").asString())
                .isEqualTo(StockoutApi.today().plusDays(10).toString());

        api.ok(decide(c.path("id").asString(), choice("WAIT")));
        JsonNode waiting = line(api.ok(api.get("/api/orders/" + inTime)), 1);
        assertThat(waiting.path("status").asString()).isEqualTo("BACKORDERED");
        assertThat(waiting.path("promisedDate").asString()).isEqualTo(StockoutApi.today().plusDays(10).toString());
        assertThat(refundsFor(inTime)).isEmpty();
    }

    @Test
    void anExpressOrdersPromisedDeliveryDateCountsAsTheDateItIsNeededBy() {
        String sku = bottle("EXPR", 3000, 500, "Hokuto Trading", 3);
        api.inbound(sku, shop.store(), 5, StockoutApi.today().plusDays(3));
        ObjectNode express = order(shop.marketplace(), null, sku, 1, 3000).put("express", true)
                .put("promisedDate", StockoutApi.today().plusDays(2).toString());
        String number = place(express).path("orderNumber").asString();
        JsonNode c = onlyCase(number, "ALLOCATION_FAILED");

        assertThat(c.path("facts").path("customer").path("promisedDate").asString())
                .isEqualTo(StockoutApi.today().plusDays(2).toString());
        assertThat(withheld(c, "WAIT")).isEqualTo("inboundTooLate");
        assertThat(withheld(c, "DROP_SHIP")).isEqualTo("tooLate"); // 3 days' lead time + 1
        assertThat(choices(c)).containsExactly("CANCEL");
    }

    @Test
    void cancelCancelsTheWholeLineAndRequestsTheFullRefundOnce() {
        String sku = bottle("CXL", 4400, 750, null, null);
        String number = place(order(shop.marketplace(), null, sku, 3, 4400)).path("orderNumber").asString();
        JsonNode c = onlyCase(number, "ALLOCATION_FAILED");

        JsonNode decided = api.ok(decide(c.path("id").asString(), choice("CANCEL").put("note", "お客様了承済み")));

        assertThat(decided.path("decision").path("decidedBy").asString()).isEqualTo("staff:tanaka");
        assertThat(decided.path("decision").path("note").asString()).isEqualTo("お客様了承済み");
        assertThat(api.ok(api.get("/api/stockouts/" + c.path("id").asString(), "en")).path("decision")
                .path("explanation").asString()).isEqualTo("We cancelled the 3 unit(s) of this item and refund the full "
                + "JPY 13,200.");
        JsonNode after = api.ok(api.get("/api/orders/" + number));
        assertThat(after.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(refundsFor(number)).singleElement().satisfies(r -> {
            assertThat(r.amount()).isEqualTo(13_200);
            assertThat(r.cause()).isEqualTo(RefundRequested.LINE_CANCELLED);
        });
    }

    @Test
    void partialShipsTheGoodUnitsAndCancelsOnlyTheDefectiveOnes() {
        String sku = bottle("PART", 3000, 500, null, null);
        api.sellable(sku, shop.warehouse(), 3);
        String number = place(order(shop.web(), null, sku, 3, 3000)).path("orderNumber").asString();
        ObjectNode pack = StockoutApi.JSON.createObjectNode();
        pack.putArray("lines").addObject().put("lineNo", 1).put("passed", 2).put("defective", 1);
        api.ok(api.post("/api/orders/" + number + "/pack", pack));
        JsonNode c = onlyCase(number, "INSPECTION_DEFECT");
        assertThat(option(c, "PARTIAL").path("units").asInt()).isEqualTo(1);
        assertThat(option(c, "PARTIAL").path("refundAmount").asLong()).isEqualTo(3000);

        api.ok(decide(c.path("id").asString(), choice("PARTIAL")));

        JsonNode after = api.ok(api.get("/api/orders/" + number));
        assertThat(line(after, 1).path("quantity").asInt()).isEqualTo(2);
        assertThat(line(after, 1).path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(line(after, 2).path("quantity").asInt()).isEqualTo(1);
        assertThat(line(after, 2).path("status").asString()).isEqualTo("CANCELLED");
        assertThat(refundsFor(number)).singleElement().satisfies(r -> {
            assertThat(r.amount()).isEqualTo(3000);
            assertThat(r.cause()).isEqualTo(RefundRequested.MISSING_UNITS_CANCELLED);
            assertThat(r.lineNo()).as("the line carrying the cancelled units").isEqualTo(2);
        });
        // the two good units still ship: packing the kept line works
        pack = StockoutApi.JSON.createObjectNode();
        pack.putArray("lines").addObject().put("lineNo", 1).put("passed", 2).put("defective", 0);
        assertThat(line(api.ok(api.post("/api/orders/" + number + "/pack", pack)), 1).path("status").asString())
                .isEqualTo("SHIPPED");
        api.assertLedgerConsistent();
    }

    @Test
    void theCustomersTimeCountsFromWhenTheyWereGivenTheOptions() {
        String sku = bottle("CALLED", 3000, 500, null, null);
        String number = place(order(shop.marketplace(), null, sku, 1, 3000)).path("orderNumber").asString();
        String id = onlyCase(number, "ALLOCATION_FAILED").path("id").asString();
        clock.advance(Duration.ofDays(3));
        cases.changeStatus(id, StockoutStatus.AWAITING_DECISION, "staff:tanaka", "Reached by phone, options given.");
        assertThat(Instant.parse(api.ok(api.get("/api/stockouts/" + id)).path("decideBy").asString()))
                .isAfter(Instant.now().plus(Duration.ofDays(9)));

        clock.advance(Duration.ofDays(4).plusMinutes(1)); // 7 days after the opening, 4 after the call
        Jobs.runRecurring(jobs, clock, StockoutJobs.DEFAULT_DECISIONS);
        assertThat(api.ok(api.get("/api/stockouts/" + id)).path("status").asString()).isEqualTo("AWAITING_DECISION");

        clock.advance(Duration.ofDays(3)); // 7 days after the call
        Jobs.runRecurring(jobs, clock, StockoutJobs.DEFAULT_DECISIONS);
        JsonNode decided = api.ok(api.get("/api/stockouts/" + id));
        assertThat(decided.path("status").asString()).isEqualTo("RESOLVED");
        assertThat(decided.path("decideBy").isNull()).isTrue();
    }

    @Test
    void anAgedBackorderOffersKeepingTheWaitOrCancellingAndKeepingItsPlace() {
        String sku = bottle("AGED", 3000, 500, null, null);
        api.inbound(sku, shop.warehouse(), 5, StockoutApi.today().plusDays(60));
        String number = place(order(shop.web(), null, sku, 1, 3000)).path("orderNumber").asString();
        assertThat(line(api.ok(api.get("/api/orders/" + number)), 1).path("status").asString()).isEqualTo("BACKORDERED");
        clock.advance(Duration.ofDays(31));
        Jobs.runRecurring(jobs, clock, "order-backorders-aged");
        JsonNode c = onlyCase(number, "BACKORDER_AGED");

        assertThat(choices(c)).containsExactly("WAIT", "CANCEL");
        assertThat(option(c, "WAIT").path("promisedDate").asString())
                .isEqualTo(StockoutApi.today().plusDays(60).toString());
        api.ok(decide(c.path("id").asString(), choice("WAIT")));

        JsonNode after = api.ok(api.get("/api/orders/" + number));
        assertThat(line(after, 1).path("status").asString()).isEqualTo("BACKORDERED");
        assertThat(after.path("lines").size()).isEqualTo(1);
        assertThat(api.ok(api.get("/api/stockouts/" + c.path("id").asString())).path("status").asString())
                .isEqualTo("RESOLVED");
        assertThat(refundsFor(number)).isEmpty();
    }

    // ---- from elsewhere ---------------------------------------------------------------------------

    @Test
    void aTransferReservesTheUnitsAtTheOtherLocation() {
        String sku = bottle("XFER", 3000, 500, null, null);
        api.sellable(sku, shop.warehouse(), 2); // the marketplace sells from the store shelf only
        String number = place(order(shop.marketplace(), null, sku, 1, 3000)).path("orderNumber").asString();
        JsonNode c = onlyCase(number, "ALLOCATION_FAILED");
        JsonNode transfer = option(c, "TRANSFER");
        assertThat(transfer).as(c.toString()).isNotNull();
        assertThat(transfer.path("source").asString()).isEqualTo(shop.warehouse());

        api.ok(decide(c.path("id").asString(), choice("TRANSFER")));

        JsonNode l = line(api.ok(api.get("/api/orders/" + number)), 1);
        assertThat(l.path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(l.path("fulfilment").path("route").asString()).isEqualTo("TRANSFER");
        assertThat(l.path("fulfilment").path("source").asString()).isEqualTo(shop.warehouse());
        assertThat(l.path("promisedDate").asString()).isEqualTo(transfer.path("promisedDate").asString());
        assertThat(ats(sku, shop.web())).isEqualTo(1);
    }

    @Test
    void aDropShipmentRecordsTheSupplierAndTheDate() {
        String sku = bottle("DROP", 3000, 500, "Hokuto Trading", 3);
        String number = place(order(shop.marketplace(), null, sku, 1, 3000)).path("orderNumber").asString();
        JsonNode c = onlyCase(number, "ALLOCATION_FAILED");
        assertThat(option(c, "DROP_SHIP").path("promisedDate").asString())
                .isEqualTo(StockoutApi.today().plusDays(4).toString());

        api.ok(decide(c.path("id").asString(), choice("DROP_SHIP")));

        JsonNode l = line(api.ok(api.get("/api/orders/" + number)), 1);
        assertThat(l.path("status").asString()).isEqualTo("PICKING");
        assertThat(l.path("fulfilment").path("route").asString()).isEqualTo("DROP_SHIP");
        assertThat(l.path("fulfilment").path("source").asString()).isEqualTo("Hokuto Trading");
    }

    // ---- races, bad input, the default --------------------------------------------------------------

    @Test
    void ofConcurrentDecisionsOnOneCaseExactlyOneWinsAndTheOthersGet409() throws Exception {
        String sku = bottle("RACE", 3000, 500, null, null);
        String number = place(order(shop.marketplace(), null, sku, 1, 3000)).path("orderNumber").asString();
        String id = onlyCase(number, "ALLOCATION_FAILED").path("id").asString();
        int deciders = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(deciders);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < deciders; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return decide(id, choice("CANCEL")).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) statuses.add(f.get(60, TimeUnit.SECONDS));
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(deciders - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(refundsFor(number)).hasSize(1);
    }

    @Test
    void badDecisionsAreRefusedClearlyAndChangeNothing() {
        String sku = bottle("BAD", 3000, 500, null, null);
        String number = place(order(shop.marketplace(), null, sku, 1, 3000)).path("orderNumber").asString();
        String id = onlyCase(number, "ALLOCATION_FAILED").path("id").asString();

        StockoutApi.assertProblem(decide(id, choice("MAYBE")), 400);
        StockoutApi.assertProblem(decide(id, StockoutApi.JSON.createObjectNode()), 400);
        StockoutApi.assertProblem(decide(id, choice("CANCEL").put("colour", "red")), 400);
        StockoutApi.Response noSku = decide(id, choice("SUBSTITUTE"));
        StockoutApi.assertProblem(noSku, 409); // no substitute is offered at all for this product
        assertThat(noSku.type()).endsWith("/option-not-offered");
        StockoutApi.assertProblem(decide("SO-999999999", choice("CANCEL")), 404);

        assertThat(api.ok(api.get("/api/stockouts/" + id)).path("status").asString()).isEqualTo("OPEN");
        assertThat(line(api.ok(api.get("/api/orders/" + number)), 1).path("status").asString())
                .isEqualTo("AWAITING_CUSTOMER");
        assertThat(refundsFor(number)).isEmpty();
    }

    @Test
    void withoutAnAnswerByTheLimitTheShopsDefaultIsAppliedOnce() {
        String sku = bottle("DFLT", 3000, 500, null, null);
        String number = place(order(shop.marketplace(), null, sku, 2, 3000)).path("orderNumber").asString();
        String id = onlyCase(number, "ALLOCATION_FAILED").path("id").asString();

        clock.advance(Duration.ofDays(7).minusMinutes(1));
        Jobs.runRecurring(jobs, clock, StockoutJobs.DEFAULT_DECISIONS);
        assertThat(api.ok(api.get("/api/stockouts/" + id)).path("status").asString()).isEqualTo("OPEN");
        clock.advance(Duration.ofMinutes(2));
        Jobs.runRecurring(jobs, clock, StockoutJobs.DEFAULT_DECISIONS);
        assertThat(deciding.applyDefaults(10_000)).as("nothing left for a second run").doesNotContain(id);

        JsonNode decided = api.ok(api.get("/api/stockouts/" + id));
        assertThat(decided.path("status").asString()).isEqualTo("RESOLVED");
        assertThat(decided.path("decision").path("choice").asString()).isEqualTo("CANCEL");
        assertThat(decided.path("decision").path("byDefault").asBoolean()).isTrue();
        assertThat(decided.path("decision").path("decidedBy").asString()).isEqualTo("system");
        assertThat(refundsFor(number)).singleElement().satisfies(r -> assertThat(r.amount()).isEqualTo(6000));
    }
}

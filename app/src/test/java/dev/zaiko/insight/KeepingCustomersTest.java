package dev.zaiko.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.zaiko.contact.CallOutcome;
import dev.zaiko.contact.CallReported;
import dev.zaiko.mail.EmailSent;
import dev.zaiko.order.OrderPlaced;
import dev.zaiko.order.OrderPlaced.PlacedLine;
import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.StockoutDecided;
import dev.zaiko.stockout.StockoutOpened;
import dev.zaiko.stockout.StockoutWithdrawn;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Customers who had a stockout in the first quarter of 2011 against those who did not: the shares
 * who ordered again, by outcome and by contact speed. The quarter lies far in the past, so every
 * window had time, and no other test's facts fall in it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeepingCustomersTest {

    @LocalServerPort
    int port;

    @Autowired
    InsightJournal journal;

    @Autowired
    RebuildingInsight rebuilding;

    ShopApi api;

    @BeforeAll
    void aQuarterOfCustomers() {
        api = new InsightApi(port);
        String p = "KCT-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        // A: substitute, called within the hour, ordered again after 15 days
        order(p, "a1", "A", "2011-01-05T01:00:00Z");
        opened(p, "caseA", "a1", "2011-01-05T01:00:00Z", "2011-01-05T09:00:00Z");
        call(p, "callA", "caseA", CallOutcome.CONNECTED, "2011-01-05T01:30:00Z");
        decided(p, "caseA", "a1", Choice.SUBSTITUTE, "2011-01-05T01:40:00Z");
        order(p, "a2", "A", "2011-01-20T01:00:00Z");
        opened(p, "caseA2", "a2", "2011-01-20T02:00:00Z", "2011-01-20T09:00:00Z"); // a second case: A counts once
        // B: cancelled, emailed within the service level, ordered again after 50 days
        order(p, "b1", "B", "2011-01-10T00:00:00Z");
        opened(p, "caseB", "b1", "2011-01-10T00:00:00Z", "2011-01-10T09:00:00Z");
        journal.record(new EmailSent(UUID.randomUUID(), "<b@zaiko>", p + "caseB", p + "b1", "FIRST_NOTICE",
                Instant.parse("2011-01-10T06:00:00Z")));
        decided(p, "caseB", "b1", Choice.CANCEL, "2011-01-11T00:00:00Z");
        order(p, "b2", "B", "2011-03-01T00:00:00Z");
        // C: cancelled, called after the deadline, never ordered again
        order(p, "c1", "C", "2011-02-01T00:00:00Z");
        opened(p, "caseC", "c1", "2011-02-01T00:00:00Z", "2011-02-01T03:00:00Z");
        call(p, "callC", "caseC", CallOutcome.NO_ANSWER, "2011-02-02T00:00:00Z");
        decided(p, "caseC", "c1", Choice.CANCEL, "2011-02-03T00:00:00Z");
        // D: the channel cancelled first, nobody got in touch, ordered again a week later
        order(p, "d1", "D", "2011-02-03T00:00:00Z");
        opened(p, "caseD", "d1", "2011-02-03T00:00:00Z", "2011-02-03T09:00:00Z");
        journal.record(new StockoutWithdrawn(p + "caseD", p + "d1", 1, "cancelled on the channel", "AMAZON", "X",
                Instant.parse("2011-02-03T02:00:00Z")));
        order(p, "d2", "D", "2011-02-10T00:00:00Z");
        // without a stockout: E again after 23 days, F after 72 (outside the range, still their next),
        // G never, H's first order in the range is their second (the first was in December)
        order(p, "e1", "E", "2011-01-02T00:00:00Z");
        order(p, "e2", "E", "2011-01-25T00:00:00Z");
        order(p, "f1", "F", "2011-02-02T00:00:00Z");
        order(p, "f2", "F", "2011-04-15T00:00:00Z");
        order(p, "g1", "G", "2011-03-03T00:00:00Z");
        order(p, "h1", "H", "2010-12-20T00:00:00Z");
        order(p, "h2", "H", "2011-01-15T00:00:00Z");
        // X ordered in the range and had a stockout only later: in neither group
        order(p, "x1", "X", "2011-02-05T00:00:00Z");
        order(p, "x2", "X", "2011-05-01T00:00:00Z");
        opened(p, "caseX", "x2", "2011-05-01T00:00:00Z", "2011-05-01T09:00:00Z");
    }

    @Test
    void customersWithAStockoutAreComparedWithThoseWithoutByOutcomeAndContactSpeed() {
        JsonNode r = api.ok(api.get("/api/insight/retention?from=2011-01&to=2011-03"));
        assertThat(group(r.get("withoutStockout"))).isEqualTo("WITHOUT_STOCKOUT 4: 30d 1/4, 90d 2/4");
        assertThat(group(r.get("withStockout"))).isEqualTo("WITH_STOCKOUT 4: 30d 2/4, 90d 3/4");
        assertThat(groups(r.get("byOutcome"))).containsExactly(
                "WAIT 0: 30d 0/0, 90d 0/0", "SUBSTITUTE 1: 30d 1/1, 90d 1/1", "DROP_SHIP 0: 30d 0/0, 90d 0/0",
                "TRANSFER 0: 30d 0/0, 90d 0/0", "PARTIAL 0: 30d 0/0, 90d 0/0", "CANCEL 2: 30d 0/2, 90d 1/2",
                "WITHDRAWN 1: 30d 1/1, 90d 1/1", "OPEN 0: 30d 0/0, 90d 0/0");
        assertThat(groups(r.get("bySpeed"))).containsExactly(
                "WITHIN_AN_HOUR 1: 30d 1/1, 90d 1/1", "WITHIN_SERVICE_LEVEL 1: 30d 0/1, 90d 1/1",
                "LATE 1: 30d 0/1, 90d 0/1", "NEVER 1: 30d 1/1, 90d 1/1");
        assertThat(r.at("/withStockout/shares/1/share").asDouble()).isEqualTo(0.75);
    }

    @Test
    void aRebuildOfInsightGivesTheSameRetentionNumbers() {
        String before = api.ok(api.get("/api/insight/retention?from=2011-01&to=2011-03")).toString();
        rebuilding.rebuild();
        JsonNode after = api.ok(api.get("/api/insight/retention?from=2011-01&to=2011-03"));
        assertThat(after.toString().replaceAll("\"asOf\":\"[^\"]*\"", ""))
                .isEqualTo(before.replaceAll("\"asOf\":\"[^\"]*\"", ""));
        assertThat(group(after.get("withStockout"))).isEqualTo("WITH_STOCKOUT 4: 30d 2/4, 90d 3/4");
    }

    @Test
    void aMonthOnlyCountsTheCustomersOfThatMonth() {
        JsonNode r = api.ok(api.get("/api/insight/retention?from=2011-02&to=2011-02"));
        assertThat(group(r.get("withStockout"))).isEqualTo("WITH_STOCKOUT 2: 30d 1/2, 90d 1/2");
        assertThat(group(r.get("withoutStockout"))).isEqualTo("WITHOUT_STOCKOUT 1: 30d 0/1, 90d 1/1");
    }

    @Test
    void theConsolePageShowsEveryGroupWithItsCounts() {
        ShopApi browser = new InsightApi(port);
        browser.signIn("admin", "test-admin-password");
        String page = browser.page("/insight/retention?from=2011-01&to=2011-03").body();
        assertThat(page).contains("欠品なし (4)", "25.0% (1/4)", "50.0% (2/4)", "欠品あり(全体) (4)", "75.0% (3/4)",
                "キャンセル (2)", "期限を過ぎて連絡 (1)", "data-chart-table=\"retention-groups\"");
        assertThat(page).doesNotContain("入荷を待った (0)");
    }

    @Test
    void aWrongMonthIsRefusedNamingTheField() {
        ShopApi.Response bad = api.get("/api/insight/retention?from=2011-13&to=2011-03");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asString()).isEqualTo("from");
        ShopApi.Response reversed = api.get("/api/insight/retention?from=2011-03&to=2011-01");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.json().get("field").asString()).isEqualTo("to");
        assertThat(api.get("/api/insight/retention?from=2008-01&to=2011-01").status()).isEqualTo(400);
    }

    @Test
    void aWindowCountsOnlyTheCustomersItHadTimeFor() {
        assertThat(KeepingCustomers.speed(Instant.parse("2026-01-01T00:00:00Z"), null, null))
                .isEqualTo(KeepingCustomers.Speed.NEVER);
        KeepingCustomers.Group g = KeepingCustomers.tally("G", Instant.parse("2026-03-01T00:00:00Z"), List.of(
                new Instant[] {Instant.parse("2026-02-20T00:00:00Z"), Instant.parse("2026-02-25T00:00:00Z")},
                new Instant[] {Instant.parse("2026-01-10T00:00:00Z"), null},
                new Instant[] {Instant.parse("2025-11-01T00:00:00Z"), Instant.parse("2025-12-20T00:00:00Z")}));
        // 30 days: only the January and November customers had the time; 90 days: only November's
        assertThat(group(g)).isEqualTo("G 3: 30d 0/2, 90d 1/1");
    }

    private void order(String p, String n, String customer, String at) {
        journal.record(new OrderPlaced(p + n, "WEB", p + customer, null, false,
                List.of(new PlacedLine(1, "KCT-SKU", 1, 1000, false)), 0, 1000, Instant.parse(at)));
    }

    private void opened(String p, String caseId, String order, String at, String deadline) {
        journal.record(new StockoutOpened(p + caseId, p + order, 1, "KCT-SKU", "ALLOCATION_FAILED", 2,
                Instant.parse(deadline), "NEXT_BUSINESS_DAY", false, false, null, false, Instant.parse(at)));
    }

    private void call(String p, String id, String caseId, CallOutcome outcome, String at) {
        journal.record(new CallReported(UUID.nameUUIDFromBytes((p + id).getBytes()), p + caseId, null, outcome, "sato",
                List.of(), List.of(), null, Instant.parse(at)));
    }

    private void decided(String p, String caseId, String order, Choice choice, String at) {
        journal.record(new StockoutDecided(p + caseId, p + order, 1, 1, choice, 1, null, null, "CALL", 0, 0, 0, false,
                "sato", Instant.parse(at)));
    }

    private static List<String> groups(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(KeepingCustomersTest::group)
                .toList();
    }

    private static String group(JsonNode g) {
        return g.get("key").asString() + " " + g.get("customers").asInt() + ": 30d "
                + g.at("/shares/0/again").asInt() + "/" + g.at("/shares/0/eligible").asInt() + ", 90d "
                + g.at("/shares/1/again").asInt() + "/" + g.at("/shares/1/eligible").asInt();
    }

    private static String group(KeepingCustomers.Group g) {
        return g.key() + " " + g.customers() + ": 30d " + g.shares().get(0).again() + "/" + g.shares().get(0).eligible()
                + ", 90d " + g.shares().get(1).again() + "/" + g.shares().get(1).eligible();
    }
}

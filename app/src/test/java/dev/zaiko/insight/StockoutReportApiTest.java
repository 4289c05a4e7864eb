package dev.zaiko.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zaiko.contact.CallOutcome;
import dev.zaiko.contact.CallReported;
import dev.zaiko.mail.EmailSent;
import dev.zaiko.order.OrderPlaced;
import dev.zaiko.order.OrderPlaced.PlacedLine;
import dev.zaiko.refund.ApologyCouponIssued;
import dev.zaiko.refund.RefundCompleted;
import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.StockoutDecided;
import dev.zaiko.stockout.StockoutOpened;
import dev.zaiko.stockout.StockoutWithdrawn;
import dev.zaiko.support.ShopApi;
import dev.zaiko.wallet.CouponRedeemed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The report's numbers from facts told to the journal by hand (one fact of each kind the report reads,
 * in May and June 2019, months no other test writes in): every section's rows exactly, the CSV row for
 * row, the month boundary in the shop's time zone, the rebuild, and the problem details for months that
 * cannot be read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockoutReportApiTest {

    /** Tuesday 14 May 2019, 10:00 in Tokyo. */
    static final Instant T = Instant.parse("2019-05-14T01:00:00Z");
    static final String RANGE = "from=2019-05&to=2019-06";

    @LocalServerPort
    int port;

    @Autowired
    InsightJournal journal;

    @Autowired
    RebuildingInsight rebuilding;

    ShopApi api;
    String p;

    @BeforeAll
    void tellTheFacts() {
        api = new ShopApi(port) {
        };
        p = "SRT" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-";
        facts().forEach(journal::record);
    }

    private List<Object> facts() {
        List<Object> f = new ArrayList<>();
        f.add(order("O1", "WEB", "A", 2, 1000));
        f.add(order("O2", "MKT", "A", 1, 3000));
        f.add(order("O3", "WEB", "B", 2, 5000));
        f.add(order("O4", "WEB", "C", 1, 2000));
        f.add(order("O5", "WEB", "A", 1, 1000));
        f.add(order("O7", "WEB", "D", 1, 1000));
        f.add(order("O9", "WEB", "E", 1, 9000));
        f.add(opened("S1", "O1", "A", "ALLOCATION_FAILED", 1, T, Duration.ofMinutes(15)));
        f.add(opened("S2", "O2", "A", "DISPLACED", 2, T, Duration.ofHours(2)));
        f.add(opened("S3", "O3", "B", "INSPECTION_DEFECT", 3, T, Duration.ofDays(1)));
        f.add(opened("S4", "O4", "C", "DISCONTINUED", 3, T, Duration.ofDays(1)));
        f.add(opened("S5", "O5", "A", "SUPPLIER_CANCELLED", 3, T, Duration.ofDays(1)));
        // 00:30 on 1 June in Tokyo: June's, although it is still 31 May in UTC
        f.add(opened("S6", "O7", "D", "ALLOCATION_FAILED", 3, Instant.parse("2019-05-31T15:30:00Z"), Duration.ofDays(1)));
        f.add(call("S1", "O1", CallOutcome.CONNECTED, Duration.ofMinutes(10)));
        f.add(call("S2", "O2", CallOutcome.NO_ANSWER, Duration.ofHours(3)));
        f.add(call("S2", "O2", CallOutcome.VOICEMAIL, Duration.ofHours(4)));
        f.add(email(p + "S3", "O3", "FIRST_NOTICE", Duration.ofMinutes(30)));
        f.add(email(p + "S5", "O5", "FIRST_NOTICE", Duration.ofDays(2)));
        f.add(email("restock:" + p + "A", null, "RESTOCK_NOTICE", Duration.ofMinutes(5))); // no case's: not counted
        f.add(decided("S1", "O1", 2, Choice.SUBSTITUTE, 0, 500, Duration.ofMinutes(20)));
        f.add(decided("S2", "O2", 1, Choice.CANCEL, 3000, 0, Duration.ofHours(5)));
        f.add(decided("S3", "O3", 1, Choice.PARTIAL, 5000, 0, Duration.ofHours(6)));
        f.add(new StockoutWithdrawn(p + "S4", p + "O4", 1, "CANCELLED_ON_CHANNEL", "WEB", "X-1", T.plus(Duration.ofDays(2))));
        f.add(new RefundCompleted(p + "R1", p + "O2", 1, "LINE_CANCELLED", "CARD", "CARD_REFUND", 3000, null,
                T.plus(Duration.ofDays(1))));
        f.add(new RefundCompleted(p + "R2", p + "O3", 1, "LINE_CANCELLED", "GIFT_BALANCE", "GIFT_BALANCE", 5000, null,
                T.plus(Duration.ofDays(1))));
        f.add(new RefundCompleted(p + "R3", p + "O9", 1, "OTHER", "CARD", "CARD_REFUND", 9000, null,
                T.plus(Duration.ofDays(1)))); // an order without a stockout: not a stockout's cost
        f.add(new ApologyCouponIssued(p + "S2", p + "O2", p + "CP1", "FIXED", 500, LocalDate.parse("2019-08-31"),
                "EVERY_STOCKOUT", T.plus(Duration.ofDays(1))));
        f.add(new CouponRedeemed(p + "CP1", p + "O9", 500, T.plus(Duration.ofDays(5))));
        f.add(new CouponRedeemed(p + "CAMPAIGN", p + "O9", 800, T.plus(Duration.ofDays(5)))); // not an apology coupon
        return f;
    }

    private OrderPlaced order(String n, String channel, String sku, int quantity, long price) {
        return new OrderPlaced(p + n, p + channel, p + "customer-" + n, null, false,
                List.of(new PlacedLine(1, p + sku, quantity, price, false)), 0, quantity * price, T.minus(Duration.ofHours(1)));
    }

    private StockoutOpened opened(String id, String order, String sku, String reason, int priority, Instant at,
                                  Duration deadline) {
        return new StockoutOpened(p + id, p + order, 1, p + sku, reason, priority, at.plus(deadline), "RULE", priority == 1,
                false, null, false, at);
    }

    private CallReported call(String id, String order, CallOutcome outcome, Duration after) {
        return new CallReported(UUID.randomUUID(), p + id, p + order, outcome, "sato", List.of(), List.of(), null,
                T.plus(after));
    }

    private EmailSent email(String reference, String order, String kind, Duration after) {
        return new EmailSent(UUID.randomUUID(), "<" + UUID.randomUUID() + "@zaiko>", reference,
                order == null ? null : p + order, kind, T.plus(after));
    }

    private StockoutDecided decided(String id, String order, int decidedLine, Choice choice, long refund, long absorbed,
                                    Duration after) {
        return new StockoutDecided(p + id, p + order, 1, decidedLine, choice, 1, null, null, null, refund, absorbed, 0,
                false, "sato", T.plus(after));
    }

    /** The section's rows, each row's values joined by "|" in the JSON's field order, the run's prefix left out. */
    private List<String> rows(JsonNode report, String section) {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : report.path(section)) {
            List<String> values = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = row.properties().iterator(); it.hasNext(); ) {
                JsonNode v = it.next().getValue();
                values.add(v.isNull() ? "" : v.asString().replace(p, ""));
            }
            rows.add(String.join("|", values));
        }
        return rows;
    }

    static final Map<String, List<String>> EXPECTED = Map.of(
            "summary", List.of(
                    // month|cases|calls|reached|emails|due|met|shareMet|kept|lost|refunded|coupons|absorbed
                    "2019-05|5|3|1|2|5|2|0.4|7000|10000|8000|500|500",
                    "2019-06|1|0|0|0|1|0|0.0|0|0|0|0|0"),
            "casesByReason", List.of("2019-05|ALLOCATION_FAILED|1", "2019-05|DISCONTINUED|1", "2019-05|DISPLACED|1",
                    "2019-05|INSPECTION_DEFECT|1", "2019-05|SUPPLIER_CANCELLED|1", "2019-06|ALLOCATION_FAILED|1"),
            "casesByChannel", List.of("2019-05|MKT|1", "2019-05|WEB|4", "2019-06|WEB|1"),
            "topSkus", List.of("1|A||3|ALLOCATION_FAILED|1", "2|B||1|INSPECTION_DEFECT|1", "3|C||1|DISCONTINUED|1",
                    "4|D||1|ALLOCATION_FAILED|1"),
            "contacts", List.of("2019-05|3|1|1|1|0|2"),
            "firstContact", List.of(
                    // month|priority|cases|contacted|due|met|shareMet|medianMinutes
                    "2019-05|1|1|1|1|1|1.0|10.0", "2019-05|2|1|1|1|0|0.0|180.0",
                    "2019-05|3|3|2|3|1|0.3333|1455.0", "2019-06|3|1|0|1|0|0.0|"),
            "outcomes", List.of(
                    // month|outcome|cases|lineValue|kept|lost
                    "2019-05|CANCEL|1|3000|0|3000", "2019-05|OPEN|1|1000|0|0", "2019-05|PARTIAL|1|10000|5000|5000",
                    "2019-05|SUBSTITUTE|1|2000|2000|0", "2019-05|WITHDRAWN|1|2000|0|2000", "2019-06|OPEN|1|1000|0|0"),
            "cost", List.of("2019-05|2|8000|1|500|1|500|500"),
            "refundsByMeans", List.of("2019-05|CARD|1|3000", "2019-05|GIFT_BALANCE|1|5000"));

    @Test
    void everySectionOfTheReportHoldsExactlyTheNumbersTheFactsGive() {
        JsonNode report = api.ok(api.get("/api/insight/stockout-report?" + RANGE));
        assertThat(report.path("from").asString()).isEqualTo("2019-05");
        assertThat(report.path("to").asString()).isEqualTo("2019-06");
        for (String section : StockoutReport.SECTIONS) {
            assertThat(rows(report, section)).as(section).containsExactlyElementsOf(EXPECTED.get(section));
        }
    }

    @Test
    void theCsvHasOneRowPerRowOfEverySectionWithTheSameValues() {
        JsonNode report = api.ok(api.get("/api/insight/stockout-report?" + RANGE));
        ShopApi.Response csv = api.get("/api/insight/stockout-report.csv?" + RANGE);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        List<String> header = List.of(lines.get(0).split(",", -1));
        assertThat(header.get(0)).isEqualTo("section");
        List<String> expected = new ArrayList<>();
        for (String section : StockoutReport.SECTIONS) {
            for (JsonNode row : report.path(section)) {
                List<String> cells = new ArrayList<>();
                cells.add(section);
                for (String column : header.subList(1, header.size())) {
                    JsonNode v = row.path(column);
                    cells.add(v.isMissingNode() || v.isNull() ? "" : v.asString());
                }
                expected.add(String.join(",", cells));
            }
        }
        assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(expected);

        ShopApi.Response one = api.get("/api/insight/stockout-report.csv?" + RANGE + "&section=outcomes");
        assertThat(one.body().lines().toList()).containsExactly("section,month,outcome,cases,lineValue,kept,lost",
                "outcomes,2019-05,CANCEL,1,3000,0,3000", "outcomes,2019-05,OPEN,1,1000,0,0",
                "outcomes,2019-05,PARTIAL,1,10000,5000,5000", "outcomes,2019-05,SUBSTITUTE,1,2000,2000,0",
                "outcomes,2019-05,WITHDRAWN,1,2000,0,2000", "outcomes,2019-06,OPEN,1,1000,0,0");
    }

    @Test
    void rebuildingTheTablesFromTheJournalGivesTheSameReport() {
        JsonNode live = api.ok(api.get("/api/insight/stockout-report?" + RANGE));
        JsonNode rebuilt = api.ok(api.post("/api/insight/rebuild"));
        assertThat(rebuilt.path("facts").asLong()).isPositive();
        JsonNode after = api.ok(api.get("/api/insight/stockout-report?" + RANGE));
        ((tools.jackson.databind.node.ObjectNode) live).remove("asOf");
        ((tools.jackson.databind.node.ObjectNode) after).remove("asOf");
        assertThat(after).isEqualTo(live);
    }

    @Test
    void monthsThatCannotBeReadAreRefusedNamingTheField() {
        for (String[] bad : new String[][]{{"from=2019-13&to=2019-12", "from"}, {"from=May&to=2019-12", "from"},
                {"from=2019-05&to=2019/06", "to"}, {"from=2019-07&to=2019-06", "to"}, {"from=2016-01&to=2019-01", "to"}}) {
            ShopApi.Response r = api.get("/api/insight/stockout-report?" + bad[0]);
            assertThat(r.status()).as(bad[0]).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().path("field").asString()).as(bad[0]).isEqualTo(bad[1]);
            assertThat(api.get("/api/insight/stockout-report.csv?" + bad[0]).status()).isEqualTo(400);
        }
        assertThat(api.get("/api/insight/stockout-report.csv?" + RANGE + "&section=nothing").json().path("field")
                .asString()).isEqualTo("section");
        assertThat(api.get("/api/insight/stockout-report?from=2016-02&to=2019-01").status()).as("36 months").isEqualTo(200);
    }
}

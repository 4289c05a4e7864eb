package dev.zaiko.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
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
 * The call knowledge base over a scripted February 2009: four cases of two kinds, their calls with what
 * helped and what hurt, an email, decisions, and which customers ordered again (in time, too late, never).
 * The month lies far in the past, so every customer's 90 days are over and no other test's facts fall in it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallKnowledgeTest {

    static final String FEBRUARY = "from=2009-02-01&to=2009-02-28";

    @LocalServerPort
    int port;

    @Autowired
    InsightJournal journal;

    ShopApi api;
    String p;
    String sku1;
    String sku2;

    @BeforeAll
    void aMonthOfCalls() {
        api = new InsightApi(port);
        p = "CKB-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        sku1 = p + "LANTERN";
        sku2 = p + "STOVE";
        // A: a till sale took the unit; told the arrival date and apologized first; waited; ordered again in 27 days
        order("a1", "A", sku1, "2009-02-01T01:00:00Z");
        opened("caseA", "a1", sku1, "DISPLACED", "2009-02-02T01:00:00Z");
        call("A1", "caseA", "a1", CallOutcome.CONNECTED, List.of("入荷日を伝えた", "先に謝罪した"), List.of(),
                "入荷日を先に伝える", "2009-02-02T02:00:00Z");
        decided("caseA", "a1", Choice.WAIT, "2009-02-02T02:01:00Z");
        order("a2", "A", sku2, "2009-03-01T01:00:00Z");
        // B: the same kind; kept waiting (twice: counts once), told the arrival date; never ordered again
        order("b1", "B", sku1, "2009-02-02T01:00:00Z");
        opened("caseB", "b1", sku1, "DISPLACED", "2009-02-03T01:00:00Z");
        call("B1", "caseB", "b1", CallOutcome.VOICEMAIL, List.of(), List.of("待たせた"), null, "2009-02-03T02:00:00Z");
        journal.record(new EmailSent(UUID.nameUUIDFromBytes((p + "mailB").getBytes()), "<" + p + "@zaiko>", p + "caseB",
                p + "b1", "MISSED_CALL", Instant.parse("2009-02-03T02:05:00Z")));
        call("B2", "caseB", "b1", CallOutcome.CONNECTED, List.of("入荷日を伝えた"), List.of("待たせた"),
                "待たせたことを先に謝る", "2009-02-03T05:00:00Z");
        // C: the same kind, another item; a substitute; ordered again, but after 116 days
        order("c1", "C", sku2, "2009-02-03T01:00:00Z");
        opened("caseC", "c1", sku2, "DISPLACED", "2009-02-04T01:00:00Z");
        call("C1", "caseC", "c1", CallOutcome.CONNECTED, List.of("入荷日を伝えた", "代替品を提案した"), List.of(), null,
                "2009-02-04T02:00:00Z");
        decided("caseC", "c1", Choice.SUBSTITUTE, "2009-02-04T02:01:00Z");
        order("c2", "C", sku2, "2009-05-31T01:00:00Z");
        // D: defective at packing; a substitute offered, promised without checking; cancelled; ordered again in 15 days
        order("d1", "D", sku2, "2009-02-04T01:00:00Z");
        opened("caseD", "d1", sku2, "INSPECTION_DEFECT", "2009-02-05T01:00:00Z");
        call("D1", "caseD", "d1", CallOutcome.CONNECTED, List.of("代替品を提案した"), List.of("確認せずに約束した"), null,
                "2009-02-05T02:00:00Z");
        decided("caseD", "d1", Choice.CANCEL, "2009-02-05T02:01:00Z");
        order("d2", "D", sku1, "2009-02-20T01:00:00Z");
    }

    private void order(String n, String customer, String sku, String at) {
        journal.record(new OrderPlaced(p + n, "WEB", p + customer, null, false, List.of(new PlacedLine(1, sku, 1, 1000,
                false)), 0, 1000, Instant.parse(at)));
    }

    private void opened(String caseId, String order, String sku, String reason, String at) {
        journal.record(new StockoutOpened(p + caseId, p + order, 1, sku, reason, 2, Instant.parse(at).plusSeconds(28800),
                "NEXT_BUSINESS_DAY", false, false, null, false, Instant.parse(at)));
    }

    private void call(String id, String caseId, String order, CallOutcome outcome, List<String> helped,
                      List<String> hurt, String lesson, String at) {
        journal.record(new CallReported(UUID.nameUUIDFromBytes((p + id).getBytes()), p + caseId, p + order, outcome,
                "sato", helped, hurt, lesson, Instant.parse(at)));
    }

    private void decided(String caseId, String order, Choice choice, String at) {
        journal.record(new StockoutDecided(p + caseId, p + order, 1, 1, choice, 1, null, null, "CALL", 0, 0, 0, false,
                "sato", Instant.parse(at)));
    }

    /** The rows of a search, each as "case kind outcome choice kept", newest first. */
    private List<String> rows(String query) {
        JsonNode page = api.ok(api.get("/api/insight/calls?" + FEBRUARY + "&" + query));
        List<String> rows = new ArrayList<>();
        for (JsonNode r : page.path("items")) {
            if (!r.path("caseId").asString().startsWith(p)) continue;
            rows.add(r.path("caseId").asString().substring(p.length()) + " " + r.path("kind").asString() + " "
                    + r.path("outcome").asString() + " " + r.path("choice").asString("-") + " "
                    + (r.path("kept").isNull() ? "?" : r.path("kept").asBoolean()));
        }
        return rows;
    }

    @Test
    void eachFilterFindsExactlyItsCallsAndEmailsWithTheDecisionAndWhetherTheCustomerWasKept() {
        assertThat(rows("sku=" + sku1)).containsExactly(
                "caseB CALL CONNECTED - false", "caseB EMAIL MISSED_CALL - false", "caseB CALL VOICEMAIL - false",
                "caseA CALL CONNECTED WAIT true");
        assertThat(rows("sku=" + sku2 + "&reason=displaced")).containsExactly("caseC CALL CONNECTED SUBSTITUTE false");
        assertThat(rows("sku=" + sku2 + "&reason=INSPECTION_DEFECT")).containsExactly("caseD CALL CONNECTED CANCEL true");
        assertThat(rows("sku=" + sku1 + "&tag=待たせた")).containsExactly("caseB CALL CONNECTED - false",
                "caseB CALL VOICEMAIL - false");
        assertThat(rows("sku=" + sku2 + "&tag=代替品を提案した")).containsExactly("caseD CALL CONNECTED CANCEL true",
                "caseC CALL CONNECTED SUBSTITUTE false");
        // words: in the lesson or the tags, as typed; % and _ are only themselves
        assertThat(rows("sku=" + sku1 + "&q=先に")).containsExactly("caseB CALL CONNECTED - false",
                "caseA CALL CONNECTED WAIT true");
        assertThat(rows("sku=" + sku1 + "&q=%25")).isEmpty();
        assertThat(rows("sku=" + sku1 + "&outcome=missed_call")).containsExactly("caseB EMAIL MISSED_CALL - false");
        assertThat(rows("sku=" + sku1 + "&outcome=VOICEMAIL")).containsExactly("caseB CALL VOICEMAIL - false");
        JsonNode narrow = api.ok(api.get("/api/insight/calls?from=2009-02-04&to=2009-02-05&operator=x&sku=" + sku2));
        assertThat(narrow.path("items").findValuesAsString("caseId")).containsExactly(p + "caseD", p + "caseC");

        JsonNode a = api.ok(api.get("/api/insight/calls?" + FEBRUARY + "&sku=" + sku1 + "&reason=DISPLACED"))
                .path("items").get(3);
        assertThat(a.path("at").asString()).isEqualTo("2009-02-02T02:00:00Z");
        assertThat(a.path("orderNumber").asString()).isEqualTo(p + "a1");
        assertThat(a.path("sku").asString()).isEqualTo(sku1);
        assertThat(a.path("reason").asString()).isEqualTo("DISPLACED");
        assertThat(a.path("operator").asString()).isEqualTo("sato");
        assertThat(a.path("helped").toString()).isEqualTo("[\"入荷日を伝えた\",\"先に謝罪した\"]");
        assertThat(a.path("hurt").toString()).isEqualTo("[]");
        assertThat(a.path("lesson").asString()).isEqualTo("入荷日を先に伝える");
    }

    private static List<String> approaches(JsonNode list) {
        List<String> result = new ArrayList<>();
        for (JsonNode a : list) {
            result.add(a.path("tag").asString() + " " + a.path("kept").asInt() + "/" + a.path("known").asInt() + " of "
                    + a.path("cases").asInt());
        }
        return result;
    }

    @Test
    void perCaseTypeTheApproachesThatKeptTheMostCustomersComeFirst() {
        JsonNode answer = api.ok(api.get("/api/insight/calls/approaches?" + FEBRUARY));

        JsonNode displaced = null, defect = null;
        for (JsonNode r : answer.path("reasons")) {
            if (r.path("reason").asString().equals("DISPLACED")) displaced = r;
            if (r.path("reason").asString().equals("INSPECTION_DEFECT")) defect = r;
        }
        assertThat(displaced).isNotNull();
        assertThat(approaches(displaced.path("helped"))).containsExactly(
                "先に謝罪した 1/1 of 1", "入荷日を伝えた 1/3 of 3", "代替品を提案した 0/1 of 1");
        assertThat(displaced.path("helped").get(1).path("keptShare").asDouble()).isEqualTo(1.0 / 3);
        assertThat(approaches(displaced.path("hurt"))).containsExactly("待たせた 0/1 of 1");
        assertThat(approaches(defect.path("helped"))).containsExactly("代替品を提案した 1/1 of 1");
        assertThat(approaches(defect.path("hurt"))).containsExactly("確認せずに約束した 1/1 of 1");

        // cases detected outside the period do not count; ties go by the tag's bytes
        JsonNode early = api.ok(api.get("/api/insight/calls/approaches?from=2009-02-04&to=2009-02-28"));
        List<String> reasons = early.path("reasons").findValuesAsString("reason");
        assertThat(reasons).contains("DISPLACED");
        for (JsonNode r : early.path("reasons")) {
            if (r.path("reason").asString().equals("DISPLACED")) {
                assertThat(approaches(r.path("helped"))).containsExactly("代替品を提案した 0/1 of 1", "入荷日を伝えた 0/1 of 1");
                assertThat(r.path("hurt").size()).isZero();
            }
        }
    }

    @Test
    void aFilterThatIsNotOneIsRefusedNamingTheField() {
        List<String[]> bad = List.of(new String[] {"outcome=SHOUTED", "outcome"}, new String[] {"from=2009-13-01", "from"},
                new String[] {"to=soon", "to"}, new String[] {"from=2009-02-05&to=2009-02-01", "from"},
                new String[] {"page=-1", "page"}, new String[] {"page=two", "page"},
                new String[] {"reason=not%20a%20reason", "reason"}, new String[] {"q=" + "x".repeat(101), "q"},
                new String[] {"tag=" + "x".repeat(31), "tag"});
        for (String[] b : bad) {
            ShopApi.Response r = api.get("/api/insight/calls?" + b[0]);
            assertThat(r.status()).as(b[0]).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().path("field").asString()).as(b[0]).isEqualTo(b[1]);
        }
        ShopApi.Response r = api.get("/api/insight/calls/approaches?from=yesterday");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("field").asString()).isEqualTo("from");
    }

    @Test
    void theConsoleSearchesCallsAndSaysPerCaseTypeWhichApproachKeptCustomers() {
        ShopApi browser = new InsightApi(port);
        browser.signIn("admin", "test-admin-password");

        ShopApi.Response search = browser.page("/insight/calls?" + FEBRUARY + "&sku=" + sku1 + "&tag=待たせた");
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.body()).contains("対応ナレッジ").contains("id=\"calls\"")
                .contains("href=\"/cases/" + p + "caseB\"").doesNotContain(p + "caseA")
                .contains("電話: お話しできた").contains("電話: 留守番電話に伝言を残した").contains("待たせたことを先に謝る")
                .contains("data-kept=\"false\"");
        ShopApi.Response refused = browser.page("/insight/calls?outcome=SHOUTED");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("class=\"field-error\"").contains("SHOUTED").doesNotContain("id=\"calls\"");

        String approaches = browser.page("/insight/calls/approaches?" + FEBRUARY).body();
        assertThat(approaches).contains("data-reason=\"DISPLACED\"")
                .contains("店頭販売で引当が外れたの案件では、「先に謝罪した」は1件中1件でお客様がまた買ってくれました。")
                .contains("梱包時に不良が見つかったの案件では、「代替品を提案した」は1件中1件でお客様がまた買ってくれました。")
                .contains("id=\"helped-DISPLACED\"").contains("33% (1/3)");
        String english = browser.page("/insight/calls/approaches?" + FEBRUARY + "&lang=en").body();
        assertThat(english).contains("For Taken by a till sale cases, “先に謝罪した” ended in a kept customer in 1 of 1 cases.");
        browser.page("/insight/calls?lang=ja");
        assertThat(browser.page("/insight/calls/approaches?from=2009-03-01&to=2009-02-01").body())
                .contains("開始日が終了日より後になっています。");
    }
}

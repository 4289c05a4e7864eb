package dev.zaiko.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import dev.zaiko.contact.ContactApi;
import dev.zaiko.contact.ContactApiTestBase;
import dev.zaiko.support.Events;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A month of a demo shop driven through the real API, three years ahead (a month no other test
 * reaches), on the contact desk's application: orders on the web shop and a marketplace, a till sale,
 * a stockout of every reason Zaiko opens cases for, calls of every outcome, decisions of every kind
 * the customer can take here, refunds, apology coupons, one redeemed on the customer's next order.
 * The report gives exactly the numbers the script makes, per JSON table and per CSV row, and the same
 * report after a rebuild.
 */
class StockoutReportScriptedMonthTest extends ContactApiTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SendingMonthlyReports sending;

    String product(String prefix, long price, boolean backorderable, String supplier) {
        String sku = ShopApi.unique(prefix);
        ObjectNode body = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "bottle").put("price", price)
                .put("backorderable", backorderable);
        body.putObject("name").put("ja", "山用ボトル " + prefix).put("en", "Trail bottle " + prefix);
        body.putArray("purposeTags").add("hydration");
        ObjectNode attributes = body.putObject("attributes");
        attributes.putObject("volume").put("value", 500).put("unit", "ml");
        attributes.putObject("weight").put("value", 300).put("unit", "g");
        if (supplier != null) body.put("supplier", supplier).put("leadTimeDays", 3);
        api.ok(api.post("/api/products", body));
        return sku;
    }

    String order(String channel, String email, String sku, int quantity, long price) {
        return api.place(ContactApi.order(channel, email, "090-3333-0000", "ja", sku, quantity, price));
    }

    long inbound(String sku, String location, int units, LocalDate on) {
        return api.ok(api.post("/api/inbounds", ShopApi.JSON.createObjectNode().put("sku", sku).put("location", location)
                .put("quantity", units).put("expectedOn", on.toString()))).path("id").longValue();
    }

    String onlyCase(String number, String reason) {
        JsonNode found = api.ok(api.get("/api/stockouts?reason=" + reason + "&order=" + number + "&size=10")).path("items");
        assertThat(found.size()).as(reason + " cases of " + number).isEqualTo(1);
        return found.get(0).path("id").asString();
    }

    JsonNode decide(String caseId, ObjectNode body) {
        return api.ok(api.post("/api/stockouts/" + caseId + "/decision", body.put("decidedBy", "staff:tanaka")));
    }

    ObjectNode call(String outcome) {
        return ContactApi.outcome(outcome);
    }

    /** Every email about the case sent and heard, and every event mentioning it handled. */
    void settled(String caseId, String orderNumber) {
        await("emails of " + caseId + " sent").atMost(ContactApi.BOUND).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode emails = api.ok(api.get("/api/outbox?reference=" + caseId + "&size=100"));
                    JsonNode items = emails.isArray() ? emails : emails.path("items");
                    for (JsonNode e : items) if (!e.path("status").asString().equals("SENT")) return false;
                    return true;
                });
        Events.awaitHandled(jdbc, caseId);
        Events.awaitHandled(jdbc, orderNumber.replace("-", ""));
        Events.awaitHandled(jdbc, orderNumber);
    }

    @Test
    void aScriptedMonthGivesExactlyTheExpectedReport() {
        YearMonth month = YearMonth.now(clock).plusYears(3);
        LocalDate day = sending.sendingDay(month);
        MonthlyStockoutReportEmailTest.moveTo(clock, day, LocalTime.of(10, 0));
        LocalDate today = LocalDate.now(clock);
        String m = month.toString();

        // other tests' cases in this shared application have due work of their own (default decisions,
        // refunds, emails) that moving the clock three years sets off, counted in this month's contacts and
        // cost: let it finish first, and take the month as it stands as the baseline
        settleLeftovers();
        JsonNode baseline = api.ok(api.get("/api/insight/stockout-report?from=" + m + "&to=" + m));

        String a = product("A", 3000, false, null);
        String dear = product("DEAR", 3400, false, null);
        api.sellable(dear, shop.store(), 3);
        String b = product("B", 2000, false, null);
        api.sellable(b, shop.store(), 1);
        String c = product("C", 3000, false, null);
        api.sellable(c, shop.warehouse(), 3);
        String d = product("D", 1500, true, null);
        String e = product("E", 2500, true, "Hokuto Trading");
        String f = product("F", 1000, true, null);
        String g = product("G", 1800, false, null);
        String h = product("H", 2200, false, "Hokuto Trading");

        // ALLOCATION_FAILED: a marketplace order for what is not there; reached, a dearer substitute (400 absorbed)
        String o1 = order(shop.marketplace(), ShopApi.uniqueEmail(), a, 1, 3000);
        String s1 = onlyCase(o1, "ALLOCATION_FAILED");
        api.ok(api.call(s1, call("CONNECTED").put("choice", "SUBSTITUTE").put("substituteSku", dear)));

        // DISPLACED: the store's till sells the unit a marketplace order held; no answer, then cancelled
        String o2 = order(shop.marketplace(), ShopApi.uniqueEmail(), b, 1, 2000);
        api.ok(api.post("/api/stock/pos-sales", ShopApi.JSON.createObjectNode().put("sku", b)
                .put("location", shop.store()).put("quantity", 1).put("force", true)));
        Events.awaitHandled(jdbc, b);
        String s2 = onlyCase(o2, "DISPLACED");
        api.ok(api.call(s2, call("NO_ANSWER")));
        decide(s2, ShopApi.JSON.createObjectNode().put("choice", "CANCEL"));

        // INSPECTION_DEFECT: one of three units defective at packing on a web order; voicemail, then partial
        String o3 = order(shop.web(), ShopApi.uniqueEmail(), c, 3, 3000);
        ObjectNode pack = ShopApi.JSON.createObjectNode();
        pack.putArray("lines").addObject().put("lineNo", 1).put("passed", 2).put("defective", 1);
        api.ok(api.post("/api/orders/" + o3 + "/pack", pack));
        String s3 = onlyCase(o3, "INSPECTION_DEFECT");
        api.ok(api.call(s3, call("VOICEMAIL")));
        decide(s3, ShopApi.JSON.createObjectNode().put("choice", "PARTIAL"));

        // INBOUND_SHORT: two web backorders, one unit arrives; the later order is short; wrong number, cancelled
        long po = inbound(d, shop.warehouse(), 2, today.plusDays(5));
        String email4 = ShopApi.uniqueEmail();
        String o4a = order(shop.web(), ShopApi.uniqueEmail(), d, 1, 1500);
        String o4 = order(shop.web(), email4, d, 1, 1500);
        api.ok(api.post("/api/inbounds/" + po + "/arrivals", ShopApi.JSON.createObjectNode().put("quantity", 1)));
        api.ok(api.post("/api/stock/inspections", ShopApi.JSON.createObjectNode().put("sku", d)
                .put("location", shop.warehouse()).put("passed", 1).put("failed", 0)));
        Events.awaitHandled(jdbc, d);
        String s4 = onlyCase(o4, "INBOUND_SHORT");
        assertThat(api.ok(api.get("/api/stockouts?order=" + o4a + "&size=10")).path("items").size()).isZero();
        api.ok(api.call(s4, call("WRONG_NUMBER")));
        decide(s4, ShopApi.JSON.createObjectNode().put("choice", "CANCEL"));

        // SUPPLIER_CANCELLED: the supplier cancels the inbound a web backorder waited for; reached, cancelled
        long po5 = inbound(e, shop.warehouse(), 1, today.plusDays(4));
        String o5 = order(shop.web(), ShopApi.uniqueEmail(), e, 1, 2500);
        api.ok(api.post("/api/inbounds/" + po5 + "/cancel", ""));
        Events.awaitHandled(jdbc, e);
        String s5 = onlyCase(o5, "SUPPLIER_CANCELLED");
        api.ok(api.call(s5, call("CONNECTED").put("choice", "CANCEL")));

        // DISCONTINUED: the maker stops a product a web backorder waited for; not called yet, still open
        inbound(f, shop.warehouse(), 10, today.plusDays(7));
        String o6 = order(shop.web(), ShopApi.uniqueEmail(), f, 1, 1000);
        api.ok(api.post("/api/products/" + f + "/discontinue", ""));
        Events.awaitHandled(jdbc, f);
        String s6 = onlyCase(o6, "DISCONTINUED");

        // a dated inbound meets the need: the marketplace customer waits (decided without a call)
        inbound(g, shop.store(), 5, today.plusDays(10));
        String o7 = order(shop.marketplace(), ShopApi.uniqueEmail(), g, 1, 1800);
        String s7 = onlyCase(o7, "ALLOCATION_FAILED");
        decide(s7, ShopApi.JSON.createObjectNode().put("choice", "WAIT"));

        // the supplier ships straight to a marketplace customer whose item the shop has not got
        String o9 = order(shop.marketplace(), ShopApi.uniqueEmail(), h, 2, 2200);
        String s9 = onlyCase(o9, "ALLOCATION_FAILED");
        decide(s9, ShopApi.JSON.createObjectNode().put("choice", "DROP_SHIP"));

        List<String[]> all = List.of(new String[]{s9, o9}, new String[]{s1, o1}, new String[]{s2, o2}, new String[]{s3, o3},
                new String[]{s4, o4}, new String[]{s5, o5}, new String[]{s6, o6}, new String[]{s7, o7});
        for (String[] x : all) settled(x[0], x[1]);

        // the customer of the short order comes back with the apology coupon: a repeat purchase
        String coupon = jdbc.queryForObject("select coupon_code from insight_coupon_issued where case_id = ?",
                String.class, s4);
        ObjectNode again = ContactApi.order(shop.web(), email4, "090-3333-0000", "ja", dear, 1, 3400);
        again.withObject("payment").put("couponCode", coupon).put("couponDiscount", 500);
        String o8 = api.place(again);
        Events.awaitHandled(jdbc, o8.replace("-", ""));
        Events.awaitHandled(jdbc, o8);

        String query = "from=" + m + "&to=" + m;
        JsonNode report = api.ok(api.get("/api/insight/stockout-report?" + query));
        List<String> names = List.of(a, b, c, d, e, f, g, h, dear, shop.web(), shop.marketplace());
        // detection to first contact takes the seconds the script takes: less than a minute
        JsonNode first = report.path("firstContact").get(0);
        assertThat(first.path("medianMinutes").asDouble()).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
        ((ObjectNode) first).putNull("medianMinutes");
        Map<String, List<String>> expected = Map.of(
                // month|cases|calls|reached|emails|due|met|shareMet|kept|lost|refunded|coupons|absorbed
                "summary", List.of(m + "|8|5|2|10|7|7|1.0|15200|9000|9000|1500|400"),
                "casesByReason", List.of(m + "|ALLOCATION_FAILED|3", m + "|DISCONTINUED|1", m + "|DISPLACED|1",
                        m + "|INBOUND_SHORT|1", m + "|INSPECTION_DEFECT|1", m + "|SUPPLIER_CANCELLED|1"),
                "casesByChannel", List.of(m + "|MKT|4", m + "|WEB|4"),
                "topSkus", List.of("1|A|山用ボトル A|1|ALLOCATION_FAILED|1", "2|B|山用ボトル B|1|DISPLACED|1",
                        "3|C|山用ボトル C|1|INSPECTION_DEFECT|1", "4|D|山用ボトル D|1|INBOUND_SHORT|1",
                        "5|E|山用ボトル E|1|SUPPLIER_CANCELLED|1", "6|F|山用ボトル F|1|DISCONTINUED|1",
                        "7|G|山用ボトル G|1|ALLOCATION_FAILED|1", "8|H|山用ボトル H|1|ALLOCATION_FAILED|1"),
                // calls: CONNECTED x2, NO_ANSWER, VOICEMAIL, WRONG_NUMBER; emails: a follow-up per decision (7),
                // missed-call emails after the no answer and the voicemail (2), the wrong-number email (1)
                "contacts", List.of(m + "|5|2|1|1|1|10"),
                // every case priority 3; the discontinued one is not contacted and its deadline is ahead
                "firstContact", List.of(m + "|3|8|7|7|7|1.0|"),
                "outcomes", List.of(m + "|CANCEL|3|6000|0|6000", m + "|DROP_SHIP|1|4400|4400|0", m + "|OPEN|1|1000|0|0",
                        m + "|PARTIAL|1|9000|6000|3000", m + "|SUBSTITUTE|1|3000|3000|0", m + "|WAIT|1|1800|1800|0"),
                // refunds: 2,000 + 3,000 + 1,500 + 2,500; coupons for the three decided web orders, one redeemed;
                // the dearer substitute's 400
                "cost", List.of(m + "|4|9000|3|1500|1|500|400"),
                "refundsByMeans", List.of(m + "|PAYMENT|4|9000"));
        for (String section : StockoutReport.SECTIONS) {
            assertThat(minus(rows(report, section, names), rows(baseline, section, names))).as(section)
                    .containsExactlyElementsOf(expected.get(section));
        }

        // the CSV: one line per row of every section, the JSON's values
        report = api.ok(api.get("/api/insight/stockout-report?" + query));
        List<String> lines = api.get("/api/insight/stockout-report.csv?" + query).body().lines().toList();
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<String> csvRows = new ArrayList<>();
        for (String section : StockoutReport.SECTIONS) {
            for (JsonNode row : report.path(section)) {
                List<String> cells = new ArrayList<>(List.of(section));
                for (String column : header.subList(1, header.size())) {
                    JsonNode v = row.path(column);
                    cells.add(v.isMissingNode() || v.isNull() ? "" : v.asString());
                }
                csvRows.add(String.join(",", cells));
            }
        }
        assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(csvRows);
        List<String> cost = List.of(lines.stream().filter(l -> l.startsWith("cost,")).findFirst().orElseThrow()
                .split(",", -1));
        JsonNode before = baseline.path("cost").path(0);
        assertThat(Long.parseLong(cost.get(header.indexOf("refunded"))) - before.path("refunded").asLong(0))
                .isEqualTo(9000);
        assertThat(Long.parseLong(cost.get(header.indexOf("couponsRedeemedDiscount")))
                - before.path("couponsRedeemedDiscount").asLong(0)).isEqualTo(500);
        assertThat(Long.parseLong(cost.get(header.indexOf("absorbed"))) - before.path("absorbed").asLong(0))
                .isEqualTo(400);
        assertThat(cost.get(header.indexOf("cases"))).as("a column of other sections").isEmpty();

        // rebuilt from the journal: the same report
        api.ok(api.post("/api/insight/rebuild"));
        JsonNode rebuilt = api.ok(api.get("/api/insight/stockout-report?" + query));
        ((ObjectNode) report).remove("asOf");
        ((ObjectNode) rebuilt).remove("asOf");
        assertThat(rebuilt).isEqualTo(report);
    }

    /** Until no job is due and no event waits, for a few seconds in a row (bounded). */
    void settleLeftovers() {
        await("other tests' due work done").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .during(Duration.ofSeconds(3)).until(() -> jdbc.queryForObject("""
                        select (select count(*) from scheduled_tasks where execution_time <= ? and not picked)
                             + (select count(*) from event_publication where completion_date is null)""",
                        Long.class, java.sql.Timestamp.from(clock.instant())) == 0);
    }

    /**
     * The rows less what the baseline already had: counts of a row with the same leading words are
     * subtracted (a ratio or an empty value is kept as it is), and a row left with nothing is dropped.
     */
    static List<String> minus(List<String> rows, List<String> baseline) {
        List<String> result = new ArrayList<>();
        for (String row : rows) {
            String[] values = row.split("\\|", -1);
            int keys = 0;
            while (keys < values.length && !values[keys].matches("-?\\d+")) keys++;
            String key = String.join("|", java.util.Arrays.copyOfRange(values, 0, keys)) + "|";
            String before = baseline.stream().filter(b -> b.startsWith(key)).findFirst().orElse(null);
            if (before == null) {
                result.add(row);
                continue;
            }
            String[] old = before.split("\\|", -1);
            boolean left = false;
            for (int i = keys; i < values.length; i++) {
                if (values[i].matches("-?\\d+") && i < old.length && old[i].matches("-?\\d+")) {
                    values[i] = Long.toString(Long.parseLong(values[i]) - Long.parseLong(old[i]));
                    left |= !values[i].equals("0");
                } else {
                    left |= !values[i].isEmpty() && !values[i].equals("0") && !values[i].equals("0.0");
                }
            }
            if (left) result.add(String.join("|", values));
        }
        return result;
    }

    /** The section's rows, values joined by "|"; the test's SKUs and channels written by their roles. */
    static List<String> rows(JsonNode report, String section, List<String> names) {
        String[] roles = {"A", "B", "C", "D", "E", "F", "G", "H", "DEAR", "WEB", "MKT"};
        List<String> rows = new ArrayList<>();
        for (JsonNode row : report.path(section)) {
            List<String> values = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = row.properties().iterator(); it.hasNext(); ) {
                JsonNode v = it.next().getValue();
                String text = v.isNull() ? "" : v.asString();
                for (int i = 0; i < names.size(); i++) if (text.equals(names.get(i))) text = roles[i];
                values.add(text);
            }
            rows.add(String.join("|", values));
        }
        return rows;
    }
}

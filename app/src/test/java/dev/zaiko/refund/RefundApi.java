package dev.zaiko.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.zaiko.support.ShopApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A JSON client for refund tests: orders paid every way, cancelled by a stockout decision, and their refunds. */
final class RefundApi extends ShopApi {

    static final Duration BOUND = Duration.ofSeconds(30);

    RefundApi(int port) {
        super(port);
    }

    /** A product with {@code units} sellable at the shop's warehouse. */
    String product(Shop shop, long price, int units) {
        String sku = unique("RF");
        ObjectNode body = JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", price);
        body.putObject("name").put("ja", "返金テスト用テント").put("en", "Refund test tent");
        ok(post("/api/products", body));
        if (units > 0) sellable(sku, shop.warehouse(), units);
        return sku;
    }

    /** An order body for one line; the payment is a captured card paying everything until changed. */
    static ObjectNode body(String channel, String email, String sku, int quantity, long unitPrice) {
        ObjectNode body = JSON.createObjectNode().put("channel", channel).put("externalRef", unique("REF"));
        body.putObject("customer").put("name", "高橋 美咲").put("email", email).put("locale", "ja");
        body.putObject("payment").put("method", "CREDIT_CARD").put("status", "CAPTURED");
        body.putArray("lines").addObject().put("sku", sku).put("quantity", quantity).put("unitPrice", unitPrice);
        return body;
    }

    static String email() {
        return uniqueEmail();
    }

    String place(ObjectNode body) {
        return ok(post("/api/orders", balancePayment(body))).path("orderNumber").asString();
    }

    /** Packing finds {@code defective} units of the line bad: a stockout case opens for the line. */
    String defectAtPacking(String number, int lineNo, int passed, int defective) {
        ObjectNode pack = JSON.createObjectNode();
        pack.putArray("lines").addObject().put("lineNo", lineNo).put("passed", passed).put("defective", defective);
        ok(post("/api/orders/" + number + "/pack", pack));
        JsonNode cases = ok(get("/api/stockouts?reason=INSPECTION_DEFECT&order=" + number + "&size=200")).path("items");
        assertThat(cases.size()).as("cases of " + number).isGreaterThanOrEqualTo(1);
        String id = null;
        for (JsonNode c : cases) {
            if (c.path("lineNo").asInt() == lineNo && !"RESOLVED".equals(c.path("status").asString())) {
                id = c.path("id").asString();
            }
        }
        assertThat(id).as("open case of line " + lineNo).isNotNull();
        return id;
    }

    /**
     * The case for the line: found at packing when the line is allocated ({@code defective} units
     * bad), or the one already open when its units were never there (a marketplace's order).
     */
    String caseFor(String number, int lineNo, int passed, int defective) {
        for (JsonNode l : ok(get("/api/orders/" + number)).path("lines")) {
            if (l.path("lineNo").asInt() == lineNo && l.path("status").asString().equals("ALLOCATED")) {
                return defectAtPacking(number, lineNo, passed, defective);
            }
        }
        for (JsonNode c : ok(get("/api/stockouts?order=" + number + "&size=200")).path("items")) {
            if (c.path("lineNo").asInt() == lineNo && !"RESOLVED".equals(c.path("status").asString())) {
                return c.path("id").asString();
            }
        }
        throw new AssertionError("no case for line " + lineNo + " of " + number);
    }

    void decide(String caseId, String choice) {
        ok(post("/api/stockouts/" + caseId + "/decision", JSON.createObjectNode().put("choice", choice)
                .put("decidedBy", "staff:refund-test")));
    }

    /** The whole line is found defective and the customer chooses to cancel. */
    void cancelLine(String number, int lineNo, int units) {
        decide(defectAtPacking(number, lineNo, 0, units), "CANCEL");
    }

    JsonNode refunds(String number) {
        return ok(get("/api/refunds?order=" + number));
    }

    /** Waits until the order has {@code count} refunds and none is still being worked on. */
    JsonNode settled(String number, int count) {
        return until(number, r -> r.path("refunds").size() == count && all(r, x -> {
            String s = x.path("status").asString();
            return s.equals("COMPLETED") || s.equals("FAILED") || s.equals("AWAITING_ACCOUNT");
        }));
    }

    JsonNode until(String number, Predicate<JsonNode> condition) {
        List<JsonNode> last = new ArrayList<>();
        await("refunds of " + number).atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode r = refunds(number);
            last.clear();
            last.add(r);
            return condition.test(r);
        });
        return last.get(0);
    }

    static boolean all(JsonNode order, Predicate<JsonNode> condition) {
        for (JsonNode r : order.path("refunds")) if (!condition.test(r)) return false;
        return true;
    }

    /** The order's one refund of that part of the payment, whatever its line. */
    static JsonNode only(JsonNode order, String means) {
        return only(order, r -> r.path("means").asString().equals(means), means);
    }

    // ---- the shop's ledgers and the built-in gateway ---------------------------------------------

    void creditGiftBalance(String email, long amount, LocalDate validUntil) {
        ok(post("/api/wallets/gift-balance", JSON.createObjectNode().put("customer", email).put("amount", amount)
                .put("validUntil", validUntil.toString()).put("reason", "test card")));
    }

    /** A FIXED coupon for the customer. */
    String coupon(String email, long value, LocalDate campaignEnds) {
        return coupon("FIXED", value, campaignEnds, email);
    }

    JsonNode gatewayPayment(String reference) {
        return ok(get("/api/gateway/payments/" + reference));
    }

    /** What the built-in gateway refunded of the payment; 0 when it never saw the payment (every call declined). */
    long refundedAtGateway(String reference) {
        Response r = get("/api/gateway/payments/" + reference);
        if (r.status() == 404) return 0;
        return ok(r).path("refunded").asLong();
    }

    /** The order's one refund of that part of the payment for that line. */
    static JsonNode only(JsonNode order, String means, int lineNo) {
        return only(order, r -> r.path("means").asString().equals(means) && r.path("lineNo").asInt() == lineNo,
                means + " for line " + lineNo);
    }

    private static JsonNode only(JsonNode order, Predicate<JsonNode> which, String what) {
        JsonNode found = null;
        for (JsonNode r : order.path("refunds")) {
            if (!which.test(r)) continue;
            assertThat(found).as("one refund of " + what).isNull();
            found = r;
        }
        assertThat(found).as("a refund of " + what + " in " + order).isNotNull();
        return found;
    }

    JsonNode reconciliation() {
        return ok(get("/api/refunds/reconciliation"));
    }

    /** The reconciliation lists none of these orders. */
    void reconciles(String... numbers) {
        JsonNode differences = reconciliation().path("differences");
        for (JsonNode d : differences) {
            assertThat(List.of(numbers)).as("reconciliation difference " + d).doesNotContain(
                    d.path("orderNumber").asString());
        }
    }
}

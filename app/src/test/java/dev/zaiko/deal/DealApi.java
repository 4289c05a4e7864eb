package dev.zaiko.deal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import dev.zaiko.support.ShopApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A client for deal tests: products at 1,980 yen, deals on the shop's web channel, carts and orders. */
final class DealApi extends ShopApi {

    static final long REGULAR = 1980;

    DealApi(int port) {
        super(port);
    }

    String product(String prefix) {
        String sku = unique(prefix);
        ObjectNode body = JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", REGULAR);
        body.putObject("name").put("ja", "テント").put("en", "Tent");
        ok(post("/api/products", body));
        return sku;
    }

    static ObjectNode plan(String code, String sku, String channel, long price, int quantity, Instant startsAt,
                           Instant endsAt) {
        ObjectNode body = JSON.createObjectNode().put("code", code).put("sku", sku).put("price", price)
                .put("quantity", quantity).put("startsAt", startsAt.toString()).put("endsAt", endsAt.toString());
        body.putArray("channels").add(channel);
        return body;
    }

    JsonNode deal(String code) {
        return ok(get("/api/deals/" + code));
    }

    /**
     * Waits, with a bound, until the deal's timer has moved it to {@code status}. {@code wake} runs
     * before each look (the tests wake the scheduler's poller: a clock reset by an earlier test can
     * have put its next poll far ahead).
     */
    JsonNode awaitStatus(String code, String status, Runnable wake) {
        await("deal " + code + " " + status).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    wake.run();
                    return deal(code).path("status").asString().equals(status);
                });
        return deal(code);
    }

    Response hold(String code, String channel, int quantity, String customer, String segment) {
        ObjectNode body = JSON.createObjectNode().put("channel", channel).put("quantity", quantity)
                .put("customer", customer).put("holdFor", "PT15M");
        if (segment != null) body.put("segment", segment);
        return post("/api/deals/" + code + "/holds", body);
    }

    int ats(String sku, String channel) {
        return ok(get("/api/availability/" + sku + "?channel=" + channel)).path("ats").intValue();
    }

    /** An order of one line; {@code deal} null for regular stock. */
    Response order(String channel, String sku, int quantity, long unitPrice, String deal, String email) {
        ObjectNode body = orderBody(channel, "AUTHORIZED", sku, quantity);
        ObjectNode line = (ObjectNode) body.withArray("lines").get(0);
        line.put("unitPrice", unitPrice);
        if (deal != null) line.put("deal", deal);
        body.withObject("customer").put("email", email);
        return post("/api/orders", balancePayment(body));
    }

    static void assertProblem(Response r, int status, String type) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.type()).as(r.body()).endsWith(type);
    }
}

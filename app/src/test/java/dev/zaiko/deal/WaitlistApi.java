package dev.zaiko.deal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import dev.zaiko.support.ShopApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The API calls the waitlist tests make: a shop with a product, a live deal, holds and the waitlist. */
class WaitlistApi extends ShopApi {

    WaitlistApi(int port) {
        super(port);
    }

    String product() {
        String sku = unique("WL");
        ObjectNode body = JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 29800);
        body.putObject("name").put("ja", "ドームテント 2人用").put("en", "Dome tent for 2");
        ok(post("/api/products", body));
        return sku;
    }

    /** A deal of {@code quantity} units on the web shop, started now and LIVE. */
    String liveDeal(String sku, String channel, int quantity, Instant now) {
        String code = unique("SALE");
        ObjectNode plan = JSON.createObjectNode().put("code", code).put("sku", sku).put("price", 19800)
                .put("quantity", quantity).put("startsAt", now.minusSeconds(1).toString())
                .put("endsAt", now.plus(Duration.ofDays(2)).toString());
        plan.putArray("channels").add(channel);
        ok(post("/api/deals", plan));
        await("deal " + code + " live").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> "LIVE".equals(ok(get("/api/deals/" + code)).path("status").asString()));
        return code;
    }

    /** A buyer's cart hold on deal units; the reservation's id. */
    String hold(String deal, String channel, int quantity, String customer) {
        Response held = post("/api/deals/" + deal + "/holds", JSON.createObjectNode().put("channel", channel)
                .put("quantity", quantity).put("customer", customer).put("holdFor", "PT15M"));
        assertThat(held.status()).as(held.body()).isEqualTo(201);
        return held.json().path("id").asString();
    }

    Response join(String deal, String email, String locale, String channel) {
        return post("/api/deals/" + deal + "/waitlist", JSON.createObjectNode().put("email", email)
                .put("locale", locale).put("channel", channel));
    }

    JsonNode entry(String deal, String email) {
        for (JsonNode e : ok(get("/api/deals/" + deal + "/waitlist"))) {
            if (e.path("email").asString().equals(email)) return e;
        }
        throw new AssertionError(email + " is not in the waitlist of " + deal);
    }

    String status(String deal, String email) {
        return entry(deal, email).path("status").asString();
    }
}

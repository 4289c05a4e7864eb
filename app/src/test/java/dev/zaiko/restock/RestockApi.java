package dev.zaiko.restock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.zaiko.support.ShopApi;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The restock alert calls and checks of the tests. */
class RestockApi extends ShopApi {

    private final JdbcTemplate jdbc;

    RestockApi(int port, JdbcTemplate jdbc) {
        super(port);
        this.jdbc = jdbc;
    }

    String product(String prefix) {
        String sku = unique(prefix);
        ObjectNode body = JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 29800);
        body.putObject("name").put("ja", "ドームテント").put("en", "Dome tent");
        ok(post("/api/products", body));
        return sku;
    }

    /** Subscribes through the API (waiting at once); the subscription's id. */
    String subscribe(String sku, String channel, String email) {
        Response r = post("/api/restock-alerts", JSON.createObjectNode().put("sku", sku).put("channel", channel)
                .put("email", email).put("locale", "ja"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    String subscribeHeld(String sku, String channel, String email, String holdFor) {
        Response r = post("/api/restock-alerts", JSON.createObjectNode().put("sku", sku).put("channel", channel)
                .put("email", email).put("locale", "en").put("holdFor", holdFor));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    ObjectNode publicBody(String sku, String channel, String email, String locale) {
        return JSON.createObjectNode().put("sku", sku).put("channel", channel).put("email", email).put("locale", locale);
    }

    void tillSale(String sku, String location, int units) {
        ok(post("/api/stock/pos-sales", JSON.createObjectNode().put("sku", sku).put("location", location)
                .put("quantity", units)));
    }

    int ats(String sku, String channel) {
        return ok(get("/api/availability/" + sku + "?channel=" + channel)).path("ats").intValue();
    }

    /** The ids of the SKU's subscriptions in that status, in queue order. */
    List<String> inStatus(String sku, String status) {
        return jdbc.queryForList("select id::text from restock_subscription where sku = ? and status = ? order by place",
                String.class, sku, status);
    }

    String status(String id) {
        return jdbc.queryForObject("select status from restock_subscription where id = ?::uuid", String.class, id);
    }

    /** Recipients of the SKU's emails of one kind, oldest first. */
    List<String> emailed(String sku, String kind) {
        return jdbc.queryForList("select recipient from mail_outbox where reference = ? and kind = ? order by created_at, id",
                String.class, "restock:" + sku, kind);
    }

    /** The path of the first link of that kind in the latest email of that kind to the address. */
    String link(String email, String kind, String act) {
        List<String> texts = jdbc.queryForList("select body_text from mail_outbox where recipient = ? and kind = ? "
                + "order by created_at desc, id limit 1", String.class, email, kind);
        assertThat(texts).as("an email " + kind + " to " + email).hasSize(1);
        Matcher m = Pattern.compile("(/c/restock-alerts/" + act + "/[A-Za-z0-9_.\\-]+)").matcher(texts.get(0));
        assertThat(m.find()).as(texts.get(0)).isTrue();
        return m.group(1);
    }

    JsonNode demand(String sku) {
        return ok(get("/api/restock-alerts/demand?sku=" + sku));
    }
}

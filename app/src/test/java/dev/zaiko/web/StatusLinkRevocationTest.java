package dev.zaiko.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ShopApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Staff withdraw the order status links sent for an order: those die for good, the next one opens. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StatusLinkRevocationTest {

    private static final Pattern STATUS_LINK = Pattern.compile("id=\"status-link\"[^>]*value=\"[^\"]*(/o/[^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    ShopApi api;
    ConsoleBrowser staff;
    ConsoleBrowser customer;

    @BeforeEach
    void clients() {
        api = ConsoleBrowser.api(port);
        staff = ConsoleBrowser.signedIn(port);
        customer = ConsoleBrowser.anonymous(port);
    }

    String order() {
        ShopApi.Shop shop = api.shop();
        String sku = ShopApi.unique("LINK");
        ObjectNode product = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 1980);
        product.putObject("name").put("ja", "ソロテント").put("en", "Solo tent");
        api.ok(api.post("/api/products", product));
        api.sellable(sku, shop.warehouse(), 1);
        ObjectNode body = ShopApi.orderBody(shop.web(), "CAPTURED", sku, 1);
        body.put("externalRef", ShopApi.unique("cart"));
        ((ObjectNode) body.path("customer")).put("name", "佐藤 一郎").put("email", ShopApi.uniqueEmail());
        return api.ok(api.post("/api/orders", body)).path("orderNumber").asString();
    }

    /** The link the console's order page offers to send now. */
    String statusLink(String number) {
        Matcher m = STATUS_LINK.matcher(staff.page("/orders/" + number).body());
        assertThat(m.find()).as("the console shows the customer's link").isTrue();
        return m.group(1);
    }

    ShopApi withToken(String scope) {
        String token = api.ok(api.post("/api/access/tokens", ShopApi.JSON.createObjectNode()
                .put("name", ShopApi.unique("revoker")).put("scope", scope))).path("token").asString();
        ShopApi client = ConsoleBrowser.api(port);
        client.useToken(token);
        return client;
    }

    @Test
    void aRevokedStatusLinkShowsNothingAndAFreshOneOpens() {
        String number = order();
        String sent = statusLink(number);
        assertThat(customer.page(sent).status()).isEqualTo(200);

        Response readOnly = withToken("READ").post("/api/orders/" + number + "/status-link/revoke");
        assertThat(readOnly.status()).as("a read token may not revoke").isEqualTo(403);
        assertThat(customer.page(sent).status()).isEqualTo(200);

        JsonNode revoked = api.ok(api.post("/api/orders/" + number + "/status-link/revoke"));
        assertThat(revoked.path("orderNumber").asString()).isEqualTo(number);
        assertThat(revoked.path("revokedBy").asString()).isEqualTo("token:bootstrap");

        Response dead = customer.page(sent);
        assertThat(dead.status()).isEqualTo(410);
        assertThat(dead.body()).contains("このリンクは使えなくなりました").doesNotContain(number).doesNotContain("佐藤")
                .doesNotContain(number.replace("-", ""));
        assertThat(customer.page(sent + "?lang=en").body()).contains("This link no longer works");

        String fresh = statusLink(number);
        assertThat(fresh).isNotEqualTo(sent);
        assertThat(customer.page(fresh).status()).as("a link issued after the revocation").isEqualTo(200);
        assertThat(customer.page(sent).status()).as("the old one stays dead").isEqualTo(410);

        assertThat(jdbc.queryForList("select target from access_audit where route = ?", String.class,
                "POST /api/orders/{orderNumber}/status-link/revoke")).contains("orderNumber=" + number);
        assertThat(api.post("/api/orders/" + dev.zaiko.order.OrderNumber.random() + "/status-link/revoke").status())
                .as("no such order").isEqualTo(404);
    }

    @Test
    void staffRevokeTheLinksFromTheOrderPage() {
        String number = order();
        String sent = statusLink(number);
        assertThat(staff.page("/orders/" + number).body()).contains("これまでのリンクを無効にする");

        Response revoked = staff.postForm("/orders/" + number + "/status-link/revoke", Map.of());
        assertThat(revoked.status()).isEqualTo(302);
        assertThat(revoked.location()).contains("/orders/" + number + "?notice=statusLinkRevoked");
        Response page = staff.page("/orders/" + number + "?notice=statusLinkRevoked");
        assertThat(page.body()).contains("これまでにお送りしたリンクを無効にしました");

        assertThat(customer.page(sent).status()).isEqualTo(410);
        assertThat(customer.page(statusLink(number)).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select revoked_by from orders_status_link_revocation where order_number = ?",
                String.class, number.replace("-", ""))).isEqualTo("user:admin");
    }
}

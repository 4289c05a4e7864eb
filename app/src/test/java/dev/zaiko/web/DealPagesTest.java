package dev.zaiko.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ShopApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.node.ObjectNode;

/** Deals in the console: planned through the form, listed, watched as they sell, paused and ended. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DealPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    JobScheduler jobs;

    @Autowired
    java.time.Clock clock;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    ShopApi api;
    ShopApi browser;
    ShopApi.Shop shop;

    static final class Client extends ShopApi {
        Client(int port, boolean signedIn) {
            super(port);
            if (signedIn) useToken(null);
        }
    }

    @BeforeEach
    void signIn() {
        api = new Client(port, false);
        browser = new Client(port, true);
        browser.signIn("admin", "test-admin-password");
        browser.page("/deals?lang=ja");
        shop = api.shop();
    }

    @org.junit.jupiter.api.AfterEach
    void leaveNothingRunning() {
        dev.zaiko.support.NothingLeftRunning.settle(api, jdbc);
    }

    String product() {
        String sku = ShopApi.unique("DEALPAGE");
        ObjectNode body = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 1980);
        body.putObject("name").put("ja", "テント").put("en", "Tent");
        api.ok(api.post("/api/products", body));
        return sku;
    }

    @Test
    void anOperatorPlansADealInTheFormAndSeesItPlannedInJapanese() {
        String sku = product();
        String code = ShopApi.unique("FORM");
        LocalDateTime start = LocalDateTime.now(clock.withZone(ZoneId.of("Asia/Tokyo"))).plusDays(2).truncatedTo(ChronoUnit.MINUTES);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("code", code);
        form.put("sku", sku);
        form.put("channels", shop.web());
        form.put("price", "1500");
        form.put("quantity", "5");
        form.put("startsAt", start.toString());
        form.put("endsAt", start.plusHours(3).toString());
        form.put("memberSegment", "");
        form.put("perCustomerLimit", "2");

        Response saved = browser.postForm("/deals", form);

        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        var deal = api.ok(api.get("/api/deals/" + code));
        assertThat(deal.path("status").asString()).isEqualTo("PLANNED");
        assertThat(Instant.parse(deal.path("startsAt").asString()))
                .isEqualTo(start.atZone(ZoneId.of("Asia/Tokyo")).toInstant());
        assertThat(deal.path("perCustomerLimit").intValue()).isEqualTo(2);
        Response list = browser.page("/deals?status=PLANNED");
        assertThat(list.body()).contains("タイムセール").contains(code).contains("予定");

        form.put("code", ShopApi.unique("FORM"));
        form.put("channels", shop.marketplace());
        Response refused = browser.postForm("/deals", form);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("計画できませんでした").contains("自社チャネルだけを指定できます")
                .doesNotContain("is a marketplace");
    }

    @Test
    void theDealPageShowsHowItSellsAndPausesAndEndsIt() {
        String sku = product();
        api.sellable(sku, shop.warehouse(), 6);
        String code = ShopApi.unique("PAGE");
        ObjectNode plan = ShopApi.JSON.createObjectNode().put("code", code).put("sku", sku).put("price", 1500)
                .put("quantity", 4).put("startsAt", clock.instant().minusSeconds(5).toString())
                .put("endsAt", clock.instant().plus(Duration.ofDays(1)).toString());
        plan.putArray("channels").add(shop.web());
        api.ok(api.post("/api/deals", plan));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            jobs.checkForDueExecutions();
            return api.ok(api.get("/api/deals/" + code)).path("status").asString().equals("LIVE");
        });
        api.ok(api.post("/api/deals/" + code + "/holds", ShopApi.JSON.createObjectNode().put("channel", shop.web())
                .put("quantity", 1).put("customer", ShopApi.uniqueEmail())));

        Response page = browser.page("/deals/" + code + "?lang=en");
        assertThat(page.body()).contains("Deal " + code).contains("Live").contains("Held in carts")
                .containsPattern("data-count=\"held\"[^>]*>1<").containsPattern("data-count=\"remaining\"[^>]*>3<")
                .contains("Pause").contains("End now");

        assertThat(browser.postForm("/deals/" + code + "/pause", Map.of()).status()).isEqualTo(302);
        assertThat(api.ok(api.get("/api/deals/" + code)).path("status").asString()).isEqualTo("PAUSED");
        assertThat(browser.postForm("/deals/" + code + "/end", Map.of()).status()).isEqualTo(302);
        assertThat(api.ok(api.get("/api/deals/" + code)).path("status").asString()).isEqualTo("ENDED");
        assertThat(browser.page("/deals/" + code + "?lang=en").body()).contains("Ended").doesNotContain(">Pause<");
    }
}

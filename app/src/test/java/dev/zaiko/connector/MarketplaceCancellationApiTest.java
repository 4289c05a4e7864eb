package dev.zaiko.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.zaiko.platform.JobScheduler;
import dev.zaiko.refund.MarketplaceCancellationAsked;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stock-out decision cancels a line of a connected marketplace's order: the platform is told, and
 * the marketplace refund completes only on its confirmation (docs/connectors.md, "Cancellations").
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MarketplaceCancellationApiTest {

    static final Duration BOUND = Duration.ofSeconds(30);

    /** The platform in memory stands in for the real Shopify adapter (as in ConnectorApiTest: one context). */
    @TestBean(name = "shopifyConnector", methodName = "dev.zaiko.connector.FakePlatform#fakeShopify")
    PlatformConnector platform;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JobScheduler jobs;

    @Autowired
    CancellingOnThePlatform cancelling;

    ShopApi api;
    ShopApi.Shop shop;
    String channel;

    @BeforeEach
    void marketplace() {
        api = new ShopApi(port) {
        };
        shop = api.shop();
        channel = shop.marketplace();
    }

    @AfterEach
    void disconnect() {
        api.delete("/api/channels/" + channel + "/connector");
    }

    void connect() {
        ObjectNode body = ShopApi.JSON.createObjectNode().put("platform", "SHOPIFY").put("sandbox", true);
        body.putObject("settings").put("shopDomain", "example.myshopify.com");
        body.putObject("credentials").put("accessToken", "shpat_test");
        api.ok(api.put("/api/channels/" + channel + "/connector", body));
    }

    /** A sold-out item ordered on the marketplace: the line is short, and the decision cancels it. */
    record Cancelled(String number, String externalRef, String sku) {
    }

    Cancelled cancelledLine(int quantity) {
        String sku = ShopApi.unique("MC");
        ObjectNode product = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 2000);
        product.putObject("name").put("ja", "キャンセル用テント").put("en", "Cancellation tent");
        api.ok(api.post("/api/products", product));
        String externalRef = ShopApi.unique("503-") + "-7781234";
        ObjectNode order = ShopApi.JSON.createObjectNode().put("channel", channel).put("externalRef", externalRef);
        order.putObject("customer").put("name", "高橋 美咲").put("email", ShopApi.uniqueEmail()).put("locale", "ja");
        order.putObject("payment").put("method", "CREDIT_CARD").put("status", "CAPTURED");
        order.putArray("lines").addObject().put("sku", sku).put("quantity", quantity).put("unitPrice", 2000);
        String number = api.ok(api.post("/api/orders", ShopApi.balancePayment(order))).path("orderNumber").asString();
        JsonNode cases = api.ok(api.get("/api/stockouts?reason=ALLOCATION_FAILED&order=" + number)).path("items");
        api.ok(api.post("/api/stockouts/" + cases.get(0).path("id").asString() + "/decision",
                ShopApi.JSON.createObjectNode().put("choice", "CANCEL").put("decidedBy", "staff:connector-test")));
        return new Cancelled(number, externalRef, sku);
    }

    JsonNode refundWhen(String number, Predicate<JsonNode> condition) {
        List<JsonNode> last = new ArrayList<>();
        await("refund of " + number).atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode refunds = api.ok(api.get("/api/refunds?order=" + number)).path("refunds");
            if (refunds.size() != 1) return false;
            last.clear();
            last.add(refunds.get(0));
            return condition.test(refunds.get(0));
        });
        return last.get(0);
    }

    static Predicate<JsonNode> status(String status) {
        return r -> r.path("status").asString().equals(status);
    }

    Map<String, Object> cancellation(String number) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select * from connector_cancellation where order_number = ?", number);
        assertThat(rows).as("one cancellation of " + number).hasSize(1);
        return rows.get(0);
    }

    void awaitCancellation(String number, String status) {
        await("cancellation of " + number + " " + status).atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> status.equals(jdbc.query(
                        "select status from connector_cancellation where order_number = ?",
                        rs -> rs.next() ? rs.getString(1) : null, number)));
    }

    /** Runs the cancellation's next look now instead of after its wait, and waits until it is done. */
    void followNow(String number, int looksBefore) {
        TaskInstanceId execution = TaskInstanceId.of(CancellingOnThePlatform.TASK, number + "/1");
        await("the follow-up of " + number).atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> jobs.runNow(execution));
        await("look " + (looksBefore + 1) + " at " + number).atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> FakePlatform.shop(channel).followed.size() > looksBefore);
    }

    @Test
    void aCancelledMarketplaceLineIsSentToThePlatformAndItsRefundCompletesOnTheConfirmation() {
        connect();
        Cancelled c = cancelledLine(2);

        JsonNode refund = refundWhen(c.number(), status("COMPLETED"));
        assertThat(refund.path("route").asString()).isEqualTo("MARKETPLACE");
        List<PlatformClient.CancellationRequest> sent = FakePlatform.shop(channel).cancellations;
        assertThat(sent).hasSize(1);
        PlatformClient.CancellationRequest request = sent.get(0);
        assertThat(request.orderId()).as("the platform's order id").isEqualTo(c.externalRef());
        assertThat(request.sku()).isEqualTo(c.sku());
        assertThat(request.quantity()).isEqualTo(2);
        assertThat(request.idempotencyKey()).isEqualTo("zaiko-cancel:" + c.number() + ":1");
        Map<String, Object> row = cancellation(c.number());
        assertThat(row.get("status")).isEqualTo("CONFIRMED");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(row.get("cause")).isEqualTo("LINE_CANCELLED");
    }

    @Test
    void aPendingCancellationIsFollowedAndTheRefundCompletesOnlyWhenThePlatformConfirms() {
        connect();
        FakePlatform.Shop platform = FakePlatform.shop(channel);
        platform.cancelAnswers.add(pending("gid://shopify/Job/7"));
        platform.cancelAnswers.add(pending(null));
        Cancelled c = cancelledLine(1);

        awaitCancellation(c.number(), "PENDING");
        JsonNode refund = refundWhen(c.number(), status("PROCESSING"));
        assertThat(refund.path("route").asString()).isEqualTo("MARKETPLACE");
        Instant firstLook = ((java.sql.Timestamp) cancellation(c.number()).get("next_attempt_at")).toInstant();
        assertThat(firstLook).as("a look is scheduled").isNotNull();

        followNow(c.number(), 0);
        awaitCancellation(c.number(), "PENDING");
        Map<String, Object> row = cancellation(c.number());
        assertThat(row.get("attempts")).isEqualTo(2);
        assertThat(row.get("reference")).as("the reference is kept").isEqualTo("gid://shopify/Job/7");
        Instant secondLook = ((java.sql.Timestamp) row.get("next_attempt_at")).toInstant();
        assertThat(Duration.between(firstLook, secondLook)).as("the wait grows").isPositive();
        assertThat(refundWhen(c.number(), r -> true).path("status").asString())
                .as("still under way while the platform has not confirmed").isEqualTo("PROCESSING");

        followNow(c.number(), 1);
        refundWhen(c.number(), status("COMPLETED"));
        assertThat(platform.followed).containsExactly("gid://shopify/Job/7", "gid://shopify/Job/7");
        assertThat(platform.cancellations).as("sent once, then followed").hasSize(1);
        assertThat(cancellation(c.number()).get("status")).isEqualTo("CONFIRMED");
    }

    @Test
    void aRefusedCancellationFlagsTheRefundForAPerson() {
        connect();
        FakePlatform.shop(channel).cancelAnswers.add(new PlatformClient.CancellationOutcome(
                PlatformClient.CancellationOutcome.Status.REFUSED, null, "the order is already fulfilled"));
        Cancelled c = cancelledLine(1);

        JsonNode refund = refundWhen(c.number(), status("FAILED"));
        assertThat(refund.path("needsAttention").asBoolean()).isTrue();
        assertThat(refund.path("lastError").asString()).contains("the order is already fulfilled");
        assertThat(api.ok(api.get("/api/refunds?attention=true")).path("refunds").toString()).contains(c.number());
        Map<String, Object> row = cancellation(c.number());
        assertThat(row.get("status")).isEqualTo("REFUSED");
        assertThat(row.get("message")).isEqualTo("the order is already fulfilled");
    }

    @Test
    void aMarketplaceWithoutAConnectorIsRefundedAtOnceAsBefore() {
        Cancelled c = cancelledLine(1);

        JsonNode refund = refundWhen(c.number(), status("COMPLETED"));
        assertThat(refund.path("route").asString()).isEqualTo("MARKETPLACE");
        assertThat(jdbc.queryForObject("select count(*) from connector_cancellation where order_number = ?",
                Integer.class, c.number())).isZero();
        assertThat(FakePlatform.shop(channel).cancellations).isEmpty();
    }

    @Test
    void theSameCancellationAskedAgainIsSentOnce() {
        connect();
        Cancelled c = cancelledLine(1);
        JsonNode refund = refundWhen(c.number(), status("COMPLETED"));

        MarketplaceCancellationAsked again = new MarketplaceCancellationAsked(c.number(), channel, c.externalRef(), 1,
                c.sku(), 1, "LINE_CANCELLED", List.of(refund.path("id").asString()), Instant.now());
        cancelling.ask(again);
        cancelling.ask(again);

        assertThat(FakePlatform.shop(channel).cancellations).hasSize(1);
        Map<String, Object> row = cancellation(c.number());
        assertThat(row.get("status")).isEqualTo("CONFIRMED");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(refundWhen(c.number(), r -> true).path("status").asString()).isEqualTo("COMPLETED");
        await("no call left to make").atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject(
                "select count(*) from scheduled_tasks where task_name = ? and task_instance = ?", Integer.class,
                CancellingOnThePlatform.TASK, c.number() + "/1") == 0);
    }

    static PlatformClient.CancellationOutcome pending(String reference) {
        return new PlatformClient.CancellationOutcome(PlatformClient.CancellationOutcome.Status.PENDING, reference, null);
    }
}

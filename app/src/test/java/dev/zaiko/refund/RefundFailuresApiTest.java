package dev.zaiko.refund;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway declines or does not answer: the refund is tried again with a growing wait, then
 * flagged for a person; whatever happens, the money moves once and the books stay balanced.
 * (The test application allows {@code zaiko.refund.max-attempts} attempts: the default, 6.)
 */
class RefundFailuresApiTest extends RefundApiTestBase {

    @Autowired
    JobScheduler jobs;

    @Autowired
    RefundProperties properties;

    @Autowired
    RefundEventProbe events;

    String cancelledCardOrder(String reference, long price) {
        String sku = api.product(shop, price, 1);
        ObjectNode body = RefundApi.body(shop.web(), RefundApi.email(), sku, 1, price);
        body.withObject("payment").put("reference", reference);
        String number = api.place(body);
        api.cancelLine(number, 1, 1);
        return number;
    }

    /** The order's one refund, once its first attempt left it {@code status}. */
    JsonNode firstAttemptLeaves(String number, String status) {
        return api.until(number, r -> r.path("refunds").size() == 1
                && RefundApi.only(r, "PAYMENT").path("status").asString().equals(status)).path("refunds").get(0);
    }

    /** Runs the refund's next attempt now (it waits for its backoff otherwise) and waits until it was made. */
    JsonNode nextAttempt(String number, JsonNode refund) {
        int before = refund.path("attempts").asInt();
        TaskInstanceId execution = TaskInstanceId.of(RefundJobs.ATTEMPT_TASK, refund.path("id").asString());
        api.until(number, r -> {
            if (RefundApi.only(r, "PAYMENT").path("attempts").asInt() > before) return true;
            jobs.runNow(execution); // false while the execution runs: the next poll looks again
            return false;
        });
        return api.until(number, r -> !RefundApi.only(r, "PAYMENT").path("status").asString().equals("PROCESSING"))
                .path("refunds").get(0);
    }

    @Test
    void aDeclineIsRetriedWithAGrowingWaitThenFlaggedAndNothingIsPaid() {
        String reference = ShopApi.unique("decline");
        String number = cancelledCardOrder(reference, 3300);
        JsonNode refund = firstAttemptLeaves(number, "RETRYING");
        assertThat(refund.path("attempts").asInt()).isEqualTo(1);
        assertThat(refund.path("lastError").asString()).contains("issuer-unavailable");
        java.time.Instant first = java.time.Instant.parse(refund.path("nextAttemptAt").asString());

        refund = nextAttempt(number, refund);
        assertThat(refund.path("status").asString()).isEqualTo("RETRYING");
        java.time.Instant second = java.time.Instant.parse(refund.path("nextAttemptAt").asString());
        assertThat(java.time.Duration.between(clock.instant(), second))
                .as("the wait doubles").isGreaterThan(properties.firstRetryAfter());
        assertThat(second).isAfter(first);

        while (refund.path("status").asString().equals("RETRYING")) refund = nextAttempt(number, refund);

        assertThat(refund.path("status").asString()).isEqualTo("FAILED");
        assertThat(refund.path("attempts").asInt()).isEqualTo(properties.maxAttempts());
        assertThat(refund.path("needsAttention").asBoolean()).isTrue();
        assertThat(events.attention(number)).hasSize(1);
        assertThat(api.ok(api.get("/api/refunds?attention=true")).path("refunds").toString()).contains(number);
        assertThat(api.refundedAtGateway(reference)).isZero();
        // the money is owed and not on its way: the reconciliation shows it until a person settles it
        assertThat(api.reconciliation().path("differences").toString()).contains(number);

        // a person sends it off again: still declined, flagged again, never paid twice
        api.ok(api.post("/api/refunds/" + refund.path("id").asString() + "/retry",
                RefundApi.JSON.createObjectNode().put("by", "staff:suzuki")));
        JsonNode again = api.until(number, r -> RefundApi.only(r, "PAYMENT").path("attempts").asInt() >= 1
                && !RefundApi.only(r, "PAYMENT").path("status").asString().equals("REQUESTED")
                && !RefundApi.only(r, "PAYMENT").path("status").asString().equals("PROCESSING"));
        assertThat(RefundApi.only(again, "PAYMENT").path("status").asString()).isEqualTo("RETRYING");
        assertThat(api.refundedAtGateway(reference)).isZero();
    }

    @Test
    void aLostAnswerIsRetriedWithTheSameKeyAndTheMoneyMovesOnce() {
        String reference = ShopApi.unique("timeout-once");
        String number = cancelledCardOrder(reference, 5500);
        JsonNode refund = firstAttemptLeaves(number, "RETRYING");
        assertThat(refund.path("lastError").asString()).contains("timeout");
        assertThat(api.refundedAtGateway(reference))
                .as("the gateway moved the money before the answer got lost").isEqualTo(5500);

        refund = nextAttempt(number, refund);

        assertThat(refund.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(api.refundedAtGateway(reference)).as("once").isEqualTo(5500);
        api.reconciles(number);
    }

    @Test
    void aGatewayThatNeverAnswersIsFlaggedAndMovesNothing() {
        String reference = ShopApi.unique("timeout");
        String number = cancelledCardOrder(reference, 1200);
        JsonNode refund = firstAttemptLeaves(number, "RETRYING");
        while (refund.path("status").asString().equals("RETRYING")) refund = nextAttempt(number, refund);

        assertThat(refund.path("status").asString()).isEqualTo("FAILED");
        assertThat(api.refundedAtGateway(reference)).isZero();
    }

    @Test
    void aRefusalThatWillNotChangeIsFlaggedAtOnce() {
        String reference = ShopApi.unique("hard-decline");
        String number = cancelledCardOrder(reference, 1200);
        JsonNode refund = firstAttemptLeaves(number, "FAILED");
        assertThat(refund.path("attempts").asInt()).isEqualTo(1);
        assertThat(refund.path("lastError").asString()).contains("card-closed");
        assertThat(refund.path("customerText").asString()).contains("担当者");
    }
}

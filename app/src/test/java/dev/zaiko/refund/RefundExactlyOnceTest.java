package dev.zaiko.refund;

import static org.assertj.core.api.Assertions.assertThat;
import dev.zaiko.support.AllAtOnce;

import java.time.Instant;
import java.util.List;

import dev.zaiko.stockout.RefundRequested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The same request heard again, or by several instances at once, refunds once. */
class RefundExactlyOnceTest extends RefundApiTestBase {

    @Autowired
    RequestingRefunds requesting;

    @Test
    void aDuplicateRequestChangesNothing() throws Exception {
        String sku = api.product(shop, 2500, 2);
        String reference = RefundApi.unique("dup");
        ObjectNode body = RefundApi.body(shop.web(), RefundApi.email(), sku, 2, 2500);
        body.withObject("payment").put("reference", reference);
        String number = api.place(body);
        api.cancelLine(number, 1, 2);
        JsonNode first = RefundApi.only(api.settled(number, 1), "PAYMENT");

        List<Refund> again = requesting.request(new RefundRequested("case-replayed", number, 1, 5000, "JPY",
                RefundRequested.LINE_CANCELLED, 0, Instant.now()));

        assertThat(again).singleElement().satisfies(r -> assertThat(r.id().toString())
                .isEqualTo(first.path("id").asString()));
        assertThat(api.settled(number, 1).path("refunds")).hasSize(1);
        assertThat(api.gatewayPayment(reference).path("refunded").asLong()).isEqualTo(5000);
        api.reconciles(number);
    }

    @Test
    void eightMoreInstancesHearingTheSameRequestAtOnceRefundOnce() throws Exception {
        String email = RefundApi.email();
        String sku = api.product(shop, 3000, 1);
        api.grantPoints(email, 500, RefundApi.today().plusDays(30));
        String reference = RefundApi.unique("race");
        ObjectNode body = RefundApi.body(shop.web(), email, sku, 1, 3000);
        body.withObject("payment").put("reference", reference).put("pointsUsed", 500);
        String number = api.place(body);
        api.cancelLine(number, 1, 1); // its own request is on its way while eight more arrive
        RefundRequested request = new RefundRequested("case-raced", number, 1, 3000, "JPY",
                RefundRequested.LINE_CANCELLED, 0, Instant.now());

        for (List<Refund> refunds : AllAtOnce.run(8, () -> requesting.request(request))) {
            assertThat(refunds).hasSize(2);
        }

        JsonNode settled = api.settled(number, 2);
        assertThat(RefundApi.only(settled, "PAYMENT").path("amount").asLong()).isEqualTo(2500);
        assertThat(RefundApi.only(settled, "POINTS").path("amount").asLong()).isEqualTo(500);
        assertThat(api.gatewayPayment(reference).path("refunded").asLong()).isEqualTo(2500);
        assertThat(api.wallet(email).path("balances").path("points").asLong()).isEqualTo(500);
        api.reconciles(number);
    }
}

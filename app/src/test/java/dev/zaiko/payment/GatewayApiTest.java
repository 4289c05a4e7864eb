package dev.zaiko.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** The built-in gateway inside the application, and its development endpoints. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class GatewayApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PaymentGateway gateway;

    Client api;

    static final class Client extends ShopApi {
        Client(int port) {
            super(port);
        }
    }

    @BeforeEach
    void client() {
        api = new Client(port);
    }

    private String rows() {
        return jdbc.queryForObject("select (select count(*) from gateway_payment) || '/' || "
                + "(select count(*) from gateway_operation)", String.class);
    }

    private void assertProblem(ShopApi.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.type()).endsWith("/" + type);
        assertThat(response.detail()).isNotBlank();
    }

    @Test
    void theApplicationPaysThroughTheBuiltInGatewayUnlessGivenAnother() {
        assertThat(gateway).isInstanceOf(BuiltInGateway.class);
        assertThat(gateway.name()).isEqualTo("built-in");
    }

    @Test
    void aDeveloperAuthorisesAPaymentAndSeesItsBooks() {
        ShopApi.Response created = api.post("/api/gateway/payments",
                ShopApi.JSON.createObjectNode().put("method", "CREDIT_CARD").put("amount", 5000));
        JsonNode payment = api.ok(created);
        assertThat(created.status()).isEqualTo(201);
        String reference = payment.path("reference").asString();
        assertThat(reference).startsWith("pay_");
        assertThat(created.location()).isEqualTo("/api/gateway/payments/" + reference);
        assertThat(payment.path("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(payment.path("authorized").asLong()).isEqualTo(5000);
        assertThat(payment.path("voidable").asLong()).isEqualTo(5000);

        JsonNode captured = api.ok(api.post("/api/gateway/payments/" + reference + "/capture",
                ShopApi.JSON.createObjectNode().put("amount", 3000)));
        assertThat(captured.path("status").asString()).isEqualTo("CAPTURED");
        assertThat(captured.path("captured").asLong()).isEqualTo(3000);
        assertThat(captured.path("voidable").asLong()).isZero();
        assertThat(captured.path("refundable").asLong()).isEqualTo(3000);

        JsonNode read = api.ok(api.get("/api/gateway/payments/" + reference));
        assertThat(read.path("operations").findValuesAsString("operation")).containsExactly("AUTHORIZE", "CAPTURE");
    }

    @Test
    void aRefundThroughThePortShowsInTheBooksWithItsKey() throws GatewayException {
        String reference = GatewayFixture.unique("dev-pay");
        api.ok(api.post("/api/gateway/payments", ShopApi.JSON.createObjectNode().put("reference", reference)
                .put("method", "PAYPAY").put("amount", 1980).put("capture", true).put("orderNumber", "20261120000000017")));
        String key = GatewayFixture.unique("refund");
        gateway.refund(new GatewayPayment(reference, "PAYPAY", "PAID", 1980, "20261120000000017"), 980, key);

        JsonNode books = api.ok(api.get("/api/gateway/payments/" + reference));
        assertThat(books.path("orderNumber").asString()).isEqualTo("20261120000000017");
        assertThat(books.path("refunded").asLong()).isEqualTo(980);
        assertThat(books.path("refundable").asLong()).isEqualTo(1000);
        JsonNode refund = books.path("operations").get(2);
        assertThat(refund.path("operation").asString()).isEqualTo("REFUND");
        assertThat(refund.path("idempotencyKey").asString()).isEqualTo(key);
        assertThat(refund.path("transactionId").asString()).startsWith("gw_");
    }

    @Test
    void refusedRequestsAreProblemsAndChangeNothing() {
        String reference = GatewayFixture.unique("dev-pay");
        api.ok(api.post("/api/gateway/payments", ShopApi.JSON.createObjectNode().put("reference", reference)
                .put("method", "DEBIT_CARD").put("amount", 1000).put("capture", true)));
        String before = rows();

        assertProblem(api.post("/api/gateway/payments", ShopApi.JSON.createObjectNode().put("reference", reference)
                .put("method", "DEBIT_CARD").put("amount", 1000)), 409, "payment-exists");
        assertProblem(api.post("/api/gateway/payments", ShopApi.JSON.createObjectNode().put("method", "KONBINI")
                .put("amount", 1000)), 400, "unsupported-method");
        assertProblem(api.post("/api/gateway/payments", ShopApi.JSON.createObjectNode().put("method", "CREDIT_CARD")
                .put("amount", -1)), 400, "invalid-request");
        assertProblem(api.post("/api/gateway/payments", ShopApi.JSON.createObjectNode().put("amount", 1000)), 400,
                "invalid-request");
        assertProblem(api.post("/api/gateway/payments", ShopApi.JSON.createObjectNode().put("method", "CREDIT_CARD")
                .put("amount", 1000).put("reference", "two words")), 400, "invalid-request");
        assertProblem(api.post("/api/gateway/payments/" + reference + "/capture"), 409, "already-captured");
        assertProblem(api.get("/api/gateway/payments/" + GatewayFixture.unique("nothing")), 404, "not-found");
        assertProblem(api.post("/api/gateway/payments/" + GatewayFixture.unique("nothing") + "/capture"), 404,
                "not-found");

        assertThat(rows()).isEqualTo(before);
    }
}

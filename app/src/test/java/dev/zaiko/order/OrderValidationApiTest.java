package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.order;
import static dev.zaiko.order.OrderApi.today;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Every bad order is a 400 or 404 problem+json that writes nothing and reserves nothing. */
class OrderValidationApiTest extends OrderApiTestBase {

    String sku;

    @BeforeEach
    void setUp() {
        sku = api.product("VAL", false);
        api.sellable(sku, shop.warehouse(), 5);
        api.sellable(sku, shop.store(), 5);
    }

    private void invalid(String expectedInDetail, Consumer<ObjectNode> breakIt) {
        ObjectNode body = order(shop.web(), sku, 1);
        breakIt.accept(body);
        OrderApi.Response r = api.rejected(400, null, List.of(sku), () -> api.post("/api/orders", body));
        assertThat(r.detail()).as(body.toString()).contains(expectedInDetail);
    }

    @Test
    void aValidBodyIsAccepted() {
        // the baseline every invalid case below breaks in one place
        assertThat(api.post("/api/orders", order(shop.web(), sku, 1)).status()).isEqualTo(201);
    }

    @Test
    void everyFieldIsValidated() {
        invalid("channel", b -> b.remove("channel"));
        invalid("channel", b -> b.put("channel", " "));
        invalid("externalRef", b -> b.put("externalRef", "  "));
        invalid("externalRef", b -> b.put("externalRef", "x".repeat(101)));
        invalid("customer", b -> b.remove("customer"));
        invalid("customer.name", b -> b.withObject("customer").remove("name"));
        invalid("customer.email", b -> b.withObject("customer").remove("email"));
        invalid("customer.email", b -> b.withObject("customer").put("email", "hanako.example.jp"));
        invalid("customer.email", b -> b.withObject("customer").put("email", "hanako@example"));
        invalid("customer.phone", b -> b.withObject("customer").put("phone", "call me"));
        invalid("customer.locale", b -> b.withObject("customer").put("locale", "fr"));
        invalid("payment", b -> b.remove("payment"));
        invalid("payment.method", b -> b.withObject("payment").put("method", "BITCOIN"));
        invalid("payment.method", b -> b.withObject("payment").remove("method"));
        invalid("payment.status", b -> b.withObject("payment").put("status", "PENDING"));
        invalid("payment.status", b -> b.withObject("payment").remove("status"));
        invalid("payment.amount", b -> b.withObject("payment").remove("amount"));
        invalid("payment.amount", b -> b.withObject("payment").put("amount", -1));
        invalid("payment.pointsUsed", b -> b.withObject("payment").put("pointsUsed", -5));
        invalid("payment.giftBalanceUsed", b -> b.withObject("payment").put("giftBalanceUsed", -5));
        invalid("payment.couponCode", b -> b.withObject("payment").put("couponCode", " "));
        invalid("shippingFee", b -> b.put("shippingFee", -550));
        invalid("neededBy", b -> b.put("neededBy", today().minusDays(1).toString()));
        invalid("lines", b -> b.remove("lines"));
        invalid("lines", b -> b.putArray("lines"));
        invalid("lines", b -> {
            ArrayNode lines = b.putArray("lines");
            for (int i = 0; i < 101; i++) lines.addObject().put("sku", sku).put("quantity", 1).put("unitPrice", 100);
        });
        invalid("lines[0].quantity", b -> line(b).put("quantity", 0));
        invalid("lines[0].quantity", b -> line(b).put("quantity", -2));
        invalid("lines[0].quantity", b -> line(b).remove("quantity"));
        invalid("lines[0].unitPrice", b -> line(b).put("unitPrice", -1));
        invalid("lines[0].unitPrice", b -> line(b).remove("unitPrice"));
        invalid("lines[0].sku", b -> line(b).remove("sku"));
    }

    @Test
    void wrongJsonTypesAreRefused() {
        invalid("", b -> line(b).put("unitPrice", 19.8));         // whole yen only
        invalid("", b -> line(b).put("quantity", "2"));           // a number, not text
        invalid("", b -> b.put("neededBy", "next friday"));       // a date
        invalid("", b -> b.put("neededBy", "2026-02-30"));
        invalid("", b -> b.put("express", "yes"));
        invalid("", b -> b.put("unknownField", 1));
        OrderApi.Response r = api.rejected(400, null, List.of(sku), () -> api.post("/api/orders", "{not json"));
        assertThat(r.detail()).isNotBlank();
    }

    @Test
    void aHundredLinesAreAccepted() {
        ObjectNode body = order(shop.web(), sku, 1);
        ArrayNode lines = body.putArray("lines");
        for (int i = 0; i < 100; i++) lines.addObject().put("sku", sku).put("quantity", 1).put("unitPrice", 100);
        OrderApi.balancePayment(body);
        api.sellable(sku, shop.warehouse(), 100);
        assertThat(api.post("/api/orders", body).status()).isEqualTo(201);
    }

    @Test
    void anUnknownChannelOrSkuIsNotFoundAndNothingIsReserved() {
        OrderApi.Response channel = api.rejected(404, "not-found", List.of(sku),
                () -> api.post("/api/orders", order("NO-SUCH-CHANNEL", sku, 1)));
        assertThat(channel.detail()).contains("NO-SUCH-CHANNEL");

        // the known first line must not stay reserved when the second names an unknown SKU
        OrderApi.Response product = api.rejected(404, "not-found", List.of(sku),
                () -> api.post("/api/orders", order(shop.web(), sku, 1, "NO-SUCH-SKU", 1)));
        assertThat(product.detail()).contains("NO-SUCH-SKU").contains("line 2");
        OrderApi.Response marketplace = api.rejected(404, "not-found", List.of(sku),
                () -> api.post("/api/orders", order(shop.marketplace(), sku, 1, "NO-SUCH-SKU", 1)));
        assertThat(marketplace.detail()).contains("NO-SUCH-SKU");
    }

    private static ObjectNode line(ObjectNode body) {
        return (ObjectNode) body.withArray("lines").get(0);
    }
}

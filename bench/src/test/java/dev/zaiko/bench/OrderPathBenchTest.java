package dev.zaiko.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The order bench, tiny, against a real Zaiko: what it reports as correct must be correct. Speed
 * is not asserted; that is what the bench itself measures.
 */
class OrderPathBenchTest {

    private static final int CLIENTS = 16;

    private static ZaikoServer server;
    private static OrderShop shop;

    @BeforeAll
    static void startZaiko() throws Exception {
        server = ZaikoServer.start();
        shop = new OrderShop(server);
        shop.network();
    }

    @AfterAll
    static void stopZaiko() {
        if (server != null) server.close();
    }

    @Test
    void everyOrderOnTheHotSkuIsAllocatedAndAccountedFor() throws Exception {
        List<String> hot = shop.products("HOT-A", 1, 1_000);

        OrderPhase phase = OrderPathBench.orders("hot", server, shop, hot, 1_000,
                LoadDriver.Plan.attempts(CLIENTS, 300, 1));

        assertThat(phase.outcome().errors()).as(String.valueOf(phase.outcome().firstError())).isZero();
        assertThat(phase.outcome().attempts()).isEqualTo(300);
        assertThat(phase.outcome().succeeded()).isEqualTo(300);
        assertThat(phase.check().verdict()).isEqualTo("yes");
        assertThat(phase.check()).isEqualTo(new OrderCheck(1_000, 300, 300, 300, 300, 700, 300, true));
    }

    @Test
    void scarceStockIsSoldExactlyOnceAndTheRestRefusedOrAwaitingTheCustomer() throws Exception {
        List<String> scarce = shop.products("SCARCE", 1, 40);

        OrderPhase phase = OrderPathBench.orders("hot", server, shop, scarce, 40,
                LoadDriver.Plan.attempts(CLIENTS, 200, 1));

        // own checkouts beyond the stock get 409, marketplace orders are recorded with the line awaiting the customer
        assertThat(phase.outcome().errors()).as(String.valueOf(phase.outcome().firstError())).isZero();
        assertThat(phase.outcome().succeeded()).isEqualTo(40);
        assertThat(phase.outcome().refused()).isEqualTo(160);
        assertThat(phase.check()).isEqualTo(new OrderCheck(40, 40, 40, 40, 40, 0, 40, true));
        assertThat(phase.check().oversold()).isZero();
        assertThat(server.jdbc().queryForObject("select count(*) from orders_line where sku = ? "
                + "and status = 'AWAITING_CUSTOMER'", Long.class, scarce.get(0))).isBetween(1L, 160L);
    }

    @Test
    void ordersSpreadOverColdSkusAreAccountedForAcrossThemAll() throws Exception {
        List<String> cold = shop.products("COLD-A", 20, 100);

        OrderPhase phase = OrderPathBench.orders("cold", server, shop, cold, 100,
                LoadDriver.Plan.attempts(CLIENTS, 300, 1));

        assertThat(phase.outcome().errors()).as(String.valueOf(phase.outcome().firstError())).isZero();
        assertThat(phase.outcome().succeeded()).isEqualTo(300);
        assertThat(phase.check()).isEqualTo(new OrderCheck(2_000, 300, 300, 300, 300, 1_700, 300, true));
    }

    @Test
    void theEchoBaselineAnswersEveryOrderAndWritesNothing() throws Exception {
        List<String> sku = shop.products("ECHO", 1, 10);
        long ordersBefore = shop.orders();

        OrderPhase phase = OrderPathBench.echo(server, shop, sku, LoadDriver.Plan.attempts(CLIENTS, 300, 1));

        assertThat(phase.outcome().errors()).isZero();
        assertThat(phase.outcome().succeeded()).isEqualTo(300);
        assertThat(phase.check()).isNull();
        assertThat(shop.orders()).isEqualTo(ordersBefore);
    }

    @Test
    void theOrdersBalanceTheirPaymentExactly() {
        String body = new OrderTraffic("hot", server.baseUrl(), "/api/orders", List.of(OrderShop.WEB), List.of("X"),
                "ref-", OrderTraffic.client()).body(7, 3);

        // amount = quantity * unit price + shipping fee, with nothing paid in points, gift balance or coupons
        assertThat(body).contains("\"amount\":" + (3 * OrderTraffic.UNIT_PRICE + OrderTraffic.SHIPPING_FEE) + ",")
                .contains("\"pointsUsed\":0").contains("\"giftBalanceUsed\":0").doesNotContain("couponCode")
                .contains("\"shippingFee\":" + OrderTraffic.SHIPPING_FEE + ",")
                .contains("\"quantity\":3,\"unitPrice\":" + OrderTraffic.UNIT_PRICE);
    }
}

package dev.zaiko.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.zaiko.ZaikoApplication;
import dev.zaiko.support.Events;
import dev.zaiko.support.ShopApi;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whatever mix of orders, payments, cancellations, partial shipments and substitutions happens,
 * once the events are handled the reconciliation does not list the order: its refunds add up to
 * what it owes back. In an application of its own, whose reconciliation covers only these orders.
 */
class ReconciliationProperties {

    static ConfigurableApplicationContext app;
    static RefundApi api;
    static ShopApi.Shop shop;
    static JdbcTemplate jdbc;

    @BeforeContainer
    static void start() {
        Path dataDir = Path.of("target", "zaiko-test-data", "reconciliation-" + UUID.randomUUID());
        app = new SpringApplicationBuilder(ZaikoApplication.class).profiles("test")
                .run("--zaiko.data-dir=" + dataDir.toAbsolutePath(), "--server.port=0");
        api = new RefundApi(app.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
        shop = api.shop();
        jdbc = app.getBean(JdbcTemplate.class);
    }

    @AfterContainer
    static void stop() {
        if (app != null) app.close();
    }

    /** What happens to one line: 0 nothing, 1 cancel, 2 partial, 3 substitute (cheaper), 4 substitute (dearer). */
    record Line(int quantity, long unitPrice, int fate) {
    }

    /** @param payment 0 card captured, 1 card authorised, 2 debit, 3 PayPay, 4 konbini, 5 COD, 6 gift balance */
    record Scenario(boolean marketplace, int payment, boolean points, boolean coupon, long shippingFee,
                    List<Line> lines) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Line> line = Combinators.combine(Arbitraries.integers().between(1, 3),
                Arbitraries.longs().between(5, 60).map(p -> p * 100), Arbitraries.integers().between(0, 4)).as(Line::new);
        return Combinators.combine(Arbitraries.of(false, false, true), Arbitraries.integers().between(0, 6),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(0L, 0L, 550L, 880L),
                line.list().ofMinSize(1).ofMaxSize(3)).as(Scenario::new);
    }

    @Property(tries = 20)
    void refundsAlwaysAddUpToWhatIsOwed(@ForAll("scenarios") Scenario s) {
        String email = RefundApi.email();
        String purpose = ShopApi.unique("purpose").toLowerCase();
        ObjectNode body = RefundApi.body(s.marketplace() ? shop.marketplace() : shop.web(), email, "x", 1, 0);
        body.withArray("lines").removeAll();
        List<String> skus = new ArrayList<>();
        for (Line l : s.lines()) {
            String sku = product(purpose, l.unitPrice(), l.quantity());
            skus.add(sku);
            body.withArray("lines").addObject().put("sku", sku).put("quantity", l.quantity())
                    .put("unitPrice", l.unitPrice());
        }
        // substitutes serving the same purpose: one cheaper, one a little dearer (the shop absorbs it)
        long cheapest = s.lines().stream().mapToLong(Line::unitPrice).min().orElseThrow();
        product(purpose, Math.max(100, cheapest - 200), 10);
        product(purpose, cheapest + 100, 10);
        body.put("shippingFee", s.shippingFee());
        ObjectNode payment = body.withObject("payment");
        String[][] methods = {{"CREDIT_CARD", "CAPTURED"}, {"CREDIT_CARD", "AUTHORIZED"}, {"DEBIT_CARD", "CAPTURED"},
                {"PAYPAY", "CAPTURED"}, {"KONBINI", "PAID"}, {"COD", "UNPAID"}, {"GIFT_BALANCE", "PAID"}};
        payment.put("method", methods[s.payment()][0]).put("status", methods[s.payment()][1]);
        long total = s.shippingFee() + s.lines().stream().mapToLong(l -> l.quantity() * l.unitPrice()).sum();
        if (!s.marketplace()) {
            if (s.points() && total > 300) {
                api.grantPoints(email, 300, RefundApi.today().plusDays(30));
                payment.put("pointsUsed", 300);
                total -= 300;
            }
            if (s.coupon() && total > 200) {
                payment.put("couponCode", api.coupon(email, 200, RefundApi.today().plusDays(30)))
                        .put("couponDiscount", 200);
                total -= 200;
            }
            if (s.payment() == 6) api.creditGiftBalance(email, total, RefundApi.today().plusYears(1));
        }
        String number = api.place(body);

        for (int i = 0; i < s.lines().size(); i++) {
            Line l = s.lines().get(i);
            int lineNo = i + 1;
            switch (l.fate()) {
                case 1 -> api.decide(api.caseFor(number, lineNo, 0, l.quantity()), "CANCEL");
                case 2 -> {
                    // one unit passes and the rest are defective; a single unit can only be defective
                    String caseId = l.quantity() > 1 ? api.caseFor(number, lineNo, 1, l.quantity() - 1)
                            : api.caseFor(number, lineNo, 0, 1);
                    boolean partial = l.quantity() > 1 && api.ok(api.get("/api/stockouts/" + caseId)).path("options")
                            .toString().contains("\"PARTIAL\"");
                    api.decide(caseId, partial ? "PARTIAL" : "CANCEL");
                }
                case 3, 4 -> substitute(number, lineNo, l, l.fate() == 3);
                default -> {
                }
            }
        }

        Events.awaitHandled(jdbc, number);
        api.until(number, r -> RefundApi.all(r, x -> List.of("COMPLETED", "AWAITING_ACCOUNT")
                .contains(x.path("status").asString())));
        Events.awaitHandled(jdbc, number);
        // this order only: one failing try leaves its order behind, and shrinking must not blame the next ones
        JsonNode report = api.reconciliation();
        for (JsonNode d : report.path("differences")) {
            assertThat(d.path("orderNumber").asString()).as(report.toString()).isNotEqualTo(number);
        }
        JsonNode refunds = api.refunds(number);
        assertThat(refunds.path("totals").path("refunded").asLong())
                .isEqualTo(refunds.path("totals").path("due").asLong());
        for (JsonNode r : refunds.path("refunds")) assertThat(r.path("amount").asLong()).isPositive();
    }

    static String product(String purpose, long price, int units) {
        String sku = ShopApi.unique("RP");
        ObjectNode p = RefundApi.JSON.createObjectNode().put("sku", sku).put("category", "refund-prop")
                .put("price", price);
        p.putObject("name").put("ja", "検証用品 " + price).put("en", "Check item " + price);
        p.putArray("purposeTags").add(purpose);
        api.ok(api.post("/api/products", p));
        api.sellable(sku, shop.warehouse(), units);
        return sku;
    }

    /** The whole line is found defective; the customer takes the cheapest (or dearest) substitute offered, else cancels. */
    static void substitute(String number, int lineNo, Line l, boolean cheaper) {
        String caseId = api.caseFor(number, lineNo, 0, l.quantity());
        JsonNode c = api.ok(api.get("/api/stockouts/" + caseId));
        JsonNode chosen = null;
        for (JsonNode o : c.path("options")) {
            if (!o.path("choice").asString().equals("SUBSTITUTE")) continue;
            for (JsonNode candidate : o.path("substitutes")) {
                if (chosen == null || (cheaper ? candidate.path("listPrice").asLong() < chosen.path("listPrice").asLong()
                        : candidate.path("listPrice").asLong() > chosen.path("listPrice").asLong())) {
                    chosen = candidate;
                }
            }
        }
        if (chosen == null) {
            api.decide(caseId, "CANCEL");
            return;
        }
        api.ok(api.post("/api/stockouts/" + caseId + "/decision", RefundApi.JSON.createObjectNode()
                .put("choice", "SUBSTITUTE").put("substituteSku", chosen.path("sku").asString())
                .put("decidedBy", "staff:property")));
    }
}

package dev.zaiko.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The canonical form: how the JSON is written never matters, what it asks for always does. */
class RequestFingerprintProperties {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final OrderNumber NUMBER = OrderNumber.random();

    @Provide
    Arbitrary<OrderRequest> requests() {
        Arbitrary<OrderRequest.Customer> customer = Combinators.combine(
                Arbitraries.of("山田 花子", "Taro Sato", "鈴木 一郎"),
                Arbitraries.of("hanako@example.jp", "taro@example.com"),
                Arbitraries.of("090-1234-5678", null),
                Arbitraries.of("ja", "en", null)).as(OrderRequest.Customer::new);
        Arbitrary<OrderRequest.Payment> payment = Combinators.combine(
                Arbitraries.of("CREDIT_CARD", "KONBINI", "COD"), Arbitraries.of("AUTHORIZED", "PAID"),
                Arbitraries.longs().between(0, 100_000), Arbitraries.longs().between(0, 500).injectNull(0.3),
                Arbitraries.of("SPRING10", null), Arbitraries.longs().between(0, 500).injectNull(0.3),
                Arbitraries.longs().between(0, 500).injectNull(0.3), Arbitraries.of("ch_1", null))
                .as(OrderRequest.Payment::new);
        Arbitrary<OrderRequest.Line> line = Combinators.combine(Arbitraries.of("TENT", "LAMP", "STOVE"),
                Arbitraries.integers().between(1, 5), Arbitraries.longs().between(0, 30_000))
                .as(OrderRequest.Line::new);
        return Combinators.combine(customer, payment, Arbitraries.of(true, false).injectNull(0.3),
                Arbitraries.of(true, false).injectNull(0.3), Arbitraries.of(LocalDate.of(2030, 1, 2), null),
                Arbitraries.longs().between(0, 1000).injectNull(0.3), line.list().ofMinSize(1).ofMaxSize(4))
                .as((c, p, express, gift, neededBy, fee, lines) -> new OrderRequest("WEB", "cart-1", c, p, express, null,
                        gift, null, neededBy, fee, lines));
    }

    @Property(tries = 200)
    void fieldOrderSpacesAndSpelledOutDefaultsDoNotChangeTheFingerprint(@ForAll("requests") OrderRequest request,
                                                                     @ForAll long seed) {
        ObjectNode tree = JSON.valueToTree(request);
        spellOutDefaults(tree);
        ((ObjectNode) tree.get("customer")).put("name", "  " + request.customer().name() + " ");
        String rewritten = JSON.writeValueAsString(shuffled(tree, new Random(seed)));
        OrderRequest reread = JSON.readValue(rewritten, OrderRequest.class);

        RequestFingerprint a = RequestFingerprint.of(request, NUMBER);
        RequestFingerprint b = RequestFingerprint.of(reread, NUMBER);

        assertThat(b.hash()).as(rewritten).isEqualTo(a.hash());
        assertThat(a.differencesFrom(b)).isEmpty();
    }

    @Property(tries = 200)
    void anyChangeOfWhatIsAskedForChangesTheFingerprintAndIsNamed(@ForAll("requests") OrderRequest request,
                                                               @ForAll @IntRange(max = 8) int which) {
        ObjectNode tree = JSON.valueToTree(request);
        String path = switch (which) {
            case 0 -> set(tree, "customer", "email", "other@example.jp");
            case 1 -> set(tree, "payment", "amount", request.payment().amount() + 1);
            case 2 -> set(tree, "payment", "method", request.payment().method().equals("PAYPAY") ? "COD" : "PAYPAY");
            case 3 -> {
                ((ObjectNode) tree.get("lines").get(0)).put("quantity", request.lines().get(0).quantity() + 1);
                yield "lines[0].quantity";
            }
            case 4 -> {
                tree.withArray("lines").addObject().put("sku", "EXTRA").put("quantity", 1).put("unitPrice", 1);
                yield "lines";
            }
            case 5 -> {
                tree.put("express", !Boolean.TRUE.equals(request.express()));
                yield "express";
            }
            case 6 -> {
                tree.put("shippingFee", (request.shippingFee() == null ? 0 : request.shippingFee()) + 10);
                yield "shippingFee";
            }
            case 7 -> set(tree, "payment", "couponDiscount",
                    (request.payment().couponDiscount() == null ? 0 : request.payment().couponDiscount()) + 1);
            default -> set(tree, "customer", "name", request.customer().name() + "子");
        };
        OrderRequest changed = JSON.treeToValue(tree, OrderRequest.class);

        RequestFingerprint a = RequestFingerprint.of(request, NUMBER);
        RequestFingerprint b = RequestFingerprint.of(changed, NUMBER);

        assertThat(b.hash()).isNotEqualTo(a.hash());
        assertThat(a.differencesFrom(b)).containsExactly(path);
    }

    @Property(tries = 50)
    void theFormHoldsNoPersonalDataAndNotTheKey(@ForAll("requests") OrderRequest request) {
        String form = RequestFingerprint.of(request, NUMBER).form();
        assertThat(form).doesNotContain(request.customer().name()).doesNotContain(request.customer().email())
                .doesNotContain("cart-1").doesNotContain("WEB");
        if (request.customer().phone() != null) assertThat(form).doesNotContain(request.customer().phone());
        assertThat(form).contains("\"customer\"").contains("sha256:");
        if (request.neededBy() != null) assertThat(form).contains("\"neededBy\":\"2030-01-02\"");
    }

    private static String set(ObjectNode tree, String object, String field, Object value) {
        ObjectNode o = (ObjectNode) tree.get(object);
        if (value instanceof Long l) o.put(field, l);
        else o.put(field, (String) value);
        return object + "." + field;
    }

    private static void spellOutDefaults(ObjectNode tree) {
        for (String flag : List.of("express", "gift", "b2b")) if (tree.get(flag).isNull()) tree.put(flag, false);
        if (tree.get("shippingFee").isNull()) tree.put("shippingFee", 0);
        ObjectNode payment = (ObjectNode) tree.get("payment");
        for (String amount : List.of("pointsUsed", "giftBalanceUsed", "couponDiscount")) {
            if (payment.get(amount).isNull()) payment.put(amount, 0);
        }
        ObjectNode customer = (ObjectNode) tree.get("customer");
        if (customer.get("locale").isNull()) customer.put("locale", "ja");
    }

    private static JsonNode shuffled(JsonNode node, Random random) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.propertyNames());
            Collections.shuffle(names, random);
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (String name : names) copy.set(name, shuffled(node.get(name), random));
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(shuffled(item, random)));
            return copy;
        }
        return node;
    }
}

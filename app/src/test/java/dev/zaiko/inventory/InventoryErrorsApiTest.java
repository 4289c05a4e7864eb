package dev.zaiko.inventory;

import static dev.zaiko.inventory.InventoryApi.adjustment;
import static dev.zaiko.inventory.InventoryApi.inbound;
import static dev.zaiko.inventory.InventoryApi.inspection;
import static dev.zaiko.inventory.InventoryApi.protection;
import static dev.zaiko.inventory.InventoryApi.receipt;
import static dev.zaiko.inventory.InventoryApi.reservation;
import static dev.zaiko.inventory.InventoryApi.tillSale;
import static dev.zaiko.inventory.InventoryApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every refusal of the inventory API: 404 for unknown SKUs, locations and channels, 400 for
 * bad bodies, 409 for state conflicts. Each one is problem+json with a detail, and after each
 * one every inventory table is exactly as it was (InventoryApi.rejected), and so is the SKU's
 * stock and ledger as the API shows them.
 */
class InventoryErrorsApiTest extends InventoryApiTestBase {

    /** The POST endpoints that change stock, with a valid body for each. */
    static final List<String> STOCK_POSTS = List.of("/api/stock/receipts", "/api/stock/inspections",
            "/api/stock/adjustments", "/api/stock/pos-sales");

    InventoryApi.Shop shop;
    String sku;
    String inFuture;

    @BeforeEach
    void setUp() {
        shop = api.shop();
        sku = api.newProduct("ERR");
        api.sellable(sku, shop.store(), 3);
        api.ok(api.post("/api/stock/receipts", receipt(sku, shop.store(), 2)));
        api.ok(api.post("/api/reservations", reservation(shop.web(), sku, 1, "ORDER-KEEP")));
        inFuture = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(10).toString();
    }

    /** Valid bodies for every endpoint that takes a SKU in its body. */
    private Map<String, ObjectNode> validBodies(String forSku) {
        Map<String, ObjectNode> bodies = new LinkedHashMap<>();
        bodies.put("/api/stock/receipts", receipt(forSku, shop.store(), 1));
        bodies.put("/api/stock/inspections", inspection(forSku, shop.store(), 1, 0));
        bodies.put("/api/stock/pos-sales", tillSale(forSku, shop.store(), 1));
        bodies.put("/api/stock/adjustments", adjustment(forSku, shop.store(), 10, "cycle count"));
        bodies.put("/api/reservations", reservation(shop.web(), forSku, 1, "ORDER-X"));
        bodies.put("/api/inbounds", inbound(forSku, shop.store(), 1, inFuture));
        bodies.put("/api/protections", protection("STORE_KEEPS", shop.store(), forSku, 1, null));
        return bodies;
    }

    /** Rejected, and the SKU's stock, ledger and lists look exactly as before through the API too. */
    /** What a refused request must leave as it was: the SKU's stock, movements, inbounds and the store's protections. */
    private List<JsonNode> state() {
        return List.of(api.stock(sku), api.movements(sku), api.ok(api.get("/api/inbounds?sku=" + sku)),
                api.ok(api.get("/api/protections?location=" + shop.store())));
    }

    /** The state after the last refusal: the next one starts from it, as nothing in between may change it. */
    private List<JsonNode> lastState;

    private InventoryApi.Response refused(int status, String type, Supplier<InventoryApi.Response> request) {
        List<JsonNode> before = lastState != null ? lastState : state();
        InventoryApi.Response response = api.rejected(status, type, request);
        List<JsonNode> after = state();
        assertThat(after).as("stock, movements, inbounds and protections after a refused request").isEqualTo(before);
        lastState = after;
        return response;
    }

    @Test
    void validBodiesAreAccepted() {
        // the bodies the tests below break must themselves be good, or the tests prove nothing
        validBodies(sku).forEach((path, body) ->
                assertThat(api.post(path, body).status()).as(path + " " + body).isBetween(200, 201));
    }

    @Test
    void anUnknownSkuIsNotFoundOnEveryEndpointThatTakesOne() {
        String ghost = unique("GHOST");
        validBodies(ghost).forEach((path, body) -> {
            InventoryApi.Response response = refused(404, "not-found", () -> api.post(path, body));
            assertThat(response.detail()).as(path).contains(ghost);
        });
        for (String path : List.of("/api/stock/" + ghost, "/api/stock/" + ghost + "/movements",
                "/api/availability/" + ghost + "?channel=" + shop.web())) {
            InventoryApi.Response response = refused(404, "not-found", () -> api.get(path));
            assertThat(response.detail()).as(path).contains(ghost);
        }
    }

    @Test
    void anUnknownLocationIsNotFound() {
        String nowhere = unique("NOWHERE");
        validBodies(sku).forEach((path, body) -> {
            if (!body.has("location")) return;
            InventoryApi.Response response = refused(404, "not-found",
                    () -> api.post(path, body.deepCopy().put("location", nowhere)));
            assertThat(response.detail()).as(path).contains(nowhere);
        });
    }

    @Test
    void anUnknownChannelIsNotFound() {
        String nobody = unique("NOCHANNEL");
        InventoryApi.Response reserve = refused(404, "not-found",
                () -> api.post("/api/reservations", reservation(nobody, sku, 1, "O")));
        assertThat(reserve.detail()).contains(nobody);
        InventoryApi.Response availability = refused(404, "not-found",
                () -> api.get("/api/availability/" + sku + "?channel=" + nobody));
        assertThat(availability.detail()).contains(nobody);
        refused(404, "not-found",
                () -> api.get("/api/availability/" + unique("GHOST") + "?channel=" + nobody));
    }

    @Test
    void zeroAndNegativeQuantitiesAreRejected() {
        Map<String, List<String>> counts = new LinkedHashMap<>();
        counts.put("/api/stock/receipts", List.of("quantity"));
        counts.put("/api/stock/inspections", List.of("passed", "failed"));
        counts.put("/api/stock/adjustments", List.of("countedSellable"));
        counts.put("/api/stock/pos-sales", List.of("quantity"));
        counts.put("/api/reservations", List.of("quantity"));
        counts.put("/api/inbounds", List.of("quantity"));
        counts.put("/api/protections", List.of("quantity"));
        Map<String, ObjectNode> bodies = validBodies(sku);
        counts.forEach((path, fields) -> {
            for (String field : fields) {
                // a count or an inspection result may be zero; a quantity to move may not
                boolean zeroAllowed = !field.equals("quantity");
                for (int bad : zeroAllowed ? new int[] {-1, -1000} : new int[] {0, -1, -1000}) {
                    InventoryApi.Response response = refused(400, "invalid-request",
                            () -> api.post(path, bodies.get(path).deepCopy().put(field, bad)));
                    assertThat(response.detail()).as(path + " " + field + "=" + bad).contains(field);
                }
                InventoryApi.Response tooMany = refused(400, "invalid-request",
                        () -> api.post(path, bodies.get(path).deepCopy().put(field, 1_000_001)));
                assertThat(tooMany.detail()).contains(field);
            }
        });
        InventoryApi.Response nothingInspected = refused(400, "invalid-request",
                () -> api.post("/api/stock/inspections", inspection(sku, shop.store(), 0, 0)));
        assertThat(nothingInspected.detail()).contains("passed + failed");
    }

    @Test
    void missingAndBlankFieldsAreRejected() {
        Map<String, List<String>> required = new LinkedHashMap<>();
        required.put("/api/stock/receipts", List.of("sku", "location", "quantity"));
        required.put("/api/stock/inspections", List.of("sku", "location", "passed", "failed"));
        required.put("/api/stock/adjustments", List.of("sku", "location", "countedSellable", "reason"));
        required.put("/api/stock/pos-sales", List.of("sku", "location", "quantity"));
        required.put("/api/reservations", List.of("channel", "sku", "quantity"));
        required.put("/api/inbounds", List.of("sku", "location", "quantity", "expectedOn"));
        required.put("/api/protections", List.of("kind", "location", "quantity"));
        Map<String, ObjectNode> bodies = validBodies(sku);
        required.forEach((path, fields) -> {
            for (String field : fields) {
                ObjectNode missing = bodies.get(path).deepCopy();
                missing.remove(field);
                InventoryApi.Response response = refused(400, "invalid-request", () -> api.post(path, missing));
                assertThat(response.detail()).as(path + " without " + field).contains(field);
                ObjectNode isNull = bodies.get(path).deepCopy();
                isNull.putNull(field);
                refused(400, "invalid-request", () -> api.post(path, isNull));
                if (bodies.get(path).get(field).isString() && !field.equals("kind") && !field.equals("expectedOn")) {
                    refused(400, "invalid-request", () -> api.post(path, bodies.get(path).deepCopy().put(field, " ")));
                }
            }
        });
    }

    @Test
    void wrongTypesAndMalformedJsonAreUnreadable() {
        validBodies(sku).forEach((path, body) -> {
            String text = body.toString();
            for (String broken : List.of(text.substring(0, text.length() - 1), text + "}", "{" + text,
                    text.replace("\"sku\"", "sku"), "[" + text + "]", "null", "\"text\"", "42", "")) {
                refused(400, null, () -> api.post(path, broken));
            }
            for (Map.Entry<String, JsonNode> field : body.properties()) {
                if (field.getValue().isNumber()) {
                    for (String wrong : List.of("\"three\"", "true", "[1]", "{\"n\":1}", "1e10", "99999999999")) {
                        refused(400, "unreadable-request",
                                () -> api.post(path, text.replace("\"" + field.getKey() + "\":" + field.getValue(),
                                        "\"" + field.getKey() + "\":" + wrong)));
                    }
                }
            }
        });
        refused(400, "unreadable-request", () -> api.post("/api/stock/pos-sales",
                tillSale(sku, shop.store(), 1).put("force", "yes")));
        refused(400, "unreadable-request", () -> api.post("/api/inbounds",
                inbound(sku, shop.store(), 1, "2030/01/15")));
        refused(400, "unreadable-request", () -> api.post("/api/inbounds",
                inbound(sku, shop.store(), 1, "2030-02-30")));
        refused(400, "unreadable-request", () -> api.post("/api/protections",
                protection("STORE_KEEPS", shop.store(), sku, 1, null).put("kind", "KEEP_ALL")));
    }

    @Test
    void tooLongTextsAreRejected() {
        refused(400, "invalid-request", () -> api.post("/api/stock/receipts",
                receipt(sku, shop.store(), 1).put("reference", "r".repeat(201))));
        refused(400, "invalid-request", () -> api.post("/api/stock/adjustments",
                adjustment(sku, shop.store(), 1, "x".repeat(501))));
        refused(400, "invalid-request", () -> api.post("/api/reservations",
                reservation(shop.web(), sku, 1, "h".repeat(201))));
        refused(400, "invalid-request", () -> api.post("/api/reservations",
                reservation(shop.web(), sku, 1, "h").put("segment", "s".repeat(65))));
        refused(400, "invalid-request", () -> api.post("/api/inbounds",
                inbound(sku, shop.store(), 1, inFuture).put("reference", "r".repeat(201))));
    }

    @Test
    void notEnoughStockIsAConflict() {
        InventoryApi.Response reserve = refused(409, "insufficient-stock",
                () -> api.post("/api/reservations", reservation(shop.web(), sku, 3, "ORDER-BIG")));
        assertThat(reserve.json().path("available").intValue()).isEqualTo(2);
        assertThat(reserve.detail()).contains("only 2 available");

        InventoryApi.Response till = refused(409, "insufficient-stock",
                () -> api.post("/api/stock/pos-sales", tillSale(sku, shop.store(), 4).put("force", true)));
        assertThat(till.json().path("sellable").intValue()).isEqualTo(3);
        assertThat(till.detail()).contains("Only 3");

        refused(409, "not-enough-inspecting",
                () -> api.post("/api/stock/inspections", inspection(sku, shop.store(), 2, 1)));
    }

    @Test
    void aTillSaleAtAWarehouseIsABadRequest() {
        api.sellable(sku, shop.warehouse(), 2);

        InventoryApi.Response response = refused(400, "invalid-request",
                () -> api.post("/api/stock/pos-sales", tillSale(sku, shop.warehouse(), 1)));

        assertThat(response.detail()).contains("WAREHOUSE");
        refused(400, "invalid-request",
                () -> api.post("/api/stock/pos-sales", tillSale(sku, shop.warehouse(), 1).put("force", true)));
    }

    @Test
    void badReservationIdsAndStatusFilters() {
        String unknown = "01a20066-0000-7000-8000-000000000000";
        refused(404, "not-found", () -> api.get("/api/reservations/" + unknown));
        refused(404, "not-found", () -> api.post("/api/reservations/" + unknown + "/release"));
        refused(404, "not-found", () -> api.post("/api/reservations/" + unknown + "/commit"));
        for (String bad : List.of("42", "not-a-uuid")) {
            refused(400, "invalid-request", () -> api.get("/api/reservations/" + bad));
            refused(400, "invalid-request", () -> api.post("/api/reservations/" + bad + "/release"));
            refused(400, "invalid-request", () -> api.post("/api/reservations/" + bad + "/commit"));
        }
        refused(400, "invalid-request", () -> api.get("/api/reservations?status=OPEN&sku=" + sku));
        refused(400, null, () -> api.get("/api/reservations?sku=" + sku));
        refused(400, null, () -> api.get("/api/availability/" + sku));
    }

    @Test
    void badProtectionIdsAndRules() {
        refused(404, "not-found", () -> api.get("/api/protections/987654321"));
        refused(404, "not-found", () -> api.delete("/api/protections/987654321"));
        refused(400, null, () -> api.get("/api/protections/abc"));
        refused(400, null, () -> api.delete("/api/protections/abc"));
        InventoryApi.Response noSegment = refused(400, "invalid-request", () -> api.post("/api/protections",
                protection("MEMBER_QUOTA", shop.store(), sku, 1, null)));
        assertThat(noSegment.detail()).contains("segment");
        refused(400, "invalid-request", () -> api.post("/api/protections",
                protection("MEMBER_QUOTA", shop.store(), sku, 1, "  ")));
        InventoryApi.Response strayed = refused(400, "invalid-request", () -> api.post("/api/protections",
                protection("ONLINE_ONLY", shop.store(), sku, 1, "GOLD")));
        assertThat(strayed.detail()).contains("MEMBER_QUOTA");
    }

    @Test
    void anInboundInThePastIsRejected() {
        String yesterday = LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(1).toString();
        InventoryApi.Response response = refused(400, "invalid-request",
                () -> api.post("/api/inbounds", inbound(sku, shop.store(), 1, yesterday)));
        assertThat(response.detail()).contains(yesterday);
    }
}

package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.zaiko.support.AllAtOnce;
import dev.zaiko.support.ProcessLevelTest;
import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ZaikoOnOneDataDirectory;
import dev.zaiko.support.ZaikoProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JVM dies between reserving an order's units and recording the order (the fault point
 * {@code after-reserve-before-order} halts it as kill -9 would). The reservations it made are
 * durable and belong to no order. After a restart, the sweep releases them once their hold
 * ({@code zaiko.inventory.reservation-hold}, 20 s here) has run out: the units are on sale again,
 * exactly once, and the ledger is consistent.
 */
@ProcessLevelTest
class StrandedReservationCrashTest {

    static final int UNITS = 10;
    static final Duration HOLD = Duration.ofSeconds(20);
    static final String[] SHORT_HOLD = {"--zaiko.inventory.reservation-hold=" + HOLD.toSeconds() + "s",
            "--zaiko.inventory.reservation-sweep-every=1s", "--zaiko.jobs.polling-interval=1s"};

    @RegisterExtension
    final ZaikoOnOneDataDirectory zaikos = new ZaikoOnOneDataDirectory("stranded");

    private ZaikoProcess start(String... extra) {
        List<String> args = new ArrayList<>(List.of(SHORT_HOLD));
        args.addAll(List.of(extra));
        return zaikos.start(args.toArray(String[]::new));
    }

    @Test
    void unitsReservedForOrdersThatACrashKeptFromBeingRecordedGoBackOnSaleOnceAfterTheHold() throws Exception {
        ZaikoProcess first = start("--zaiko.faults.halt-at=after-reserve-before-order").awaitUp();
        ShopApi api = first.api();
        ShopApi.Shop shop = api.shop();
        String sku = ShopApi.unique("STRAND");
        ObjectNode product = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 9800);
        product.putObject("name").put("ja", "テント").put("en", "Tent");
        api.ok(api.post("/api/products", product));
        api.sellable(sku, shop.warehouse(), UNITS);

        // four buyers at once: every order reserves, and the first to be recorded halts the JVM
        List<Callable<Integer>> buyers = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            buyers.add(() -> {
                try {
                    return first.api().post("/api/orders", ShopApi.orderBody(shop.web(), "AUTHORIZED", sku, 2)).status();
                } catch (RuntimeException connectionLost) {
                    return -1;
                }
            });
        }
        List<Integer> answers = AllAtOnce.run(buyers);
        assertThat(answers).as("no order was acknowledged").doesNotContain(201);
        assertThat(first.awaitExit()).isEqualTo(137);
        assertThat(first.log()).contains("Fault point 'after-reserve-before-order' reached");

        ZaikoProcess second = start().awaitUp();
        ShopApi after = second.api();
        int reservedBeforeTheCrash = 0;
        for (JsonNode m : after.ok(after.get("/api/stock/" + sku + "/movements"))) {
            if (m.path("kind").asString().equals("RESERVE")) reservedBeforeTheCrash += m.path("quantity").intValue();
        }
        assertThat(reservedBeforeTheCrash).as("units reserved for orders that were never recorded")
                .isGreaterThanOrEqualTo(2);

        // no sleeping: poll until the sweep has released them; the books add up at every look
        await("stranded units on sale again").atMost(HOLD.plus(Duration.ofSeconds(30)))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    JsonNode level = warehouse(after, sku, shop.warehouse());
                    assertThat(level.path("sellable").intValue() + level.path("reserved").intValue())
                            .as("sellable + reserved = stock").isEqualTo(UNITS);
                    return level.path("reserved").intValue() == 0;
                });
        int expired = 0;
        for (JsonNode m : after.ok(after.get("/api/stock/" + sku + "/movements"))) {
            if (m.path("kind").asString().equals("RELEASE")) {
                assertThat(m.path("reason").asString()).isEqualTo("hold expired");
                expired += m.path("quantity").intValue();
            }
        }
        assertThat(expired).as("released once, each").isEqualTo(reservedBeforeTheCrash);
        JsonNode consistency = after.ok(after.get("/api/stock/consistency"));
        assertThat(consistency.path("consistent").asBoolean()).as(consistency.toString()).isTrue();
        assertThat(consistency.path("strayReservations").size()).isZero();

        // every unit is sold once: five orders of two take all ten, a sixth finds none
        for (int i = 0; i < UNITS / 2; i++) {
            JsonNode placed = after.ok(after.post("/api/orders", ShopApi.orderBody(shop.web(), "AUTHORIZED", sku, 2)));
            assertThat(placed.path("lines").get(0).path("status").asString()).isEqualTo("ALLOCATED");
        }
        assertThat(after.post("/api/orders", ShopApi.orderBody(shop.web(), "AUTHORIZED", sku, 1)).status())
                .isEqualTo(409);
        JsonNode level = warehouse(after, sku, shop.warehouse());
        assertThat(level.path("reserved").intValue()).isEqualTo(UNITS);
        assertThat(level.path("sellable").intValue()).isZero();
        JsonNode end = after.ok(after.get("/api/stock/consistency"));
        assertThat(end.path("consistent").asBoolean()).as(end.toString()).isTrue();
    }

    private static JsonNode warehouse(ShopApi api, String sku, String location) {
        for (JsonNode l : api.ok(api.get("/api/stock/" + sku)).path("locations")) {
            if (l.path("location").asString().equals(location)) return l;
        }
        throw new AssertionError("no stock of " + sku + " at " + location);
    }
}

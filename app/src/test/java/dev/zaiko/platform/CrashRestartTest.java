package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.zaiko.support.ProcessLevelTest;
import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ZaikoOnOneDataDirectory;
import dev.zaiko.support.ZaikoProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

/**
 * kill -9 of the JVM alone, as the OOM killer does it: Zaiko runs as a process of its own on a
 * data directory of its own, takes reservations from several buyers at once, and is killed in the
 * middle of them. Its PostgreSQL keeps running (its watchdog is killed too, the worst case). The
 * next start on the same directory stops that orphan, comes up, and has every reservation it
 * acknowledged.
 */
@ProcessLevelTest
class CrashRestartTest {

    @RegisterExtension
    final ZaikoOnOneDataDirectory zaikos = new ZaikoOnOneDataDirectory("run");

    private ZaikoProcess start() {
        return zaikos.start();
    }

    @Test
    void aZaikoKilledDuringAFlashSaleStartsAgainOnTheSameDataWithEveryAcknowledgedReservationAndNeverSharesIt() throws Exception {
        ZaikoProcess first = start().awaitUp();
        ShopApi api = first.api();
        ShopApi.Shop shop = api.shop();
        String sku = ShopApi.unique("FLASH");
        ObjectNode product = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 9800);
        product.putObject("name").put("ja", "テント").put("en", "Tent");
        api.ok(api.post("/api/products", product));
        api.sellable(sku, shop.warehouse(), 400);

        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicBoolean selling = new AtomicBoolean(true);
        ExecutorService buyers = Executors.newFixedThreadPool(4);
        for (int b = 0; b < 4; b++) {
            int buyer = b;
            buyers.submit(() -> {
                ShopApi client = first.api();
                for (int i = 0; i < 100 && selling.get(); i++) {
                    try {
                        ShopApi.Response r = client.post("/api/reservations", ShopApi.JSON.createObjectNode()
                                .put("channel", shop.web()).put("sku", sku).put("quantity", 1)
                                .put("holder", "FLASH-" + buyer + "-" + i));
                        if (r.status() == 201) acknowledged.add(r.json().path("id").asString());
                    } catch (RuntimeException connectionLost) {
                        return; // the server died under this request: it was not acknowledged
                    }
                }
            });
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> acknowledged.size() >= 40);
        first.children().forEach(ProcessHandle::destroyForcibly); // the database watchdog dies with it
        first.kill();
        selling.set(false);
        buyers.shutdown();
        assertThat(buyers.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        assertThat(zaikos.postgres()).as("the killed Zaiko's PostgreSQL is still running").isPresent();

        ZaikoProcess second = start().awaitUp();

        assertThat(second.log()).contains("is still running on").contains("stopping it before starting a new one");
        ShopApi after = second.api();
        for (String id : acknowledged) {
            assertThat(after.ok(after.get("/api/reservations/" + id)).path("status").asString())
                    .as("reservation " + id).isEqualTo("OPEN");
        }
        var consistency = after.ok(after.get("/api/stock/consistency"));
        assertThat(consistency.path("consistent").asBoolean()).as(consistency.toString()).isTrue();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(40);

        // while it runs, the data directory is its alone
        ZaikoProcess third = start();
        assertThat(third.awaitExit()).isNotZero();
        assertThat(third.log()).contains("Another Zaiko is using the data directory").contains(String.valueOf(second.pid()));
        assertThat(second.health()).as("the running one carries on").isEqualTo(200);

        // killed with its watchdog alive, its PostgreSQL does not linger
        long postgres = zaikos.postgres().orElseThrow().pid();
        second.kill();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ProcessHandle.of(postgres).map(p -> !p.isAlive()).orElse(true));
    }
}

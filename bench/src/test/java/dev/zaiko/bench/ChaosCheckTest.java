package dev.zaiko.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The crash harness's checks are not fooled: on a Zaiko that was never killed, a client's book
 * that does not match what Zaiko holds (a reservation released behind the client's back, an order
 * the client was told about that Zaiko never recorded, a unit the client thinks was received) is
 * reported as lost, not passed.
 */
class ChaosCheckTest {

    @Test
    void whatZaikoDoesNotHoldAsTheClientWasToldIsReportedLost() throws Exception {
        Path work = Files.createTempDirectory("zaiko-chaos-check");
        try (ZaikoProcess zaiko = ZaikoProcess.start(work.resolve("data"), work.resolve("logs"),
                List.of("--zaiko.payment.gateway=built-in")).awaitUp(Duration.ofMinutes(3))) {
            ChaosClient client = new ChaosClient(zaiko.baseUrl());
            ChaosBook book = new ChaosBook();
            ChaosRun.setUp(client, book, 10);
            String id = client.ok(client.post("/api/reservations",
                    "{\"channel\":\"WEB\",\"sku\":\"AMPLE-1\",\"quantity\":2,\"holder\":\"check\"}"), "reserve")
                    .path("id").asString();
            book.reservations.put(id, new ChaosBook.Reservation(id, "AMPLE-1", 2));
            client.ok(client.post("/api/reservations/" + id + "/release", "{}"), "release behind the book's back");
            ChaosBook.Order ghost = new ChaosBook.Order("GHOST-1", ChaosLoad.orderBody("GHOST-1", "AMPLE-2", 1),
                    "AMPLE-2", false);
            ghost.number = "2026-0000001";
            book.orders.put(ghost.ref, ghost);
            book.received("SCARCE", 1);

            ChaosCheck.Result result = new ChaosCheck(client, book, Duration.ofSeconds(5), Duration.ofSeconds(10)).run();

            assertThat(result.lost()).isEqualTo(2);
            assertThat(result.failures()).anyMatch(f -> f.contains("reservation " + id + " is RELEASED, acknowledged as OPEN"))
                    .anyMatch(f -> f.contains("GHOST-1") && f.contains("made a new order"))
                    .anyMatch(f -> f.startsWith("SCARCE: received 11 but on hand 10"));
            assertThat(result.feedConvergence()).as("the feed itself agrees").isNotNull();
        } finally {
            ChaosRun.delete(work);
        }
    }
}

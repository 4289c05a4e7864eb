package dev.zaiko.stockout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import dev.zaiko.ZaikoApplication;
import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.Jobs;
import dev.zaiko.support.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * The customer's time runs out while the application is down: after the restart the durable job
 * applies the shop's default, once. Two applications, one after the other, on one data directory
 * (as {@code ./zaiko} run twice). Costs two extra application starts.
 */
class DefaultDecisionAcrossRestartTest {

    static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(ZaikoApplication.class).profiles("test")
                .run("--zaiko.data-dir=" + dataDir.toAbsolutePath(), "--server.port=0");
    }

    static StockoutApi api(ConfigurableApplicationContext app) {
        return new StockoutApi(app.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    @Test
    void aCaseWhoseTimeRanOutWhileTheShopWasDownIsDecidedByDefaultOnceAfterTheRestart() {
        Path dataDir = Path.of("target", "zaiko-test-data", "default-decision-" + UUID.randomUUID());
        try {
            String id;
            String number;
            try (ConfigurableApplicationContext first = start(dataDir)) {
                StockoutApi api = api(first);
                StockoutApi.Shop shop = api.shop();
                String sku = api.product("TIMER");
                number = api.ok(api.post("/api/orders", StockoutApi.order(shop.marketplace(), sku, 2)))
                        .path("orderNumber").asString();
                id = api.casesOf(number, "ALLOCATION_FAILED").get(0).path("id").asString();
                assertThat(api.ok(api.get("/api/stockouts/" + id)).path("status").asString()).isEqualTo("OPEN");
            }

            try (ConfigurableApplicationContext second = start(dataDir)) {
                StockoutApi api = api(second);
                MovableClock clock = second.getBean(MovableClock.class);
                JobScheduler jobs = second.getBean(JobScheduler.class);
                clock.advance(Duration.ofDays(7).plusHours(1));

                Jobs.runRecurring(jobs, clock, StockoutJobs.DEFAULT_DECISIONS);
                JsonNode decided = api.ok(api.get("/api/stockouts/" + id));
                assertThat(decided.path("status").asString()).isEqualTo("RESOLVED");
                assertThat(decided.path("decision").path("choice").asString()).isEqualTo("CANCEL");
                assertThat(decided.path("decision").path("byDefault").asBoolean()).isTrue();
                assertThat(api.ok(api.get("/api/orders/" + number)).path("lines").get(0).path("status").asString())
                        .isEqualTo("CANCELLED");

                Jobs.runRecurring(jobs, clock, StockoutJobs.DEFAULT_DECISIONS);
                JsonNode again = api.ok(api.get("/api/stockouts/" + id));
                assertThat(again.path("decision")).as("decided once, not again").isEqualTo(decided.path("decision"));
                assertThat(again.path("history").size()).isEqualTo(decided.path("history").size());
            }
        } finally {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
    }
}

package dev.zaiko.order;

import static dev.zaiko.order.DurableEventsApiTest.DISPLACED_LINES;
import static dev.zaiko.order.DurableEventsApiTest.casesOf;
import static dev.zaiko.order.DurableEventsApiTest.publication;
import static dev.zaiko.order.DurableEventsApiTest.refuseHistoryOf;
import static dev.zaiko.order.OrderApi.JSON;
import static dev.zaiko.order.OrderApi.digits;
import static dev.zaiko.order.OrderApi.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zaiko.ZaikoApplication;
import dev.zaiko.support.Events;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * An event whose listener failed is still there after the application restarts, and the restart
 * hands it over again. Two applications, one after the other, on one data directory (as
 * {@code ./zaiko} run twice); in between, with the application down, the cause of the failure
 * goes away. Costs two extra application starts.
 */
class EventsAcrossRestartTest {

    static ConfigurableApplicationContext start(Path dataDir) {
        // command-line arguments: they outrank application-test.properties' own data directory
        return new SpringApplicationBuilder(ZaikoApplication.class).profiles("test")
                .run("--zaiko.data-dir=" + dataDir.toAbsolutePath(), "--server.port=0");
    }

    static OrderApi api(ConfigurableApplicationContext app) {
        return new OrderApi(app.getEnvironment().getRequiredProperty("local.server.port", Integer.class),
                app.getBean(JdbcTemplate.class));
    }

    @Test
    void anEventWhoseListenerFailedBeforeARestartIsHandledAfterIt() throws Exception {
        Path dataDir = Path.of("target", "zaiko-test-data", "restart-" + UUID.randomUUID());
        try {
            failThenRestart(dataDir);
        } finally {
            FileSystemUtils.deleteRecursively(dataDir);
        }
    }

    private void failThenRestart(Path dataDir) throws Exception {
        String sku;
        String number;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            OrderApi api = api(first);
            OrderApi.Shop shop = api.shop();
            sku = api.product("RESTART", false);
            api.sellable(sku, shop.store(), 1);
            number = api.ok(api.post("/api/orders", order(shop.marketplace(), sku, 1))).path("orderNumber").asString();
            Events.awaitHandled(jdbc, sku);
            refuseHistoryOf(jdbc, number);

            api.ok(api.post("/api/stock/pos-sales", JSON.createObjectNode().put("sku", sku)
                    .put("location", shop.store()).put("quantity", 1).put("force", true)));
            await("the displacement's listener failed").atMost(Events.BOUND).pollInterval(Duration.ofMillis(20))
                    .until(() -> "FAILED".equals(publication(jdbc, DISPLACED_LINES, sku).get("status")));
        }

        // the application is down; its database files remain
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).start()) {
            JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
            assertThat(publication(jdbc, DISPLACED_LINES, sku).get("completion_date")).as("still outstanding").isNull();
            assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where picked", Integer.class))
                    .as("the job scheduler stopped cleanly: no execution left picked").isZero();
            assertThat(lineStatus(jdbc, number)).isEqualTo("ALLOCATED");
            jdbc.execute("drop trigger orders_test_refuse_" + digits(number) + " on orders_status_history");
        }

        try (ConfigurableApplicationContext second = start(dataDir)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            OrderApi api = api(second);
            Events.awaitHandled(jdbc, sku);

            JsonNode o = api.ok(api.get("/api/orders/" + number));
            assertThat(o.path("lines").get(0).path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
            assertThat(casesOf(jdbc, number, "DISPLACED")).isEqualTo(1);
            Map<String, Object> done = publication(jdbc, DISPLACED_LINES, sku);
            assertThat(done.get("status")).isEqualTo("COMPLETED");
            // the recurring jobs were kept, not scheduled a second time
            List<Map<String, Object>> recurring = jdbc.queryForList("select task_name, count(*) as n "
                    + "from scheduled_tasks group by task_name");
            assertThat(recurring).isNotEmpty().allSatisfy(r -> assertThat(((Number) r.get("n")).intValue())
                    .as(String.valueOf(r.get("task_name"))).isEqualTo(1));
            assertThat(recurring).extracting(r -> r.get("task_name")).contains("event-publications-retry",
                    "event-publications-cleanup", AnnouncingAgedBackorders.TASK);
        }
    }

    static String lineStatus(JdbcTemplate jdbc, String number) {
        return jdbc.queryForObject("select status from orders_line where order_number = ? and line_no = 1", String.class,
                digits(number));
    }
}

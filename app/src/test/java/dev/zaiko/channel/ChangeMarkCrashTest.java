package dev.zaiko.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.zaiko.support.ProcessLevelTest;
import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ZaikoOnOneDataDirectory;
import dev.zaiko.support.ZaikoProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Zaiko that dies right after a reservation batch committed, before it told channel sync in
 * memory: the next start still brings the marketplace's feed to the stock that is left, because
 * the batch's change mark committed with the batch.
 */
@ProcessLevelTest
class ChangeMarkCrashTest {

    @RegisterExtension
    final ZaikoOnOneDataDirectory zaikos = new ZaikoOnOneDataDirectory("mark");

    private ZaikoProcess start(String... properties) {
        return zaikos.start(properties);
    }

    @Test
    void aZaikoKilledRightAfterAReservationCommittedShowsTheMarketplaceTheStockLeftAfterItsRestart() {
        // armed for the first engine batch; setting up (receipt, inspection) does not go through the engine
        ZaikoProcess armed = start("--zaiko.faults.halt-at=after-batch-commit").awaitUp();
        ShopApi api = armed.api();
        ShopApi.Shop shop = api.shop();
        String sku = ShopApi.unique("CRASH-MARK");
        ObjectNode product = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 29800)
                .put("lowStockThreshold", 2);
        product.putObject("name").put("ja", "テント").put("en", "Tent");
        api.ok(api.post("/api/products", product));
        api.sellable(sku, shop.store(), 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> ats(api, shop.marketplace(), sku) == 5);

        Integer answered = null;
        try {
            answered = api.post("/api/reservations", ShopApi.JSON.createObjectNode().put("channel", shop.marketplace())
                    .put("sku", sku).put("quantity", 2).put("holder", "CRASH-BUYER")).status();
        } catch (RuntimeException connectionLost) {
            // the JVM halted with the batch committed and the answer unsent
        }
        assertThat(answered).as("the reservation is never answered").isNull();
        assertThat(armed.awaitExit()).isEqualTo(137);
        assertThat(armed.log()).contains("Fault point 'after-batch-commit' reached");

        ZaikoProcess restarted = start().awaitUp();
        ShopApi after = restarted.api();
        await().atMost(Duration.ofSeconds(10)).until(() -> ats(after, shop.marketplace(), sku) == 3);
        assertThat(ats(after, shop.web(), sku)).as("the web shop sells from the same shelf").isEqualTo(3);
        JsonNode availability = after.ok(after.get("/api/availability/" + sku + "?channel=" + shop.marketplace()));
        assertThat(availability.path("ats").intValue()).as("the reservation committed before the crash").isEqualTo(3);
    }

    /** The SKU's ATS in the channel's feed, or -1 without an entry. */
    static int ats(ShopApi api, String channel, String sku) {
        JsonNode feed = api.ok(api.get("/api/channels/" + channel + "/feed?after=0&limit=1000"));
        for (JsonNode e : feed.path("entries")) {
            if (e.path("sku").asString().equals(sku)) return e.path("ats").intValue();
        }
        return -1;
    }
}

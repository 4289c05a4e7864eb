package dev.zaiko.inventory;

import static dev.zaiko.inventory.InventoryApi.object;
import static dev.zaiko.inventory.InventoryApi.reservation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A channel's cart hold: how long a reservation on it is held when the cart does not say
 * ({@code holdFor} left out). A channel without one uses the shop's default hold
 * ({@code zaiko.inventory.reservation-hold}, ten years in the tests).
 */
class ChannelCartHoldApiTest extends InventoryApiTestBase {

    InventoryApi.Shop shop;
    final List<String> carts = new ArrayList<>();

    @BeforeEach
    void setUp() {
        shop = api.shop();
    }

    @AfterEach
    void noCartLeftHeld() {
        for (String id : carts) api.ok(api.post("/api/reservations/" + id + "/release"));
    }

    /** How long the reservation is held, from when it was made. */
    Duration heldFor(String channel, String sku, String holdFor) {
        var body = reservation(channel, sku, 1, "cart-1");
        if (holdFor != null) body.put("holdFor", holdFor);
        JsonNode r = api.ok(api.post("/api/reservations", body));
        carts.add(r.path("id").asString());
        return Duration.between(Instant.parse(r.path("createdAt").asString()),
                Instant.parse(r.path("expiresAt").asString()));
    }

    @Test
    void aCartWithoutHoldForIsHeldForItsChannelsCartHoldAndOtherChannelsKeepTheShopsDefault() {
        String sku = api.newProduct("CARTHOLD");
        api.sellable(sku, shop.warehouse(), 5);
        api.sellable(sku, shop.store(), 5);
        assertThat(api.ok(api.get("/api/channels/" + shop.web())).path("cartHold").isNull()).isTrue();

        JsonNode set = api.ok(api.put("/api/channels/" + shop.web() + "/cart-hold", object().put("cartHold", "PT10M")));

        assertThat(set.path("cartHold").asString()).isEqualTo("PT10M");
        assertThat(api.ok(api.get("/api/channels/" + shop.web())).path("cartHold").asString()).isEqualTo("PT10M");
        assertThat(heldFor(shop.web(), sku, null)).isEqualTo(Duration.ofMinutes(10));
        assertThat(heldFor(shop.web(), sku, "PT2M")).as("a cart that says wins").isEqualTo(Duration.ofMinutes(2));
        assertThat(heldFor(shop.marketplace(), sku, null)).as("the shop's default").isEqualTo(Duration.ofDays(3650));

        api.ok(api.put("/api/channels/" + shop.web() + "/cart-hold", object().putNull("cartHold")));
        assertThat(heldFor(shop.web(), sku, null)).isEqualTo(Duration.ofDays(3650));
    }

    @Test
    void aChannelCanBeAddedWithItsCartHold() {
        String code = InventoryApi.unique("CART");
        var body = object().put("code", code).put("kind", "OWN").put("cartHold", "PT20M");
        body.putArray("locations").add(shop.warehouse());
        assertThat(api.ok(api.post("/api/channels", body)).path("cartHold").asString()).isEqualTo("PT20M");
        String sku = api.newProduct("CARTHOLD");
        api.sellable(sku, shop.warehouse(), 1);
        assertThat(heldFor(code, sku, null)).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void aCartHoldOutsideOneSecondToSevenDaysIsRefusedNamingTheFieldAndChangesNothing() {
        api.ok(api.put("/api/channels/" + shop.web() + "/cart-hold", object().put("cartHold", "PT10M")));
        for (String bad : List.of("PT0S", "P8D", "soon", "-PT5M")) {
            InventoryApi.Response refused = api.put("/api/channels/" + shop.web() + "/cart-hold",
                    object().put("cartHold", bad));
            InventoryApi.assertProblem(refused, 400, "invalid-hold");
            assertThat(refused.json().path("field").asString()).as(bad).isEqualTo("cartHold");
        }
        assertThat(api.ok(api.get("/api/channels/" + shop.web())).path("cartHold").asString()).isEqualTo("PT10M");
        InventoryApi.assertProblem(api.put("/api/channels/NO-SUCH-CHANNEL/cart-hold", object().put("cartHold", "PT1M")),
                404, null);
    }
}

package dev.zaiko.inventory;

import static dev.zaiko.inventory.InventoryApi.channel;
import static dev.zaiko.inventory.InventoryApi.location;
import static dev.zaiko.inventory.InventoryApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** POST/GET /api/locations and /api/channels. */
class NetworkApiTest extends InventoryApiTestBase {

    @Test
    void createsALocationAndReadsItBackAloneAndInTheList() {
        String code = unique("WH");

        InventoryApi.Response created = api.post("/api/locations",
                InventoryApi.object().put("code", code).put("kind", "WAREHOUSE").put("name", "  Tokyo DC  "));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).endsWith("/api/locations/" + code);
        JsonNode location = created.json();
        assertThat(location.path("code").asString()).isEqualTo(code);
        assertThat(location.path("kind").asString()).isEqualTo("WAREHOUSE");
        assertThat(location.path("name").asString()).isEqualTo("Tokyo DC");

        InventoryApi.Response read = api.get("/api/locations/" + code);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(location);
        assertThat(codes(api.ok(api.get("/api/locations")))).contains(code);
        assertThat(api.ok(api.get("/api/locations"))).contains(location);
    }

    @Test
    void everyLocationKindIsAccepted() {
        for (String kind : List.of("WAREHOUSE", "STORE", "SUPPLIER")) {
            String code = unique(kind.substring(0, 3));
            assertThat(api.post("/api/locations", location(code, kind)).status()).isEqualTo(201);
            assertThat(api.ok(api.get("/api/locations/" + code)).path("kind").asString()).isEqualTo(kind);
        }
    }

    @Test
    void createsAChannelWithItsPoolInOrderOnlineByDefault() {
        String warehouse = unique("WH");
        String store = unique("ST");
        api.ok(api.post("/api/locations", location(warehouse, "WAREHOUSE")));
        api.ok(api.post("/api/locations", location(store, "STORE")));
        String code = unique("WEB");

        InventoryApi.Response created = api.post("/api/channels", channel(code, "OWN", null, store, warehouse));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).endsWith("/api/channels/" + code);
        JsonNode web = created.json();
        assertThat(web.path("code").asString()).isEqualTo(code);
        assertThat(web.path("kind").asString()).isEqualTo("OWN");
        assertThat(web.path("name").asString()).isEqualTo("Channel " + code);
        assertThat(web.path("online").booleanValue()).isTrue();
        assertThat(web.path("locations").toString()).isEqualTo("[\"" + store + "\",\"" + warehouse + "\"]");
        assertThat(api.ok(api.get("/api/channels/" + code))).isEqualTo(web);
        assertThat(api.ok(api.get("/api/channels"))).contains(web);
    }

    @Test
    void aTillChannelIsOfflineAndANamelessChannelIsNamedByItsCode() {
        String store = unique("ST");
        api.ok(api.post("/api/locations", location(store, "STORE")));
        String till = unique("TILL");
        String amazon = unique("AMZ");
        ObjectNode nameless = channel(amazon, "MARKETPLACE", true, store);
        nameless.remove("name");

        JsonNode tillChannel = api.ok(api.post("/api/channels", channel(till, "OWN", false, store)));
        JsonNode marketplace = api.ok(api.post("/api/channels", nameless));

        assertThat(tillChannel.path("online").booleanValue()).isFalse();
        assertThat(api.ok(api.get("/api/channels/" + till)).path("online").booleanValue()).isFalse();
        assertThat(marketplace.path("kind").asString()).isEqualTo("MARKETPLACE");
        assertThat(marketplace.path("name").asString()).isEqualTo(amazon);
        assertThat(api.ok(api.get("/api/channels/" + amazon)).path("name").asString()).isEqualTo(amazon);
    }

    @Test
    void aTakenLocationCodeIsAConflictAndTheFirstLocationStays() {
        String code = unique("WH");
        JsonNode first = api.ok(api.post("/api/locations", location(code, "WAREHOUSE")));

        InventoryApi.Response response = api.rejected(409, "location-exists",
                () -> api.post("/api/locations", location(code, "STORE").put("name", "Other")));

        assertThat(response.detail()).contains(code);
        assertThat(api.ok(api.get("/api/locations/" + code))).isEqualTo(first);
    }

    @Test
    void aTakenChannelCodeIsAConflictAndTheFirstChannelStays() {
        InventoryApi.Shop shop = api.shop();
        JsonNode first = api.ok(api.get("/api/channels/" + shop.web()));

        InventoryApi.Response response = api.rejected(409, "channel-exists",
                () -> api.post("/api/channels", channel(shop.web(), "MARKETPLACE", false, shop.store())));

        assertThat(response.detail()).contains(shop.web());
        assertThat(api.ok(api.get("/api/channels/" + shop.web()))).isEqualTo(first);
    }

    @Test
    void unknownLocationsAndChannelsAreNotFound() {
        String code = unique("NOPE");
        InventoryApi.assertProblem(api.get("/api/locations/" + code), 404, "not-found");
        InventoryApi.assertProblem(api.get("/api/channels/" + code), 404, "not-found");
        assertThat(api.get("/api/locations/" + code).detail()).contains(code);
        assertThat(api.get("/api/channels/" + code).detail()).contains(code);
    }

    @Test
    void invalidLocationsAreRejectedAndNothingIsStored() {
        String code = unique("WH");
        List<String> bodies = List.of(
                "{\"code\":\"" + code.toLowerCase() + "\",\"kind\":\"WAREHOUSE\",\"name\":\"x\"}",
                "{\"code\":\"-" + code + "\",\"kind\":\"WAREHOUSE\",\"name\":\"x\"}",
                "{\"code\":\"WH TOKYO\",\"kind\":\"WAREHOUSE\",\"name\":\"x\"}",
                "{\"code\":\"" + "X".repeat(33) + "\",\"kind\":\"WAREHOUSE\",\"name\":\"x\"}",
                "{\"code\":\"\",\"kind\":\"WAREHOUSE\",\"name\":\"x\"}",
                "{\"kind\":\"WAREHOUSE\",\"name\":\"x\"}",
                "{\"code\":\"" + code + "\",\"name\":\"x\"}",
                "{\"code\":\"" + code + "\",\"kind\":\"WAREHOUSE\"}",
                "{\"code\":\"" + code + "\",\"kind\":\"WAREHOUSE\",\"name\":\"   \"}",
                "{\"code\":\"" + code + "\",\"kind\":\"WAREHOUSE\",\"name\":\"" + "n".repeat(201) + "\"}",
                "{\"code\":\"" + code + "\",\"kind\":\"DEPOT\",\"name\":\"x\"}",
                "{\"code\":[\"" + code + "\"],\"kind\":\"WAREHOUSE\",\"name\":\"x\"}",
                "{\"code\":\"" + code + "\",\"kind\":\"WAREHOUSE\",\"name\":",
                "[]",
                "");
        for (String body : bodies) {
            InventoryApi.Response response = api.rejected(400, null, () -> api.post("/api/locations", body));
            assertThat(response.json().path("type").asString()).as(body)
                    .isIn("https://zaiko.dev/problems/invalid-request", "https://zaiko.dev/problems/unreadable-request");
        }
        InventoryApi.assertProblem(api.get("/api/locations/" + code), 404, "not-found");
    }

    @Test
    void invalidChannelsAreRejectedAndNothingIsStored() {
        InventoryApi.Shop shop = api.shop();
        String code = unique("CH");
        String wh = shop.warehouse();
        List<String> bodies = List.of(
                "{\"code\":\"" + code.toLowerCase() + "\",\"kind\":\"OWN\",\"locations\":[\"" + wh + "\"]}",
                "{\"kind\":\"OWN\",\"locations\":[\"" + wh + "\"]}",
                "{\"code\":\"" + code + "\",\"locations\":[\"" + wh + "\"]}",
                "{\"code\":\"" + code + "\",\"kind\":\"SHOP\",\"locations\":[\"" + wh + "\"]}",
                "{\"code\":\"" + code + "\",\"kind\":\"OWN\"}",
                "{\"code\":\"" + code + "\",\"kind\":\"OWN\",\"locations\":[]}",
                "{\"code\":\"" + code + "\",\"kind\":\"OWN\",\"locations\":[\"\"]}",
                "{\"code\":\"" + code + "\",\"kind\":\"OWN\",\"locations\":[\"" + wh + "\",\"" + wh + "\"]}",
                "{\"code\":\"" + code + "\",\"kind\":\"OWN\",\"locations\":\"" + wh + "\"}",
                "{\"code\":\"" + code + "\",\"kind\":\"OWN\",\"online\":\"yes\",\"locations\":[\"" + wh + "\"]}",
                "{\"code\":\"" + code + "\",\"kind\":\"OWN\",\"name\":\"" + "n".repeat(201) + "\",\"locations\":[\"" + wh + "\"]}",
                "{\"code\":\"" + code + "\",\"kind\":\"OWN\",\"locations\":[\"" + wh + "\"]",
                "");
        for (String body : bodies) {
            api.rejected(400, null, () -> api.post("/api/channels", body));
        }
        InventoryApi.assertProblem(api.get("/api/channels/" + code), 404, "not-found");
    }

    @Test
    void aChannelOverAnUnknownLocationIsNotFoundAndNotCreated() {
        InventoryApi.Shop shop = api.shop();
        String code = unique("CH");
        String missing = unique("NOWHERE");

        InventoryApi.Response response = api.rejected(404, "not-found",
                () -> api.post("/api/channels", channel(code, "OWN", true, shop.warehouse(), missing)));

        assertThat(response.detail()).contains(missing);
        InventoryApi.assertProblem(api.get("/api/channels/" + code), 404, "not-found");
    }

    private static List<String> codes(JsonNode list) {
        List<String> codes = new ArrayList<>();
        list.forEach(n -> codes.add(n.path("code").asString()));
        return codes;
    }
}

package dev.zaiko.inventory;

import static dev.zaiko.inventory.InventoryApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A value of the wrong JSON type is refused, not quietly converted: a quantity of 2.5 must not
 * become 2 units, "2" is text and 1 is not a location kind. (A number where text is expected,
 * e.g. "sku": 12, is refused too: platform.InputTextModule, tested in platform.HostileInputApiTest.)
 */
class JsonTypesApiTest extends InventoryApiTestBase {

    InventoryApi.Shop shop;
    String sku;

    @BeforeEach
    void setUp() {
        shop = api.shop();
        sku = api.newProduct("TYPES");
        api.sellable(sku, shop.store(), 5);
        api.ok(api.post("/api/stock/receipts", InventoryApi.receipt(sku, shop.store(), 5)));
    }

    private void unreadable(String path, String body) {
        InventoryApi.Response response = api.rejected(400, "unreadable-request", () -> api.post(path, body));
        assertThat(response.detail()).as(body).isNotBlank();
    }

    @Test
    void aFractionalQuantityIsRefusedNotTruncated() {
        String at = "\"sku\":\"" + sku + "\",\"location\":\"" + shop.store() + "\"";
        for (String number : List.of("2.5", "0.5", "2.0", "1e0")) {
            unreadable("/api/stock/receipts", "{" + at + ",\"quantity\":" + number + "}");
            unreadable("/api/stock/inspections", "{" + at + ",\"passed\":" + number + ",\"failed\":0}");
            unreadable("/api/stock/adjustments", "{" + at + ",\"countedSellable\":" + number + ",\"reason\":\"c\"}");
            unreadable("/api/stock/pos-sales", "{" + at + ",\"quantity\":" + number + "}");
            unreadable("/api/reservations", "{\"channel\":\"" + shop.web() + "\",\"sku\":\"" + sku
                    + "\",\"quantity\":" + number + "}");
            unreadable("/api/protections", "{\"kind\":\"STORE_KEEPS\"," + at + ",\"quantity\":" + number + "}");
            unreadable("/api/inbounds", "{" + at + ",\"quantity\":" + number + ",\"expectedOn\":\"2099-01-01\"}");
        }
        assertThat(api.level(sku, shop.store()).path("inspecting").intValue()).isEqualTo(5);
    }

    @Test
    void numbersInTextAndTextInNumbersAreRefused() {
        String at = "\"sku\":\"" + sku + "\",\"location\":\"" + shop.store() + "\"";
        unreadable("/api/stock/receipts", "{" + at + ",\"quantity\":\"2\"}");
        unreadable("/api/stock/inspections", "{" + at + ",\"passed\":\"1\",\"failed\":0}");
        unreadable("/api/stock/pos-sales", "{" + at + ",\"quantity\":1,\"force\":\"true\"}");
        unreadable("/api/stock/pos-sales", "{" + at + ",\"quantity\":1,\"force\":1}");
        unreadable("/api/reservations", "{\"channel\":\"" + shop.web() + "\",\"sku\":\"" + sku + "\",\"quantity\":\"1\"}");
        unreadable("/api/channels", "{\"code\":\"" + unique("CH") + "\",\"kind\":\"OWN\",\"online\":\"false\","
                + "\"locations\":[\"" + shop.store() + "\"]}");
    }

    @Test
    void anEnumIsNamedNotNumbered() {
        String code = unique("WH");
        unreadable("/api/locations", "{\"code\":\"" + code + "\",\"kind\":1,\"name\":\"x\"}");
        unreadable("/api/channels", "{\"code\":\"" + code + "\",\"kind\":0,\"locations\":[\"" + shop.store() + "\"]}");
        unreadable("/api/protections", "{\"kind\":2,\"location\":\"" + shop.store() + "\",\"quantity\":1}");
        InventoryApi.assertProblem(api.get("/api/locations/" + code), 404, "not-found");
    }
}

package dev.zaiko.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import dev.zaiko.order.OrderNumber;
import dev.zaiko.order.OrderStatusLinks;
import dev.zaiko.support.RawHttp;
import dev.zaiko.support.RawHttp.Answer;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pages a customer opens through a signed link, the order status page ({@code /o/}, web) and
 * the decision page ({@code /c/}, contact), come out of one place: {@link CustomerFacing} and
 * {@code templates/customer/layout.html}. Whichever module answers, the customer sees the same
 * shop, the same language switch, the same head and the same answer headers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CustomerFacingTest {

    @LocalServerPort
    int port;

    @Autowired
    OrderStatusLinks statusLinks;

    String orderStatusLink() {
        ShopApi api = new ShopApi(port) {
        };
        ShopApi.Shop shop = api.shop();
        String sku = ShopApi.unique("FACE");
        ObjectNode product = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 1000);
        product.putObject("name").put("ja", "テント").put("en", "Tent");
        api.ok(api.post("/api/products", product));
        api.sellable(sku, shop.warehouse(), 1);
        ObjectNode order = ShopApi.orderBody(shop.web(), "CAPTURED", sku, 1).put("externalRef", ShopApi.unique("cart"));
        String number = api.ok(api.post("/api/orders", order)).path("orderNumber").asString();
        return statusLinks.issue(OrderNumber.parse(number)).url().getPath();
    }

    @Test
    void everyCustomersPageIsAnsweredTheSameWayWhicheverModuleShowsIt() {
        String link = orderStatusLink();
        RawHttp customer = new RawHttp(port, "127.0.0.1");
        for (String page : List.of(link, "/o/nonsense", "/c/nonsense", "/c/nonsense?lang=en")) {
            Answer a = customer.get(page);
            assertThat(a.status()).as(page).isIn(200, 403);
            assertThat(a.header("X-Robots-Tag")).as(page).isEqualTo("noindex");
            assertThat(a.header("Referrer-Policy")).as(page).isEqualTo("no-referrer");
            assertThat(a.header("Cache-Control")).as(page).contains("no-store");
            assertThat(a.body()).as(page)
                    .contains("<meta name=\"robots\" content=\"noindex\">")
                    .contains("<meta name=\"referrer\" content=\"no-referrer\">")
                    .contains("<link rel=\"stylesheet\" href=\"/css/customer.css\">")
                    .contains("03-0000-0000").contains("shop@zaiko.localhost");
        }
        assertThat(customer.get("/c/nonsense").body()).contains("山並ストア").contains("このリンクは開けません");
        assertThat(customer.get("/c/nonsense?lang=en").body()).contains("Yamanami Store");
    }

    @Test
    void theLanguageSwitchLeadsToTheSamePageInTheOtherLanguage() {
        String link = orderStatusLink();
        RawHttp customer = new RawHttp(port, "127.0.0.1");
        assertThat(customer.get(link).body())
                .contains("<html lang=\"ja\">")
                .contains("<a href=\"" + link + "?lang=en\" lang=\"en\">English</a>");
        assertThat(customer.get(link + "?lang=en").body())
                .contains("<html lang=\"en\">")
                .contains("<a href=\"" + link + "?lang=ja\" lang=\"ja\">日本語</a>")
                .contains("Yamanami Store");
    }

    @Test
    void aLanguageAskedForInTheAddressWinsOverTheCustomersOwn() {
        assertThat(CustomerFacing.locale("en", Locale.JAPANESE)).isEqualTo(Locale.ENGLISH);
        assertThat(CustomerFacing.locale("ja", Locale.ENGLISH)).isEqualTo(Locale.JAPANESE);
        assertThat(CustomerFacing.locale("fr", Locale.ENGLISH)).isEqualTo(Locale.ENGLISH);
        assertThat(CustomerFacing.locale(null, Locale.ENGLISH)).isEqualTo(Locale.ENGLISH);
        assertThat(CustomerFacing.locale(null)).isEqualTo(Locale.JAPANESE);
    }
}

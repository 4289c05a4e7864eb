package dev.zaiko.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The console's channel list shows each channel's cart hold, or that it uses the shop's default. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ChannelCartHoldPageTest {

    @LocalServerPort
    int port;

    @Test
    void theChannelListShowsEachChannelsCartHoldInTheOperatorsLanguage() {
        WebApi api = new WebApi(port);
        ShopApi.Shop shop = api.shop();
        api.ok(api.put("/api/channels/" + shop.web() + "/cart-hold", ShopApi.JSON.createObjectNode()
                .put("cartHold", "PT10M")));
        api.ok(api.put("/api/channels/" + shop.till() + "/cart-hold", ShopApi.JSON.createObjectNode()
                .put("cartHold", "PT90S")));
        WebApi browser = new WebApi(port).signedIn();

        String ja = browser.page("/channels?lang=ja").body();
        assertThat(ConnectorHealthPagesTest.row(ja, shop.web())).contains("10 分");
        assertThat(ConnectorHealthPagesTest.row(ja, shop.till())).contains("90 秒");
        assertThat(ConnectorHealthPagesTest.row(ja, shop.marketplace())).contains("既定");
        String en = browser.page("/channels?lang=en").body();
        assertThat(ConnectorHealthPagesTest.row(en, shop.web())).contains("10 min");
        assertThat(ConnectorHealthPagesTest.row(en, shop.marketplace())).contains("shop default");
    }
}

package dev.zaiko.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.zaiko.support.FakeDns;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Zaiko as shipped: no outbound network allowed beyond the public ones (the test profile's loopback
 * allowance is taken away here), so a webhook or adapter on this machine, on the cloud's metadata
 * service or in a private network is refused, by address or by a name resolving to one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "zaiko.outbound.allowed-networks=")
@ActiveProfiles("test")
class OutboundDefaultsApiTest {

    static final String SECRET = "a-secret-of-32-characters-000000";

    @LocalServerPort
    int port;

    @Autowired
    FakeDns dns;

    ChannelApi api;
    ShopApi.Shop shop;

    @BeforeEach
    void clientAndShop() {
        api = new ChannelApi(port);
        shop = api.shop();
        dns.point("receiver.defaults.test", "127.0.0.1");
        dns.point("erp.defaults.test", "10.1.2.3");
    }

    @AfterEach
    void forgetNames() {
        dns.forget("receiver.defaults.test");
        dns.forget("erp.defaults.test");
    }

    @Test
    void byDefaultWebhooksAndAdaptersToLoopbackMetadataOrPrivateAddressesAreRefusedAndNothingIsStored() {
        String hooks = "/api/channels/" + shop.marketplace() + "/webhooks";
        String adapter = "/api/channels/" + shop.marketplace() + "/adapter";
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://[::1]:8080/hook", "http://localhost:8080/hook",
                "http://receiver.defaults.test:8080/hook", "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.5/hook", "http://192.168.1.20/hook", "https://erp.defaults.test/hook",
                "http://[::ffff:127.0.0.1]:8080/hook")) {
            ShopApi.Response hook = api.post(hooks, ShopApi.JSON.createObjectNode().put("url", url)
                    .put("secret", SECRET));
            assertThat(hook.status()).as(url).isEqualTo(400);
            assertThat(hook.type()).as(url).endsWith("/forbidden-outbound-target");
            assertThat(hook.json().path("field").asString()).as(url).isEqualTo("url");

            ShopApi.Response set = api.put(adapter, ShopApi.JSON.createObjectNode().put("marketplace", "AMAZON")
                    .put("url", url));
            assertThat(set.status()).as(url).isEqualTo(400);
            assertThat(set.json().path("field").asString()).as(url).isEqualTo("url");
        }
        assertThat(api.ok(api.get(hooks)).size()).isZero();
        assertThat(api.get(adapter).status()).isEqualTo(404);

        // a name that resolves nowhere yet is taken: it is checked again before each request
        ShopApi.Response later = api.post(hooks, ShopApi.JSON.createObjectNode()
                .put("url", "https://not-yet.defaults.test/hook").put("secret", SECRET));
        assertThat(later.status()).isEqualTo(201);
        api.delete(hooks + "/" + later.json().path("id").asString());
    }
}

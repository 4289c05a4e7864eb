package dev.zaiko.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
import tools.jackson.databind.JsonNode;

/**
 * Where webhooks and marketplace adapters may send to. The test profile allows loopback
 * ({@code zaiko.outbound.allowed-networks=127.0.0.0/8,::1/128}, as a shop with a receiver on the same
 * machine would), nothing else that is not public; the shipped default is proven in
 * {@link OutboundDefaultsApiTest}. Names under {@code .test} resolve only through the test's
 * {@link FakeDns}: a request arriving for one went to the address Zaiko checked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OutboundTargetsApiTest {

    static final String SECRET = "a-secret-of-32-characters-000000";
    static final List<String> FORBIDDEN = List.of(
            "http://10.0.0.5/hook",
            "http://192.168.1.20:8080/hook",
            "http://172.16.0.9/hook",
            "http://100.64.0.1/hook",
            "http://169.254.169.254/latest/meta-data/",
            "http://[fd00:ec2::254]/latest/meta-data/",
            "http://169.254.1.1/hook",
            "http://[::ffff:10.0.0.5]/hook",
            "http://[::ffff:169.254.169.254]/",
            "http://[fd12:3456::1]/hook",
            "http://0.0.0.0/hook",
            "http://224.0.0.1/hook",
            "https://intranet.outbound.test/hook",
            "https://home.outbound.test/hook");

    @LocalServerPort
    int port;

    @Autowired
    FakeDns dns;

    ChannelApi api;
    ShopApi.Shop shop;

    @BeforeEach
    void clientShopAndNames() {
        api = new ChannelApi(port);
        shop = api.shop();
        dns.point("intranet.outbound.test", "10.20.30.40");
        dns.point("home.outbound.test", "192.168.3.4");
    }

    @AfterEach
    void removeEndpointsAndNames() {
        for (JsonNode hook : api.ok(api.get(hooks()))) api.delete(hooks() + "/" + hook.path("id").asString());
        api.delete(adapter());
        for (String name : List.of("intranet.outbound.test", "home.outbound.test", "hooks.rebind.test",
                "stock.rebind.test")) {
            dns.forget(name);
        }
    }

    String hooks() {
        return "/api/channels/" + shop.marketplace() + "/webhooks";
    }

    String adapter() {
        return "/api/channels/" + shop.marketplace() + "/adapter";
    }

    ShopApi.Response registerHook(String url) {
        return api.post(hooks(), ShopApi.JSON.createObjectNode().put("url", url).put("secret", SECRET));
    }

    ShopApi.Response setAdapter(String url) {
        return api.put(adapter(), ShopApi.JSON.createObjectNode().put("marketplace", "RAKUTEN").put("url", url)
                .put("requestsPerSecond", 50));
    }

    /** Nothing in the channel's feed after this cursor: no delivery or push is still to come. */
    boolean caughtUp(long cursor) {
        return api.ok(api.get("/api/channels/" + shop.marketplace() + "/feed?after=" + cursor)).path("entries")
                .isEmpty();
    }

    static void assertRefusedNamingUrl(ShopApi.Response response, String url, String type) {
        assertThat(response.status()).as(url).isEqualTo(400);
        assertThat(response.type()).as(url).endsWith("/" + type);
        assertThat(response.json().path("field").asString()).as(url).isEqualTo("url");
        assertThat(response.detail()).as(url).startsWith("url ");
    }

    @Test
    void aWebhookToAPrivateLinkLocalOrMetadataAddressOrToANameResolvingToOneIsRefusedAndNothingIsStored() {
        for (String url : FORBIDDEN) {
            assertRefusedNamingUrl(registerHook(url), url, "forbidden-outbound-target");
        }
        assertThat(registerHook("https://intranet.outbound.test/hook").detail())
                .isEqualTo("url points to a private network address (intranet.outbound.test); Zaiko sends requests "
                        + "only to public addresses unless the shop allows others "
                        + "(zaiko.outbound.allow-private-networks, zaiko.outbound.allowed-networks).");
        assertThat(registerHook("http://169.254.169.254/").json().path("addressKind").asString())
                .isEqualTo("METADATA");
        assertThat(api.ok(api.get(hooks())).size()).as("nothing stored").isZero();
    }

    @Test
    void aMarketplaceAdapterToAPrivateLinkLocalOrMetadataAddressIsRefusedAndAChangeToOneLeavesItAsItWas() {
        for (String url : FORBIDDEN) {
            assertRefusedNamingUrl(setAdapter(url), url, "forbidden-outbound-target");
        }
        assertThat(api.get(adapter()).status()).as("nothing stored").isEqualTo(404);

        api.ok(setAdapter("http://127.0.0.1:1/stock"));
        assertRefusedNamingUrl(setAdapter("https://home.outbound.test/stock"), "home", "forbidden-outbound-target");
        assertRefusedNamingUrl(setAdapter("http://169.254.169.254/"), "metadata", "forbidden-outbound-target");
        assertThat(api.ok(api.get(adapter())).path("url").asString()).isEqualTo("http://127.0.0.1:1/stock");
    }

    @Test
    void loopbackIsTakenOnlyBecauseTheConfigurationAllowsIt() {
        // the test profile allows 127.0.0.0/8 and ::1; OutboundDefaultsApiTest refuses both without it
        assertThat(registerHook("http://127.0.0.1:1/hook").status()).isEqualTo(201);
        assertThat(registerHook("http://[::1]:1/hook").status()).isEqualTo(201);
        assertThat(api.ok(setAdapter("http://[::1]:1/stock")).path("url").asString()).isEqualTo("http://[::1]:1/stock");
    }

    @Test
    void anotherSchemeOrAUserNameInTheUrlIsRefusedNamingTheField() {
        for (String url : List.of("ftp://127.0.0.1/hook", "file:///etc/passwd", "http://user:pw@127.0.0.1:1/hook",
                "http://127.0.0.1:1/hook#part")) {
            assertRefusedNamingUrl(registerHook(url), url, "invalid-url");
            assertRefusedNamingUrl(setAdapter(url), url, "invalid-url");
        }
        assertThat(api.ok(api.get(hooks())).size()).isZero();
        assertThat(api.get(adapter()).status()).isEqualTo(404);
    }

    @Test
    void aWebhookWhoseNameComesToResolveToAPrivateAddressIsNotCalledAndItsLastErrorSaysWhy() throws Exception {
        String sku = api.product("REBIND");
        api.sellable(sku, shop.store(), 3);
        try (Receiver receiver = Receiver.ok()) {
            dns.point("hooks.rebind.test", "127.0.0.1");
            String url = receiver.url().replace("127.0.0.1", "hooks.rebind.test");
            String id = api.ok(registerHook(url)).path("id").asString();
            // reached only through the address Zaiko's own look-up returned: the system knows no .test names
            await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.entries(sku, true).isEmpty()
                    && caughtUp(api.ok(api.get(hooks() + "/" + id)).path("cursor").longValue()));
            int arrivals = receiver.arrivals();

            // DNS changes under the registered URL: the loopback receiver is still among the answers
            dns.point("hooks.rebind.test", "127.0.0.1", "10.0.0.5");
            api.tillSale(shop.store(), sku, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> api.ok(api.get(hooks() + "/" + id))
                    .path("failures").intValue() >= 1);
            JsonNode hook = api.ok(api.get(hooks() + "/" + id));
            assertThat(hook.path("lastError").asString()).isEqualTo("Refused, nothing sent: the host resolves to a "
                    + "private network address, which the shop does not allow");
            assertThat(hook.path("status").asString()).isEqualTo("ACTIVE");
            assertThat(receiver.arrivals()).as("no request reached the receiver").isEqualTo(arrivals);

            // pointed back, the retry delivers the change
            dns.point("hooks.rebind.test", "127.0.0.1");
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.entries(sku, true).stream()
                    .anyMatch(e -> e.path("ats").intValue() == 2));
            assertThat(api.ok(api.get(hooks() + "/" + id)).path("failures").intValue()).isZero();
        }
    }

    @Test
    void anAdapterWhoseNameComesToResolveToAPrivateAddressPushesNothingAndItsLastErrorSaysWhy() throws Exception {
        String sku = api.product("REBINDMKT");
        api.sellable(sku, shop.store(), 3);
        try (MarketplaceReceiver rakuten = new MarketplaceReceiver(0)) {
            dns.point("stock.rebind.test", "127.0.0.1");
            api.ok(setAdapter(rakuten.url().replace("127.0.0.1", "stock.rebind.test")));
            await().atMost(Duration.ofSeconds(10)).until(() -> rakuten.latest().containsKey(sku)
                    && caughtUp(api.ok(api.get(adapter())).path("cursor").longValue()));
            int pushes = rakuten.pushes().size();

            dns.point("stock.rebind.test", "169.254.169.254");
            api.tillSale(shop.store(), sku, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> api.ok(api.get(adapter()))
                    .path("failures").intValue() >= 1);
            assertThat(api.ok(api.get(adapter())).path("lastError").asString()).isEqualTo("Refused, nothing sent: "
                    + "the host resolves to a cloud metadata address, which the shop does not allow");
            assertThat(rakuten.pushes()).as("no push reached the marketplace").hasSize(pushes);

            dns.point("stock.rebind.test", "127.0.0.1");
            await().atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(2).equals(rakuten.latest().get(sku)));
        }
    }
}

package dev.zaiko.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Credentials never appear in logs, API answers, console pages or plain text in the database: every
 * real platform's adapter (its credential names), connected to a stub platform that refuses them, with
 * every connector answer and page walked and every table of the database read as text.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class ConnectorCredentialsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpServer platform;
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> connected = new ArrayList<>();
    ConnectorApiTest.Api api;

    @BeforeEach
    void aPlatformThatRefusesEveryCredential() throws IOException {
        platform = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        platform.createContext("/", exchange -> {
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            byte[] body = """
                    {"error":"invalid_client","error_description":"Client authentication failed",\
                    "errors":[{"code":"Unauthorized","message":"Access to requested resource is denied."}]}"""
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        platform.start();
        api = new ConnectorApiTest.Api(port);
    }

    @AfterEach
    void disconnect() {
        for (String channel : connected) api.delete("/api/channels/" + channel + "/connector");
        platform.stop(0);
    }

    String base() {
        return "http://127.0.0.1:" + platform.getAddress().getPort();
    }

    /** Each real platform's settings and the names of its credentials. */
    Map<String, Map<String, String>> settings() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        out.put("AMAZON", Map.of("sellerId", "A1SELLER", "marketplaceId", "A1VC38T7YXB528",
                "lwaUrl", base() + "/auth/o2/token"));
        out.put("RAKUTEN", Map.of());
        out.put("YAHOO", Map.of("sellerId", "zaiko-store"));
        out.put("SHOPIFY", Map.of("shopDomain", "zaiko-test.myshopify.com", "locationId", "gid://shopify/Location/1"));
        out.put("SMAREGI", Map.of("contractId", "zaiko1", "storeId", "1", "callbackBaseUrl", "https://zaiko.example"));
        return out;
    }

    static final Map<String, List<String>> CREDENTIALS = Map.of(
            "AMAZON", List.of("clientId", "clientSecret", "refreshToken"),
            "RAKUTEN", List.of("serviceSecret", "licenseKey"),
            "YAHOO", List.of("clientId", "clientSecret", "refreshToken"),
            "SHOPIFY", List.of("accessToken"),
            "SMAREGI", List.of("clientId", "clientSecret", "callbackSecret"));

    @Test
    void noCredentialOfAnyPlatformAppearsInAnswersPagesLogsOrTheDatabase(CapturedOutput output) {
        // every secret carries one marker that appears nowhere else, so one search finds any of them
        String marker = "Zq" + ShopApi.unique("LEAK").replaceAll("[^A-Za-z0-9]", "") + "Xk";
        List<String> answers = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        ShopApi browser = new ConnectorApiTest.Api(port);
        browser.signIn("admin", "test-admin-password");
        Map<String, String> channels = new LinkedHashMap<>();

        for (Map.Entry<String, Map<String, String>> p : settings().entrySet()) {
            ShopApi.Shop shop = api.shop();
            String channel = "SMAREGI".equals(p.getKey()) ? shop.till() : shop.marketplace();
            String path = "/api/channels/" + channel + "/connector";
            ObjectNode body = ShopApi.JSON.createObjectNode().put("platform", p.getKey()).put("sandbox", false)
                    .put("baseUrl", base());
            ObjectNode s = body.putObject("settings");
            p.getValue().forEach(s::put);
            ObjectNode c = body.putObject("credentials");
            for (String name : CREDENTIALS.get(p.getKey())) {
                String secret = name + "-" + marker + "-" + p.getKey().toLowerCase();
                secrets.add(secret);
                c.put(name, secret);
            }
            ShopApi.Response set = api.put(path, body);
            answers.add(set.body());
            assertThat(set.status()).as(p.getKey() + ": " + set.body()).isEqualTo(200);
            connected.add(channel);
            channels.put(channel, p.getKey());
            assertThat(set.json().path("credentialsSet").toString()).as(p.getKey())
                    .isEqualTo(CREDENTIALS.get(p.getKey()).stream().sorted().map(n -> "\"" + n + "\"")
                            .reduce((a, b) -> a + "," + b).map(x -> "[" + x + "]").orElseThrow());

            String sku = api.product("LEAK");
            answers.add(api.put(path + "/items/" + sku, ShopApi.JSON.createObjectNode().set("identifiers",
                    ShopApi.JSON.createObjectNode().put("sellerSku", sku).put("manageNumber", sku).put("variantId", sku)
                            .put("itemCode", sku).put("inventoryItemId", "gid://shopify/InventoryItem/1")
                            .put("productId", "1"))).body());
            answers.add(api.post(path + "/test").body());
            api.sellable(sku, shop.store(), 3); // the channel's sender pushes it: the platform refuses the credentials
            await(p.getKey() + " refused").atMost(Duration.ofSeconds(20)).until(() ->
                    api.ok(api.get(path)).path("health").path("credentialsRefusedAt").isString());
            answers.add(api.post(path + "/drift-check").body());
            answers.add(api.get(path).body());
            answers.add(api.get(path + "/items").body());
            answers.add(api.get(path + "/drift").body());
            answers.add(api.get("/api/channels/" + channel + "/adapter").body());
            answers.add(browser.page("/channels/" + channel + "/connector").body());
            ShopApi.Response tested = browser.postForm("/channels/" + channel + "/connector/test", Map.of());
            assertThat(tested.status()).as(tested.body()).isEqualTo(200);
            answers.add(tested.body());
        }
        ShopApi.Response dashboard = browser.page("/");
        ShopApi.Response list = browser.page("/channels");
        answers.add(dashboard.body());
        answers.add(list.body());
        answers.add(api.get("/v3/api-docs").body());

        assertThat(calls).as("the platforms were really called with the credentials").isNotEmpty();
        for (String channel : channels.keySet()) {
            assertThat(dashboard.body()).as("the dashboard's health of " + channel).contains("data-channel=\"" + channel + "\"");
        }
        for (String answer : answers) assertThat(answer).doesNotContain(marker);
        assertThat(output.getAll()).as("the logs").doesNotContain(marker);

        List<String> tables = jdbc.queryForList("""
                select format('%I.%I', table_schema, table_name) from information_schema.tables
                where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
                """, String.class);
        assertThat(tables).contains("public.connector_account");
        for (String table : tables) {
            Integer rows = jdbc.queryForObject("select count(*) from " + table + " t where strpos(t::text, ?) > 0",
                    Integer.class, marker);
            assertThat(rows).as("rows of " + table + " holding a credential in plain text").isZero();
        }
        assertThat(jdbc.queryForObject("select count(*) from connector_account where channel = any(?) and credentials like 'v1:%'",
                Integer.class, (Object) connected.toArray(String[]::new))).as("sealed").isEqualTo(5);
        assertThat(secrets).hasSize(12);
    }
}

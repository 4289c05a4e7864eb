package dev.zaiko.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import dev.zaiko.support.Jans;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Building a channel's SKU mapping from the platform's own item list: each row matched by JAN,
 * else by seller SKU, shown before anything is stored, and stored only where the match is sure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ItemListMatchingApiTest {

    @LocalServerPort
    int port;

    HttpServer platform;
    Api api;
    String channel;

    static final class Api extends ShopApi {
        Api(int port) {
            super(port);
        }

        Response csv(String path, byte[] csv, String contentType) {
            try {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build(), HttpResponse.BodyHandlers.ofString());
                return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), null, r.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        Response match(String channel, String query, String csv) {
            return csv("/api/channels/" + channel + "/connector/items/match" + query, csv.getBytes(StandardCharsets.UTF_8),
                    "text/csv");
        }

        String product(String jan) {
            String sku = unique("MATCH");
            ObjectNode body = JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 1000);
            body.putObject("name").put("ja", "テント").put("en", "Tent");
            if (jan != null) body.put("jan", jan);
            ok(post("/api/products", body));
            return sku;
        }

        void map(String channel, String sku, String... nameValue) {
            ObjectNode ids = JSON.createObjectNode();
            for (int i = 0; i < nameValue.length; i += 2) ids.put(nameValue[i], nameValue[i + 1]);
            ok(put("/api/channels/" + channel + "/connector/items/" + sku,
                    JSON.createObjectNode().set("identifiers", ids)));
        }

        /** The channel's mapping, SKU -> identifiers as "name=value,..." in name order. */
        Map<String, String> mapping(String channel) {
            Map<String, String> mapping = new HashMap<>();
            for (JsonNode item : ok(get("/api/channels/" + channel + "/connector/items"))) {
                StringBuilder ids = new StringBuilder();
                item.path("identifiers").properties().forEach(e -> ids.append(ids.isEmpty() ? "" : ",")
                        .append(e.getKey()).append('=').append(e.getValue().asString()));
                mapping.put(item.path("sku").asString(), ids.toString());
            }
            return mapping;
        }
    }

    @BeforeEach
    void aConnectedRakutenChannel() throws IOException {
        platform = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        platform.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        platform.start();
        api = new Api(port);
        channel = api.shop().marketplace();
        ObjectNode body = ShopApi.JSON.createObjectNode().put("platform", "RAKUTEN")
                .put("baseUrl", "http://127.0.0.1:" + platform.getAddress().getPort());
        body.putObject("credentials").put("serviceSecret", "SP123_abc").put("licenseKey", "SL123_def");
        api.ok(api.put("/api/channels/" + channel + "/connector", body));
    }

    @AfterEach
    void disconnect() {
        api.delete("/api/channels/" + channel + "/connector");
        platform.stop(0);
    }

    static JsonNode row(JsonNode result, int row) {
        JsonNode r = result.path("items").get(row - 1);
        assertThat(r.path("row").asInt()).isEqualTo(row);
        return r;
    }

    @Test
    void eachRowIsMatchedByItsJanElseByItsSellerSkuAndAPreviewStoresNothing() {
        String janOfTent = Jans.random();
        String tent = api.product(janOfTent);
        String tarp = api.product(null);
        String unknownJan = Jans.random();
        JsonNode preview = api.ok(api.match(channel, "", String.join("\n",
                "manageNumber,variantId,sku,jan",
                "tent-1,green,OLD-CODE," + janOfTent,
                "tarp-1,,\"" + tarp + "\",",
                "cup-1,v1,NO-SUCH-SKU," + unknownJan,
                "cup-2,v1,," + Jans.spoiled(unknownJan),
                "cup-3,v1,,")));

        assertThat(preview.path("rows").asInt()).isEqualTo(5);
        assertThat(preview.path("matched").asInt()).isEqualTo(2);
        assertThat(preview.path("unmatched").asInt()).isEqualTo(3);
        assertThat(preview.path("charset").asString()).isEqualTo("UTF-8");
        JsonNode byJan = row(preview, 1);
        assertThat(byJan.path("status").asString()).isEqualTo("MATCHED");
        assertThat(byJan.path("sku").asString()).isEqualTo(tent);
        assertThat(byJan.path("by").asString()).as("the JAN comes first").isEqualTo("JAN");
        assertThat(byJan.path("identifiers").path("manageNumber").asString()).isEqualTo("tent-1");
        assertThat(byJan.path("identifiers").path("variantId").asString()).isEqualTo("green");
        assertThat(byJan.path("identifiers").has("sku")).as("the seller SKU column is for matching only").isFalse();
        JsonNode bySku = row(preview, 2);
        assertThat(bySku.path("status").asString()).isEqualTo("MATCHED");
        assertThat(bySku.path("sku").asString()).isEqualTo(tarp);
        assertThat(bySku.path("by").asString()).isEqualTo("SKU");
        assertThat(bySku.path("identifiers").has("variantId")).as("an empty cell is no identifier").isFalse();
        assertThat(row(preview, 3).path("status").asString()).isEqualTo("UNMATCHED");
        assertThat(row(preview, 3).path("why").asString()).isEqualTo("NO_SUCH_PRODUCT");
        assertThat(row(preview, 3).path("reason").asString()).contains("no product has JAN " + unknownJan)
                .contains("no product has SKU NO-SUCH-SKU");
        assertThat(row(preview, 4).path("why").asString()).isEqualTo("BAD_JAN");
        assertThat(row(preview, 5).path("why").asString()).isEqualTo("NOTHING_TO_MATCH_BY");
        assertThat(preview.path("applied").asInt()).isZero();
        assertThat(api.mapping(channel)).as("a preview stores nothing").isEmpty();
    }

    @Test
    void aRowWhoseJanAndSkuNameDifferentProductsOrTwoRowsForOneSkuAreAmbiguousAndNotStored() {
        String janOfTent = Jans.random();
        String tent = api.product(janOfTent);
        String tarp = api.product(null);
        String cup = api.product(Jans.random());
        String stove = api.product(null);
        JsonNode applied = api.ok(api.match(channel, "?apply=true", String.join("\n",
                "itemCode,sku,jan",
                "tent-x," + tarp + "," + janOfTent,
                "cup-a," + cup + ",",
                "cup-b," + cup + ",",
                "stove-1," + stove + ",",
                "stove-1," + tent + ",")));

        JsonNode both = row(applied, 1);
        assertThat(both.path("status").asString()).isEqualTo("AMBIGUOUS");
        assertThat(both.path("why").asString()).isEqualTo("JAN_AND_SKU_DIFFER");
        assertThat(both.path("reason").asString()).contains(tent).contains(tarp);
        for (int r : new int[] {2, 3}) {
            assertThat(row(applied, r).path("status").asString()).isEqualTo("AMBIGUOUS");
            assertThat(row(applied, r).path("why").asString()).isEqualTo("SKU_ON_SEVERAL_ROWS");
            assertThat(row(applied, r).path("reason").asString()).contains("rows 2, 3 all match SKU " + cup);
        }
        for (int r : new int[] {4, 5}) {
            assertThat(row(applied, r).path("why").asString()).as("one platform item on two rows")
                    .isEqualTo("ITEM_ON_SEVERAL_ROWS");
        }
        assertThat(applied.path("ambiguous").asInt()).isEqualTo(5);
        assertThat(applied.path("applied").asInt()).isZero();
        assertThat(api.mapping(channel)).isEmpty();
    }

    @Test
    void applyingStoresEveryMatchedRowAndOnlyThoseAndReportsRowsMappedOtherwiseUntilOverwriteIsAsked() {
        String janOfTent = Jans.random();
        String tent = api.product(janOfTent);   // mapped to another item already
        String tarp = api.product(null);        // not mapped yet
        String cup = api.product(null);         // holds the item the file gives the stove
        String stove = api.product(null);
        String lamp = api.product(null);        // mapped so already
        api.map(channel, tent, "manageNumber", "tent-old", "variantId", "v1");
        api.map(channel, cup, "manageNumber", "stove-1", "variantId", "v1");
        api.map(channel, lamp, "manageNumber", "lamp-1", "variantId", "v1");
        String file = String.join("\n",
                "manageNumber,variantId,sku,jan",
                "tent-new,v1,," + janOfTent,
                "tarp-1,v1," + tarp + ",",
                "stove-1,v1," + stove + ",",
                "lamp-1,v1," + lamp + ",",
                "nothing-1,v1,NO-SUCH-SKU,");

        JsonNode applied = api.ok(api.match(channel, "?apply=true", file));
        assertThat(row(applied, 1).path("status").asString()).isEqualTo("CONFLICT");
        assertThat(row(applied, 1).path("why").asString()).isEqualTo("SKU_MAPPED_TO_OTHER_ITEM");
        assertThat(row(applied, 1).path("current").path("manageNumber").asString()).isEqualTo("tent-old");
        assertThat(row(applied, 1).path("applied").asBoolean()).isFalse();
        assertThat(row(applied, 2).path("status").asString()).isEqualTo("MATCHED");
        assertThat(row(applied, 2).path("applied").asBoolean()).isTrue();
        assertThat(row(applied, 3).path("status").asString()).isEqualTo("CONFLICT");
        assertThat(row(applied, 3).path("why").asString()).isEqualTo("ITEM_MAPPED_TO_ANOTHER_SKU");
        assertThat(row(applied, 3).path("mappedTo").asString()).isEqualTo(cup);
        assertThat(row(applied, 4).path("status").asString()).isEqualTo("MATCHED");
        assertThat(row(applied, 4).path("why").asString()).isEqualTo("MAPPED_ALREADY");
        assertThat(row(applied, 4).path("applied").asBoolean()).as("nothing to store").isFalse();
        assertThat(applied.path("applied").asInt()).isEqualTo(1);
        assertThat(applied.path("conflicts").asInt()).isEqualTo(2);
        assertThat(api.mapping(channel)).containsOnly(
                Map.entry(tent, "manageNumber=tent-old,variantId=v1"),
                Map.entry(tarp, "manageNumber=tarp-1,variantId=v1"),
                Map.entry(cup, "manageNumber=stove-1,variantId=v1"),
                Map.entry(lamp, "manageNumber=lamp-1,variantId=v1"));

        JsonNode overwritten = api.ok(api.match(channel, "?apply=true&overwrite=true", file));
        assertThat(overwritten.path("applied").asInt()).isEqualTo(2);
        assertThat(api.mapping(channel)).as("the cup gave its item to the stove").containsOnly(
                Map.entry(tent, "manageNumber=tent-new,variantId=v1"),
                Map.entry(tarp, "manageNumber=tarp-1,variantId=v1"),
                Map.entry(stove, "manageNumber=stove-1,variantId=v1"),
                Map.entry(lamp, "manageNumber=lamp-1,variantId=v1"));
    }

    @Test
    void aShiftJisExportWithItsOwnColumnNamesIsReadWhenTheRequestSaysSoAndRefusedAsUtf8() {
        String janOfTent = Jans.random();
        String tent = api.product(janOfTent);
        String tarp = api.product(null);
        byte[] export = String.join("\r\n",
                "商品管理番号（商品URL）,SKU管理番号,商品名,JANコード",
                "tent-1," + "x-1" + ",ドームテント①," + janOfTent,
                "tarp-1," + tarp + ",タープ,").getBytes(Charset.forName("windows-31j"));
        String query = "?identifier=" + URLEncoder.encode("manageNumber:商品管理番号（商品URL）", StandardCharsets.UTF_8)
                + "&identifier=" + URLEncoder.encode("variantId:SKU管理番号", StandardCharsets.UTF_8)
                + "&skuColumn=" + URLEncoder.encode("SKU管理番号", StandardCharsets.UTF_8)
                + "&janColumn=" + URLEncoder.encode("JANコード", StandardCharsets.UTF_8);
        String path = "/api/channels/" + channel + "/connector/items/match" + query;

        JsonNode read = api.ok(api.csv(path, export, "text/csv; charset=Shift_JIS"));
        assertThat(read.path("charset").asString()).isEqualTo("windows-31j");
        assertThat(row(read, 1).path("sku").asString()).isEqualTo(tent);
        assertThat(row(read, 1).path("identifiers").toString())
                .isEqualTo("{\"manageNumber\":\"tent-1\",\"variantId\":\"x-1\"}");
        assertThat(row(read, 2).path("sku").asString()).isEqualTo(tarp);
        assertThat(row(read, 2).path("by").asString()).isEqualTo("SKU");

        ShopApi.Response asUtf8 = api.csv(path, export, "text/csv");
        assertThat(asUtf8.status()).isEqualTo(400);
        assertThat(asUtf8.json().path("field").asString()).isEqualTo("charset");
        assertThat(asUtf8.detail()).contains("charset=Shift_JIS");
    }

    @Test
    void aColumnTheHeaderDoesNotHaveIsRefusedNamingTheParameterAndNothingIsStored() {
        String tarp = api.product(null);
        ShopApi.Response refused = api.match(channel, "?apply=true&skuColumn=seller-sku",
                "itemCode,sku\ntarp-1," + tarp);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("field").asString()).isEqualTo("skuColumn");
        assertThat(refused.detail()).contains("seller-sku");
        ShopApi.Response noIdentifier = api.match(channel, "?apply=true", "sku,jan\n" + tarp + ",");
        assertThat(noIdentifier.status()).isEqualTo(400);
        assertThat(noIdentifier.json().path("field").asString()).isEqualTo("identifier");
        assertThat(api.mapping(channel)).isEmpty();
    }
}

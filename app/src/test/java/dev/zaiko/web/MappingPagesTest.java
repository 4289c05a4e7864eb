package dev.zaiko.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

/** A channel's SKU mapping in the console: seen, set by hand, imported from CSV, matched from the platform's item list. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MappingPagesTest {

    @LocalServerPort
    int port;

    HttpServer platform;
    WebApi api;
    String channel;

    @BeforeEach
    void aConnectedRakutenChannel() throws IOException {
        platform = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        platform.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        platform.start();
        api = new WebApi(port);
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

    String page() {
        return "/channels/" + channel + "/mapping";
    }

    JsonNode identifiers(String sku) {
        for (JsonNode item : api.ok(api.get("/api/channels/" + channel + "/connector/items"))) {
            if (item.path("sku").asString().equals(sku)) return item.path("identifiers");
        }
        return null;
    }

    String product(String jan) {
        String sku = ShopApi.unique("MAP");
        ObjectNode body = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 1000);
        body.putObject("name").put("ja", "テント").put("en", "Tent");
        if (jan != null) body.put("jan", jan);
        api.ok(api.post("/api/products", body));
        return sku;
    }

    @Test
    void theConnectorPageLinksToTheMappingWhichShowsEveryMappedSkuAndSetsOneByHand() {
        String tent = product(null);
        api.ok(api.put("/api/channels/" + channel + "/connector/items/" + tent, ShopApi.JSON.createObjectNode()
                .set("identifiers", ShopApi.JSON.createObjectNode().put("manageNumber", "tent-1").put("variantId", "v1"))));
        WebApi browser = new WebApi(port).signedIn();
        assertThat(browser.page("/channels/" + channel + "/connector").body())
                .contains("href=\"/channels/" + channel + "/mapping\"");

        String shown = browser.page(page()).body();
        assertThat(shown).contains("SKUの対応づけ").contains("data-sku=\"" + tent + "\"")
                .contains("manageNumber=tent-1, variantId=v1");
        assertThat(new WebApi(port).signedIn().page(page() + "?lang=en").body()).contains("Current mapping (1)");

        String tarp = product(null);
        ShopApi.Response set = browser.postForm(page() + "/items",
                Map.of("sku", tarp, "identifiers", "manageNumber=tarp-1\nvariantId=v2"));
        assertThat(set.status()).as(set.body()).isEqualTo(302);
        assertThat(identifiers(tarp).toString()).isEqualTo("{\"manageNumber\":\"tarp-1\",\"variantId\":\"v2\"}");

        ShopApi.Response refused = browser.postForm(page() + "/items", Map.of("sku", tent, "identifiers", ""));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"set-error\"").contains("何も変更していません");
        assertThat(identifiers(tent).path("manageNumber").asString()).as("nothing changed").isEqualTo("tent-1");

        ShopApi.Response forged = new WebApi(port).signedIn().postFormWithoutCsrf(page() + "/items",
                Map.of("sku", tent, "identifiers", "manageNumber=stolen"));
        assertThat(forged.status()).as("a form without the page's CSRF token").isEqualTo(403);
        assertThat(identifiers(tent).path("manageNumber").asString()).isEqualTo("tent-1");
    }

    @Test
    void anUploadedMappingCsvIsImportedAllOrNothingAndEachRowsReportIsShown() {
        String tent = product(null);
        String tarp = product(null);
        WebApi browser = new WebApi(port).signedIn();
        browser.page(page());

        ShopApi.Response refused = browser.postMultipart(page() + "/import", Map.of(), "file", "mapping.csv",
                ("sku,manageNumber,variantId\n" + tent + ",tent-1,v1\n" + tarp + ",,\n").getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"import-rows\"").contains("no identifier for sku " + tarp)
                .contains("問題なし");
        assertThat(identifiers(tent)).as("all or nothing").isNull();

        ShopApi.Response imported = browser.postMultipart(page() + "/import", Map.of(), "file", "mapping.csv",
                ("sku,manageNumber,variantId\n" + tent + ",tent-1,v1\n" + tarp + ",tarp-1,v1\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).contains("2 件のSKUの対応づけを取り込みました");
        assertThat(identifiers(tarp).path("manageNumber").asString()).isEqualTo("tarp-1");
    }

    @Test
    void aShiftJisItemListIsShownMatchedFirstAndStoredOnlyWhenApplied() {
        String janOfTent = Jans.random();
        String tent = product(janOfTent);
        String tarp = product(null);
        byte[] export = String.join("\r\n",
                "商品管理番号（商品URL）,SKU管理番号,商品名,JANコード",
                "tent-1,x-1,ドームテント①," + janOfTent,
                "tarp-1," + tarp + ",タープ,",
                "cup-1,NO-SUCH-SKU,マグ,").getBytes(Charset.forName("windows-31j"));
        WebApi browser = new WebApi(port).signedIn();
        browser.page(page());

        ShopApi.Response preview = browser.postMultipart(page() + "/match", Map.of("charset", "Shift_JIS",
                        "skuColumn", "SKU管理番号", "janColumn", "JANコード",
                        "identifiers", "manageNumber:商品管理番号（商品URL）, variantId:SKU管理番号"),
                "file", "items.csv", export);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        String shown = preview.body();
        assertThat(shown).contains("3 行：一致 2、一致なし 1").contains("まだ何も保存していません");
        assertThat(row(shown, 1)).contains("data-status=\"MATCHED\"").contains(tent).contains("JANで")
                .contains("manageNumber=tent-1, variantId=x-1");
        assertThat(row(shown, 2)).contains("data-status=\"MATCHED\"").contains(tarp).contains("SKUで");
        assertThat(row(shown, 3)).contains("data-status=\"UNMATCHED\"").contains("一致する商品がありません");
        assertThat(shown).contains("一致した 2 行を反映する");
        assertThat(identifiers(tent)).as("a preview stores nothing").isNull();

        Matcher csv = Pattern.compile("<textarea name=\"csv\" hidden>(.*?)</textarea>", Pattern.DOTALL).matcher(shown);
        assertThat(csv.find()).isTrue();
        ShopApi.Response applied = browser.postForm(page() + "/match/apply", Map.of("csv", unescape(csv.group(1)),
                "skuColumn", "SKU管理番号", "janColumn", "JANコード",
                "identifiers", "manageNumber:商品管理番号（商品URL）, variantId:SKU管理番号"));
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.body()).contains("3 行のうち 2 行の対応づけを保存しました");
        assertThat(identifiers(tent).toString()).isEqualTo("{\"manageNumber\":\"tent-1\",\"variantId\":\"x-1\"}");
        assertThat(identifiers(tarp).path("manageNumber").asString()).isEqualTo("tarp-1");

        ShopApi.Response english = new WebApi(port).signedIn().page(page() + "?lang=en");
        assertThat(english.body()).contains("Match the platform item list").contains("Current mapping (2)");
    }

    /** The table row of one matched line of the file. */
    static String row(String page, int row) {
        int at = page.indexOf("data-row=\"" + row + "\"");
        assertThat(at).as("a row " + row).isPositive();
        return page.substring(at, page.indexOf("</tr>", at));
    }

    static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}

package dev.zaiko.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.zaiko.support.Jans;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.node.ObjectNode;

/** The console's discontinuation list: upload, the preview row by row, apply, and the applied lists. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DiscontinuationPagesTest {

    static final String PAGE = "/catalog/discontinuations";

    @LocalServerPort
    int port;

    @Test
    void aListIsUploadedPreviewedWithWhatItTouchesAppliedAndThenListedAmongTheAppliedLists() {
        WebApi api = new WebApi(port);
        ShopApi.Shop shop = api.shop();
        String jan = Jans.random();
        String tent = product(api, "TENT", jan);
        String lamp = product(api, "LAMP", null);
        api.sellable(tent, shop.store(), 1);
        api.inbound(tent, shop.warehouse(), 10, ShopApi.today().plusDays(7));
        String shipping = api.ok(api.post("/api/orders", ShopApi.orderBody(shop.web(), "AUTHORIZED", tent, 1)))
                .path("orderNumber").asString();
        String waiting = api.ok(api.post("/api/orders", ShopApi.orderBody(shop.web(), "AUTHORIZED", tent, 4)))
                .path("orderNumber").asString();
        WebApi browser = new WebApi(port).signedIn();
        assertThat(browser.page("/inventory").body()).contains("id=\"discontinuations-link\"")
                .contains("メーカーの廃番リスト");
        assertThat(browser.page(PAGE).status()).isEqualTo(200);

        // a list with an unknown JAN: its row highlighted and named, no apply button
        String unknown = Jans.random();
        ShopApi.Response bad = browser.postMultipart(PAGE + "/preview", Map.of("charset", "UTF-8"), "file", "bad.csv",
                ("sku,jan\n" + lamp + ",\n," + unknown + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(bad.status()).as(bad.body()).isEqualTo(200);
        assertThat(bad.body()).contains("1 行にエラーがあります").doesNotContain("id=\"apply-form\"");
        assertThat(row(bad.body(), 2)).contains("class=\"breach\"").contains("data-status=\"ERROR\"")
                .contains("JAN " + unknown + " の商品はありません");
        assertThat(row(bad.body(), 1)).contains("data-status=\"OK\"").doesNotContain("breach");

        // a good list in Shift_JIS: what each product touches, nothing changed yet
        String fileName = ShopApi.unique("maker") + ".csv";
        byte[] file = ("jan,sku,note\n" + jan + ",,生産終了\n," + lamp + ",\n").getBytes(Charset.forName("Windows-31J"));
        ShopApi.Response preview = browser.postMultipart(PAGE + "/preview", Map.of("charset", "Shift_JIS"), "file",
                fileName, file);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        String shown = preview.body();
        assertThat(row(shown, 1)).contains(tent).contains("生産終了");
        assertThat(shown).contains("2 行、商品 2 点（うち廃番にするもの 2 点）")
                .contains("data-order=\"" + shipping + "\" data-effect=\"ships\"")
                .contains("data-order=\"" + waiting + "\" data-effect=\"case\"")
                .contains("出荷されます（引当済み）").contains("欠品対応になります")
                .contains("メーカーと取り消すまで残ります").contains("id=\"apply-form\"");
        assertThat(api.ok(api.get("/api/products/" + tent)).path("status").asString()).isEqualTo("ACTIVE");

        Matcher csv = Pattern.compile("<textarea name=\"csv\" hidden>(.*?)</textarea>", Pattern.DOTALL).matcher(shown);
        assertThat(csv.find()).isTrue();
        ShopApi.Response applied = browser.postForm(PAGE, Map.of("csv", MappingPagesTest.unescape(csv.group(1)),
                "fileName", fileName));
        assertThat(applied.status()).as(applied.body()).isEqualTo(302);
        assertThat(applied.location()).contains(PAGE + "?applied=");
        assertThat(api.ok(api.get("/api/products/" + tent)).path("status").asString()).isEqualTo("DISCONTINUED");
        assertThat(api.ok(api.get("/api/products/" + lamp)).path("status").asString()).isEqualTo("DISCONTINUED");
        assertThat(api.ok(api.get("/api/orders/" + waiting)).path("lines").get(0).path("status").asString())
                .isEqualTo("AWAITING_CUSTOMER");

        String after = browser.page(applied.location().substring(applied.location().indexOf(PAGE))).body();
        assertThat(after).contains("商品 2 点のうち 2 点を廃番にし、入荷待ちの 1 明細を欠品対応にしました");
        assertThat(after).contains(fileName);

        String english = browser.page(PAGE + "?lang=en").body();
        assertThat(english).contains("Maker&#39;s discontinuation list").contains("Applied lists").contains(fileName);
    }

    @Test
    void aFileThatIsNoListIsRefusedAndAListThatWentWrongSinceItsPreviewChangesNothing() {
        WebApi api = new WebApi(port);
        String jan = Jans.random();
        String tent = product(api, "TENT", jan);
        WebApi browser = new WebApi(port).signedIn();
        browser.page(PAGE);

        ShopApi.Response noList = browser.postMultipart(PAGE + "/preview", Map.of("charset", "UTF-8"), "file", "x.csv",
                ("code\n" + tent + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(noList.status()).isEqualTo(400);
        assertThat(noList.body()).contains("id=\"file-error\"").contains("見出し行には sku、jan")
                .doesNotContain("id=\"preview\"");

        ShopApi.Response preview = browser.postMultipart(PAGE + "/preview", Map.of("charset", "UTF-8"), "file",
                "jan.csv", ("jan\n" + jan + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(preview.body()).contains("id=\"apply-form\"");
        // the product's JAN changes after the preview: applying the previewed list finds no product for it
        ObjectNode body = ShopApi.JSON.createObjectNode().put("sku", tent).put("category", "tent").put("price", 29800)
                .put("backorderable", true).put("jan", Jans.random());
        body.putObject("name").put("ja", "テント").put("en", "Tent");
        api.ok(api.put("/api/products/" + tent, body));

        ShopApi.Response refused = browser.postForm(PAGE, Map.of("csv", "jan\n" + jan + "\n", "fileName", "jan.csv"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("何も廃番にしていません").contains("JAN " + jan + " の商品はありません")
                .doesNotContain("id=\"apply-form\"");
        assertThat(api.ok(api.get("/api/products/" + tent)).path("status").asString()).isEqualTo("ACTIVE");
    }

    private static String product(WebApi api, String prefix, String jan) {
        String sku = ShopApi.unique(prefix);
        ObjectNode body = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 29800)
                .put("backorderable", true);
        if (jan != null) body.put("jan", jan);
        body.putObject("name").put("ja", "テント").put("en", "Tent");
        api.ok(api.post("/api/products", body));
        return sku;
    }

    /** The preview's table row of one row of the file. */
    static String row(String page, int row) {
        int at = page.indexOf("data-row=\"" + row + "\"");
        assertThat(at).as("a row " + row).isPositive();
        int start = page.lastIndexOf("<tr", at);
        return page.substring(start, page.indexOf("</tr>", at));
    }
}

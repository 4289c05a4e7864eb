package dev.zaiko.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console's product page shows the product's attributes as the attribute dictionary names them,
 * in the viewer's language: names, text values in words, numbers with the dictionary's unit; an
 * attribute the dictionary does not know shows its key and value as they are.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProductPageAttributeWordsTest {

    @LocalServerPort
    int port;

    WebApi api;
    WebApi console;

    /** Attribute keys no other test names, so that the dictionary entries are this test's own. */
    final String fuel = ShopApi.unique("fuel").toLowerCase();
    final String weight = ShopApi.unique("weight").toLowerCase();
    final String unnamed = ShopApi.unique("unnamed").toLowerCase();

    @BeforeEach
    void setUp() {
        api = new WebApi(port);
        console = new WebApi(port).signedIn();
    }

    String stove() {
        String sku = ShopApi.unique("STOVE");
        ObjectNode body = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "stove").put("price", 9800);
        body.putObject("name").put("ja", "焚き火ストーブ").put("en", "Camp stove");
        ObjectNode attributes = body.putObject("attributes");
        attributes.putObject(fuel).put("value", "wood");
        attributes.putObject(weight).put("value", 1500).put("unit", "g");
        attributes.putObject(unnamed).put("value", 7);
        api.ok(api.post("/api/products", body));
        ObjectNode f = ShopApi.JSON.createObjectNode();
        f.putObject("name").put("ja", "燃料の種類").put("en", "Kind of fuel");
        f.putObject("values").putObject("wood").put("ja", "木（薪・小枝）").put("en", "firewood");
        api.ok(api.put("/api/attributes/" + fuel, f));
        ObjectNode w = ShopApi.JSON.createObjectNode();
        w.putObject("name").put("ja", "本体の重さ").put("en", "Body weight");
        w.putObject("unit").put("ja", "グラム").put("en", "grams");
        api.ok(api.put("/api/attributes/" + weight, w));
        return sku;
    }

    static String attributes(String page) {
        String from = page.substring(page.indexOf("id=\"attributes\""));
        return from.substring(0, from.indexOf("</dl>"));
    }

    @Test
    void theProductPageNamesTheAttributesInJapaneseFromTheDictionary() {
        String sku = stove();

        String shown = attributes(console.page("/inventory/" + sku + "?lang=ja").body());

        assertThat(shown).contains(">燃料の種類<").contains(">木（薪・小枝）<").contains(">本体の重さ<")
                .contains(">1500グラム<").contains(">" + unnamed + "<").contains(">7<")
                .doesNotContain(">" + fuel + "<").doesNotContain(">wood<").doesNotContain("1500 g");
    }

    @Test
    void theProductPageNamesTheAttributesInEnglishForAnEnglishReader() {
        String sku = stove();

        String shown = attributes(console.page("/inventory/" + sku + "?lang=en").body());
        console.page("/inventory/" + sku + "?lang=ja");

        assertThat(shown).contains(">Kind of fuel<").contains(">firewood<").contains(">Body weight<")
                .contains(">1500 grams<").doesNotContain("燃料").doesNotContain("グラム");
    }
}

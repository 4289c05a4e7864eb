package dev.zaiko.contact.scripts;

import static dev.zaiko.contact.scripts.ScriptChecks.assertNoBannedPhrase;
import static dev.zaiko.support.ShopApi.JSON;
import static dev.zaiko.support.ShopApi.today;
import static dev.zaiko.support.ShopApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.zaiko.shop.CustomerDates;
import dev.zaiko.stockout.Choice;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * GET /api/stockouts/{id}/script on real cases made through the API: each variant, in Japanese
 * and English, states the case's facts and names only the options the case offers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CallScriptApiTest {

    static final class Api extends ShopApi {
        Api(int port) {
            super(port);
        }
    }

    @LocalServerPort
    int port;

    Api api;
    ShopApi.Shop shop;
    String purpose;

    @BeforeEach
    void clientAndShop() {
        api = new Api(port);
        shop = api.shop();
        purpose = unique("purpose").toLowerCase(); // substitutes only among this test's own products
    }

    // ---- fixtures --------------------------------------------------------------------------------

    String bottle(String prefix, long price, int ml, String supplier, Integer leadTime) {
        String sku = unique(prefix);
        ObjectNode body = JSON.createObjectNode().put("sku", sku).put("category", "bottle").put("price", price)
                .put("backorderable", true);
        body.putObject("name").put("ja", "ソフトボトル " + ml).put("en", "Soft bottle " + ml);
        body.putArray("purposeTags").add(purpose);
        ObjectNode attributes = body.putObject("attributes");
        attributes.putObject("volume").put("value", ml).put("unit", "ml");
        attributes.putObject("weight").put("value", 300).put("unit", "g");
        if (supplier != null) body.put("supplier", supplier).put("leadTimeDays", leadTime);
        api.ok(api.post("/api/products", body));
        return sku;
    }

    static ObjectNode order(String channel, String sku, int quantity, long unitPrice) {
        ObjectNode body = JSON.createObjectNode().put("channel", channel).put("externalRef", unique("REF"));
        body.putObject("customer").put("name", "佐藤 次郎").put("email", "jiro.sato@example.jp").put("locale", "ja");
        body.putObject("payment").put("method", "CREDIT_CARD").put("status", "CAPTURED");
        ArrayNode lines = body.putArray("lines");
        lines.addObject().put("sku", sku).put("quantity", quantity).put("unitPrice", unitPrice);
        return ShopApi.balancePayment(body);
    }

    String place(ObjectNode order) {
        return api.ok(api.post("/api/orders", order)).path("orderNumber").asString();
    }

    JsonNode onlyCase(String orderNumber, String reason) {
        JsonNode found = api.ok(api.get("/api/stockouts?reason=" + reason + "&order=" + orderNumber + "&size=200"))
                .path("items");
        assertThat(found.size()).as("cases of " + orderNumber).isEqualTo(1);
        return api.ok(api.get("/api/stockouts/" + found.get(0).path("id").asString()));
    }

    JsonNode script(JsonNode c, String lang) {
        return api.ok(api.get("/api/stockouts/" + c.path("id").asString() + "/script?operator=" + "Tanaka"
                + (lang == null ? "" : "&lang=" + lang)));
    }

    static List<Choice> offered(JsonNode c) {
        List<Choice> choices = new ArrayList<>();
        c.path("options").forEach(o -> choices.add(Choice.valueOf(o.path("choice").asString())));
        return choices;
    }

    static String section(JsonNode script, String kind) {
        for (JsonNode s : script.path("sections")) {
            if (s.path("kind").asString().equals(kind)) {
                List<String> lines = new ArrayList<>();
                s.path("lines").forEach(l -> lines.add(l.asString()));
                return String.join("\n", lines);
            }
        }
        throw new AssertionError("no section " + kind + " in " + script);
    }

    static String allText(JsonNode script) {
        StringBuilder text = new StringBuilder();
        for (String kind : dev.zaiko.contact.scripts.CallScript.KINDS) text.append(section(script, kind)).append('\n');
        return text.append(script.path("voicemail").asString()).toString();
    }

    /**
     * The script in both languages: the variant, the facts (order number, item, quantity, order
     * date), exactly the offered options by their labels, no blame-shifting phrase. Answers both.
     */
    List<JsonNode> assertScripts(JsonNode c, String variant, int quantity) {
        List<JsonNode> scripts = new ArrayList<>();
        for (Locale locale : List.of(Locale.JAPANESE, Locale.ENGLISH)) {
            boolean en = locale == Locale.ENGLISH;
            JsonNode script = script(c, locale.getLanguage());
            String what = variant + " " + locale;
            assertThat(script.path("variant").asString()).as(what).isEqualTo(variant);
            assertThat(script.path("caseId").asString()).isEqualTo(c.path("id").asString());
            assertThat(script.path("locale").asString()).isEqualTo(locale.getLanguage());
            String facts = section(script, "FACTS");
            JsonNode name = c.path("facts").path("item").path("name");
            assertThat(facts).as(what).contains(c.path("orderNumber").asString(),
                    en ? name.path("en").asString() : "「" + name.path("ja").asString() + "」",
                    en ? "quantity " + quantity : quantity + "点", CustomerDates.format(today(), locale));
            assertThat(section(script, "OPENING")).as(what).contains("Tanaka", c.path("orderNumber").asString());
            ScriptChecks.assertNamesOnly(allText(script), offered(c), locale);
            assertNoBannedPhrase(allText(script), what);
            assertThat(script.path("voicemail").asString()).doesNotContain(c.path("orderNumber").asString(), "佐藤");
            scripts.add(script);
        }
        return scripts;
    }

    // ---- the variants ------------------------------------------------------------------------------

    @Test
    void aDatedRestockGivesTheDateAndAsksToWaitOrCancel() {
        String sku = bottle("WAIT", 3000, 500, null, null);
        LocalDate due = today().plusDays(10);
        api.inbound(sku, shop.store(), 5, due);
        JsonNode c = onlyCase(place(order(shop.marketplace(), sku, 2, 3000)), "ALLOCATION_FAILED");
        assertThat(offered(c)).containsExactly(Choice.WAIT, Choice.CANCEL);

        List<JsonNode> scripts = assertScripts(c, "DATED_RESTOCK", 2);

        assertThat(section(scripts.get(0), "FACTS")).contains(CustomerDates.format(due, Locale.JAPANESE) + "の予定");
        assertThat(section(scripts.get(0), "OPTIONS")).contains("6,000円");
        assertThat(section(scripts.get(0), "CHOICE")).contains("このまま入荷をお待ちいただけますでしょうか");
        assertThat(section(scripts.get(1), "OPTIONS")).contains(CustomerDates.format(due, Locale.ENGLISH), "¥6,000");
        assertThat(section(scripts.get(0), "OPENING")).as("the customer's own language without lang")
                .isEqualTo(section(script(c, null), "OPENING"));
    }

    @Test
    void aGiftThatCannotArriveInTimeOffersCancellingAndWhatStillArrives() {
        String sku = bottle("GIFT", 3000, 500, null, null);
        LocalDate neededBy = today().plusDays(10);
        api.inbound(sku, shop.store(), 5, neededBy); // on the day itself: too late
        api.sellable(sku, shop.warehouse(), 1); // outside the marketplace's pool: a transfer
        ObjectNode gift = order(shop.marketplace(), sku, 1, 3000).put("gift", true).put("neededBy", neededBy.toString());
        JsonNode c = onlyCase(place(gift), "ALLOCATION_FAILED");
        assertThat(offered(c)).contains(Choice.TRANSFER, Choice.CANCEL).doesNotContain(Choice.WAIT);

        List<JsonNode> scripts = assertScripts(c, "NOT_IN_TIME", 1);

        assertThat(section(scripts.get(0), "FACTS")).contains(
                CustomerDates.format(neededBy, Locale.JAPANESE) + "までにお届けすることができなくなりました");
        assertThat(section(scripts.get(0), "OPTIONS").lines().skip(1).findFirst().orElseThrow())
                .as("cancelling first").startsWith(ScriptChecks.label(Choice.CANCEL, Locale.JAPANESE));
        assertThat(section(scripts.get(1), "CHOICE")).contains("straight after this call");
    }

    @Test
    void anExpressOrderThatMissesItsPromisedDateOffersOnlyCancelling() {
        String sku = bottle("EXPR", 3000, 500, "Hokuto Trading", 3);
        ObjectNode express = order(shop.marketplace(), sku, 1, 3000).put("express", true)
                .put("promisedDate", today().plusDays(1).toString());
        JsonNode c = onlyCase(place(express), "ALLOCATION_FAILED");
        assertThat(offered(c)).containsExactly(Choice.CANCEL);

        List<JsonNode> scripts = assertScripts(c, "NOT_IN_TIME", 1);

        assertThat(section(scripts.get(1), "FACTS")).contains("the date we promised");
        assertThat(section(scripts.get(1), "OPTIONS")).contains("nothing can reach you by")
                .doesNotContain("Hokuto Trading");
        assertThat(scripts.get(1).path("voicemail").asString()).contains("urgent");
    }

    @Test
    void aBusinessCustomerGetsTheEarliestDateTheFaultAndTheNextLot() {
        String sku = bottle("B2B", 3000, 500, "Hokuto Trading", 3);
        LocalDate due = today().plusDays(20);
        api.inbound(sku, shop.store(), 50, due);
        ObjectNode b2b = order(shop.marketplace(), sku, 10, 3000).put("b2b", true);
        b2b.withObject("customer").put("name", "株式会社 森のテラス");
        JsonNode c = onlyCase(place(b2b), "ALLOCATION_FAILED");
        assertThat(offered(c)).containsExactly(Choice.WAIT, Choice.DROP_SHIP, Choice.CANCEL);
        String dropShipDate = c.path("options").get(1).path("promisedDate").asString();

        List<JsonNode> scripts = assertScripts(c, "B2B", 10);

        String options = section(scripts.get(0), "OPTIONS");
        assertThat(options).startsWith("最短の日程は" + CustomerDates.format(LocalDate.parse(dropShipDate), Locale.JAPANESE)
                + "（【仕入先から直接お届け】）").contains("最優先で確保");
        assertThat(options.indexOf("【仕入先から直接お届け】仕入先")).isLessThan(options.indexOf("【入荷をお待ちいただく】"));
        assertThat(section(scripts.get(0), "FACTS")).contains("すべて当店の責任");
        assertThat(section(scripts.get(0), "OPENING")).contains("株式会社 森のテラスのご担当者様");
        assertThat(section(scripts.get(1), "FACTS")).contains("entirely our responsibility");
    }

    @Test
    void aDiscontinuedItemGetsTheBestSubstituteWithItsComparison() {
        // the script names the attribute as the catalog's dictionary does
        ObjectNode volume = JSON.createObjectNode();
        volume.putObject("name").put("ja", "容量").put("en", "volume");
        api.ok(api.put("/api/attributes/volume", volume));
        String sku = bottle("DISC", 3000, 500, null, null);
        String bigger = bottle("BIG", 2500, 600, null, null);
        api.sellable(bigger, shop.store(), 5);
        api.inbound(sku, shop.warehouse(), 10, today().plusDays(7));
        String number = place(order(shop.web(), sku, 1, 3000));
        assertThat(api.ok(api.get("/api/orders/" + number)).path("lines").get(0).path("status").asString())
                .isEqualTo("BACKORDERED");
        api.ok(api.post("/api/products/" + sku + "/discontinue", ""));
        JsonNode c = onlyCase(number, "DISCONTINUED");
        assertThat(offered(c)).contains(Choice.SUBSTITUTE, Choice.CANCEL).doesNotContain(Choice.WAIT, Choice.DROP_SHIP);

        List<JsonNode> scripts = assertScripts(c, "DISCONTINUED", 1);

        String ja = section(scripts.get(0), "OPTIONS");
        assertThat(ja.lines().skip(1).findFirst().orElseThrow()).startsWith("【代わりの商品】")
                .contains("「ソフトボトル 600」1点");
        assertThat(ja).contains("・容量：500 ml → 600 ml（こちらの方が上回ります）", "差額の500円をご返金");
        assertThat(section(scripts.get(0), "FACTS")).contains("再入荷することはございません");
        assertThat(section(scripts.get(1), "OPTIONS")).contains("Soft bottle 600", "difference of ¥500");
    }

    @Test
    void anyOtherCaseGetsTheGeneralScript() {
        String sku = bottle("GEN", 3000, 500, null, null);
        JsonNode c = onlyCase(place(order(shop.marketplace(), sku, 3, 3000)), "ALLOCATION_FAILED");
        assertThat(offered(c)).containsExactly(Choice.CANCEL);

        assertScripts(c, "GENERAL", 3);
    }

    // ---- a decided case, bad requests -----------------------------------------------------------------

    @Test
    void aDecidedCaseKeepsItsVariantAndSaysWhatWasDecided() {
        String sku = bottle("DONE", 3000, 500, null, null);
        api.inbound(sku, shop.store(), 5, today().plusDays(10));
        JsonNode c = onlyCase(place(order(shop.marketplace(), sku, 1, 3000)), "ALLOCATION_FAILED");
        api.ok(api.post("/api/stockouts/" + c.path("id").asString() + "/decision",
                JSON.createObjectNode().put("choice", "WAIT").put("decidedBy", "staff:tanaka")));

        JsonNode script = script(c, "en");

        assertThat(script.path("variant").asString()).isEqualTo("DATED_RESTOCK");
        assertThat(section(script, "OPTIONS")).startsWith("How this order goes ahead has already been decided.")
                .contains(CustomerDates.format(today().plusDays(10), Locale.ENGLISH));
        ScriptChecks.assertNamesOnly(allText(script), List.of(), Locale.ENGLISH);
    }

    @Test
    void anUnknownCaseIs404AndAnUnknownLanguage400() {
        String sku = bottle("BAD", 3000, 500, null, null);
        JsonNode c = onlyCase(place(order(shop.marketplace(), sku, 1, 3000)), "ALLOCATION_FAILED");

        ShopApi.Response missing = api.get("/api/stockouts/SO-999999999/script?lang=ja");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        ShopApi.Response french = api.get("/api/stockouts/" + c.path("id").asString() + "/script?lang=fr");
        assertThat(french.status()).isEqualTo(400);
        assertThat(french.detail()).contains("lang must be ja or en");
        assertThat(api.get("/api/stockouts/" + c.path("id").asString() + "/script?operator=" + "x".repeat(51)).status())
                .isEqualTo(400);
    }
}

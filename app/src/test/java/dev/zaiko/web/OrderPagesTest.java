package dev.zaiko.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.zaiko.order.OrderNumber;
import dev.zaiko.platform.Hmac;
import dev.zaiko.support.Events;
import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ShopApi.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console's order look-up and order page, and the customer's order status page behind its
 * signed link, over HTTP against the running application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OrderPagesTest {

    private static final Pattern STATUS_LINK = Pattern.compile("id=\"status-link\"[^>]*value=\"[^\"]*(/o/[^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    MovableClock clock;
    @Autowired
    JdbcTemplate jdbc;

    ShopApi api;
    ShopApi.Shop shop;
    ConsoleBrowser browser;

    @BeforeEach
    void shopAndBrowser() {
        api = ConsoleBrowser.api(port);
        shop = api.shop();
        browser = ConsoleBrowser.signedIn(port);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    record Placed(String number, LocalDate inboundOn, String shipped, String backordered, String cancelled,
                  String waiting) {
    }

    private String product(String prefix, String ja, String en, boolean backorderable, int sellable) {
        String sku = ShopApi.unique(prefix);
        ObjectNode body = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 1980)
                .put("backorderable", backorderable);
        body.putObject("name").put("ja", ja).put("en", en);
        api.ok(api.post("/api/products", body));
        if (sellable > 0) api.sellable(sku, shop.warehouse(), sellable);
        return sku;
    }

    /**
     * A web order of four lines: one shipped, one waiting for a dated inbound, one found defective
     * at packing and cancelled by the customer (refunded to the card), one not shipped yet.
     */
    private Placed orderInEveryState() {
        String shipped = product("SHIP", "ソロテント", "Solo tent", false, 1);
        String backordered = product("BACK", "ツーリングテント", "Touring tent", true, 0);
        LocalDate inboundOn = ShopApi.today().plusDays(12);
        api.inbound(backordered, shop.warehouse(), 5, inboundOn);
        String cancelled = product("DEFECT", "ランタン", "Lantern", false, 1);
        String waiting = product("WAIT", "寝袋", "Sleeping bag", false, 1);
        ObjectNode body = ShopApi.orderBody(shop.web(), "CAPTURED", shipped, 1, backordered, 1, cancelled, 1, waiting, 1);
        body.put("externalRef", ShopApi.unique("cart"));
        ((ObjectNode) body.path("customer")).put("name", "佐藤 一郎").put("phone", "090-7777-1234")
                .put("email", ShopApi.uniqueEmail());
        String number = api.ok(api.post("/api/orders", body)).path("orderNumber").asString();

        ObjectNode pack = ShopApi.JSON.createObjectNode();
        pack.putArray("lines").addObject().put("lineNo", 1).put("passed", 1).put("defective", 0);
        ((tools.jackson.databind.node.ArrayNode) pack.path("lines")).addObject().put("lineNo", 3).put("passed", 0)
                .put("defective", 1);
        api.ok(api.post("/api/orders/" + number + "/pack", pack));
        Events.awaitHandled(jdbc, number);
        String caseId = api.ok(api.get("/api/stockouts?order=" + number + "&size=10")).path("items").get(0).path("id")
                .asString();
        api.ok(api.post("/api/stockouts/" + caseId + "/decision", ShopApi.JSON.createObjectNode().put("choice", "CANCEL")
                .put("decidedBy", "staff:console-test")));
        await("the card refund of " + number).atMost(Events.BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode refunds = api.ok(api.get("/api/refunds?order=" + number)).path("refunds");
            return refunds.size() == 1 && refunds.get(0).path("expectedBy").isString();
        });
        return new Placed(number, inboundOn, shipped, backordered, cancelled, waiting);
    }

    private static String fullWidth(String number) {
        StringBuilder s = new StringBuilder();
        for (char c : number.toCharArray()) s.append(c == '-' ? '－' : (char) ('０' + (c - '0')));
        return s.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String statusLink(String number) {
        Matcher m = STATUS_LINK.matcher(browser.page("/orders/" + number).body());
        assertThat(m.find()).as("the console shows the customer's link").isTrue();
        return m.group(1);
    }

    @Test
    void anOrderIsFoundByItsNumberAsReadOverThePhoneWithOrWithoutDashesAndInFullWidthDigits() {
        Placed o = orderInEveryState();
        String digits = o.number().replace("-", "");

        for (String typed : new String[]{o.number(), digits, o.number().replace('-', ' '), fullWidth(o.number()),
                " " + fullWidth(digits) + " "}) {
            Response found = browser.page("/orders?number=" + encode(typed));
            assertThat(found.status()).as(typed).isEqualTo(302);
            assertThat(found.location()).as(typed).endsWith("/orders/" + o.number());
        }

        Response page = browser.page("/orders/" + o.number());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("佐藤 一郎").contains("090-7777-1234").contains("@example.jp")
                .contains(shop.web()).contains("クレジットカード").contains("請求済み")
                .contains(o.shipped()).contains(o.backordered()).contains(o.cancelled()).contains(o.waiting())
                .contains("1,980円")
                .contains("カード").contains("顧客用の注文状況ページ").contains("/cases/SO-")
                .contains("状況の履歴");
        assertThat(browser.page("/orders/" + digits).status()).as("the digits alone work too").isEqualTo(200);
    }

    @Test
    void eachLineSaysWhereItStandsInPlainWordsInJapaneseAndEnglish() {
        Placed o = orderInEveryState();
        String day = DateTimeFormatter.ofPattern("M月d日").format(o.inboundOn());
        String dayEn = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH).format(o.inboundOn());

        String ja = browser.page("/orders/" + o.number()).body();
        assertThat(lineStatus(ja, 1)).isEqualTo("発送済み");
        assertThat(lineStatus(ja, 2)).isEqualTo("入荷待ち（" + day + "入荷予定）");
        assertThat(lineStatus(ja, 3)).isEqualTo("キャンセル済み");
        assertThat(lineStatus(ja, 4)).isEqualTo("商品確保済み");

        String en = browser.page("/orders/" + o.number() + "?lang=en").body();
        assertThat(lineStatus(en, 1)).isEqualTo("Shipped");
        assertThat(lineStatus(en, 2)).isEqualTo("On backorder, expected " + dayEn);
        assertThat(lineStatus(en, 3)).isEqualTo("Cancelled");
        assertThat(en).contains("order status page").contains("Refunds").contains("Credit card");
        browser.page("/orders?lang=ja");
    }

    private static String lineStatus(String html, int lineNo) {
        Matcher m = Pattern.compile("data-line=\"" + lineNo + "\">.*?class=\"line-status\">([^<]*)<", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).as("line " + lineNo).isTrue();
        return m.group(1);
    }

    @Test
    void aNumberWithNoOrderOrAMisheardDigitSaysSoInTheUsersLanguage() {
        String nobodys = OrderNumber.random().toString();
        Response missing = browser.page("/orders?number=" + encode(nobodys));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("注文番号 " + nobodys + " の注文は見つかりません").contains("role=\"alert\"");

        String d = nobodys.replace("-", "");
        String misheard = d.substring(0, 16) + (char) ('0' + (d.charAt(16) - '0' + 1) % 10);
        Response wrong = browser.page("/orders?number=" + misheard);
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("聞き違えている");
        assertThat(browser.page("/orders?number=12345").body()).contains("17桁");

        Response english = browser.page("/orders?number=" + encode(nobodys) + "&lang=en");
        assertThat(english.status()).isEqualTo(404);
        assertThat(english.body()).contains("There is no order " + nobodys);
        browser.page("/orders?lang=ja");

        assertThat(browser.page("/orders/" + nobodys).status()).isEqualTo(404);
        assertThat(browser.page("/orders").body()).contains("注文を探す").contains("name=\"number\"");
    }

    @Test
    void theCustomersLinkShowsTheirOrderInPlainWordsWithRefundsAndTheShop() {
        Placed o = orderInEveryState();
        String link = statusLink(o.number());
        ConsoleBrowser customer = ConsoleBrowser.anonymous(port);
        String day = DateTimeFormatter.ofPattern("M月d日").format(o.inboundOn());

        Response page = customer.page(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(o.number()).contains("佐藤 一郎")
                .contains("ソロテント").contains("発送済み")
                .contains("ツーリングテント").contains("入荷待ち（" + day + "入荷予定）")
                .contains("ランタン").contains("キャンセル済み")
                .contains("寝袋").contains("未発送")
                .contains("クレジットカードへの返金").contains("1,980円")
                .contains("山並ストア").contains("03-0000-0000")
                .doesNotContain(o.shipped()).doesNotContain("090-7777-1234");

        Response english = customer.page(link + "?lang=en");
        assertThat(english.status()).isEqualTo(200);
        assertThat(english.body()).contains("Solo tent").contains("Shipped")
                .contains("Waiting for stock (expected in on "
                        + DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH).format(o.inboundOn()) + ")")
                .contains("Cancelled").contains("Not shipped yet").contains("Yamanami Store").contains("¥1,980");
    }

    @Test
    void aChangedOrForgedLinkShowsNothingAndAnExpiredOneSaysSo() {
        Placed o = orderInEveryState();
        String link = statusLink(o.number());
        ConsoleBrowser customer = ConsoleBrowser.anonymous(port);
        String token = link.substring("/o/".length());
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);

        char last = signature.charAt(signature.length() - 2);
        String changed = "/o/" + payload + "." + signature.substring(0, signature.length() - 2)
                + (last == 'A' ? 'B' : 'A') + signature.charAt(signature.length() - 1);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String otherOrder = OrderNumber.random().digits();
        String decoded = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.US_ASCII);
        String swapped = "/o/" + b64.encodeToString(decoded.replace(o.number().replace("-", ""), otherOrder)
                .getBytes(StandardCharsets.US_ASCII)) + "." + signature;
        String forgedPayload = b64.encodeToString(decoded.getBytes(StandardCharsets.US_ASCII));
        String forged = "/o/" + forgedPayload + "." + b64.encodeToString(Hmac.sha256(
                "not-the-shops-key".getBytes(StandardCharsets.UTF_8),
                ("order-status|" + forgedPayload).getBytes(StandardCharsets.US_ASCII)));

        for (String bad : new String[]{changed, swapped, forged, "/o/" + payload, "/o/nonsense", "/o/a.b"}) {
            Response refused = customer.page(bad);
            assertThat(refused.status()).as(bad).isEqualTo(403);
            assertThat(refused.body()).as(bad).contains("このリンクは開けません").doesNotContain(o.number())
                    .doesNotContain("佐藤").doesNotContain(o.number().replace("-", ""));
        }

        clock.advance(Duration.ofDays(91));
        Response expired = customer.page(link + "?lang=en");
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("This link has expired").doesNotContain(o.number()).doesNotContain("Sato")
                .doesNotContain("佐藤");
    }

    @Test
    void theLinkShowsOnlyItsOwnOrderWhateverTheAddressAdds() {
        Placed mine = orderInEveryState();
        String other = api.ok(api.post("/api/orders", ShopApi.orderBody(shop.web(), "AUTHORIZED",
                product("OTHER", "マグカップ", "Mug", false, 1), 1))).path("orderNumber").asString();
        String link = statusLink(mine.number());
        ConsoleBrowser customer = ConsoleBrowser.anonymous(port);

        Response page = customer.page(link + "?order=" + other + "&number=" + other.replace("-", "")
                + "&orderNumber=" + other + "&token=x&lang=ja");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(mine.number()).doesNotContain(other).doesNotContain("マグカップ");
    }

    @Test
    void theConsolesOrderAndOutboxPagesSendAnAnonymousVisitorToSignIn() {
        ConsoleBrowser nobody = ConsoleBrowser.anonymous(port);
        for (String path : new String[]{"/orders", "/orders?number=1", "/orders/" + OrderNumber.random(), "/outbox",
                "/outbox?status=FAILED"}) {
            Response answer = nobody.page(path);
            assertThat(answer.status()).as(path).isEqualTo(302);
            assertThat(answer.location()).as(path).endsWith("/login");
        }
    }
}

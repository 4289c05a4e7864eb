package dev.zaiko.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.zaiko.order.OrderNumber;
import dev.zaiko.order.OrderStatusLinks;
import dev.zaiko.support.RawHttp;
import dev.zaiko.support.RawHttp.Answer;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every page tells the browser to refuse: scripts that are not Zaiko's own files, being framed,
 * guessing content types, handing the address on; customers' pages also not to be stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SecurityHeadersTest {

    @LocalServerPort
    int port;
    @Autowired
    OrderStatusLinks statusLinks;

    static String directive(Answer a, String name) {
        String policy = a.header("Content-Security-Policy");
        assertThat(policy).as("a Content-Security-Policy").isNotNull();
        for (String d : policy.split(";")) {
            if (d.trim().startsWith(name + " ")) return d.trim();
        }
        return null;
    }

    /** The guards every page carries. */
    static void guarded(Answer a, String page) {
        assertThat(a.header("X-Content-Type-Options")).as(page).isEqualTo("nosniff");
        assertThat(a.header("X-Frame-Options")).as(page).isEqualTo("DENY");
        assertThat(directive(a, "frame-ancestors")).as(page).isEqualTo("frame-ancestors 'none'");
        assertThat(directive(a, "script-src")).as(page).isEqualTo("script-src 'self'");
        assertThat(directive(a, "default-src")).as(page).isEqualTo("default-src 'self'");
        assertThat(directive(a, "object-src")).as(page).isEqualTo("object-src 'none'");
        assertThat(a.header("Content-Security-Policy")).as(page).doesNotContain("unsafe-eval");
        assertThat(a.header("Strict-Transport-Security")).as("HSTS only over HTTPS: " + page).isNull();
    }

    @Test
    void theSignInPageAndTheConsoleAllowOnlyZaikosOwnScriptsAndNoFraming() {
        RawHttp browser = new RawHttp(port, "127.0.0.1");
        Answer login = browser.get("/login");
        assertThat(login.status()).isEqualTo(200);
        guarded(login, "/login");
        assertThat(directive(login, "style-src")).isEqualTo("style-src 'self'");
        assertThat(login.header("Referrer-Policy")).isEqualTo("same-origin");

        browser.postForm("/login", java.util.Map.of("username", "admin", "password", "test-admin-password"));
        for (String page : List.of("/", "/orders", "/inventory", "/outbox", "/settings")) {
            Answer console = browser.get(page);
            assertThat(console.status()).as(page).isEqualTo(200);
            guarded(console, page);
            assertThat(directive(console, "style-src")).as(page).isEqualTo("style-src 'self'");
            assertThat(console.header("Referrer-Policy")).as(page).isEqualTo("same-origin");
            assertThat(console.header("Cache-Control")).as(page).contains("no-store");
        }
    }

    @Test
    void aCustomersPageHandsItsAddressToNobodyAndIsNeverStored() {
        ShopApi api = new AccessApi(port);
        ShopApi.Shop shop = api.shop();
        String sku = ShopApi.unique("HDR");
        ObjectNode product = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 1000);
        product.putObject("name").put("ja", "テント").put("en", "Tent");
        api.ok(api.post("/api/products", product));
        api.sellable(sku, shop.warehouse(), 1);
        ObjectNode order = ShopApi.orderBody(shop.web(), "CAPTURED", sku, 1).put("externalRef", ShopApi.unique("cart"));
        String number = api.ok(api.post("/api/orders", order)).path("orderNumber").asString();
        String link = statusLinks.issue(OrderNumber.parse(number)).url().getPath();

        RawHttp customer = new RawHttp(port, "127.0.0.1");
        for (String page : List.of(link, "/o/nonsense", "/c/nonsense")) {
            Answer a = customer.get(page);
            assertThat(a.status()).as(page).isIn(200, 403);
            guarded(a, page);
            assertThat(a.header("Referrer-Policy")).as(page).isEqualTo("no-referrer");
            assertThat(a.header("Cache-Control")).as(page).contains("no-store");
        }
        assertThat(customer.get(link).status()).isEqualTo(200);
    }

    @Test
    void onlyTheOutboxsEmailPageAllowsInlineStylesForTheEmailItShows() {
        assertThat(SecurityHeaders.EMAIL_PAGE_POLICY).contains("style-src 'self' 'unsafe-inline'")
                .contains("script-src 'self';").contains("frame-ancestors 'none'");
        RawHttp browser = new RawHttp(port, "127.0.0.1");
        browser.signIn("admin", "test-admin-password");
        Answer email = browser.get("/outbox/00000000-0000-0000-0000-000000000000");
        assertThat(directive(email, "style-src")).isEqualTo("style-src 'self' 'unsafe-inline'");
        assertThat(directive(email, "script-src")).isEqualTo("script-src 'self'");
        assertThat(directive(browser.get("/outbox"), "style-src")).isEqualTo("style-src 'self'");
    }

    /** The policy forbids inline scripts, handlers and style attributes: no template may rely on them. */
    @Test
    void noPageTemplateCarriesInlineScriptsHandlersOrStyles() throws Exception {
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("\\son[a-z]+\\s*=|th:on[a-z]+\\s*=|javascript:|hx-vals\\s*=\\s*['\"]js:|hx-on",
                Pattern.CASE_INSENSITIVE);
        Pattern style = Pattern.compile("\\sstyle\\s*=|th:style|<style", Pattern.CASE_INSENSITIVE);
        Path templates = Path.of("src/main/resources/templates");
        try (Stream<Path> files = Files.walk(templates)) {
            List<Path> pages = files.filter(p -> p.toString().endsWith(".html"))
                    .filter(p -> !p.startsWith(templates.resolve("mail"))) // emails: inline styles are how email is styled
                    .toList();
            assertThat(pages).hasSizeGreaterThan(10);
            for (Path page : pages) {
                String html = Files.readString(page, StandardCharsets.UTF_8);
                assertThat(inlineScript.matcher(html).find()).as("inline script in " + page).isFalse();
                assertThat(handler.matcher(html).find()).as("inline handler in " + page).isFalse();
                assertThat(style.matcher(html).find()).as("inline style in " + page).isFalse();
            }
        }
    }
}

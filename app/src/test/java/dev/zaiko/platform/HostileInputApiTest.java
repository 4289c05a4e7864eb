package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.zaiko.support.ShopApi;
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
 * Hostile input, case by case (the generated {@link HostileWriteRequestsApiTest} covers every write
 * operation): a control character, an overlong text, a number out of range or broken JSON is
 * answered 400 with a problem that names the field, and changes nothing, whichever way it came in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HostileInputApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Client api;
    ShopApi.Shop shop;
    String sku;

    @BeforeEach
    void setUp() {
        api = new Client(port);
        shop = api.shop();
        sku = ShopApi.unique("HOSTILE");
        api.ok(api.post("/api/products", product(sku)));
        api.sellable(sku, shop.store(), 5);
    }

    private static ObjectNode product(String sku) {
        ObjectNode body = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 1980);
        body.putObject("name").put("ja", "テント").put("en", "Tent");
        return body;
    }

    private long products() {
        return jdbc.queryForObject("select count(*) from catalog_product", Long.class);
    }

    private int sellable() {
        return jdbc.queryForObject("select coalesce(sum(sellable), 0) from inventory_stock_level where sku = ?",
                Integer.class, sku);
    }

    private static JsonNode problem(ShopApi.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
        assertThat(response.type()).as(response.body()).endsWith("/" + type);
        return response.json();
    }

    @Test
    void aNulInAProductNameIsRefusedNamingTheNameAndNothingIsStored() {
        long before = products();
        for (String name : new String[]{"{\"ja\":\"テ\\u0000ント\",\"en\":\"Tent\"}", "\"テ\\u0000ント\""}) {
            String body = "{\"sku\":\"" + ShopApi.unique("NUL") + "\",\"name\":" + name + ",\"category\":\"tent\",\"price\":1980}";
            JsonNode problem = problem(api.post("/api/products", body), 400, "invalid-text");
            assertThat(problem.path("field").asString()).as(name).startsWith("name");
            assertThat(problem.path("detail").asString()).contains("U+0000").doesNotContain("\u0000");
        }
        JsonNode problem = problem(api.post("/api/products", "{\"sku\":\"" + ShopApi.unique("NUL")
                + "\",\"name\":\"Tent\",\"category\":\"te\\u0000nt\",\"price\":1980}"), 400, "invalid-text");
        assertThat(problem.path("field").asString()).isEqualTo("category");
        assertThat(products()).isEqualTo(before);
    }

    @Test
    void everyKindOfControlCharacterAndAnUnpairedSurrogateIsRefused() {
        for (String bad : new String[]{"\\u0001", "\\u001B", "\\u007F", "\\u0080", "\\u009F", "\\uD800", "\\uDC00x",
                "\\n", "\\r", "\\t"}) {
            String body = "{\"code\":\"" + ShopApi.unique("LOC") + "\",\"kind\":\"WAREHOUSE\",\"name\":\"a" + bad + "b\"}";
            JsonNode problem = problem(api.post("/api/locations", body), 400, "invalid-text");
            assertThat(problem.path("field").asString()).as(bad).isEqualTo("name");
        }
        String ok = "{\"code\":\"" + ShopApi.unique("LOC") + "\",\"kind\":\"WAREHOUSE\",\"name\":\"山の倉庫 🏔\"}";
        assertThat(api.post("/api/locations", ok).status()).as("a paired surrogate (an emoji) is text").isEqualTo(201);
    }

    @Test
    void aNestedFieldIsNamedByItsPath() {
        ObjectNode order = ShopApi.orderBody(shop.web(), "AUTHORIZED", sku, 1);
        order.withObject("customer").put("name", "山田\u0000花子");
        JsonNode problem = problem(api.post("/api/orders", order), 400, "invalid-text");
        assertThat(problem.path("field").asString()).isEqualTo("customer.name");

        ObjectNode line = ShopApi.orderBody(shop.web(), "AUTHORIZED", sku, 1);
        ((ObjectNode) line.withArray("lines").get(0)).put("sku", sku + "\u001F");
        assertThat(problem(api.post("/api/orders", line), 400, "invalid-text").path("field").asString())
                .isEqualTo("lines[0].sku");
        assertThat(sellable()).isEqualTo(5);
    }

    @Test
    void aTextOfAHundredThousandCharactersIsRefusedNamingTheField() {
        String body = "{\"code\":\"" + ShopApi.unique("LOC") + "\",\"kind\":\"STORE\",\"name\":\"" + "x".repeat(100_000) + "\"}";
        JsonNode problem = problem(api.post("/api/locations", body), 400, "invalid-text");
        assertThat(problem.path("field").asString()).isEqualTo("name");
        assertThat(problem.path("detail").asString()).contains("100000 characters", "at most 10000");
    }

    @Test
    void aQuantityOfTwoToTheSixtyThirdIsRefusedAndNothingIsReceived() {
        for (String number : new String[]{"9223372036854775808", "-9223372036854775809", "1e400", "NaN", "\"NaN\"",
                "1" + "0".repeat(200)}) {
            String body = "{\"sku\":\"" + sku + "\",\"location\":\"" + shop.store() + "\",\"quantity\":" + number + "}";
            ShopApi.Response response = api.post("/api/stock/receipts", body);
            assertThat(response.status()).as(number + ": " + response.body()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            if (!number.equals("NaN") && !number.startsWith("1000")) {
                assertThat(response.json().path("field").asString()).as(number).isEqualTo("quantity");
            }
        }
        assertThat(jdbc.queryForObject("select coalesce(sum(inspecting), 0) from inventory_stock_level where sku = ?",
                Integer.class, sku)).isZero();
    }

    @Test
    void aNumberOrABooleanWhereTextIsExpectedIsRefused() {
        for (String value : new String[]{"12", "true", "9223372036854775808"}) {
            String body = "{\"code\":\"" + ShopApi.unique("LOC") + "\",\"kind\":\"STORE\",\"name\":" + value + "}";
            JsonNode problem = problem(api.post("/api/locations", body), 400, "unreadable-request");
            assertThat(problem.path("field").asString()).isEqualTo("name");
        }
    }

    @Test
    void malformedTruncatedEmptyOrDeeplyNestedJsonIsAProblemNotAnError() {
        String valid = "{\"sku\":\"" + sku + "\",\"location\":\"" + shop.store() + "\",\"quantity\":1}";
        for (String body : new String[]{"{\"sku\":", valid.substring(0, valid.length() - 1), "", "[" + valid + "]",
                "nonsense", "[".repeat(1000) + "]".repeat(1000)}) {
            problem(api.post("/api/stock/receipts", body), 400, "unreadable-request");
        }
        assertThat(jdbc.queryForObject("select coalesce(sum(inspecting), 0) from inventory_stock_level where sku = ?",
                Integer.class, sku)).isZero();
    }

    @Test
    void aControlCharacterInAQueryParameterOrAPathVariableIsRefusedNamingIt() {
        JsonNode problem = problem(api.get("/api/wallets?customer=a%01b%40example.jp"), 400, "invalid-text");
        assertThat(problem.path("field").asString()).isEqualTo("customer");
        assertThat(problem(api.get("/api/stock/consistency?sku=%00"), 400, "invalid-text").path("field").asString())
                .isEqualTo("sku");
        assertThat(problem(api.get("/api/products/A%1BB"), 400, "invalid-text").path("field").asString())
                .isEqualTo("sku");
        assertThat(problem(api.get("/api/products/A%C2%85B"), 400, "invalid-text").path("field").asString())
                .as("a C1 control, UTF-8 encoded").isEqualTo("sku");
    }

    @Test
    void aNumberOutOfRangeInAParameterIsAProblemNamingIt() {
        JsonNode problem = problem(api.get("/api/stock/" + sku + "/movements?limit=9223372036854775808"), 400,
                "invalid-request");
        assertThat(problem.path("field").asString()).isEqualTo("limit");
    }

    @Test
    void aMultiLineFieldTakesLineBreaksButNoOtherControlCharacter() {
        ShopApi.Response checked = api.post("/api/contact/tone-check",
                ShopApi.JSON.createObjectNode().put("text", "一行目\r\n二行目\tです"));
        assertThat(checked.status()).as(checked.body()).isEqualTo(200);
        JsonNode problem = problem(api.post("/api/contact/tone-check",
                ShopApi.JSON.createObjectNode().put("text", "bell\u0007")), 400, "invalid-text");
        assertThat(problem.path("field").asString()).isEqualTo("text");
        assertThat(api.post("/api/contact/tone-check", ShopApi.JSON.createObjectNode().put("text", "x".repeat(15_000)))
                .status()).as("the tone check's own longer limit").isEqualTo(200);
    }

    @Test
    void aConsoleFormWithAControlCharacterIsRefusedAndChangesNothing() {
        Client console = new Client(port);
        console.signIn("admin", "test-admin-password");
        console.page("/inventory/" + sku); // the form's CSRF token, as a browser has it
        ShopApi.Response answer = console.postForm("/inventory/" + sku + "/adjustments",
                Map.of("location", shop.store(), "counted", "0", "reason", "count\u0000ed"));
        JsonNode problem = problem(answer, 400, "invalid-text");
        assertThat(problem.path("field").asString()).isEqualTo("reason");
        assertThat(sellable()).isEqualTo(5);
        assertThat(problem(console.page("/inventory?q=%1B%5B2J"), 400, "invalid-text").path("field").asString())
                .isEqualTo("q");
    }

    @Test
    void aCustomersPageFormWithAControlCharacterIsRefused() {
        api.useToken(null); // a customer's browser
        assertThat(problem(api.page("/c/not-a-real-link?lang=%00en"), 400, "invalid-text").path("field").asString())
                .isEqualTo("lang");
        api.page("/login"); // any page with a form gives the browser its CSRF token (a real link's page does too)
        ShopApi.Response answer = api.postForm("/c/not-a-real-link/decision", Map.of("choice", "CANCEL\u0000"));
        assertThat(problem(answer, 400, "invalid-text").path("field").asString()).isEqualTo("choice");
    }

    @Test
    void aControlCharacterInAnImportedFileIsThatRowsErrorNotAStoredValue() {
        String day = ShopApi.today().minusDays(1).toString();
        String id = ShopApi.unique("SALE");
        String csv = "sale_id,sku,location,quantity,sold_at\r\n"
                + id + "-1," + sku + "\u0000," + shop.store() + ",1," + day + " 10:00\r\n"
                + id + "-2\u0085," + sku + "," + shop.store() + ",1," + day + " 10:00\r\n"
                + id + "-3," + sku + "," + shop.store() + ",1\u007F," + day + " 10:00\r\n";
        ShopApi.Response response = api.postCsv("/api/imports/till-sales", csv.getBytes(StandardCharsets.UTF_8));
        JsonNode report = api.ok(response);
        assertThat(report.path("imported").intValue()).isZero();
        assertThat(report.path("errors").size()).isEqualTo(3);
        assertThat(report.path("errors").toString()).contains("\"sku\"", "\"sale_id\"", "\"quantity\"", "control character")
                .doesNotContain("\\u0000");
        assertThat(sellable()).isEqualTo(5);
    }

    @Test
    void aBodyAnnouncedLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            String head = "POST /api/imports/till-sales HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n"
                    + "Authorization: Bearer " + ShopApi.TOKEN + "\r\nAccept: application/json\r\n"
                    + "Content-Length: 999999999\r\n\r\nsale_id,sku";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            StringBuilder answer = new StringBuilder(); // read until the problem is complete: Tomcat may keep the socket
            java.io.InputStream in = socket.getInputStream();
            for (int b; !answer.toString().endsWith("}") && (b = in.read()) != -1; ) answer.append((char) b);
            assertThat(answer.toString()).startsWith("HTTP/1.1 413").contains("application/problem+json", "request-too-large");
        }
    }

    /** ShopApi with a raw CSV upload. */
    static final class Client extends ShopApi {
        private final HttpClient http = HttpClient.newHttpClient();

        Client(int port) {
            super(port);
        }

        Response postCsv(String path, byte[] body) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "text/csv").header("Accept", "application/json")
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), null, r.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generated from the OpenAPI document: every write operation of the API (POST, PUT, PATCH and
 * DELETE under /api/) gets a body shaped by its schema, then one field at a time is replaced by a
 * hostile value (control characters, a 100,000-character string, 2^63, -2^63-1, 1e400, NaN bare
 * and as text, a value of the wrong JSON type), and the body as a whole is broken (malformed,
 * truncated, empty, an array instead of an object); path variables and query parameters get
 * control characters and numbers out of range. Every such request must be answered 4xx with a
 * problem+json body and change nothing: the row counts of every domain table and the stock
 * ledger's consistency check are the same afterwards.
 *
 * <p>Path variables name the test's own shop where the name says what they are (a SKU, a channel
 * or location code, an order number), so a hostile body meets an operation that would otherwise
 * go ahead; other ids are made up (a hostile value is refused before any lookup, and a 404 for the
 * made-up id would also be 4xx and change nothing). A DELETE has no body and is exercised through
 * its path variables and parameters. Left out, and printed: only operations that take no input at
 * all (no body, parameter or path variable, e.g. DELETE /api/contact/calendar/hours): there is
 * nothing hostile to send them. An empty or {@code null} body is sent only where the body is
 * required; where it is optional it is a valid request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HostileWriteRequestsApiTest {

    private static final String MARK = "__HOSTILE_VALUE__";
    private static final String LONG = "x".repeat(100_000);
    private static final Set<String> METHODS = Set.of("post", "put", "patch", "delete");
    /** Tables written only by the jobs and the event registry, which run on their own schedule. */
    private static final Set<String> NOT_COUNTED = Set.of("flyway_schema_history", "scheduled_tasks",
            "event_publication", "event_publication_archive");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    record Case(String method, String path, String body, String what, boolean lastOfOperation) {
        Case(String method, String path, String body, String what) {
            this(method, path, body, what, false);
        }

        Case last() {
            return new Case(method, path, body, what, true);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyWriteOperationRefusesHostileInputAndChangesNothing() {
        Client api = new Client(port);
        ShopApi.Shop shop = api.shop();
        String sku = ShopApi.unique("HOSTILE");
        ObjectNode product = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 1980);
        product.putObject("name").put("ja", "テント").put("en", "Tent");
        api.ok(api.post("/api/products", product));
        api.sellable(sku, shop.store(), 5);
        String order = api.ok(api.post("/api/orders", ShopApi.orderBody(shop.web(), "AUTHORIZED", sku, 1)))
                .path("orderNumber").asString();
        String username = ShopApi.unique("hostile").toLowerCase();
        api.ok(api.post("/api/access/users", ShopApi.JSON.createObjectNode().put("username", username)
                .put("displayName", "Hostile input").put("role", "OPERATOR").put("locale", "en")
                .put("password", "a-long-enough-password-" + username)));
        Map<String, String> known = Map.of("sku", sku, "code", shop.web(), "channel", shop.web(),
                "location", shop.store(), "orderNumber", order, "username", username);

        JsonNode docs = api.ok(api.get("/v3/api-docs"));
        List<Case> cases = new ArrayList<>();
        List<String> tables = jdbc.queryForList("select table_name from information_schema.tables where table_schema = "
                + "'public' and table_type = 'BASE TABLE' order by table_name", String.class);
        countSql = "select " + tables.stream().filter(t -> !NOT_COUNTED.contains(t))
                .map(t -> "'" + t + "=' || (select count(*) from " + t + ")")
                .reduce((a, b) -> a + " || ' ' || " + b).orElseThrow();
        for (Map.Entry<String, JsonNode> path : docs.path("paths").properties()) {
            if (!path.getKey().startsWith("/api/")) continue;
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (!METHODS.contains(op.getKey())) continue;
                List<Case> generated = new Generator(docs, known, op.getKey().toUpperCase(), path.getKey(), op.getValue())
                        .cases();
                if (generated.isEmpty()) System.out.println("No input to corrupt: " + op.getKey().toUpperCase() + " " + path.getKey());
                if (!op.getValue().path("requestBody").isMissingNode()
                        && !op.getValue().path("requestBody").path("required").asBoolean(false)) {
                    System.out.println("Optional body (no empty/null case): " + op.getKey().toUpperCase() + " " + path.getKey());
                }
                cases.addAll(generated);
            }
        }
        System.out.println("Hostile requests generated: " + cases.size());
        assertThat(cases.size()).as("generated cases").isBetween(500, 4000);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.method() + " " + c.path() + " — " + c.what(), () -> {
            String counts = counts();
            ShopApi.Response response = api.send(c.method(), c.path(), c.body());
            assertThat(response.status()).as("%s %s (%s): %s", c.method(), c.path(), c.what(), cut(response.body()))
                    .isBetween(400, 499);
            assertThat(response.contentType()).as("%s %s (%s): %s", c.method(), c.path(), c.what(), cut(response.body()))
                    .startsWith("application/problem+json");
            assertThat(countNow()).as("row counts after %s %s (%s)", c.method(), c.path(), c.what()).isEqualTo(counts);
            if (c.lastOfOperation()) { // the ledger's full fold once per operation keeps the run short
                JsonNode ledger = api.ok(api.get("/api/stock/consistency"));
                assertThat(ledger.path("mismatches").size())
                        .as("stock ledger consistent after the hostile %s %s requests: %s", c.method(), c.path(), ledger)
                        .isZero();
            }
        }));
    }

    private static String cut(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }

    private String countSql;

    private String lastCounts;

    /**
     * One number per domain table, in one (prepared, so planned once) query. The counts after one
     * request are the counts before the next, so each request costs one count.
     */
    private String counts() {
        if (lastCounts == null) lastCounts = countNow();
        return lastCounts;
    }

    private String countNow() {
        lastCounts = jdbc.queryForObject(countSql + " where ? = 1", String.class, 1);
        return lastCounts;
    }

    /** The cases of one operation. */
    private static final class Generator {
        private final JsonNode docs;
        private final Map<String, String> known;
        private final String method;
        private final String template;
        private final JsonNode op;
        private final List<Case> cases = new ArrayList<>();

        Generator(JsonNode docs, Map<String, String> known, String method, String template, JsonNode op) {
            this.docs = docs;
            this.known = known;
            this.method = method;
            this.template = template;
            this.op = op;
        }

        List<Case> cases() {
            Map<String, String> pathValues = new LinkedHashMap<>();
            Map<String, JsonNode> queryParams = new LinkedHashMap<>();
            for (JsonNode p : op.path("parameters")) {
                String name = p.path("name").asString();
                JsonNode schema = resolve(p.path("schema"));
                if ("path".equals(p.path("in").asString())) pathValues.put(name, pathValue(name, schema));
                else if ("query".equals(p.path("in").asString())) queryParams.put(name, schema);
            }
            String path = fill(pathValues, null, null);
            JsonNode content = op.path("requestBody").path("content");
            boolean bodyRequired = op.path("requestBody").path("required").asBoolean(false);
            JsonNode jsonSchema = content.path("application/json").path("schema");
            boolean json = !jsonSchema.isMissingNode();
            JsonNode body = json ? sample(resolve(jsonSchema), "", 0) : null;
            String validBody = body == null ? null : ShopApi.JSON.writeValueAsString(body);

            // path variables: control characters and (for numeric ids) numbers out of range
            for (Map.Entry<String, String> v : pathValues.entrySet()) {
                for (Map.Entry<String, String> hostile : pathHostile().entrySet()) {
                    cases.add(new Case(method, fill(pathValues, v.getKey(), hostile.getValue()), validBody,
                            "path variable " + v.getKey() + " = " + hostile.getKey()));
                }
            }
            // query parameters
            for (Map.Entry<String, JsonNode> q : queryParams.entrySet()) {
                for (Map.Entry<String, String> hostile : queryHostile(q.getValue()).entrySet()) {
                    cases.add(new Case(method, path + "?" + q.getKey() + "=" + hostile.getValue(), validBody,
                            "parameter " + q.getKey() + " = " + hostile.getKey()));
                }
            }
            if (!json) return marked();
            // one field at a time
            List<Leaf> leaves = new ArrayList<>();
            leaves(body, "", leaves);
            for (Leaf leaf : leaves) {
                for (Map.Entry<String, String> hostile : valueHostile(leaf.node()).entrySet()) {
                    JsonNode copy = body.deepCopy();
                    replace(copy, leaf.pointer(), ShopApi.JSON.getNodeFactory().stringNode(MARK));
                    String text = ShopApi.JSON.writeValueAsString(copy).replace("\"" + MARK + "\"", hostile.getValue());
                    cases.add(new Case(method, path, text, leaf.pointer() + " = " + hostile.getKey()));
                }
            }
            // the body as a whole
            cases.add(new Case(method, path, "{\"", "malformed JSON"));
            cases.add(new Case(method, path, validBody.substring(0, Math.max(1, validBody.length() - 2)), "truncated JSON"));
            cases.add(new Case(method, path, "[" + validBody + "]", "an array instead of an object"));
            cases.add(new Case(method, path, "{\"unknownHostileField\":\"\\u0000\"}", "an unknown field"));
            cases.add(new Case(method, path, "[".repeat(100) + "]".repeat(100), "nesting 100 deep"));
            if (bodyRequired) {
                cases.add(new Case(method, path, "", "an empty body"));
                cases.add(new Case(method, path, "null", "null as the body"));
            }
            return marked();
        }

        private List<Case> marked() {
            if (!cases.isEmpty()) cases.set(cases.size() - 1, cases.get(cases.size() - 1).last());
            return cases;
        }

        private String pathValue(String name, JsonNode schema) {
            if (known.containsKey(name)) return known.get(name);
            String type = schema.path("type").asString();
            if ("integer".equals(type)) return "987654321";
            if ("uuid".equals(schema.path("format").asString())) return UUID.randomUUID().toString();
            return "HOSTILE-MADE-UP-1";
        }

        private String fill(Map<String, String> values, String replaced, String raw) {
            String path = template;
            for (Map.Entry<String, String> v : values.entrySet()) {
                String value = v.getKey().equals(replaced) ? raw : URLEncoder.encode(v.getValue(), StandardCharsets.UTF_8);
                path = path.replace("{" + v.getKey() + "}", value);
            }
            return path;
        }

        private static Map<String, String> pathHostile() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("U+0001", "A%01B");
            values.put("U+001B (escape)", "A%1BB");
            values.put("U+007F (DEL)", "A%7FB");
            values.put("U+0085 (C1)", "A%C2%85B");
            values.put("2^63", "9223372036854775808");
            values.put("1e400", "1e400");
            return values;
        }

        private static Map<String, String> queryHostile(JsonNode schema) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("U+0000", "%00");
            values.put("U+0007", "a%07b");
            values.put("U+009B (C1)", "a%C2%9Bb");
            values.put("LF", "a%0Ab");
            String type = schema.path("type").asString();
            if ("integer".equals(type) || "number".equals(type) || "boolean".equals(type)) {
                values.put("2^63", "9223372036854775808");
                values.put("-2^63-1", "-9223372036854775809");
                values.put("1e400", "1e400");
                values.put("NaN", "NaN");
                values.put("text", "abc");
            }
            return values;
        }

        private static Map<String, String> valueHostile(JsonNode sample) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("U+0000", "\"a\\u0000b\"");
            values.put("100,000 characters", "\"" + LONG + "\"");
            values.put("2^63", "9223372036854775808");
            values.put("NaN (bare)", "NaN");
            if (!sample.isString()) values.put("NaN (text)", "\"NaN\""); // in a text field "NaN" is just text
            if (sample.isString()) {
                values.put("a number where text is expected", "12");
                values.put("U+001F", "\"a\\u001Fb\"");
                values.put("U+007F (DEL)", "\"a\\u007Fb\"");
                values.put("U+0085 (C1)", "\"a\\u0085b\"");
                values.put("unpaired surrogate", "\"a\\uD800b\"");
                values.put("an object where text is expected", "{}");
            } else if (sample.isNumber()) {
                values.put("-2^63-1", "-9223372036854775809");
                values.put("1e400", "1e400");
                values.put("a 200-digit number", "1" + "0".repeat(199));
                values.put("text where a number is expected", "\"1\"");
                if (sample.isIntegralNumber()) values.put("a fraction where a whole number is expected", "1.5");
            } else if (sample.isBoolean()) {
                values.put("text where a boolean is expected", "\"true\"");
            } else if (sample.isObject()) {
                values.put("an array where an object is expected", "[]");
            } else if (sample.isArray()) {
                values.put("an object where an array is expected", "{}");
            }
            return values;
        }

        private JsonNode resolve(JsonNode schema) {
            for (int i = 0; i < 10 && schema.has("$ref"); i++) {
                String ref = schema.path("$ref").asString();
                schema = docs.at(ref.substring(1));
            }
            if (schema.has("allOf") && schema.path("allOf").size() == 1) return resolve(schema.path("allOf").get(0));
            if (schema.has("oneOf")) return resolve(schema.path("oneOf").get(0));
            if (schema.has("anyOf")) return resolve(schema.path("anyOf").get(0));
            return schema;
        }

        /** A value of the schema's shape, plausible for its name (a SKU, a code, an e-mail, a date). */
        private JsonNode sample(JsonNode schema, String name, int depth) {
            var f = ShopApi.JSON.getNodeFactory();
            schema = resolve(schema);
            if (schema.path("properties").has("nodeType")) return tree(name); // a JsonNode field
            if (schema.has("enum")) return schema.path("enum").get(0).deepCopy();
            String type = schema.path("type").isArray() ? schema.path("type").get(0).asString() : schema.path("type").asString();
            if (type.isEmpty() && schema.has("properties")) type = "object";
            switch (type) {
                case "integer":
                    return f.numberNode(1);
                case "number":
                    return f.numberNode(1.5);
                case "boolean":
                    return f.booleanNode(false);
                case "array": {
                    ArrayNode array = f.arrayNode();
                    if (depth < 6) array.add(sample(schema.path("items"), name, depth + 1));
                    return array;
                }
                case "object": {
                    ObjectNode object = f.objectNode();
                    if (depth >= 6) return object;
                    for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
                        if (p.getValue().path("readOnly").asBoolean(false)) continue;
                        object.set(p.getKey(), sample(p.getValue(), p.getKey(), depth + 1));
                    }
                    if (object.isEmpty() && schema.path("additionalProperties").isObject()) {
                        object.set("ja", sample(schema.path("additionalProperties"), "ja", depth + 1));
                    }
                    return object;
                }
                default:
                    return f.stringNode(text(name, schema.path("format").asString()));
            }
        }

        /** A JsonNode field (the catalog's product takes several): its plausible value by name. */
        private static JsonNode tree(String name) {
            ObjectNode holder = ShopApi.JSON.createObjectNode();
            switch (name) {
                case "name" -> holder.putObject("v").put("ja", "テント").put("en", "Tent");
                case "price", "lowStockThreshold", "leadTimeDays" -> holder.put("v", 3);
                case "purposeTags" -> holder.putArray("v").add("camping");
                case "attributes" -> holder.putObject("v").putObject("capacity").put("value", 4).put("unit", "persons");
                default -> holder.put("v", "Hostile test " + name);
            }
            return holder.get("v");
        }

        private String text(String name, String format) {
            switch (format) {
                case "date":
                    return ShopApi.today().plusDays(30).toString();
                case "date-time":
                    return Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
                case "uuid":
                    return UUID.randomUUID().toString();
                case "email":
                    return ShopApi.uniqueEmail();
                default:
                    break;
            }
            String lower = name.toLowerCase();
            if (lower.contains("email") || lower.equals("customer")) return ShopApi.uniqueEmail();
            if (lower.contains("sku")) return known.get("sku");
            if (lower.equals("channel")) return known.get("channel");
            if (lower.equals("location")) return known.get("location");
            if (lower.contains("url")) return "https://example.jp/hook";
            if (lower.equals("time") || lower.endsWith("at") && !lower.equals("format")) {
                return Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
            }
            return "Hostile test " + name;
        }

        record Leaf(String pointer, JsonNode node) {
        }

        private static void leaves(JsonNode node, String pointer, List<Leaf> out) {
            if (!pointer.isEmpty()) out.add(new Leaf(pointer, node));
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> p : node.properties()) leaves(p.getValue(), pointer + "/" + p.getKey(), out);
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) leaves(node.get(i), pointer + "/" + i, out);
            }
        }

        private static void replace(JsonNode root, String pointer, JsonNode value) {
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = root.at(pointer.substring(0, slash));
            String last = pointer.substring(slash + 1);
            if (parent instanceof ObjectNode o) o.set(last, value);
            else if (parent instanceof ArrayNode a) a.set(Integer.parseInt(last), value);
        }
    }

    /** ShopApi with any method and a raw body. */
    static final class Client extends ShopApi {
        private final HttpClient http = HttpClient.newHttpClient();

        Client(int port) {
            super(port);
        }

        Response send(String method, String path, String body) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + TOKEN).header("Accept", "application/json")
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body));
                if (body != null) request.header("Content-Type", "application/json");
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        null, response.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

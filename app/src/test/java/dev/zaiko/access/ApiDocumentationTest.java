package dev.zaiko.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ShopApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The API document integrators read (/v3/api-docs, docs/api.md): every operation says what it
 * does, which module it belongs to, which token scope it needs and which problems it can answer,
 * so a new endpoint without them fails here. The scope it names is the one the access check
 * enforces: a token one scope lower is refused with that very scope named.
 * <p>
 * Writes the document to target/openapi.json, which CI lints with Redocly (.ci/run, redocly.yaml).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiDocumentationTest {

    static final List<String> SCOPES = List.of("READ", "WRITE", "SUPERVISOR", "ADMIN");
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @LocalServerPort
    int port;

    AccessApi admin;

    @BeforeEach
    void client() {
        admin = new AccessApi(port);
    }

    record Documented(String method, String path, JsonNode operation) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }

        String scope() {
            JsonNode security = operation.path("security");
            return security.size() == 1 && security.get(0).path(DocumentedScopes.SCHEME).size() == 1
                    ? security.get(0).path(DocumentedScopes.SCHEME).get(0).asString() : null;
        }
    }

    /** The document as anyone may fetch it, also written for the linter. */
    JsonNode document() throws Exception {
        Response answer = AccessApi.anonymous(port).get("/v3/api-docs");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.json"), answer.json().toPrettyString());
        return answer.json();
    }

    static List<Documented> operations(JsonNode document) {
        List<Documented> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (METHODS.contains(op.getKey())) operations.add(new Documented(op.getKey(), path.getKey(), op.getValue()));
            }
        }
        return operations;
    }

    @Test
    void everyOperationSaysWhatItDoesItsModuleItsScopeAndTheProblemsItCanAnswer() throws Exception {
        JsonNode document = document();
        List<Documented> operations = operations(document);
        assertThat(operations).hasSizeGreaterThan(100);
        Set<String> tags = new java.util.HashSet<>();
        for (JsonNode tag : document.path("tags")) {
            if (!tag.path("description").asString().isBlank()) tags.add(tag.path("name").asString());
        }

        List<String> missing = new ArrayList<>();
        for (Documented d : operations) {
            JsonNode op = d.operation();
            if (op.path("summary").asString().isBlank()) missing.add(d + ": no summary");
            if (op.path("tags").size() != 1 || !tags.contains(op.path("tags").get(0).asString())) {
                missing.add(d + ": no module tag with a description (" + op.path("tags") + ")");
            }
            String scope = d.scope();
            if (scope == null || !SCOPES.contains(scope)) missing.add(d + ": no security requirement with a scope");
            else if (!op.path("description").asString().contains("Needs a token with scope " + scope)) {
                missing.add(d + ": the description does not name scope " + scope);
            }
            List<String> problems = new ArrayList<>(List.of("401", "403", "503"));
            boolean inputs = !op.path("requestBody").isMissingNode() || op.path("parameters").size() > 0;
            if (inputs) problems.add("400");
            if (d.path().contains("{")) problems.add("404");
            for (String status : problems) {
                JsonNode response = op.path("responses").path(status);
                if (response.path("content").path("application/problem+json").path("schema").path("$ref").asString()
                        .equals("#/components/schemas/ProblemDetail")) continue;
                missing.add(d + ": no " + status + " problem response");
            }
            boolean answers = false;
            for (Map.Entry<String, JsonNode> r : op.path("responses").properties()) answers |= r.getKey().startsWith("2");
            if (!answers) missing.add(d + ": no 2xx response");
            op.path("responses").properties().forEach(r -> {
                if (r.getKey().matches("[45]..") && r.getValue().path("content").path("application/problem+json").isMissingNode()) {
                    missing.add(d + ": its " + r.getKey() + " is not a problem response");
                }
                JsonNode json = r.getValue().path("content").path("application/json");
                if (r.getKey().startsWith("2") && !json.isMissingNode() && json.path("example").isMissingNode()) {
                    missing.add(d + ": its " + r.getKey() + " response has no example");
                }
            });
            JsonNode body = op.path("requestBody").path("content").path("application/json");
            if (!body.isMissingNode() && body.path("example").isMissingNode()) missing.add(d + ": its body has no example");
        }
        assertThat(missing).as("every operation needs a summary, its module's tag, a scope and its problem responses")
                .isEmpty();
    }

    @Test
    void theDocumentDescribesTheApiAloneWithTheBearerSchemeProblemShapeAndThisServer() throws Exception {
        JsonNode document = document();
        assertThat(operations(document)).allSatisfy(d -> assertThat(d.path()).startsWith("/api/"));
        JsonNode scheme = document.path("components").path("securitySchemes").path(DocumentedScopes.SCHEME);
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        assertThat(document.path("components").path("schemas").path("ProblemDetail").path("properties").has("detail"))
                .isTrue();
        assertThat(document.path("servers").get(0).path("url").asString()).isEqualTo("/");
        assertThat(document.path("info").path("contact").path("url").asString()).isNotBlank();
        JsonNode place = document.path("paths").path("/api/orders").path("post");
        assertThat(place.path("tags").get(0).asString()).isEqualTo("order");
        assertThat(place.path("responses").has("409")).as("a declared conflict").isTrue();
        assertThat(place.path("requestBody").path("content").path("application/json").path("example")
                .path("lines").get(0).path("sku").asString()).isEqualTo("TENT-2P-GRN");
        Response ui = AccessApi.anonymous(port).get("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
    }

    @Test
    void theTagsAreTheModulesWithOperationsEachDescribedByItsOwnPackage() throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode tag : document().path("tags")) {
            names.add(tag.path("name").asString());
            assertThat(tag.path("description").asString()).as(tag.toString()).isNotBlank();
        }
        // the tags the document had when they were a hand-kept list, now taken from the controllers' packages
        assertThat(names).containsExactly("access", "catalog", "channel", "connector", "contact", "deal", "insight",
                "inventory", "mail", "marketplace", "order", "payment", "refund", "restock", "shop", "stockout", "supplier", "wallet");
    }

    @Test
    void theScopeEachOperationNamesIsTheOneTheAccessCheckEnforces() throws Exception {
        List<Documented> operations = operations(document());
        Map<String, AccessApi> withScope = new java.util.HashMap<>();
        for (String scope : SCOPES) {
            withScope.put(scope, AccessApi.withToken(port, AccessApi.token(admin, ShopApi.unique("doc-" + scope), scope)));
        }
        List<String> wrong = new ArrayList<>();
        for (Documented d : operations) {
            String scope = d.scope();
            int rank = SCOPES.indexOf(scope);
            String path = d.path().replaceAll("\\{[^}]+}", "x1");
            if (rank > 0) {
                // one scope lower is refused before anything runs, and the refusal names the scope needed
                Response refused = call(withScope.get(SCOPES.get(rank - 1)), d.method(), path);
                if (refused.status() != 403 || !refused.detail().endsWith("it needs scope " + scope + ".")) {
                    wrong.add(d + " documents " + scope + " but a " + SCOPES.get(rank - 1) + " token got "
                            + refused.status() + " " + refused.body());
                }
            } else if (d.method().equals("get")) {
                // reading with the lowest scope is let through (whatever the handler then answers)
                Response read = call(withScope.get("READ"), d.method(), path);
                if (read.status() == 401 || read.status() == 403) wrong.add(d + " documents READ but got " + read.status());
            } else {
                wrong.add(d + " documents READ for a change");
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static Response call(ShopApi api, String method, String path) {
        return switch (method) {
            case "get" -> api.get(path);
            case "delete" -> api.delete(path);
            case "put" -> api.put(path, "{}");
            default -> api.post(path, "{}");
        };
    }
}

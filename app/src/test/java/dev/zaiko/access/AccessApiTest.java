package dev.zaiko.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ShopApi.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** Who may call what: tokens and scopes on the API, sign-in and CSRF on the console, the audit trail. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AccessApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    AccessApi admin;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @BeforeEach
    void client() {
        admin = new AccessApi(port);
    }

    record Route(String method, String path) {
    }

    /** Every route the application serves, with its variables filled in. */
    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                String path = pattern.replaceAll("\\{\\*?[^}]+}", "x1");
                if (methods.isEmpty()) routes.add(new Route("GET", path));
                for (RequestMethod m : methods) routes.add(new Route(m.name(), path));
            }
        }
        return routes;
    }

    Response call(ShopApi api, Route route) {
        switch (route.method()) {
            case "GET": return api.get(route.path());
            case "DELETE": return api.delete(route.path());
            case "PUT": return api.put(route.path(), "{}");
            default: return api.post(route.path(), "{}");
        }
    }

    /**
     * API routes open to anyone by design ({@code @OpenToAnyone}): a platform's notice to a signed URL
     * Zaiko handed out (the URL is the key; a wrong one is answered 404). A new one must be listed here.
     */
    static final Set<Route> OPEN_API = Set.of(new Route("POST", "/api/connector/smaregi/callback/x1"),
            new Route("POST", "/api/connector/shopify/webhooks/x1"));

    @Test
    void everyApiRouteRefusesACallerWithoutAValidToken() {
        List<Route> api = routes().stream().filter(r -> r.path().startsWith("/api/") && !OPEN_API.contains(r)).toList();
        assertThat(api).hasSizeGreaterThan(80);
        AccessApi nobody = AccessApi.anonymous(port);
        AccessApi forged = AccessApi.withToken(port, "zk_this-token-was-never-issued-by-zaiko-000");
        for (Route route : api) {
            Response answer = call(nobody, route);
            assertThat(answer.status()).as(route + ": " + answer.body()).isEqualTo(401);
            assertThat(answer.contentType()).as(route.toString()).startsWith("application/problem+json");
            assertThat(call(forged, route).status()).as(route.toString()).isEqualTo(401);
        }
        assertThat(nobody.get("/api/products").type()).isEqualTo("https://zaiko.dev/problems/unauthorized");
    }

    @Test
    void theOnlyApiRoutesOpenWithoutATokenAreThePlatformNoticesToSignedUrlsAndAnUnsignedOneFindsNothing() {
        assertThat(routes()).containsAll(OPEN_API);
        AccessApi nobody = AccessApi.anonymous(port);
        for (Route route : OPEN_API) {
            Response answer = call(nobody, route);
            assertThat(answer.status()).as(route + ": " + answer.body()).isEqualTo(404);
            assertThat(answer.contentType()).as(route.toString()).startsWith("application/problem+json");
        }
    }

    /** Open to anyone by design: signing in, errors, and the API's description (no data in it). */
    static final Set<String> PUBLIC = Set.of("/login", "/error", "/v3/api-docs", "/v3/api-docs/swagger-config",
            "/v3/api-docs.yaml", "/v3/api-docs/x1", "/swagger-ui.html");

    @Test
    void everyConsolePageSendsAnAnonymousVisitorToSignIn() {
        List<Route> pages = routes().stream()
                .filter(r -> r.method().equals("GET") && !r.path().startsWith("/api/") && !r.path().startsWith("/c/")
                        && !r.path().startsWith("/o/") && !r.path().startsWith("/w/") // customers' signed links: the link is the key
                        && !PUBLIC.contains(r.path()))
                .toList();
        assertThat(pages).extracting(Route::path).contains("/");
        AccessApi nobody = AccessApi.anonymous(port);
        for (Route page : pages) {
            Response answer = nobody.page(page.path());
            assertThat(answer.status()).as(page.toString()).isEqualTo(302);
            assertThat(answer.location()).as(page.toString()).endsWith("/login");
        }
    }

    @Test
    void aTokenMayDoWhatItsScopeAllowsAndNoMore() {
        String reader = AccessApi.token(admin, ShopApi.unique("reader"), "READ");
        String writer = AccessApi.token(admin, ShopApi.unique("writer"), "WRITE");
        AccessApi read = AccessApi.withToken(port, reader);
        AccessApi write = AccessApi.withToken(port, writer);

        assertThat(read.get("/api/channels").status()).isEqualTo(200);
        for (Route route : routes()) {
            if (!route.path().startsWith("/api/") || OPEN_API.contains(route)) continue;
            if (!route.method().equals("GET")) {
                Response refused = call(read, route);
                assertThat(refused.status()).as(route + ": " + refused.body()).isEqualTo(403);
                assertThat(refused.type()).isEqualTo("https://zaiko.dev/problems/insufficient-scope");
            }
            if (route.path().startsWith("/api/access/")) {
                assertThat(call(write, route).status()).as(route.toString()).isEqualTo(403);
            }
        }
        assertThat(write.post("/api/locations", ShopApi.JSON.createObjectNode().put("code", ShopApi.unique("L"))
                .put("kind", "WAREHOUSE").put("name", "Written by a write token")).status()).isEqualTo(201);
        assertThat(read.get("/api/access/tokens").detail()).contains("scope ADMIN");
        assertThat(admin.get("/api/access/tokens").status()).isEqualTo(200);
    }

    @Test
    void aTokenIsShownOnceStoredHashedAndStopsWorkingWhenRevoked() {
        String name = ShopApi.unique("revocable");
        JsonNode created = admin.ok(admin.post("/api/access/tokens",
                ShopApi.JSON.createObjectNode().put("name", name).put("scope", "READ")));
        String secret = created.path("token").asString();
        assertThat(secret).startsWith("zk_").hasSizeGreaterThan(40);
        assertThat(created.path("prefix").asString()).isEqualTo(secret.substring(0, 10));

        String stored = jdbc.queryForObject("select token_hash from access_token where name = ?", String.class, name);
        assertThat(stored).isNotEqualTo(secret).isEqualTo(ApiTokens.hash(secret));
        assertThat(admin.get("/api/access/tokens").body()).doesNotContain(secret).contains(name);

        AccessApi holder = AccessApi.withToken(port, secret);
        assertThat(holder.get("/api/channels").status()).isEqualTo(200);
        JsonNode revoked = admin.ok(admin.delete("/api/access/tokens/" + created.path("id").asString()));
        assertThat(revoked.path("revokedBy").asString()).isEqualTo("token:bootstrap");
        assertThat(holder.get("/api/channels").status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefused() {
        JsonNode created = admin.ok(admin.post("/api/access/tokens", ShopApi.JSON.createObjectNode()
                .put("name", ShopApi.unique("short")).put("scope", "READ")
                .put("expiresAt", clock.instant().plus(Duration.ofHours(1)).toString())));
        AccessApi holder = AccessApi.withToken(port, created.path("token").asString());
        assertThat(holder.get("/api/channels").status()).isEqualTo(200);

        clock.advance(Duration.ofHours(2));

        assertThat(holder.get("/api/channels").status()).isEqualTo(401);
    }

    @Test
    void aBadTokenRequestIsRefusedAndMakesNothing() {
        int before = count("access_token");
        Response noName = admin.post("/api/access/tokens", ShopApi.JSON.createObjectNode().put("scope", "READ"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
        assertThat(admin.post("/api/access/tokens", "{\"name\":\"x\",\"scope\":\"ROOT\"}").status()).isEqualTo(400);
        assertThat(admin.post("/api/access/tokens", ShopApi.JSON.createObjectNode().put("name", "past")
                .put("scope", "READ").put("expiresAt", Instant.parse("2020-01-01T00:00:00Z").toString())).status())
                .isEqualTo(400);
        assertThat(count("access_token")).isEqualTo(before);
    }

    @Test
    void healthIsPublicButMetricsNeedAToken() {
        AccessApi nobody = AccessApi.anonymous(port);
        assertThat(nobody.get("/actuator/health").status()).isEqualTo(200);
        assertThat(nobody.get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(nobody.get("/actuator/info").status()).isEqualTo(401);
        assertThat(admin.get("/actuator/metrics").status()).isEqualTo(200);
    }

    @Test
    void aConsoleUserSignsInWithTheFormAndCsrfGuardsEveryForm() {
        String username = ShopApi.unique("op").toLowerCase();
        admin.ok(admin.post("/api/access/users", ShopApi.JSON.createObjectNode().put("username", username)
                .put("displayName", "Operator").put("role", "OPERATOR").put("password", "correct horse battery")));
        String hash = jdbc.queryForObject("select password_hash from access_user where username = ?", String.class,
                username);
        assertThat(hash).startsWith("{bcrypt}").doesNotContain("correct horse battery");

        AccessApi browser = AccessApi.anonymous(port);
        Response wrong = browser.trySignIn(username, "not the password");
        assertThat(wrong.status()).isEqualTo(302);
        assertThat(wrong.location()).endsWith("/login?error");
        assertThat(browser.page("/").status()).isEqualTo(302);

        Response forged = browser.postFormWithoutCsrf("/login",
                Map.of("username", username, "password", "correct horse battery"));
        assertThat(forged.status()).as(forged.location()).isEqualTo(403);

        Response right = browser.trySignIn(username.toUpperCase(), "correct horse battery");
        assertThat(right.status()).isEqualTo(302);
        assertThat(right.location()).doesNotContain("error");
        assertThat(browser.page("/").status()).isEqualTo(200);

        Response forgedOut = browser.postFormWithoutCsrf("/logout", Map.of());
        assertThat(forgedOut.status()).as(forgedOut.location()).isEqualTo(403);
        assertThat(browser.page("/").status()).as("a forged sign-out changed nothing").isEqualTo(200);
        browser.page("/");
        Response out = browser.postForm("/logout", Map.of());
        assertThat(out.status()).isEqualTo(302);
        assertThat(browser.page("/").status()).isEqualTo(302);

        List<Map<String, Object>> signIns = jdbc.queryForList(
                "select action, actor_kind from access_audit where actor = ? order by id", username);
        assertThat(signIns).extracting(m -> m.get("action")).containsSubsequence("sign-in-failed", "sign-in");
    }

    @Test
    void aDisabledUserCannotSignInAndTheLastAdminCannotBeRemoved() {
        String username = ShopApi.unique("gone").toLowerCase();
        admin.ok(admin.post("/api/access/users", ShopApi.JSON.createObjectNode().put("username", username)
                .put("role", "SUPERVISOR").put("password", "supervisor password")));
        admin.ok(admin.put("/api/access/users/" + username, ShopApi.JSON.createObjectNode().put("enabled", false)));

        Response refused = AccessApi.anonymous(port).trySignIn(username, "supervisor password");
        assertThat(refused.location()).endsWith("/login?error");

        Response lastAdmin = admin.put("/api/access/users/admin", ShopApi.JSON.createObjectNode().put("role", "OPERATOR"));
        assertThat(count("access_user where role = 'ADMIN' and enabled")).isEqualTo(1);
        assertThat(lastAdmin.status()).isEqualTo(409);
        assertThat(lastAdmin.type()).endsWith("/last-admin");
        assertThat(jdbc.queryForObject("select role from access_user where username = 'admin'", String.class))
                .isEqualTo("ADMIN");
    }

    @Test
    void aUserRequestThatBreaksARuleIsRefusedAndMakesNobody() {
        int before = count("access_user");
        assertThat(admin.post("/api/access/users", ShopApi.JSON.createObjectNode().put("username", "x")
                .put("role", "OPERATOR").put("password", "long enough password")).status()).isEqualTo(400);
        Response shortPassword = admin.post("/api/access/users", ShopApi.JSON.createObjectNode()
                .put("username", ShopApi.unique("u").toLowerCase()).put("role", "OPERATOR").put("password", "short"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.json().path("errors").get(0).path("field").asString()).isEqualTo("password");
        assertThat(admin.post("/api/access/users", ShopApi.JSON.createObjectNode()
                .put("username", ShopApi.unique("u").toLowerCase()).put("role", "OPERATOR")
                .put("password", "あ".repeat(25))).status()).as("over bcrypt's 72 bytes").isEqualTo(400);
        assertThat(admin.post("/api/access/users", ShopApi.JSON.createObjectNode().put("username", "admin")
                .put("role", "OPERATOR").put("password", "long enough password")).status()).isEqualTo(409);
        assertThat(count("access_user")).isEqualTo(before);
    }

    @Test
    void theAuditTrailNamesWhoChangedWhatButNotReadsOrRefusals() {
        String name = ShopApi.unique("auditor");
        AccessApi writer = AccessApi.withToken(port, AccessApi.token(admin, name, "WRITE"));
        String code = ShopApi.unique("AUD");

        writer.ok(writer.post("/api/locations", ShopApi.JSON.createObjectNode().put("code", code)
                .put("kind", "WAREHOUSE").put("name", "Audited")));
        writer.get("/api/channels");
        assertThat(writer.post("/api/locations", "{\"code\":\"\"}").status()).isEqualTo(400);

        JsonNode trail = admin.ok(admin.get("/api/access/audit?actor=" + name));
        assertThat(trail).hasSize(1);
        assertThat(trail.get(0).path("actorKind").asString()).isEqualTo("TOKEN");
        assertThat(trail.get(0).path("route").asString()).isEqualTo("POST /api/locations");
        assertThat(trail.get(0).path("status").asInt()).isEqualTo(201);

        // at sale rate, and in the ledger already: a till sale and a reservation get no audit line
        ShopApi.Shop shop = writer.shop();
        String sku = ShopApi.unique("AUDSKU");
        tools.jackson.databind.node.ObjectNode product = ShopApi.JSON.createObjectNode().put("sku", sku)
                .put("category", "tent").put("price", 1000);
        product.putObject("name").put("ja", "テント").put("en", "Tent");
        writer.ok(writer.post("/api/products", product));
        writer.sellable(sku, shop.store(), 3);
        writer.ok(writer.post("/api/reservations", ShopApi.JSON.createObjectNode().put("channel", shop.web())
                .put("sku", sku).put("quantity", 1).put("holder", "audit-test")));
        writer.ok(writer.post("/api/stock/pos-sales", ShopApi.JSON.createObjectNode().put("location", shop.store())
                .put("sku", sku).put("quantity", 1)));
        JsonNode after = admin.ok(admin.get("/api/access/audit?actor=" + name + "&limit=100"));
        assertThat(after.toString()).contains("POST /api/products").contains("POST /api/stock/inspections")
                .doesNotContain("/api/reservations").doesNotContain("/api/stock/pos-sales");

        JsonNode created = admin.ok(admin.get("/api/access/audit?actor=bootstrap&action=tokens&limit=5"));
        assertThat(created).isNotEmpty();
        assertThat(created.get(0).path("route").asString()).isEqualTo("POST /api/access/tokens");
    }

    private int count(String table) {
        Integer n = jdbc.queryForObject("select count(*) from " + table, Integer.class);
        return n == null ? 0 : n;
    }
}

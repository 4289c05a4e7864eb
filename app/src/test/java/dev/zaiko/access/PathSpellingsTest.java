package dev.zaiko.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import dev.zaiko.platform.Authority;
import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ShopApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * However a path is spelled, the access decision is the one for the code it reaches. Every route
 * comes from the application's handler mappings, so a new endpoint is walked without editing
 * anything here. This class has a database of its own (the property below makes its own
 * application context): the walk calls every route with every scope, and what an allowed call
 * changes stays here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "zaiko.test.own-database=path-spellings")
@ActiveProfiles("test")
class PathSpellingsTest {

    private static final List<String> SCOPES = List.of("READ", "WRITE", "SUPERVISOR", "ADMIN");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    NeededAuthority needed;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    AccessApi admin;

    @BeforeEach
    void client() {
        admin = new AccessApi(port);
    }

    record Route(String method, String path) {
    }

    /** Every route the application serves, with its variables filled in. */
    List<Route> routes(String under) {
        Set<Route> routes = new LinkedHashSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith(under)) continue;
                String path = pattern.replaceAll("\\{\\*?[^}]+}", "x1");
                if (methods.isEmpty()) routes.add(new Route("GET", path));
                for (RequestMethod m : methods) routes.add(new Route(m.name(), path));
            }
        }
        return new ArrayList<>(routes);
    }

    /** One character of one segment as %hh and as %HH. */
    static List<String> escapes(String path, int segment, int at) {
        String[] parts = path.split("/", -1);
        String s = parts[segment];
        List<String> spelled = new ArrayList<>();
        for (String format : List.of("%%%02x", "%%%02X")) {
            String[] copy = parts.clone();
            copy[segment] = s.substring(0, at) + String.format(format, (int) s.charAt(at)) + s.substring(at + 1);
            spelled.add(String.join("/", copy));
        }
        return spelled;
    }

    /** The other spellings the dispatcher could read as the same path. */
    static List<String> structural(String path, int segment) {
        String[] parts = path.split("/", -1);
        List<String> spelled = new ArrayList<>();
        spelled.add("/" + path);                                                 // //api/...
        spelled.add(path.replaceFirst("^/([^/]+)/", "/$1//"));                   // /api//...
        spelled.add(path.replaceFirst("^/([^/]+)/", "/$1/./"));                  // /api/./...
        String[] withParameter = parts.clone();
        withParameter[segment] = parts[segment] + ";x=1";
        spelled.add(String.join("/", withParameter));                            // /api/access;x=1/...
        spelled.add(path + "/");                                                 // trailing slash
        return spelled;
    }

    /** A few spellings of a path: one character of each segment escaped both ways, and the structural ones. */
    static List<String> spellings(String path, Random random) {
        String[] parts = path.split("/", -1);
        Set<String> spelled = new LinkedHashSet<>();
        for (int segment = 1; segment < parts.length; segment++) {
            spelled.addAll(escapes(path, segment, random.nextInt(parts[segment].length())));
        }
        spelled.addAll(structural(path, 1 + random.nextInt(parts.length - 1)));
        return new ArrayList<>(spelled);
    }

    Response call(ShopApi api, String method, String path) {
        return switch (method) {
            case "GET" -> api.get(path);
            case "DELETE" -> api.delete(path);
            case "PUT" -> api.put(path, "{}");
            default -> api.post(path, "{}");
        };
    }

    enum Decision { REFUSED, LET_THROUGH }

    static Decision decision(Response r) {
        return r.status() == 401 || r.status() == 403 ? Decision.REFUSED : Decision.LET_THROUGH;
    }

    @Test
    void everySpellingOfEveryApiRouteGetsTheDecisionOfItsPlainPathOrIsRefusedAs400() {
        Map<String, AccessApi> callers = new java.util.LinkedHashMap<>();
        for (String scope : SCOPES) {
            callers.put(scope, AccessApi.withToken(port, AccessApi.token(admin, ShopApi.unique(scope), scope)));
        }
        Random random = new Random(20261207);
        List<Route> routes = routes("/api/");
        assertThat(routes).hasSizeGreaterThan(80);
        int spelledCalls = 0;
        for (Route route : routes) {
            List<String> spellings = spellings(route.path(), random);
            for (var caller : callers.entrySet()) {
                Decision plain = decision(call(caller.getValue(), route.method(), route.path()));
                for (String spelled : spellings) {
                    Response answer = call(caller.getValue(), route.method(), spelled);
                    spelledCalls++;
                    if (answer.status() == 400 && answer.type().endsWith("/ambiguous-path")) continue;
                    assertThat(decision(answer)).as("%s %s as %s with scope %s: %s", route.method(), route.path(),
                            spelled, caller.getKey(), answer.body()).isEqualTo(plain);
                }
            }
        }
        assertThat(spelledCalls).isGreaterThan(routes.size() * SCOPES.size() * 5);
    }

    @Test
    void theHandlerAPathReachesIsTheSameHoweverItIsSpelledOnEveryCharacterOfEveryRoute() {
        // below the firewall: even a spelling it let through would reach the same code, or none
        int checked = 0;
        List<Route> routes = routes("/");
        for (Route route : routes) {
            Object plain = handler(route.method(), route.path()).orElseThrow(() -> new AssertionError(route));
            String[] parts = route.path().split("/", -1);
            List<String> spellings = new ArrayList<>();
            for (int segment = 1; segment < parts.length; segment++) {
                for (int at = 0; at < parts[segment].length(); at++) spellings.addAll(escapes(route.path(), segment, at));
                spellings.addAll(structural(route.path(), segment));
            }
            for (String spelled : spellings) {
                Optional<Object> reached = handler(route.method(), spelled)
                        .filter(h -> !(h instanceof ResourceHttpRequestHandler)); // static files only, no code of ours
                reached.ifPresent(h -> assertThat(method(h)).as(route + " spelled " + spelled).isEqualTo(method(plain)));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(routes.size() * 10);
    }

    @Test
    void aReadOrWriteTokenNeverCreatesListsOrRevokesTokensOrUsersByAnySpelling() {
        Integer tokensBefore = jdbc.queryForObject("select count(*) from access_token", Integer.class);
        Integer usersBefore = jdbc.queryForObject("select count(*) from access_user", Integer.class);
        String victim = admin.ok(admin.post("/api/access/tokens", ShopApi.JSON.createObjectNode()
                .put("name", ShopApi.unique("victim")).put("scope", "READ"))).path("id").asString();
        List<String> attacks = List.of("/api/%61ccess/tokens", "/%61pi/access/tokens", "/api/access/%74okens",
                "/api/%41ccess/tokens", "/api/acc%65ss/tokens", "/%2561pi/access/tokens", "/api/access/tokens/",
                "/api//access/tokens", "/api/./access/tokens", "/api/x/../access/tokens", "/api/access;x=1/tokens",
                "/api/access/tokens;jsessionid=1", "/api/access/tokens%2F", "/api/access%2Ftokens",
                "/api/access/tokens?scope=ADMIN", "/API/access/tokens", "/api/access/tokens/..;/tokens");
        for (String scope : List.of("READ", "WRITE")) {
            AccessApi caller = AccessApi.withToken(port, AccessApi.token(admin, ShopApi.unique(scope), scope));
            for (String path : attacks) {
                for (String users : List.of(path, path.replace("tokens", "users"))) {
                    assertRefused(caller.post(users, ShopApi.JSON.createObjectNode().put("name", ShopApi.unique("evil"))
                            .put("scope", "ADMIN").put("username", ShopApi.unique("evil")).put("role", "ADMIN")
                            .put("displayName", "Evil").put("password", "a-long-enough-password")),
                            "POST " + users + " with " + scope);
                    Response listed = caller.get(users);
                    assertRefused(listed, "GET " + users + " with " + scope);
                    assertThat(listed.body()).doesNotContain(victim);
                }
                assertRefused(caller.delete(path.replace("tokens", "tokens/" + victim)), "DELETE " + path + " with " + scope);
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from access_token where revoked_at is null and id = ?::uuid",
                Integer.class, victim)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from access_token", Integer.class)).isEqualTo(tokensBefore + 3);
        assertThat(jdbc.queryForObject("select count(*) from access_user", Integer.class)).isEqualTo(usersBefore);
    }

    @Test
    void anEncodedLetterInAPathIsRefusedWithAProblemThatSaysWhy() {
        Response answer = admin.get("/api/%61ccess/tokens");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo("https://zaiko.dev/problems/ambiguous-path");
        assertThat(answer.detail()).contains("'a'", "%61");
        assertThat(admin.get("/api/channels/").detail()).contains("ends with a slash");
        assertThat(admin.get("/api/channels/%E5%9C%A8%E5%BA%AB").status())
                .as("characters that need encoding stay encoded, and reach their route").isNotEqualTo(400);
    }

    @Test
    void aSupervisorTokenDoesWhatASupervisorMayInTheConsoleAndNoMore() {
        AccessApi write = AccessApi.withToken(port, AccessApi.token(admin, ShopApi.unique("w"), "WRITE"));
        AccessApi supervisor = AccessApi.withToken(port, AccessApi.token(admin, ShopApi.unique("s"), "SUPERVISOR"));
        var closedDay = ShopApi.JSON.createObjectNode().put("date", "2031-05-07").put("reason", "Stocktaking");
        var phrase = ShopApi.JSON.createObjectNode().put("phrase", ShopApi.unique("phrase")).put("locale", "en")
                .put("suggestion", "We are sorry").put("why", "It blames the customer");

        Response refused = write.post("/api/contact/calendar/closed-days", closedDay);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.detail()).contains("scope SUPERVISOR");
        assertThat(write.post("/api/contact/tone-phrases", phrase).status()).isEqualTo(403);
        assertThat(write.delete("/api/contact/calendar/hours").status()).isEqualTo(403);

        assertThat(supervisor.post("/api/contact/calendar/closed-days", closedDay).status()).isBetween(200, 299);
        assertThat(supervisor.post("/api/contact/tone-phrases", phrase).status()).isBetween(200, 299);
        assertThat(supervisor.get("/api/access/tokens").status()).isEqualTo(403);
        assertThat(supervisor.get("/api/contact/calendar").status()).isEqualTo(200);
    }

    @Test
    void eachScopeNamesTheLeastScopeThatGrantsWhatARouteNeeds() {
        assertThat(Scope.least(Authority.LOOK)).isEqualTo(Scope.READ);
        assertThat(Scope.least(Authority.CHANGE)).isEqualTo(Scope.WRITE);
        assertThat(Scope.least(Authority.SUPERVISE)).isEqualTo(Scope.SUPERVISOR);
        assertThat(Scope.least(Authority.ADMINISTER)).isEqualTo(Scope.ADMIN);
        for (Role role : Role.values()) {
            assertThat(role.authorities()).as(role.name()).contains(Authority.LOOK.granted(), Authority.CHANGE.granted());
        }
        assertThat(Role.OPERATOR.authorities()).doesNotContain(Authority.SUPERVISE.granted());
        assertThat(Scope.SUPERVISOR.authorities()).isEqualTo(Role.SUPERVISOR.authorities());
        assertThat(Scope.ADMIN.authorities()).isEqualTo(Role.ADMIN.authorities());
    }

    /** Refused, not found, or (a path outside /api, as /API is) sent to the console's sign-in page. */
    private static void assertRefused(Response answer, String what) {
        if (answer.status() == 302) {
            assertThat(answer.location()).as(what).endsWith("/login");
        } else {
            assertThat(answer.status()).as(what + ": " + answer.body()).isIn(400, 403, 404, 405);
        }
    }

    private Optional<Object> handler(String method, String path) {
        return needed.handlerOf(new MockHttpServletRequest(method.toUpperCase(Locale.ROOT), path));
    }

    private static Object method(Object handler) {
        return handler instanceof HandlerMethod hm ? hm.getMethod() : handler.getClass();
    }
}

package dev.zaiko.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ShopApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** A console user's optional email: kept lower-cased, changed and removed through the API, checked, audited. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ConsoleUserEmailTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    AccessApi admin;

    @BeforeEach
    void client() {
        admin = new AccessApi(port);
    }

    @Test
    void anAdminGivesAUserAnEmailChangesItAndRemovesItAndEachChangeIsAudited() {
        String username = ShopApi.unique("mail").toLowerCase();
        JsonNode created = admin.ok(admin.post("/api/access/users", ShopApi.JSON.createObjectNode()
                .put("username", username).put("role", "SUPERVISOR").put("password", "supervisor password")
                .put("email", "  Sato@Example.JP ")));
        assertThat(created.path("email").asString()).isEqualTo("sato@example.jp");
        assertThat(admin.ok(admin.get("/api/access/users/" + username)).path("email").asString())
                .isEqualTo("sato@example.jp");

        JsonNode renamed = admin.ok(admin.put("/api/access/users/" + username,
                ShopApi.JSON.createObjectNode().put("email", "sato@shop.example.co.jp")));
        assertThat(renamed.path("email").asString()).isEqualTo("sato@shop.example.co.jp");
        JsonNode roleOnly = admin.ok(admin.put("/api/access/users/" + username,
                ShopApi.JSON.createObjectNode().put("role", "OPERATOR")));
        assertThat(roleOnly.path("email").asString()).as("a field left out stays").isEqualTo("sato@shop.example.co.jp");
        JsonNode removed = admin.ok(admin.put("/api/access/users/" + username,
                ShopApi.JSON.createObjectNode().put("email", "")));
        assertThat(removed.path("email").isNull()).as(removed.toString()).isTrue();

        Integer audited = jdbc.queryForObject("""
                select count(*) from access_audit where route = 'PUT /api/access/users/{username}' and target = ?""",
                Integer.class, "username=" + username);
        assertThat(audited).isEqualTo(3);
    }

    @Test
    void aBadEmailIsRefusedNamingTheFieldAndChangesNothing() {
        String username = ShopApi.unique("bad").toLowerCase();
        Response bad = admin.post("/api/access/users", ShopApi.JSON.createObjectNode().put("username", username)
                .put("role", "OPERATOR").put("password", "long enough password").put("email", "not an address"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").get(0).path("field").asString()).isEqualTo("email");
        assertThat(admin.get("/api/access/users/" + username).status()).isEqualTo(404);

        admin.ok(admin.post("/api/access/users", ShopApi.JSON.createObjectNode().put("username", username)
                .put("role", "OPERATOR").put("password", "long enough password").put("email", "op@example.jp")));
        String tooLong = "a".repeat(250) + "@example.jp";
        for (String email : new String[] {tooLong, "op@localhost", "two@at@example.jp", "op @example.jp"}) {
            Response refused = admin.put("/api/access/users/" + username, ShopApi.JSON.createObjectNode()
                    .put("email", email).put("displayName", "Changed"));
            assertThat(refused.status()).as(email).isEqualTo(400);
            assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("email");
        }
        JsonNode unchanged = admin.ok(admin.get("/api/access/users/" + username));
        assertThat(unchanged.path("email").asString()).isEqualTo("op@example.jp");
        assertThat(unchanged.path("displayName").asString()).isNotEqualTo("Changed");
    }
}

package dev.zaiko.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ShopApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Settings, users and tokens in the console: who may change what, and errors next to the field. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ConsoleSettingsTest {

    @LocalServerPort
    int port;

    ShopApi api;

    static final class Browser extends ShopApi {
        Browser(int port) {
            super(port);
            useToken(null);
        }

        Browser signedIn(String username, String password) {
            signIn(username, password);
            return this;
        }
    }

    static final class Admin extends ShopApi {
        Admin(int port) {
            super(port);
        }
    }

    @BeforeEach
    void client() {
        api = new Admin(port);
    }

    Browser operator() {
        String name = ShopApi.unique("op").toLowerCase();
        api.ok(api.post("/api/access/users", ShopApi.JSON.createObjectNode().put("username", name)
                .put("role", "OPERATOR").put("password", "operator password")));
        return new Browser(port).signedIn(name, "operator password");
    }

    @Test
    void theSettingsPageShowsHoursAndPoliciesAndRefusesBadHoursNextToTheDay() {
        Browser admin = new Browser(port).signedIn("admin", "test-admin-password");
        Response page = admin.page("/settings");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("架電できる時間").contains("お急ぎ便の連絡期限").contains("MONDAY.opens");

        Map<String, String> week = new LinkedHashMap<>();
        for (String day : new String[] {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) {
            week.put(day + ".opens", "10:00");
            week.put(day + ".closes", "18:00");
        }
        week.put("MONDAY.closes", "09:00");
        week.put("SATURDAY.closed", "on");
        week.put("SUNDAY.closed", "on");
        Response refused = admin.postForm("/settings/hours", week);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("終了は開始より後の時刻にしてください。");
        assertThat(api.ok(api.get("/api/contact/calendar")).path("weeklyHours").path("MONDAY").path("closes").asString())
                .isEqualTo("18:00");

        admin.page("/settings?lang=en");
        Response english = admin.postForm("/settings/hours", week);
        assertThat(english.body()).contains("The end must be later than the start.");
        admin.page("/settings?lang=ja");

        Response past = admin.postForm("/settings/closed-days", Map.of("date", "2020-01-01", "reason", "x"));
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.body()).contains("過去の日付は追加できません。");
    }

    @Test
    void anOperatorSeesTheSettingsButMayNotChangeThemNorManageUsers() {
        Browser operator = operator();
        assertThat(operator.page("/settings").status()).isEqualTo(200);
        operator.page("/");
        Response change = operator.postForm("/settings/closed-days", Map.of("date", "2027-06-01", "reason", "棚卸し"));
        assertThat(change.status()).isEqualTo(403);
        assertThat(operator.page("/settings/users").status()).isEqualTo(403);
        assertThat(operator.page("/settings/tokens").status()).isEqualTo(403);
        assertThat(operator.page("/settings/audit").status()).isEqualTo(403);
        assertThat(api.ok(api.get("/api/contact/calendar/closed-days")).toString()).doesNotContain("2027-06-01");
    }

    @Test
    void anAdminCreatesAUserAndATokenShownOnceAndRevokesIt() {
        Browser admin = new Browser(port).signedIn("admin", "test-admin-password");
        admin.page("/settings/users");
        Response shortPassword = admin.postForm("/settings/users", Map.of("username", "new-op", "role", "OPERATOR",
                "password", "short"));
        assertThat(shortPassword.status()).isEqualTo(422);
        assertThat(shortPassword.body()).contains("パスワードは12文字以上").doesNotContain("value=\"short\"");

        String name = ShopApi.unique("sup").toLowerCase();
        Response created = admin.postForm("/settings/users", Map.of("username", name, "displayName", "Supervisor",
                "role", "SUPERVISOR", "locale", "en", "password", "supervisor password"));
        assertThat(created.status()).isEqualTo(302);
        assertThat(api.ok(api.get("/api/access/users/" + name)).path("role").asString()).isEqualTo("SUPERVISOR");
        Browser supervisor = new Browser(port).signedIn(name, "supervisor password");
        assertThat(supervisor.page("/").body()).as("the user's own language").contains("To call");

        admin.page("/settings/tokens");
        String tokenName = ShopApi.unique("console-made");
        Response token = admin.postForm("/settings/tokens", Map.of("name", tokenName, "scope", "READ"));
        assertThat(token.status()).isEqualTo(200);
        String secret = token.body().replaceAll("(?s).*<code id=\"new-token\">([^<]+)</code>.*", "$1");
        assertThat(secret).startsWith("zk_");
        ShopApi reader = new Admin(port);
        reader.useToken(secret);
        assertThat(reader.get("/api/channels").status()).isEqualTo(200);
        assertThat(admin.page("/settings/tokens").body()).contains(tokenName).doesNotContain(secret);

        String id = api.ok(api.get("/api/access/tokens")).findParents("name").stream()
                .filter(t -> t.path("name").asString().equals(tokenName)).findFirst().orElseThrow()
                .path("id").asString();
        admin.page("/settings/tokens");
        assertThat(admin.postForm("/settings/tokens/" + id + "/revoke", Map.of()).status()).isEqualTo(302);
        assertThat(reader.get("/api/channels").status()).isEqualTo(401);

        String trail = admin.page("/settings/audit?actor=admin").body();
        assertThat(trail).contains("POST /settings/users").contains("POST /settings/tokens/{id}/revoke")
                .contains("id=" + id).doesNotContain(secret);
    }

    @Test
    void anAdminGivesAUserAnEmailOnTheUsersPageAndABadOneIsShownAsTheEmailFieldsMistake() {
        Browser admin = new Browser(port).signedIn("admin", "test-admin-password");
        admin.page("/settings/users");
        String name = ShopApi.unique("mailop").toLowerCase();
        Response bad = admin.postForm("/settings/users", Map.of("username", name, "role", "OPERATOR",
                "password", "operator password", "email", "not-an-address"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("メールアドレスは name@example.jp のような形で").contains("value=\"not-an-address\"");
        assertThat(api.get("/api/access/users/" + name).status()).isEqualTo(404);

        Response created = admin.postForm("/settings/users", Map.of("username", name, "role", "OPERATOR",
                "password", "operator password", "email", "Op@Example.jp"));
        assertThat(created.status()).isEqualTo(302);
        assertThat(api.ok(api.get("/api/access/users/" + name)).path("email").asString()).isEqualTo("op@example.jp");
        assertThat(admin.page("/settings/users").body()).contains("value=\"op@example.jp\"");

        Response refused = admin.postForm("/settings/users/" + name, Map.of("email", "op@nowhere"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains(name + ": メールアドレスは");
        assertThat(admin.postForm("/settings/users/" + name, Map.of("email", "op2@example.jp")).status())
                .isEqualTo(302);
        assertThat(api.ok(api.get("/api/access/users/" + name)).path("email").asString()).isEqualTo("op2@example.jp");
        assertThat(admin.page("/settings/audit?actor=admin").body()).contains("username=" + name);
    }
}

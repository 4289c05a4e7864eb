package dev.zaiko.contact;

import dev.zaiko.shop.ShopCalendar;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ShopApi.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Staff withdraw the decision links a case sent (a forwarded email, a wrong address): they die, a new one opens. */
class DecisionLinkRevocationTest extends ContactApiTestBase {

    @Autowired
    ShopCalendar calendar;
    @Autowired
    DecisionLinks links;
    @Autowired
    JdbcTemplate jdbc;

    record Case(String id, String number, String link) {
    }

    /** A bottle short at packing; the customer missed the call and got the link by email. */
    Case missedCall() {
        LocalDate d = LocalDate.now(clock).plusDays(1);
        while (!calendar.isBusinessDay(d)) d = d.plusDays(1);
        clock.advance(Duration.between(clock.instant(), d.atTime(LocalTime.of(10, 30)).atZone(ZoneId.of("Asia/Tokyo"))
                .toInstant()));
        String missing = api.bottle("REVOKE", 3000, 500);
        api.sellable(missing, shop.warehouse(), 1);
        String email = ContactApi.uniqueEmail();
        String number = api.place(ContactApi.order(shop.web(), email, "090-3333-0000", "ja", missing, 1, 3000));
        String id = api.defective(number, 1);
        api.ok(api.call(id, ContactApi.outcome("VOICEMAIL")));
        return new Case(id, number, ContactApi.link(api.email(email, 1)));
    }

    ShopApi withToken(String scope) {
        String token = api.ok(api.post("/api/access/tokens", ShopApi.JSON.createObjectNode()
                .put("name", ShopApi.unique("revoker")).put("scope", scope))).path("token").asString();
        ShopApi client = new ShopApi(port) {
        };
        client.useToken(token);
        return client;
    }

    ShopApi browser() {
        ShopApi browser = new ShopApi(port) {
        };
        browser.useToken(null);
        return browser;
    }

    @Test
    void aRevokedDecisionLinkNoLongerOpensNorDecidesAndAFreshOneDoes() {
        Case c = missedCall();
        ShopApi customer = browser();
        assertThat(customer.page(c.link()).status()).isEqualTo(200);

        Response readOnly = withToken("READ").post("/api/stockouts/" + c.id() + "/decision-link/revoke");
        assertThat(readOnly.status()).as("a read token may not revoke").isEqualTo(403);
        assertThat(customer.page(c.link()).status()).isEqualTo(200);

        JsonNode revoked = api.ok(api.post("/api/stockouts/" + c.id() + "/decision-link/revoke"));
        assertThat(revoked.path("revoked").asInt()).isEqualTo(1);
        assertThat(revoked.path("revokedBy").asString()).isEqualTo("token:bootstrap");

        Response dead = customer.page(c.link());
        assertThat(dead.status()).isEqualTo(410);
        assertThat(dead.body()).contains("このリンクは使えなくなりました").doesNotContain(c.number())
                .doesNotContain("佐藤");
        Response decided = customer.postForm(c.link() + "/decision", Map.of("choice", "CANCEL"));
        assertThat(decided.status()).isEqualTo(410);
        assertThat(api.stockout(c.id()).path("status").asString()).isEqualTo("AWAITING_DECISION");
        assertThat(customer.page(c.link() + "?lang=en").body()).contains("This link no longer works");

        String fresh = links.issue(c.id()).url().getPath();
        assertThat(customer.page(fresh).status()).as("a link issued after the revocation").isEqualTo(200);
        assertThat(customer.page(c.link()).status()).as("the old one stays dead").isEqualTo(410);

        assertThat(jdbc.queryForList("select target from access_audit where route = ? order by id",
                String.class, "POST /api/stockouts/{id}/decision-link/revoke")).contains("id=" + c.id());
        assertThat(api.post("/api/stockouts/SO-999999/decision-link/revoke").status()).isEqualTo(404);
    }

    @Test
    void staffRevokeTheLinksFromTheCasePage() {
        Case c = missedCall();
        ShopApi staff = browser();
        staff.signIn("admin", "test-admin-password");
        Response page = staff.page("/cases/" + c.id());
        assertThat(page.body()).contains("お客様用の選択リンク").contains("これまでのリンクを無効にする");

        Response revoked = staff.postForm("/cases/" + c.id() + "/decision-link/revoke", Map.of());
        assertThat(revoked.status()).isEqualTo(302);
        assertThat(revoked.location()).endsWith("/cases/" + c.id() + "?notice=linksRevoked");
        assertThat(staff.page(revoked.location().replaceFirst("^https?://[^/]+", "")).body()).contains("これまでにお送りした選択リンクを無効にしました");

        assertThat(browser().page(c.link()).status()).isEqualTo(410);
        assertThat(jdbc.queryForObject("select revoked_by from contact_link where case_id = ? and revoked_at is not null "
                + "limit 1", String.class, c.id())).isEqualTo("user:admin");
    }
}

package dev.zaiko.restock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import dev.zaiko.support.RawHttp;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** The storefronts' open door: double opt-in, rate limits, the signed links, and nothing for a forged one. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PublicRestockAlertApiTest {

    static final String DOOR = "/public/restock-alerts";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FollowingStockForAlerts following;

    RestockApi api;
    /** A storefront's visitor: no token, no session. */
    RestockApi visitor;
    ShopApi.Shop shop;
    String sku;

    @org.junit.jupiter.api.AfterEach
    void leaveNothingRunning() {
        dev.zaiko.support.NothingLeftRunning.settle(api, jdbc);
    }

    @BeforeEach
    void clientsAndShop() {
        api = new RestockApi(port, jdbc);
        visitor = new RestockApi(port, jdbc);
        visitor.useToken(null);
        shop = api.shop();
        sku = api.product("RP");
        // every test client calls from 127.0.0.1: each test starts with that address's count at zero
        jdbc.update("delete from restock_rate where kind = 'ADDRESS'");
    }

    void settled() {
        await("restock alert looks done").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(following::idle);
    }

    String subscriptionOf(String email) {
        return jdbc.queryForObject("select id::text from restock_subscription where email = ?", String.class, email);
    }

    @Test
    void aPublicSubscriptionIsToldNothingUntilItsConfirmLinkIsFollowedAndThenWaitsInLine() {
        String earlier = api.subscribe(sku, shop.web(), ShopApi.uniqueEmail());
        String email = ShopApi.uniqueEmail();
        RestockApi.Response asked = visitor.post(DOOR, visitor.publicBody(sku, shop.web(), email, "en"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        String id = subscriptionOf(email);
        assertThat(api.status(id)).isEqualTo("PENDING");
        String confirm = api.link(email, "RESTOCK_CONFIRM", "confirm");

        api.sellable(sku, shop.warehouse(), 1);
        settled();
        assertThat(api.status(earlier)).isEqualTo("NOTIFIED");
        assertThat(api.status(id)).as("not confirmed: never told").isEqualTo("PENDING");
        assertThat(api.emailed(sku, "RESTOCK_NOTICE")).doesNotContain(email);

        RestockApi.Response page = visitor.page(confirm);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("You are number 1 in line.");
        assertThat(api.status(id)).isEqualTo("WAITING");

        api.sellable(sku, shop.warehouse(), 1);
        settled();
        assertThat(api.status(id)).isEqualTo("NOTIFIED");
        assertThat(api.emailed(sku, "RESTOCK_NOTICE")).containsExactly(
                jdbc.queryForObject("select email from restock_subscription where id = ?::uuid", String.class, earlier),
                email);
    }

    @Test
    void theAnswerIsTheSameWhetherTheAddressWasNewPendingOrAlreadyWaitingAndAWaitingOneKeepsItsPlace() {
        String waiting = ShopApi.uniqueEmail();
        String id = api.subscribe(sku, shop.web(), waiting);
        api.subscribe(sku, shop.web(), ShopApi.uniqueEmail());
        long place = jdbc.queryForObject("select place from restock_subscription where id = ?::uuid", Long.class, id);
        String fresh = ShopApi.uniqueEmail();

        RestockApi.Response toNew = visitor.post(DOOR, visitor.publicBody(sku, shop.web(), fresh, "ja"));
        RestockApi.Response toPending = visitor.post(DOOR, visitor.publicBody(sku, shop.web(), fresh, "ja"));
        RestockApi.Response toWaiting = visitor.post(DOOR, visitor.publicBody(sku, shop.web(), waiting, "ja"));

        assertThat(toNew.status()).isEqualTo(202);
        assertThat(toPending.status()).isEqualTo(202);
        assertThat(toWaiting.status()).isEqualTo(202);
        assertThat(toPending.body()).isEqualTo(toNew.body());
        assertThat(toWaiting.body()).isEqualTo(toNew.body());
        assertThat(api.status(id)).isEqualTo("WAITING");
        assertThat(jdbc.queryForObject("select place from restock_subscription where id = ?::uuid", Long.class, id))
                .isEqualTo(place);
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where recipient = ?", Integer.class, waiting))
                .as("a person already waiting is sent nothing").isZero();
    }

    @Test
    void tooManyRequestsFromOneAddressOrForOneEmailAreRefusedWith429AndRetryAfterAndSendNothing() {
        String email = ShopApi.uniqueEmail();
        for (int i = 0; i < 3; i++) {
            assertThat(visitor.post(DOOR, visitor.publicBody(sku, shop.web(), email, "ja")).status()).isEqualTo(202);
        }
        RestockApi.Response fourth = visitor.post(DOOR, visitor.publicBody(sku, shop.web(), email, "ja"));
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.contentType()).startsWith("application/problem+json");
        assertThat(fourth.type()).isEqualTo("https://zaiko.dev/problems/too-many-requests");
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where recipient = ?", Integer.class, email))
                .as("three confirmations, not four").isEqualTo(3);

        // one client address: ten in the window, then refused whoever the email is for
        String address = RawHttp.uniqueLoopback();
        for (int i = 0; i < 10; i++) {
            RawPost.Answer taken = RawPost.json(port, address, DOOR,
                    visitor.publicBody(sku, shop.web(), ShopApi.uniqueEmail(), "ja").toString());
            assertThat(taken.status()).as(taken.body()).isEqualTo(202);
        }
        String stranger = ShopApi.uniqueEmail();
        RawPost.Answer refused = RawPost.json(port, address, DOOR,
                visitor.publicBody(sku, shop.web(), stranger, "ja").toString());
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(jdbc.queryForObject("select count(*) from restock_subscription where email = ?", Integer.class, stranger))
                .isZero();
        assertThat(RawPost.json(port, RawHttp.uniqueLoopback(), DOOR,
                visitor.publicBody(sku, shop.web(), stranger, "ja").toString()).status())
                .as("another address is not held back").isEqualTo(202);
    }

    @Test
    void theUnsubscribeLinkStopsTheAlertWithOneClickAndAForgedLinkDoesNothing() {
        String email = ShopApi.uniqueEmail();
        visitor.post(DOOR, visitor.publicBody(sku, shop.web(), email, "ja"));
        String id = subscriptionOf(email);
        String confirm = api.link(email, "RESTOCK_CONFIRM", "confirm");
        String unsubscribe = api.link(email, "RESTOCK_CONFIRM", "unsubscribe");

        // a forged confirm link: 403, still pending
        String forgedConfirm = confirm.substring(0, confirm.length() - 2) + (confirm.endsWith("A") ? "BB" : "AA");
        assertThat(visitor.page(forgedConfirm).status()).isEqualTo(403);
        assertThat(api.status(id)).isEqualTo("PENDING");
        assertThat(visitor.page(confirm).status()).isEqualTo(200);
        assertThat(api.status(id)).isEqualTo("WAITING");

        // a forged unsubscribe link: the page says it does not open, its POSTs change nothing
        String token = unsubscribe.substring(unsubscribe.lastIndexOf('/') + 1);
        String forgedToken = token.substring(0, 3) + (token.charAt(3) == 'x' ? 'y' : 'x') + token.substring(4);
        RestockApi.Response forgedPage = visitor.page("/c/restock-alerts/unsubscribe/" + forgedToken);
        assertThat(forgedPage.status()).isEqualTo(403);
        assertThat(forgedPage.body()).contains("このリンクは開けません");
        assertThat(visitor.post(DOOR + "/unsubscribe/" + forgedToken, "List-Unsubscribe=One-Click").status())
                .isEqualTo(404);
        assertThat(api.status(id)).isEqualTo("WAITING");

        // the real one: a page with one button, and the click stops the alert
        RestockApi.Response ask = visitor.page(unsubscribe);
        assertThat(ask.status()).isEqualTo(200);
        assertThat(api.status(id)).as("opening the link alone stops nothing").isEqualTo("WAITING");
        RestockApi.Response clicked = visitor.postForm(unsubscribe, Map.of());
        assertThat(clicked.status()).isEqualTo(200);
        assertThat(clicked.body()).contains("停止しました");
        assertThat(api.status(id)).isEqualTo("UNSUBSCRIBED");

        api.sellable(sku, shop.warehouse(), 3);
        settled();
        assertThat(api.emailed(sku, "RESTOCK_NOTICE")).doesNotContain(email);
    }

    @Test
    void aMailClientsOneClickPostUnsubscribesWithoutAPageOrCookie() {
        String email = ShopApi.uniqueEmail();
        String id = api.subscribe(sku, shop.web(), email);
        api.sellable(sku, shop.warehouse(), 1);
        settled();
        String unsubscribe = api.link(email, "RESTOCK_NOTICE", "unsubscribe");
        String token = unsubscribe.substring(unsubscribe.lastIndexOf('/') + 1);

        RawPost.Answer oneClick = RawPost.form(port, RawHttp.uniqueLoopback(), DOOR + "/unsubscribe/" + token,
                "List-Unsubscribe=One-Click");
        assertThat(oneClick.status()).as(oneClick.body()).isEqualTo(200);
        assertThat(api.status(id)).isEqualTo("UNSUBSCRIBED");
    }

    @Test
    void anUnknownSkuOrChannelOrABadEmailIsRefusedNamingTheFieldAndAMarketplaceIsNotOpenToVisitors() {
        RestockApi.Response noSku = visitor.post(DOOR, visitor.publicBody("NO-SUCH-SKU-" + sku, shop.web(),
                ShopApi.uniqueEmail(), "ja"));
        assertThat(noSku.status()).isEqualTo(400);
        assertThat(noSku.json().path("field").asString()).isEqualTo("sku");
        RestockApi.Response noChannel = visitor.post(DOOR, visitor.publicBody(sku, "NOPE-" + sku, ShopApi.uniqueEmail(), "ja"));
        assertThat(noChannel.json().path("field").asString()).isEqualTo("channel");
        RestockApi.Response marketplace = visitor.post(DOOR, visitor.publicBody(sku, shop.marketplace(),
                ShopApi.uniqueEmail(), "ja"));
        assertThat(marketplace.status()).isEqualTo(400);
        assertThat(marketplace.json().path("field").asString()).isEqualTo("channel");
        RestockApi.Response badEmail = visitor.post(DOOR, visitor.publicBody(sku, shop.web(), "not an address", "ja"));
        assertThat(badEmail.json().path("field").asString()).isEqualTo("email");
        assertThat(jdbc.queryForObject("select count(*) from restock_subscription where sku = ?", Integer.class, sku))
                .isZero();

        // the shop's own API may subscribe a marketplace's channel: it vouches for its customer
        api.subscribe(sku, shop.marketplace(), ShopApi.uniqueEmail());
        assertThat(api.post("/api/restock-alerts", api.publicBody(sku, "NOPE-" + sku, ShopApi.uniqueEmail(), "ja"))
                .json().path("field").asString()).isEqualTo("channel");
    }

    @Test
    void theConsoleShowsTheQueuesAndOneSkusQueueInOrder() {
        String first = ShopApi.uniqueEmail();
        String second = ShopApi.uniqueEmail();
        api.subscribe(sku, shop.web(), first);
        api.subscribe(sku, shop.web(), second);
        RestockApi staff = new RestockApi(port, jdbc);
        staff.signIn("admin", "test-admin-password");

        RestockApi.Response queues = staff.page("/restock-alerts");
        assertThat(queues.status()).isEqualTo(200);
        assertThat(queues.body()).contains(sku);
        RestockApi.Response one = staff.page("/restock-alerts/" + sku);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().indexOf(first)).isPositive().isLessThan(one.body().indexOf(second));
    }
}

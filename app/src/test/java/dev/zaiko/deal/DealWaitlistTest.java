package dev.zaiko.deal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.zaiko.inventory.ReleasingExpiredReservations;
import dev.zaiko.inventory.Reservation;
import dev.zaiko.inventory.ReservationStatus;
import dev.zaiko.inventory.ReservingStock;
import dev.zaiko.inventory.SetAsideRefilled;
import dev.zaiko.mail.OutboxQuery;
import dev.zaiko.mail.Outbox;
import dev.zaiko.mail.QueuedEmail;
import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.AllAtOnce;
import dev.zaiko.support.Jobs;
import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A sold-out deal's waitlist (キャンセル待ち): units that come back go to the first in line as a
 * 15-minute hold with an email; not taken, to the next; one place per customer; leaving by the
 * signed link; never one unit offered twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DealWaitlistTest {

    private static final Pattern OFFER_LINK = Pattern.compile("https?://\\S+(/w/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");
    private static final Pattern LEAVE_LINK = Pattern.compile("https?://\\S+(/w/leave/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    JobScheduler jobs;

    @Autowired
    Outbox outbox;

    @Autowired
    ReservingStock reserving;

    @Autowired
    OfferingWaitlistUnits offering;

    @Autowired
    Deals deals;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    dev.zaiko.order.CancellingOnTheChannel cancelling;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    WaitlistApi api;
    ShopApi.Shop shop;
    String sku;
    final Queue<SetAsideRefilled> refills = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void setUp() {
        api = new WaitlistApi(port);
        shop = api.shop();
        sku = api.product();
        api.sellable(sku, shop.warehouse(), 5);
        String mine = sku;
        context.addApplicationListener(event -> {
            if (event instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof SetAsideRefilled r
                    && r.sku().equals(mine)) {
                refills.add(r);
            }
        });
    }

    @AfterEach
    void realTime() {
        clock.reset();
        dev.zaiko.support.NothingLeftRunning.settle(api, jdbc);
    }

    /** The SKU's available-to-sell in the channel's feed (what channel sync tells the channel), or -1. */
    int feedAts(String channel) {
        for (JsonNode e : api.ok(api.get("/api/channels/" + channel + "/feed?after=0&limit=1000")).path("entries")) {
            if (e.path("sku").asString().equals(sku)) return e.path("ats").intValue();
        }
        return -1;
    }

    @Test
    void aCartHoldThatRunsOutReachesTheChannelsWhileADealHoldThatRunsOutGoesToTheFirstInLine() {
        String deal = api.liveDeal(sku, shop.web(), 1, clock.instant());
        api.hold(deal, shop.web(), 1, ShopApi.uniqueEmail());
        String first = ShopApi.uniqueEmail();
        assertThat(api.join(deal, first, "ja", shop.web()).status()).isEqualTo(201);
        JsonNode cart = api.ok(api.post("/api/reservations", ShopApi.JSON.createObjectNode().put("channel", shop.web())
                .put("sku", sku).put("quantity", 2).put("holder", "cart-9").put("holdFor", "PT15M")));
        await("the cart in the feed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> feedAts(shop.web()) == 2);

        clock.advance(Duration.ofMinutes(16));
        Jobs.runRecurring(jobs, clock, ReleasingExpiredReservations.TASK);

        // the cart's 2 units are regular stock again, and the change is pushed to the channel's feed
        await("the released cart in the feed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> feedAts(shop.web()) == 4);
        assertThat(reserving.find(UUID.fromString(cart.path("id").asString())).orElseThrow().status())
                .isEqualTo(ReservationStatus.RELEASED);
        // the deal's unit went back into the deal, and from there to the first in line for 15 minutes
        awaitStatus(deal, first, "OFFERED");
        assertThat(feedAts(shop.web())).as("the deal's unit is not regular stock").isEqualTo(4);
    }

    @Test
    void aUnitThatComesBackWhileOnlyOffersAreOutIsAnyBuyers() {
        String deal = api.liveDeal(sku, shop.web(), 2, clock.instant());
        String one = api.hold(deal, shop.web(), 1, ShopApi.uniqueEmail());
        String two = api.hold(deal, shop.web(), 1, ShopApi.uniqueEmail());
        String first = ShopApi.uniqueEmail();
        assertThat(api.join(deal, first, "ja", shop.web()).status()).isEqualTo(201);
        assertThat(api.post("/api/deals/" + deal + "/holds", ShopApi.JSON.createObjectNode().put("channel", shop.web())
                .put("quantity", 1).put("customer", ShopApi.uniqueEmail())).status()).as("sold out").isEqualTo(409);

        api.ok(api.post("/api/reservations/" + one + "/release"));
        awaitStatus(deal, first, "OFFERED");
        api.ok(api.post("/api/reservations/" + two + "/release"));
        await("the second unit back in the deal").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.ok(api.get("/api/deals/" + deal)).path("remaining").intValue() == 1);

        // nobody waits any more (the only one in line has their unit): a plain buyer takes it
        ShopApi.Response bought = api.post("/api/deals/" + deal + "/holds", ShopApi.JSON.createObjectNode()
                .put("channel", shop.web()).put("quantity", 1).put("customer", ShopApi.uniqueEmail()));
        assertThat(bought.status()).as(bought.body()).isEqualTo(201);
        assertThat(api.status(deal, first)).isEqualTo("OFFERED");
    }

    @Test
    void aDealHoldThatRunsOutIsOfferedToTheFirstInLineForFifteenMinutesAndNotTakenGoesToTheNext() {
        String deal = api.liveDeal(sku, shop.web(), 1, clock.instant());
        api.hold(deal, shop.web(), 1, ShopApi.uniqueEmail());
        String first = ShopApi.uniqueEmail();
        String second = ShopApi.uniqueEmail();
        assertThat(api.join(deal, first, "ja", shop.web()).status()).isEqualTo(201);
        assertThat(api.join(deal, second, "en", shop.web()).status()).isEqualTo(201);

        clock.advance(Duration.ofMinutes(16));
        Jobs.runRecurring(jobs, clock, ReleasingExpiredReservations.TASK);

        awaitStatus(deal, first, "OFFERED");
        JsonNode offer = api.entry(deal, first);
        Instant until = Instant.parse(offer.path("offeredUntil").asString());
        assertThat(Duration.between(clock.instant(), until)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
        Reservation held = reserving.find(UUID.fromString(offer.path("reservationId").asString())).orElseThrow();
        assertThat(held.status()).isEqualTo(ReservationStatus.OPEN);
        assertThat(held.expiresAt()).isEqualTo(until);
        assertThat(held.drawnFrom()).isEqualTo(deals.find(deal).orElseThrow().setAside());
        assertThat(api.status(deal, second)).isEqualTo("WAITING");
        QueuedEmail email = onlyEmail(deal, WaitlistNotices.OFFER, first);
        assertThat(email.locale()).isEqualTo("ja");
        assertThat(email.text()).containsPattern(OFFER_LINK).containsPattern(LEAVE_LINK);

        clock.advance(Duration.ofMinutes(16));
        Jobs.runRecurring(jobs, clock, ReleasingExpiredReservations.TASK);

        awaitStatus(deal, second, "OFFERED");
        assertThat(api.status(deal, first)).isEqualTo("PASSED");
        assertThat(reserving.find(held.id()).orElseThrow().status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(onlyEmail(deal, WaitlistNotices.OFFER, second).locale()).isEqualTo("en");
        assertThat(outbox.list(new OutboxQuery(null, deal, null, WaitlistNotices.OFFER, first, 0, 10)))
                .as("the first is offered once").hasSize(1);
        assertThat(reserving.setAsideUnits(deals.find(deal).orElseThrow().setAside())).isZero();
    }

    @Test
    void aReleasedDealHoldGoesToTheFirstInLineAndAUnitAnOrderTookThenCancelledGoesToTheNext() {
        String deal = api.liveDeal(sku, shop.web(), 1, clock.instant());
        String cart = api.hold(deal, shop.web(), 1, ShopApi.uniqueEmail());
        String first = ShopApi.uniqueEmail();
        String second = ShopApi.uniqueEmail();
        api.ok(api.join(deal, first, "ja", shop.web()));
        api.ok(api.join(deal, second, "ja", shop.web()));

        api.ok(api.post("/api/reservations/" + cart + "/release", ShopApi.JSON.createObjectNode()));

        awaitStatus(deal, first, "OFFERED");
        UUID offered = UUID.fromString(api.entry(deal, first).path("reservationId").asString());
        // the customer's order takes the held unit, as an order claims a hold in its own transaction
        new TransactionTemplate(transactions).executeWithoutResult(t -> reserving.claim(List.of(offered)));
        Jobs.runRecurring(jobs, clock, WaitlistJobs.CATCH_UP);
        assertThat(api.status(deal, first)).isEqualTo("TOOK");
        assertThat(api.status(deal, second)).isEqualTo("WAITING");

        // the order is cancelled before shipping: its unit goes back to the deal and on to the next in line
        reserving.release(offered);

        awaitStatus(deal, second, "OFFERED");
        assertThat(api.status(deal, first)).as("the one who bought stays who they are").isEqualTo("TOOK");
        assertThat(onlyEmail(deal, WaitlistNotices.OFFER, second).text()).containsPattern(OFFER_LINK);
    }

    @Test
    void aCustomerAppearsOncePerDealLeavesByTheSignedLinkAndAForgedLinkDoesNothing() {
        String deal = api.liveDeal(sku, shop.web(), 1, clock.instant());
        assertThat(api.join(deal, ShopApi.uniqueEmail(), "ja", shop.web()).type())
                .as("units remain: buy, do not queue").endsWith("/deal-not-sold-out");
        api.hold(deal, shop.web(), 1, ShopApi.uniqueEmail());
        String customer = ShopApi.uniqueEmail();
        String other = ShopApi.uniqueEmail();

        ShopApi.Response joined = api.join(deal, customer, "ja", shop.web());
        ShopApi.Response again = api.join(deal, customer.toUpperCase(), "en", shop.web());
        api.ok(api.join(deal, other, "ja", shop.web()));

        assertThat(joined.status()).isEqualTo(201);
        assertThat(joined.json().path("position").asInt()).isEqualTo(1);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id").asString()).isEqualTo(joined.json().path("id").asString());
        assertThat(again.json().path("position").asInt()).isEqualTo(1);
        assertThat(api.ok(api.get("/api/deals/" + deal + "/waitlist"))).hasSize(2);
        assertThat(api.post("/api/deals/" + deal + "/holds", ShopApi.JSON.createObjectNode().put("channel", shop.web())
                .put("quantity", 1).put("customer", ShopApi.uniqueEmail())).type())
                .as("while anyone waits, plain buyers are refused").endsWith("/deal-waitlist-first");

        Matcher link = LEAVE_LINK.matcher(onlyEmail(deal, WaitlistNotices.JOINED, customer).text());
        assertThat(link.find()).isTrue();
        String leave = link.group(1);
        WaitlistApi browser = new WaitlistApi(port);
        browser.useToken(null);

        String forged = leave.substring(0, leave.length() - 3) + (leave.endsWith("AAA") ? "BBB" : "AAA");
        String altered = leave.replaceFirst("/w/leave/.", "/w/leave/" + (leave.charAt(9) == 'x' ? "y" : "x"));
        assertThat(browser.page(forged).status()).isEqualTo(403);
        assertThat(browser.page(leave).status()).as("the real page gives the form its token").isEqualTo(200);
        assertThat(browser.postForm(forged, java.util.Map.of()).status()).isEqualTo(403);
        assertThat(browser.postForm(altered, java.util.Map.of()).status()).isEqualTo(403);
        assertThat(api.status(deal, customer)).as("a forged link does nothing").isEqualTo("WAITING");

        ShopApi.Response left = browser.postForm(leave, java.util.Map.of());

        assertThat(left.status()).as(left.body()).isEqualTo(200);
        assertThat(left.body()).contains("キャンセル待ちを取り消しました");
        assertThat(api.status(deal, customer)).isEqualTo("LEFT");
        assertThat(api.entry(deal, other).path("position").asInt()).isEqualTo(1);
        assertThat(browser.postForm(leave, java.util.Map.of()).status()).as("leaving twice changes nothing")
                .isEqualTo(200);
        assertThat(browser.page(leave.replace("/w/leave/", "/w/")).status()).as("a leave link is no offer link")
                .isEqualTo(403);

        api.ok(api.post("/api/deals/" + deal + "/end", ShopApi.JSON.createObjectNode()));
        assertThat(api.join(deal, ShopApi.uniqueEmail(), "ja", shop.web()).type()).endsWith("/deal-ended");
        Jobs.runRecurring(jobs, clock, WaitlistJobs.CATCH_UP);
        assertThat(api.status(deal, other)).as("the sale ended while they waited").isEqualTo("CLOSED");
        assertThat(api.status(deal, customer)).isEqualTo("LEFT");
    }

    @Test
    void theOfferPageShowsTheHoldAndPassingOnItGivesTheUnitToTheNextInLine() {
        String deal = api.liveDeal(sku, shop.web(), 1, clock.instant());
        String cart = api.hold(deal, shop.web(), 1, ShopApi.uniqueEmail());
        String first = ShopApi.uniqueEmail();
        String second = ShopApi.uniqueEmail();
        api.ok(api.join(deal, first, "en", shop.web()));
        api.ok(api.join(deal, second, "ja", shop.web()));
        api.ok(api.post("/api/reservations/" + cart + "/release", ShopApi.JSON.createObjectNode()));
        awaitStatus(deal, first, "OFFERED");
        Matcher link = OFFER_LINK.matcher(onlyEmail(deal, WaitlistNotices.OFFER, first).text());
        assertThat(link.find()).isTrue();
        WaitlistApi browser = new WaitlistApi(port);
        browser.useToken(null);

        ShopApi.Response page = browser.page(link.group(1));

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("is held for you until").contains("/checkout?deal=" + deal + "&amp;reservation="
                + api.entry(deal, first).path("reservationId").asString());

        ShopApi.Response passed = browser.postForm(link.group(1) + "/pass", java.util.Map.of());

        assertThat(passed.status()).as(passed.body()).isEqualTo(200);
        assertThat(passed.body()).contains("has gone to the next person");
        assertThat(api.status(deal, first)).isEqualTo("PASSED");
        awaitStatus(deal, second, "OFFERED");
    }

    @Test
    void twoOfferRunsAtOnceNeverOfferOneUnitTwice() throws Exception {
        String deal = api.liveDeal(sku, shop.web(), 2, clock.instant());
        String cart = api.hold(deal, shop.web(), 2, ShopApi.uniqueEmail());
        List<String> line = List.of(ShopApi.uniqueEmail(), ShopApi.uniqueEmail(), ShopApi.uniqueEmail());
        for (String customer : line) api.ok(api.join(deal, customer, "ja", shop.web()));

        // two units come back; the refill's own offer run races four more, as other instances and the job would
        List<Callable<Object>> runs = new ArrayList<>();
        runs.add(() -> reserving.release(UUID.fromString(cart)));
        for (int i = 0; i < 2; i++) runs.add(() -> offering.offerNext(deal));
        for (int i = 0; i < 2; i++) runs.add(() -> {
            offering.catchUp();
            return null;
        });
        AllAtOnce.run(runs);
        await().atMost(Duration.ofSeconds(30)).until(offering::idle);
        Jobs.runRecurring(jobs, clock, WaitlistJobs.CATCH_UP);

        assertThat(api.status(deal, line.get(0))).isEqualTo("OFFERED");
        assertThat(api.status(deal, line.get(1))).isEqualTo("OFFERED");
        assertThat(api.status(deal, line.get(2))).isEqualTo("WAITING");
        assertThat(reserving.setAsideUnits(deals.find(deal).orElseThrow().setAside())).isZero();
        assertThat(refills).as("the cart's release is the only unit that came back: no offer was made and undone")
                .extracting(SetAsideRefilled::reservationId).containsExactly(UUID.fromString(cart));
        for (String customer : line.subList(0, 2)) {
            assertThat(outbox.list(new OutboxQuery(null, deal, null, WaitlistNotices.OFFER, customer, 0, 10)))
                    .as("one offer to " + customer).hasSize(1);
        }
    }

    @Test
    void aUnitThatCameBackWhileTheDealWasPausedIsOfferedByTheCatchUpJobOnceTheDealIsLiveAgain() {
        String deal = api.liveDeal(sku, shop.web(), 1, clock.instant());
        String cart = api.hold(deal, shop.web(), 1, ShopApi.uniqueEmail());
        String first = ShopApi.uniqueEmail();
        api.ok(api.join(deal, first, "ja", shop.web()));
        api.ok(api.post("/api/deals/" + deal + "/pause", ShopApi.JSON.createObjectNode()));

        api.ok(api.post("/api/reservations/" + cart + "/release", ShopApi.JSON.createObjectNode()));
        await().atMost(Duration.ofSeconds(30)).until(() -> !refills.isEmpty() && offering.idle());
        assertThat(api.status(deal, first)).as("a paused deal gives nothing").isEqualTo("WAITING");
        api.ok(api.post("/api/deals/" + deal + "/resume", ShopApi.JSON.createObjectNode()));

        Jobs.runRecurring(jobs, clock, WaitlistJobs.CATCH_UP);

        assertThat(api.status(deal, first)).isEqualTo("OFFERED");
        assertThat(reserving.setAsideUnits(deals.find(deal).orElseThrow().setAside())).isZero();
        onlyEmail(deal, WaitlistNotices.OFFER, first);
    }

    @Test
    void theShopsAppHearsOfEachOfferByASignedWebhookEventSentAgainUntilTaken() throws Exception {
        try (EventReceiver receiver = new EventReceiver()) {
            String secret = "waitlist-secret-0123456789";
            api.ok(api.post("/api/channels/" + shop.web() + "/webhooks", ShopApi.JSON.createObjectNode()
                    .put("url", receiver.url()).put("secret", secret)));
            String deal = api.liveDeal(sku, shop.web(), 1, clock.instant());
            String cart = api.hold(deal, shop.web(), 1, ShopApi.uniqueEmail());
            String first = ShopApi.uniqueEmail();
            api.ok(api.join(deal, first, "en", shop.web()));
            receiver.failEvents = true;

            api.ok(api.post("/api/reservations/" + cart + "/release", ShopApi.JSON.createObjectNode()));
            awaitStatus(deal, first, "OFFERED");
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.events().size() == 1);
            receiver.failEvents = false;
            clock.advance(Duration.ofMinutes(10));
            Jobs.runRecurring(jobs, clock, WaitlistJobs.CATCH_UP);

            List<EventReceiver.Event> events = receiver.events();
            assertThat(events).hasSize(2);
            EventReceiver.Event taken = events.get(1);
            JsonNode body = ShopApi.JSON.readTree(taken.body());
            String reservation = api.entry(deal, first).path("reservationId").asString();
            assertThat(body.path("type").asString()).isEqualTo("waitlist.offered");
            assertThat(body.path("eventId").asString()).isEqualTo(reservation);
            assertThat(body.path("data").path("deal").asString()).isEqualTo(deal);
            assertThat(body.path("data").path("email").asString()).isEqualTo(first);
            assertThat(body.path("data").path("reservationId").asString()).isEqualTo(reservation);
            assertThat(body.path("data").path("offeredUntil").asString())
                    .isEqualTo(api.entry(deal, first).path("offeredUntil").asString());
            assertThat(ShopApi.JSON.readTree(events.get(0).body()).path("eventId").asString())
                    .as("the same event again").isEqualTo(reservation);
            long t = Long.parseLong(taken.signature().replaceAll("^t=(\\d+),.*$", "$1"));
            assertThat(taken.signature()).isEqualTo(dev.zaiko.channel.WebhookSignature.header(secret, t, taken.body()));

            clock.advance(Duration.ofHours(2));
            Jobs.runRecurring(jobs, clock, WaitlistJobs.CATCH_UP);
            assertThat(receiver.events()).as("taken: not sent again").hasSize(2);
        }
    }

    /** A shop's app on loopback: records the waitlist events (not the feed deliveries); fails them while asked to. */
    static final class EventReceiver implements AutoCloseable {
        record Event(String signature, String body, int answered) {
        }

        private final com.sun.net.httpserver.HttpServer server;
        private final List<Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean failEvents;

        EventReceiver() throws java.io.IOException {
            server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hook", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                int status = 204;
                if (exchange.getRequestHeaders().getFirst("Zaiko-Event") != null) {
                    status = failEvents ? 500 : 204;
                    events.add(new Event(exchange.getRequestHeaders().getFirst("Zaiko-Signature"), body, status));
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        List<Event> events() {
            return List.copyOf(events);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void theConsoleShowsTheDealsLineInOrderWithStatusAndUntilWhenAnOfferHolds() {
        String deal = api.liveDeal(sku, shop.web(), 1, clock.instant());
        String cart = api.hold(deal, shop.web(), 1, ShopApi.uniqueEmail());
        String first = ShopApi.uniqueEmail();
        String second = ShopApi.uniqueEmail();
        api.ok(api.join(deal, first, "ja", shop.web()));
        api.ok(api.join(deal, second, "ja", shop.web()));
        api.ok(api.post("/api/reservations/" + cart + "/release", ShopApi.JSON.createObjectNode()));
        awaitStatus(deal, first, "OFFERED");
        WaitlistApi staff = new WaitlistApi(port);
        staff.signIn("admin", "test-admin-password");

        ShopApi.Response page = staff.page("/deals/" + deal + "/waitlist");

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("キャンセル待ち：" + deal).contains("2人が順番待ち中")
                .contains("お取り置き中").contains("順番待ち");
        assertThat(page.body().indexOf(first)).isPositive().isLessThan(page.body().indexOf(second));
        assertThat(staff.page("/deals/" + deal).body()).as("the deal's page links its waitlist")
                .contains("href=\"/deals/" + deal + "/waitlist\"");
    }

    @Test
    void anOrderThatTookTheOfferedUnitIsTookAndCancelledBeforeShippingGivesTheUnitToTheNextInLine() {
        String deal = api.liveDeal(sku, shop.web(), 1, clock.instant());
        String cart = api.hold(deal, shop.web(), 1, ShopApi.uniqueEmail());
        String first = ShopApi.uniqueEmail();
        String second = ShopApi.uniqueEmail();
        api.ok(api.join(deal, first, "ja", shop.web()));
        api.ok(api.join(deal, second, "ja", shop.web()));
        api.ok(api.post("/api/reservations/" + cart + "/release", ShopApi.JSON.createObjectNode()));
        awaitStatus(deal, first, "OFFERED");
        String offered = api.entry(deal, first).path("reservationId").asString();

        // the shop's checkout places the customer's order on the held unit
        String externalRef = ShopApi.unique("CHECKOUT");
        tools.jackson.databind.node.ObjectNode order = ShopApi.orderBody(shop.web(), "AUTHORIZED", sku, 1)
                .put("externalRef", externalRef);
        ((tools.jackson.databind.node.ObjectNode) order.withArray("lines").get(0)).put("unitPrice", 19800)
                .put("deal", deal).put("reservationId", offered);
        ShopApi.balancePayment(order);
        ShopApi.Response placed = api.post("/api/orders", order);
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(api.status(deal, first)).as("the offer page and the job tell").isIn("OFFERED", "TOOK");
        Jobs.runRecurring(jobs, clock, WaitlistJobs.CATCH_UP);
        assertThat(api.status(deal, first)).isEqualTo("TOOK");
        assertThat(api.status(deal, second)).isEqualTo("WAITING");

        assertThat(cancelling.cancel(shop.web(), externalRef, "customer", "cancelled before shipping")).isPresent();

        awaitStatus(deal, second, "OFFERED");
        assertThat(api.status(deal, first)).as("the one who bought stays who they are").isEqualTo("TOOK");
        assertThat(reserving.find(UUID.fromString(offered)).orElseThrow().status()).isEqualTo(ReservationStatus.RELEASED);
    }

    private void awaitStatus(String deal, String email, String status) {
        await(email + " " + status).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> status.equals(api.status(deal, email)));
    }

    private QueuedEmail onlyEmail(String deal, String kind, String to) {
        List<QueuedEmail> found = outbox.list(new OutboxQuery(null, deal, null, kind, to, 0, 10));
        assertThat(found).as(kind + " to " + to).hasSize(1);
        return found.get(0);
    }
}

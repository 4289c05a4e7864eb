package dev.zaiko.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import dev.zaiko.support.SourceEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The catalog keeps every price a product has had, announces each change, and answers a period's prices. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PriceHistoryApiTest {

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    SourceEvents events;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private List<String> points(String sku, LocalDate from, LocalDate to) {
        JsonNode answer = api.ok(api.get("/api/products/" + sku + "/price-history?from=" + from + "&to=" + to));
        assertThat(answer.path("currency").asString()).isEqualTo("JPY");
        List<String> points = new ArrayList<>();
        answer.path("points").forEach(p -> points.add(p.path("price").longValue() + " @" + p.path("at").asString()));
        return points;
    }

    @Test
    void aNewProductsPriceAndEachChangeOfPriceAreKeptAtTheirTimeAndAChangeThatKeepsThePriceIsNot() {
        String sku = Api.uniqueSku("PRICED");
        ObjectNode body = Api.tent(sku);
        LocalDate day0 = today();
        Instant created = Instant.parse(api.ok(api.post("/api/products", body)).path("updatedAt").asString());

        clock.advance(Duration.ofDays(3));
        Instant cheaper = Instant.parse(api.ok(api.put("/api/products/" + sku, body.put("price", 27800)))
                .path("updatedAt").asString());
        clock.advance(Duration.ofDays(2));
        body.withObject("name").put("en", "Dome tent for four");
        api.ok(api.put("/api/products/" + sku, body));
        clock.advance(Duration.ofDays(2));
        Instant dearer = Instant.parse(api.ok(api.put("/api/products/" + sku, body.put("price", 31000)))
                .path("updatedAt").asString());

        List<PriceChanged> published = events.of(PriceChanged.class, e -> e.sku().equals(sku));
        assertThat(published).extracting(PriceChanged::oldPrice, PriceChanged::newPrice, PriceChanged::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(null, 29800L, created),
                        org.assertj.core.groups.Tuple.tuple(29800L, 27800L, cheaper),
                        org.assertj.core.groups.Tuple.tuple(27800L, 31000L, dearer));
        assertThat(published).allSatisfy(e -> {
            assertThat(e.currency()).isEqualTo("JPY");
            assertThat(e.changedBy()).startsWith("token:");
        });
        assertThat(events.heard(PriceChanged.class, e -> e.sku().equals(sku))).allMatch(SourceEvents.Heard::inTransaction);
        assertThat(jdbc.queryForObject("select count(*) from catalog_price_change where sku = ?", Integer.class, sku))
                .isEqualTo(3);

        assertThat(points(sku, day0, day0.plusDays(7))).containsExactly(
                "29800 @" + created, "27800 @" + cheaper, "31000 @" + dearer);
        // the price in force when the period begins comes first, with the time it was set
        assertThat(points(sku, day0.plusDays(4), day0.plusDays(6))).containsExactly("27800 @" + cheaper);
        assertThat(points(sku, day0.plusDays(1), day0.plusDays(3))).containsExactly(
                "29800 @" + created, "27800 @" + cheaper);
        assertThat(points(sku, day0.minusDays(5), day0.minusDays(1))).as("before the product existed").isEmpty();
        // without dates: the year up to today
        assertThat(api.ok(api.get("/api/products/" + sku + "/price-history")).path("points").size()).isEqualTo(3);
    }

    @Test
    void aPeriodThatIsNotOneIsRefusedNamingTheFieldAndAnUnknownProductIsNotFound() {
        String sku = Api.uniqueSku("PRICEDBAD");
        api.ok(api.post("/api/products", Api.tent(sku)));

        for (String[] bad : List.of(new String[] {"from=2026-13-01", "from"}, new String[] {"to=yesterday", "to"},
                new String[] {"from=2026-05-02&to=2026-05-01", "from"})) {
            ShopApi.Response r = api.get("/api/products/" + sku + "/price-history?" + bad[0]);
            assertThat(r.status()).as(bad[0]).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().path("field").asString()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(api.get("/api/products/NO-SUCH-" + sku + "/price-history").status()).isEqualTo(404);
    }
}

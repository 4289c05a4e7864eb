package dev.zaiko.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.ProductDraft;
import dev.zaiko.catalog.ProductPage;
import dev.zaiko.catalog.ProductQuery;
import dev.zaiko.catalog.Products;
import dev.zaiko.demo.DemoShop.Stock;
import dev.zaiko.inventory.Availability;
import dev.zaiko.inventory.AvailabilityLevel;
import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.ChannelKind;
import dev.zaiko.inventory.CheckingAvailability;
import dev.zaiko.inventory.CheckingStockLedger;
import dev.zaiko.inventory.ExpectingInbounds;
import dev.zaiko.inventory.Location;
import dev.zaiko.inventory.LocationKind;
import dev.zaiko.inventory.ProtectingStock;
import dev.zaiko.inventory.StockLevel;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.ComputingOptions;
import dev.zaiko.stockout.StockoutCase;
import dev.zaiko.stockout.StockoutCases;
import dev.zaiko.stockout.StockoutOption;
import dev.zaiko.stockout.StockoutQuery;
import dev.zaiko.stockout.StockoutStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo shop as {@code --demo} loads it at start (this context runs the loader once before
 * any test), and what it must show. The only test class with {@code zaiko.demo=true}: it costs
 * one extra Spring context.
 */
@SpringBootTest(properties = "zaiko.demo=true")
@ActiveProfiles("test")
class DemoShopTest {

    @Autowired
    DemoShopLoader loader;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Autowired
    Products products;

    @Autowired
    StockNetwork network;

    @Autowired
    CheckingAvailability availability;

    @Autowired
    CheckingStockLedger ledger;

    @Autowired
    ExpectingInbounds inbounds;

    @Autowired
    ProtectingStock protecting;

    @Autowired
    Clock clock;

    @Autowired
    StockoutCases cases;

    @Autowired
    ComputingOptions options;

    @Autowired
    dev.zaiko.deal.DealDesk deals;

    @Autowired
    dev.zaiko.restock.RestockAlerts alerts;

    @Test
    void hasThirtyOrMoreProductsThreeLocationsAndTheFiveChannels() {
        assertThat(allProducts()).hasSizeGreaterThanOrEqualTo(30);

        assertThat(network.locations()).extracting(Location::code, Location::kind).contains(
                org.assertj.core.groups.Tuple.tuple("WH-KAWAGUCHI", LocationKind.WAREHOUSE),
                org.assertj.core.groups.Tuple.tuple("STORE-KICHIJOJI", LocationKind.STORE),
                org.assertj.core.groups.Tuple.tuple("SUP-YAMANAMI", LocationKind.SUPPLIER));

        Map<String, Channel> channels = network.channels().stream()
                .collect(Collectors.toMap(Channel::code, c -> c));
        assertThat(channels).containsOnlyKeys("WEB", "STORE", "AMAZON", "RAKUTEN", "YAHOO");
        assertThat(channels.get("WEB").kind()).isEqualTo(ChannelKind.OWN);
        assertThat(channels.get("WEB").online()).isTrue();
        assertThat(channels.get("WEB").locations()).containsExactly("WH-KAWAGUCHI", "STORE-KICHIJOJI");
        assertThat(channels.get("STORE").kind()).isEqualTo(ChannelKind.OWN);
        assertThat(channels.get("STORE").online()).isFalse();
        assertThat(channels.get("STORE").locations()).containsExactly("STORE-KICHIJOJI");
        for (String marketplace : List.of("AMAZON", "RAKUTEN", "YAHOO")) {
            assertThat(channels.get(marketplace).kind()).as(marketplace).isEqualTo(ChannelKind.MARKETPLACE);
            assertThat(channels.get(marketplace).online()).as(marketplace).isTrue();
            assertThat(channels.get(marketplace).locations()).as(marketplace).contains("WH-KAWAGUCHI");
        }
    }

    @Test
    void theWebShopShowsEveryAvailabilityLevel() {
        Map<AvailabilityLevel, List<String>> byLevel = new TreeMap<>();
        for (Product product : allProducts()) {
            Availability web = availability.of(product.sku(), "WEB", Locale.JAPANESE);
            byLevel.computeIfAbsent(web.level(), l -> new ArrayList<>()).add(product.sku());
        }
        assertThat(byLevel.keySet()).as("levels on WEB: %s", byLevel).isEqualTo(EnumSet.allOf(AvailabilityLevel.class));

        LocalDate today = LocalDate.now(clock);
        Availability backorder = availability.of("TENT-2P-HOSHI", "WEB", Locale.JAPANESE);
        assertThat(backorder.level()).isEqualTo(AvailabilityLevel.BACKORDER);
        assertThat(backorder.expectedOn()).isAfter(today);
        assertThat(backorder.displayText()).contains("入荷待ち");
        assertThat(availability.of("TENT-2P-KAZE", "WEB", Locale.JAPANESE).level()).isEqualTo(AvailabilityLevel.LOW);
        // Backorderable but no dated inbound, and an inbound but not backorderable: both just out of stock.
        assertThat(availability.of("STOVE-WOOD", "WEB", Locale.JAPANESE).level())
                .isEqualTo(AvailabilityLevel.OUT_OF_STOCK);
        assertThat(availability.of("LAMP-HEAD-800R", "WEB", Locale.JAPANESE).level())
                .isEqualTo(AvailabilityLevel.OUT_OF_STOCK);
    }

    @Test
    void aOneOfAKindItemIsSoldAtTheTillButNeverOnline() {
        List<Product> oneOfAKind = allProducts().stream().filter(Product::oneOfAKind).toList();
        assertThat(oneOfAKind).isNotEmpty();
        assertThat(oneOfAKind).anySatisfy(p -> {
            for (String online : List.of("WEB", "AMAZON", "RAKUTEN", "YAHOO")) {
                assertThat(availability.of(p.sku(), online, Locale.JAPANESE).ats()).as(online).isZero();
            }
            assertThat(availability.of(p.sku(), "STORE", Locale.JAPANESE).ats()).isPositive();
        });
    }

    @Test
    void protectionsAndReservationsShapeWhatEachChannelMaySell() {
        // 8 at the warehouse (1 reserved for a PREMIUM web order, 5 of the rest kept for PREMIUM
        // members) and 3 at the store (which keeps 2 for walk-ins): WEB may sell 2 + 1.
        Availability console = availability.of("GAME-NX-CONSOLE", "WEB", Locale.JAPANESE);
        assertThat(console.ats()).isEqualTo(3);
        assertThat(console.level()).isEqualTo(AvailabilityLevel.LOW);
        assertThat(console.sharedWithStore()).isTrue();
        assertThat(availability.of("GAME-NX-CONSOLE", "STORE", Locale.JAPANESE).ats()).isEqualTo(3);
        assertThat(protecting.list(null, "GAME-NX-CONSOLE")).hasSize(2);

        // An open Amazon order holds the last two limited-edition CDs.
        assertThat(ledger.levels("CD-TSUKIYO-LTD")).extracting(StockLevel::reserved).containsExactly(2);
        for (String channel : List.of("WEB", "AMAZON", "RAKUTEN", "YAHOO")) {
            assertThat(availability.of("CD-TSUKIYO-LTD", channel, Locale.JAPANESE).level()).as(channel)
                    .isEqualTo(AvailabilityLevel.OUT_OF_STOCK);
        }
    }

    @Test
    void stockIsInEveryBucketAndTheLedgerAddsUp() {
        List<StockLevel> levels = allProducts().stream().flatMap(p -> ledger.levels(p.sku()).stream()).toList();
        assertThat(levels).anySatisfy(l -> assertThat(l.inspecting()).isPositive());
        assertThat(levels).anySatisfy(l -> assertThat(l.defective()).isPositive());
        assertThat(levels).anySatisfy(l -> assertThat(l.reserved()).isPositive());
        assertThat(ledger.mismatches(null)).isEmpty();
    }

    @Test
    void purposeTagsGroupProductsThatCanStandInForEachOther() {
        assertThat(products.servingAnyPurpose(List.of("tent-2p"))).extracting(Product::sku)
                .hasSizeGreaterThanOrEqualTo(3)
                .contains("TENT-2P-HOSHI", "TENT-2P-SORA", "TENT-2P-KAZE");
    }

    @Test
    void itOpensWithStockoutCasesOfEveryUrgencyAndRealOptions() {
        List<StockoutCase> open = cases.list(new StockoutQuery(StockoutStatus.OPEN, null, null, 0, 50)).items();
        assertThat(open).extracting(StockoutCase::sku)
                .contains("BOTTLE-SOFT-1L", "TENT-2P-KAZE", "SLEEP-EXPD-M10", "STOVE-WOOD");

        StockoutCase tent = only(open, "TENT-2P-KAZE");
        assertThat(tent.priority()).as("express").isEqualTo(1);
        assertThat(choices(tent)).contains(Choice.WAIT, Choice.CANCEL);

        StockoutCase gift = only(open, "SLEEP-EXPD-M10");
        assertThat(gift.priority()).isEqualTo(2);
        assertThat(options.of(gift).withheld()).extracting(StockoutOption.NotOffered::code).contains("inboundTooLate");

        StockoutCase bottle = only(open, "BOTTLE-SOFT-1L");
        assertThat(choices(bottle)).contains(Choice.SUBSTITUTE);

        assertThat(choices(only(open, "STOVE-WOOD"))).as("the gas can ship now").contains(Choice.PARTIAL);
    }

    private static StockoutCase only(List<StockoutCase> cases, String sku) {
        List<StockoutCase> found = cases.stream().filter(c -> c.sku().equals(sku)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private List<Choice> choices(StockoutCase c) {
        return options.of(c).offered().stream().map(StockoutOption::choice).toList();
    }

    @Test
    void loadingAgainChangesNothing() {
        Snapshot before = snapshot();

        DemoShopLoader.Outcome again = loader.load(StandardDemoShop.get());

        assertThat(again.loaded()).isFalse();
        assertThat(again.reservations()).isZero();
        assertThat(again.orders()).isZero();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aTimeSaleRunsOnTheWebShopAndCustomersWaitForATentThatIsDueBack() {
        org.awaitility.Awaitility.await("the demo's time sale live").atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> deals.view("DEMO-TIMESALE").status() == dev.zaiko.deal.DealStatus.LIVE);
        dev.zaiko.deal.DealView sale = deals.view("DEMO-TIMESALE");
        assertThat(sale.sku()).isEqualTo("LAMP-HEAD-200");
        assertThat(sale.setAsideUnits()).isEqualTo(10);
        assertThat(availability.of("LAMP-HEAD-200", "WEB", Locale.JAPANESE).ats())
                .as("the sale's 10 units are off regular sale").isEqualTo(15);

        assertThat(alerts.list("TENT-2P-HOSHI", "WEB", dev.zaiko.restock.RestockAlertStatus.WAITING))
                .extracting(dev.zaiko.restock.RestockAlert::email)
                .containsExactly("hoshi.fan1@example.jp", "hoshi.fan2@example.jp", "camper.en@example.com");
    }

    @Test
    void aLoadThatFailsHalfwayLeavesNothingBehind() {
        DemoShop broken = new DemoShop(
                List.of(new Location("WH-HALFWAY", LocationKind.WAREHOUSE, "途中で失敗する倉庫")),
                List.of(),
                List.of(ProductDraft.of("HALFWAY-1", "途中まで", "Halfway", "test", 100)),
                // The second line names a location that does not exist: the load fails there.
                List.of(new Stock("HALFWAY-1", "WH-HALFWAY", 5, 5, 0), new Stock("HALFWAY-1", "NOWHERE", 1, 1, 0)),
                List.of(), List.of(), List.of(), List.of());

        assertThatThrownBy(() -> loader.load(broken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NOWHERE");

        assertThat(network.findLocation("WH-HALFWAY")).isEmpty();
        assertThat(products.find("HALFWAY-1")).isEmpty();
        assertThat(ledger.movements("HALFWAY-1", 10)).isEmpty();
    }

    @Test
    void theInsightPagesHaveSixMonthsOfMadeUpHistoryToldOnlyOnce() {
        String count = "select count(*) from insight_event where event_key like 'HIST-%'";
        int told = jdbc.queryForObject(count, Integer.class);
        assertThat(told).isGreaterThan(1_500);
        assertThat(jdbc.queryForObject("select count(*) from insight_case where case_id like 'HIST-CASE-%'",
                Integer.class)).isBetween(40, 200);
        assertThat(jdbc.queryForObject("""
                select count(distinct reason) from insight_case where case_id like 'HIST-CASE-%'""", Integer.class))
                .isGreaterThanOrEqualTo(5);

        loader.load(StandardDemoShop.get());

        assertThat(jdbc.queryForObject(count, Integer.class)).isEqualTo(told);
    }

    record Snapshot(int products, int locations, int channels, int movements, int inbounds, int protections,
                    Set<String> levels) {
    }

    private Snapshot snapshot() {
        List<Product> all = allProducts();
        int movements = all.stream().mapToInt(p -> ledger.movements(p.sku(), Integer.MAX_VALUE).size()).sum();
        Set<String> levels = all.stream().flatMap(p -> ledger.levels(p.sku()).stream())
                .map(StockLevel::toString).collect(Collectors.toSet());
        return new Snapshot(all.size(), network.locations().size(), network.channels().size(), movements,
                inbounds.list(null).size(), protecting.list(null, null).size(), levels);
    }

    private List<Product> allProducts() {
        List<Product> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            ProductPage one = products.list(ProductQuery.all().page(page, ProductQuery.MAX_SIZE));
            all.addAll(one.items());
            if (all.size() >= one.total() || one.items().isEmpty()) return all;
        }
    }
}

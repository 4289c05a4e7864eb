package dev.zaiko.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.time.LocalDate;

import dev.zaiko.catalog.AttributeDictionary;
import dev.zaiko.catalog.AttributeEntry;
import dev.zaiko.catalog.DefiningAttributes;
import dev.zaiko.catalog.Products;
import dev.zaiko.catalog.RegisteringProducts;
import dev.zaiko.deal.DealDesk;
import dev.zaiko.deal.DealPlan;
import dev.zaiko.restock.RestockAlerts;
import dev.zaiko.demo.DemoShop.Expected;
import dev.zaiko.demo.DemoShop.Hold;
import dev.zaiko.demo.DemoShop.Keep;
import dev.zaiko.demo.DemoShop.Stock;
import dev.zaiko.insight.InsightJournal;
import dev.zaiko.inventory.CheckingStockLedger;
import dev.zaiko.inventory.ExpectingInbounds;
import dev.zaiko.inventory.InspectingStock;
import dev.zaiko.inventory.MovementKind;
import dev.zaiko.inventory.ProtectingStock;
import dev.zaiko.inventory.ReceivingStock;
import dev.zaiko.inventory.ReservationOutcome;
import dev.zaiko.inventory.ReserveRequest;
import dev.zaiko.inventory.ReservingStock;
import dev.zaiko.order.OrderRequest;
import dev.zaiko.order.PlacingOrders;
import dev.zaiko.inventory.StockNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the demo shop at start when {@code zaiko.demo=true} ({@code --demo}).
 *
 * <p>It is a {@link SmartLifecycle} in phase 0 rather than an {@code ApplicationRunner}, so that
 * it runs before the web server (a lifecycle in a much later phase) opens its port: nobody sees
 * a half-loaded shop, or a 404 for the WEB channel in the first second. A load that fails stops
 * the application from starting, with the reason.
 *
 * <p>Idempotent in two steps:
 * <ol>
 *   <li>Locations, channels, products, stock, inbounds and protections are written in ONE
 *       transaction, and only when the shop's marker location (its first one, WH-KAWAGUCHI)
 *       does not exist. A load that fails halfway leaves nothing behind, so "marker exists"
 *       means "all of it exists".
 *   <li>Reservations go through the reservation engine, which commits each one on its own, so
 *       they can only be made after that transaction. Each is made only if its SKU has never
 *       been reserved (no RESERVE movement in the ledger), which also completes a start that
 *       stopped between the two steps.
 *   <li>Marketplace orders that ran into missing stock go through the order module last, so the
 *       demo opens with stockout cases; their marketplace order ids make placing them again a
 *       replay that changes nothing.
 * </ol>
 */
@Component
@ConditionalOnBooleanProperty("zaiko.demo")
class DemoShopLoader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoShopLoader.class);

    private final TransactionTemplate transactions;
    private final InsightJournal journal;
    private final Clock clock;
    private final StockNetwork network;
    private final RegisteringProducts registering;
    private final AttributeDictionary dictionary;
    private final DefiningAttributes defining;
    private final Products products;
    private final ReceivingStock receiving;
    private final InspectingStock inspecting;
    private final ExpectingInbounds inbounds;
    private final ProtectingStock protecting;
    private final ReservingStock reserving;
    private final CheckingStockLedger ledger;
    private final PlacingOrders placing;
    private final DealDesk deals;
    private final RestockAlerts alerts;
    private volatile boolean running;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    DemoShopLoader(TransactionTemplate transactions, Clock clock, StockNetwork network, RegisteringProducts registering,
                   Products products, ReceivingStock receiving, InspectingStock inspecting, ExpectingInbounds inbounds,
                   ProtectingStock protecting, ReservingStock reserving, CheckingStockLedger ledger,
                   PlacingOrders placing, AttributeDictionary dictionary, DefiningAttributes defining, DealDesk deals,
                   RestockAlerts alerts, InsightJournal journal) {
        this.journal = journal;
        this.deals = deals;
        this.alerts = alerts;
        this.dictionary = dictionary;
        this.defining = defining;
        this.placing = placing;
        this.transactions = transactions;
        this.clock = clock;
        this.network = network;
        this.registering = registering;
        this.products = products;
        this.receiving = receiving;
        this.inspecting = inspecting;
        this.inbounds = inbounds;
        this.protecting = protecting;
        this.reserving = reserving;
        this.ledger = ledger;
    }

    @Override
    public void start() {
        load(StandardDemoShop.get());
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server, which starts in a phase near {@link SmartLifecycle#DEFAULT_PHASE}. */
    @Override
    public int getPhase() {
        return 0;
    }

    /** What one call wrote; all zero (but reservations, maybe) when the shop was already there. */
    record Outcome(boolean loaded, int locations, int channels, int products, int receipts, int units,
                   int inbounds, int protections, int reservations, int orders) {
    }

    Outcome load(DemoShop shop) {
        Outcome written;
        if (network.findLocation(shop.marker()).isPresent()) {
            written = nothing();
        } else {
            try {
                written = transactions.execute(status -> write(shop));
            } catch (RuntimeException e) {
                // Two nodes started with --demo at once: the other one won, and that is fine.
                if (network.findLocation(shop.marker()).isEmpty()) {
                    throw new IllegalStateException("Loading the demo shop failed, nothing of it was kept: "
                            + e.getMessage(), e);
                }
                written = nothing();
            }
        }
        nameAttributes();
        int reserved = reserve(shop);
        int ordered = placeOrders(shop);
        int planned = planDeals(shop);
        int subscribed = subscribeAlerts(shop);
        // the insight pages' six months of made-up history, in one transaction (docs/demo-shop.md)
        Integer told = transactions.execute(status -> DemoHistory.tell(journal, clock));
        if (told != null && told > 0) log.info("Demo shop: {} facts of made-up history told to insight", told);
        if (planned + subscribed > 0) {
            log.info("Demo shop: {} time sale(s) planned, {} back-in-stock alert(s) subscribed", planned, subscribed);
        }
        Outcome outcome = new Outcome(written.loaded(), written.locations(), written.channels(), written.products(),
                written.receipts(), written.units(), written.inbounds(), written.protections(), reserved, ordered);
        if (outcome.loaded()) {
            log.info("Demo shop loaded: {} locations, {} channels, {} products, {} stock receipts ({} units), "
                            + "{} inbounds, {} protections, {} reservations, {} marketplace orders",
                    outcome.locations(), outcome.channels(), outcome.products(), outcome.receipts(), outcome.units(),
                    outcome.inbounds(), outcome.protections(), outcome.reservations(), outcome.orders());
        } else {
            log.info("Demo shop already present (location {} exists): skipped loading it; {} missing reservations made",
                    shop.marker(), outcome.reservations());
        }
        return outcome;
    }

    private Outcome write(DemoShop shop) {
        shop.locations().forEach(network::addLocation);
        shop.channels().forEach(network::addChannel);
        shop.products().forEach(registering::register);
        int units = 0;
        for (int i = 0; i < shop.stock().size(); i++) {
            Stock line = shop.stock().get(i);
            String reference = "DEMO-RCV-%03d".formatted(i + 1);
            receiving.receive(line.sku(), line.location(), line.received(), reference);
            if (line.passed() + line.failed() > 0) {
                inspecting.inspect(line.sku(), line.location(), line.passed(), line.failed(), reference);
            }
            units += line.received();
        }
        LocalDate today = LocalDate.now(clock);
        for (Expected inbound : shop.inbounds()) {
            inbounds.expect(inbound.sku(), inbound.location(), inbound.quantity(), today.plusDays(inbound.inDays()),
                    inbound.reference());
        }
        for (Keep keep : shop.protections()) {
            protecting.protect(keep.kind(), keep.location(), keep.sku(), keep.quantity(), keep.segment());
        }
        return new Outcome(true, shop.locations().size(), shop.channels().size(), shop.products().size(),
                shop.stock().size(), units, shop.inbounds().size(), shop.protections().size(), 0, 0);
    }

    private int reserve(DemoShop shop) {
        int made = 0;
        for (Hold hold : shop.reservations()) {
            if (products.find(hold.sku()).isEmpty() || network.findChannel(hold.channel()).isEmpty()) {
                log.warn("Demo reservation for {} on {} skipped: the product or channel does not exist",
                        hold.sku(), hold.channel());
                continue;
            }
            boolean everReserved = ledger.movements(hold.sku(), Integer.MAX_VALUE).stream()
                    .anyMatch(m -> m.kind() == MovementKind.RESERVE);
            if (everReserved) continue;
            ReservationOutcome outcome = reserving.reserve(
                    new ReserveRequest(hold.channel(), hold.sku(), hold.quantity(), hold.holder(), hold.segment()));
            if (outcome.reserved()) {
                made++;
            } else {
                log.warn("Demo reservation for {} on {} refused: {}", hold.sku(), hold.channel(), outcome.refusal());
            }
        }
        return made;
    }

    /**
     * Step 3, after the reservations: the demo's marketplace orders, through the order module like
     * any channel's. Idempotent by their marketplace order ids (a replay returns the order).
     */
    private int placeOrders(DemoShop shop) {
        int placed = 0;
        LocalDate today = LocalDate.now(clock);
        for (DemoOrders.DemoOrder o : shop.orders()) {
            if (network.findChannel(o.channel()).isEmpty()) continue;
            try {
                if (placing.place(request(o, today), "demo").created()) placed++;
            } catch (dev.zaiko.platform.ConflictException e) {
                // placed by an earlier version of the demo, whose order differed (no phone number then):
                // the order stays as it was, and the start goes on
                if (!"order-replay-mismatch".equals(e.type())) throw e;
                log.info("Demo order {} on {} exists from an earlier demo version; kept as it is", o.externalRef(),
                        o.channel());
            }
        }
        return placed;
    }

    /**
     * Step 4: the time sales, from now for their days, through the deal module like the console's
     * plan form; a sale planned once (by its code) is never planned again, whatever became of it.
     */
    private int planDeals(DemoShop shop) {
        int planned = 0;
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        for (DemoShop.Sale sale : shop.deals()) {
            if (products.find(sale.sku()).isEmpty() || network.findChannel(sale.channel()).isEmpty()) continue;
            if (deals.list(null, sale.sku()).stream().anyMatch(d -> d.code().equals(sale.code()))) continue;
            deals.plan(new DealPlan(sale.code(), sale.sku(), List.of(sale.channel()), sale.price(), sale.quantity(), now,
                    now.plus(Duration.ofDays(sale.days())), null, sale.perCustomerLimit()));
            planned++;
        }
        return planned;
    }

    /** Step 5: customers waiting for SKUs without stock; subscribing again keeps their place. */
    private int subscribeAlerts(DemoShop shop) {
        int subscribed = 0;
        for (DemoShop.Alert alert : shop.alerts()) {
            if (products.find(alert.sku()).isEmpty() || network.findChannel(alert.channel()).isEmpty()) continue;
            boolean there = alerts.list(alert.sku(), alert.channel(), null).stream()
                    .anyMatch(a -> a.email().equalsIgnoreCase(alert.email()));
            if (there) continue;
            alerts.subscribe(alert.sku(), alert.channel(), alert.email(), alert.locale());
            subscribed++;
        }
        return subscribed;
    }

    /** Built as a channel would send it, as JSON: the request keeps its defaults for what the demo leaves out. */
    private static OrderRequest request(DemoOrders.DemoOrder o, LocalDate today) {
        var body = JSON.createObjectNode().put("channel", o.channel()).put("externalRef", o.externalRef())
                .put("express", o.express()).put("b2b", o.b2b());
        if (o.neededBy(today) != null) body.put("gift", true).put("neededBy", o.neededBy(today).toString());
        var customer = body.putObject("customer").put("name", o.customer()).put("email", o.email()).put("locale", "ja");
        if (o.phone() != null) customer.put("phone", o.phone());
        body.putObject("payment").put("method", "CREDIT_CARD").put("status", "CAPTURED").put("amount", o.total());
        var lines = body.putArray("lines");
        o.items().forEach(i -> lines.addObject().put("sku", i.sku()).put("quantity", i.quantity())
                .put("unitPrice", i.unitPrice()));
        return JSON.treeToValue(body, OrderRequest.class);
    }

    private static Outcome nothing() {
        return new Outcome(false, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The demo's attribute names in Japanese and English; an entry the shop already has is left as it is. */
    private void nameAttributes() {
        java.util.Set<String> named = new java.util.HashSet<>();
        dictionary.list().stream().map(AttributeEntry::attribute).forEach(named::add);
        DemoAttributes.ATTRIBUTES.forEach((key, definition) -> {
            if (!named.contains(key)) defining.define(key, definition);
        });
    }
}

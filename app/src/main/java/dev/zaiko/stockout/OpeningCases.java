package dev.zaiko.stockout;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.Products;
import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.ExpectingInbounds;
import dev.zaiko.inventory.Inbound;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.order.BackorderAged;
import dev.zaiko.order.Order;
import dev.zaiko.order.OrderLineShort;
import dev.zaiko.order.OrderNumber;
import dev.zaiko.order.Orders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns every {@link OrderLineShort} (and every {@link BackorderAged}, reason {@value #BACKORDER_AGED})
 * into one case per (order, line, reason), in the same transaction as the order's change: a
 * committed shortage always has its case, and a repeated event creates nothing (the unique key
 * decides, also under races).
 * <p>
 * Facts come from the order, the catalog and the inventory. A fact that cannot be found (an
 * unknown SKU, a channel removed meanwhile) is left empty rather than failing the order's
 * transaction; only a failure to write the case itself rolls the order's change back, because
 * a shortage without a case would be forgotten. Logs carry case ids, order numbers and SKUs,
 * never the customer's name, email or phone.
 */
@Component
class OpeningCases {

    /** The case reason for a line backordered too long ({@link BackorderAged}). */
    static final String BACKORDER_AGED = "BACKORDER_AGED";

    private static final Logger log = LoggerFactory.getLogger(OpeningCases.class);

    private final Orders orders;
    private final Products products;
    private final StockNetwork network;
    private final ExpectingInbounds inbounds;
    private final ServiceLevelPolicy policy;
    private final StockoutStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final StockoutTexts texts;

    OpeningCases(Orders orders, Products products, StockNetwork network, ExpectingInbounds inbounds,
                 ServiceLevelPolicy policy, StockoutStore store, ApplicationEventPublisher events, Clock clock,
                 StockoutTexts texts) {
        this.texts = texts;
        this.events = events;
        this.orders = orders;
        this.products = products;
        this.network = network;
        this.inbounds = inbounds;
        this.policy = policy;
        this.store = store;
        this.clock = clock;
    }

    /**
     * A backorder waiting too long gets a case of its own (cancel or keep waiting), opened like a
     * shortage of the units it still waits for, in the order module's transaction. The line stays
     * BACKORDERED; the case's next inbound is the one the customer could keep waiting for.
     */
    @EventListener
    void on(BackorderAged event) {
        on(new OrderLineShort(event.orderNumber(), event.lineNo(), event.sku(), event.quantity(), BACKORDER_AGED,
                event.detectedAt()));
    }

    @EventListener
    void on(OrderLineShort event) {
        OrderNumber number;
        try {
            number = OrderNumber.parse(event.orderNumber());
        } catch (RuntimeException e) {
            log.error("Ignoring a shortage event with an unreadable order number '{}'", event.orderNumber());
            return;
        }
        if (event.quantity() < 1 || event.lineNo() < 1 || event.sku() == null || event.reason() == null
                || event.reason().isBlank()) {
            log.error("Ignoring an incomplete shortage event for order {} line {}", number, event.lineNo());
            return;
        }
        Instant now = clock.instant();
        Instant detectedAt = event.detectedAt() == null ? now : event.detectedAt();
        Optional<Order> order = orders.find(number);
        Optional<Order.Line> line = order.flatMap(o -> o.lines().stream()
                .filter(l -> l.lineNo() == event.lineNo()).findFirst());
        Optional<Channel> channel = order.flatMap(o -> network.findChannel(o.channel()));
        Optional<Inbound> inbound = channel.flatMap(c -> inbounds.next(event.sku(), c.locations()));
        Optional<Product> product = products.find(event.sku());
        if (order.isEmpty()) log.warn("Order {} not found while opening a stockout case; facts are partial", number);

        StockoutFacts.CustomerFlags flags = order.map(o -> new StockoutFacts.CustomerFlags(o.express(), o.gift(),
                o.neededBy(), o.b2b(), o.promisedDate())).orElse(new StockoutFacts.CustomerFlags(false, false, null,
                false, null));
        StockoutFacts facts = new StockoutFacts(number.toString(), order.map(Order::placedAt).orElse(null),
                order.map(Order::channel).orElse(null), channel.map(c -> c.kind().name()).orElse(null),
                new StockoutFacts.Item(event.sku(), product.map(p -> new StockoutFacts.Name(p.name().ja(),
                        p.name().en())).orElse(null)),
                line.map(Order.Line::quantity).orElse(null), event.quantity(), event.reason(),
                inbound.map(i -> new StockoutFacts.NextInbound(i.expectedOn(), i.quantity(), i.location())).orElse(null),
                flags);
        ServiceLevel level = policy.levelFor(new Urgency(flags.express(), flags.gift(), flags.neededBy(), flags.b2b(),
                detectedAt));
        dev.zaiko.platform.Wording opened = StockoutTexts.opened(event.reason(), event.lineNo(), level.rule());
        Optional<String> id = store.insertIfAbsent(number.digits(), event.lineNo(), event.sku(), event.quantity(),
                event.reason(), level, detectedAt, now, facts, opened, texts.english(opened));
        if (id.isPresent()) {
            events.publishEvent(new StockoutOpened(id.get(), number.toString(), event.lineNo(), event.sku(),
                    event.reason(), level.priority(), level.contactDeadline(), level.rule(), flags.express(),
                    flags.gift(), flags.neededBy(), flags.b2b(), detectedAt));
            log.info("Stockout case {} opened for order {} line {} ({} x{}, {}), priority {}, contact by {}", id.get(),
                    number, event.lineNo(), event.sku(), event.quantity(), event.reason(), level.priority(),
                    level.contactDeadline());
        } else {
            log.info("Stockout case for order {} line {} ({}) already exists; nothing opened", number, event.lineNo(),
                    event.reason());
        }
    }

}

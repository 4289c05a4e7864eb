package dev.zaiko.stockout;

import dev.zaiko.shop.BusinessDays;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.Products;
import dev.zaiko.inventory.CheckingAvailability;
import dev.zaiko.inventory.ExpectingInbounds;
import dev.zaiko.inventory.StockElsewhere;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.order.ChangingOrderLines;
import dev.zaiko.order.Order;
import dev.zaiko.order.OrderNumber;
import dev.zaiko.order.OrderStatus;
import dev.zaiko.order.Orders;
import dev.zaiko.platform.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * Computes a case's options from how things stand now (stock, inbounds, the order line), not
 * from when the case was opened: an option offered on the phone must still work when the
 * customer chooses it. A decided case has no options left.
 */
@Service
public class ComputingOptions {

    /** Candidates looked at per case; ranking needs the related products, not the whole catalog. */
    static final int CANDIDATE_LIMIT = 50;

    private static final Set<OrderStatus> SHIPPABLE = Set.of(OrderStatus.ALLOCATED, OrderStatus.PICKING);

    private final Orders orders;
    private final ChangingOrderLines lines;
    private final Products products;
    private final CheckingAvailability availability;
    private final ExpectingInbounds inbounds;
    private final StockNetwork network;
    private final StockoutOptionsProperties policy;
    private final BusinessDays calendar;
    private final Clock clock;
    private final dev.zaiko.order.PromisingInbounds promises;

    ComputingOptions(Orders orders, ChangingOrderLines lines, Products products, CheckingAvailability availability,
                     ExpectingInbounds inbounds, StockNetwork network, StockoutOptionsProperties policy,
                     BusinessDays calendar, Clock clock, dev.zaiko.order.PromisingInbounds promises) {
        this.promises = promises;
        this.orders = orders;
        this.lines = lines;
        this.products = products;
        this.availability = availability;
        this.inbounds = inbounds;
        this.network = network;
        this.policy = policy;
        this.calendar = calendar;
        this.clock = clock;
    }

    public StockoutOption.Options of(StockoutCase c) {
        return context(c).map(StockoutChoices::evaluate)
                .orElse(new StockoutOption.Options(List.of(), List.of()));
    }

    /** Empty when the case is decided or its line no longer waits for a decision. */
    Optional<OptionContext> context(StockoutCase c) {
        if (c.status() == StockoutStatus.RESOLVED || c.status() == StockoutStatus.CLOSED) return Optional.empty();
        OrderNumber number = OrderNumber.parse(c.orderNumber());
        Optional<Order> found = orders.find(number);
        if (found.isEmpty()) return Optional.empty();
        Order order = found.get();
        ChangingOrderLines.LineUnits units;
        try {
            units = lines.units(order, c.lineNo());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        if (units.status() != OrderStatus.AWAITING_CUSTOMER && units.status() != OrderStatus.BACKORDERED) {
            return Optional.empty();
        }
        Order.Line line = order.line(c.lineNo());
        boolean othersShip = order.lines().stream()
                .anyMatch(l -> l.lineNo() != c.lineNo() && SHIPPABLE.contains(l.status()));
        Product product = products.find(line.sku()).orElse(null);
        LocalDate today = LocalDate.now(clock);
        List<String> pool = network.findChannel(order.channel()).map(ch -> ch.locations()).orElse(List.of());
        int shortUnits = Math.max(1, units.shortUnits());
        // a line short now may wait only for units not yet promised to earlier lines (promises within capacity);
        // an aged backorder keeps its own promise, so it is offered the next inbound as before
        Optional<dev.zaiko.inventory.Inbound> waitable = pool.isEmpty() ? Optional.empty()
                : units.status() == OrderStatus.AWAITING_CUSTOMER
                ? promises.firstWithRoom(line.sku(), pool, shortUnits).map(dev.zaiko.order.PromisingInbounds.Capacity::inbound)
                : inbounds.next(line.sku(), pool);
        StockoutFacts.NextInbound next = waitable
                .map(i -> new StockoutFacts.NextInbound(i.expectedOn(), i.quantity(), i.location())).orElse(null);
        List<SubstituteCandidate> substitutes = product == null ? List.of()
                : substitutes(product, units.unitPrice(), shortUnits, order.channel(), shipDay(today));
        List<StockElsewhere> elsewhere = pool.isEmpty() ? List.of() : elsewhere(line.sku(), order.channel());
        return Optional.of(new OptionContext(c.reason(), units.quantity(), units.reserved(), shortUnits,
                units.unitPrice(), othersShip, product, today, neededBy(order), next, line.promisedDate(), substitutes,
                elsewhere, policy, calendar));
    }

    /**
     * The date the order must reach the customer by: the earlier of the gift's needed-by date and
     * the delivery date promised for an express order; null when neither was given.
     */
    static LocalDate neededBy(Order order) {
        LocalDate gift = order.neededBy();
        LocalDate express = order.express() ? order.promisedDate() : null;
        if (gift == null) return express;
        if (express == null) return gift;
        return express.isBefore(gift) ? express : gift;
    }

    private List<SubstituteCandidate> substitutes(Product original, long paid, int quantity, String channel,
                                                  LocalDate shipsOn) {
        List<String> pinned = products.pinnedSubstitutes(original.sku());
        List<RankingSubstitutes.Candidate> candidates = new ArrayList<>();
        List<Product> looked = new ArrayList<>();
        pinned.forEach(sku -> products.find(sku).ifPresent(looked::add));
        looked.addAll(products.sameCategoryAndPurpose(original, CANDIDATE_LIMIT));
        looked.removeIf(p -> p.isDiscontinued() || p.sku().equals(original.sku()));
        Map<String, Integer> ats = availability.ats(looked.stream().map(Product::sku).toList(), channel);
        for (Product p : looked) {
            int available = ats.getOrDefault(p.sku(), 0);
            if (available >= quantity) candidates.add(new RankingSubstitutes.Candidate(p, available));
        }
        Map<String, AttributeRules.Direction> rules = AttributeRules.parse(original.category(),
                policy.attributes().get(original.category()));
        return RankingSubstitutes.rank(original, paid, quantity, candidates, pinned, rules, policy.absorbLimit(),
                policy.maxSubstitutes(), shipsOn);
    }

    private List<StockElsewhere> elsewhere(String sku, String channel) {
        try {
            return availability.elsewhere(sku, channel);
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    private LocalDate shipDay(LocalDate today) {
        return calendar.isBusinessDay(today) ? today : calendar.nextBusinessDayAfter(today);
    }
}

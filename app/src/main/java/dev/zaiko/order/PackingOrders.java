package dev.zaiko.order;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.zaiko.inventory.PackingStock;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Packing: the packer inspects every unit of the ALLOCATED lines being packed. In one
 * transaction, with the order row locked and every check done before anything changes:
 * <ul>
 * <li>every unit passed: the reservation is committed and the line is SHIPPED (a line ships
 * only when all its units passed);</li>
 * <li>a unit is defective: it goes to DEFECTIVE stock and the line's reservation takes a
 * replacement from the channel's pool. Found: the line stays ALLOCATED (history says so) and
 * is packed again with the new unit. None: the line is AWAITING_CUSTOMER and
 * {@link OrderLineShort} ({@value OrderLineShort#INSPECTION_DEFECT}) is published.</li>
 * </ul>
 * Two packings of one order at once (two stations, a double submission) take turns on the order
 * row; the second is refused when a line it packs changed while it waited ({@code
 * line-changed-meanwhile}): its packer inspected units that the first one has since shipped or
 * replaced, so its result cannot be about the units the line holds now.
 */
@Service
public class PackingOrders {

    private static final Logger log = LoggerFactory.getLogger(PackingOrders.class);

    private final OrderStore store;
    private final PackingStock packing;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    PackingOrders(OrderStore store, PackingStock packing, PlatformTransactionManager transactions, Clock clock,
                  ApplicationEventPublisher events) {
        this.store = store;
        this.packing = packing;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.events = events;
    }

    /** The packer's result for one line: every unit either passed or is defective. */
    public record PackedLine(int lineNo, int passed, int defective) {
    }

    /**
     * @throws NotFoundException       no such order
     * @throws InvalidRequestException a line listed twice, a line the order does not have, or
     *                                 passed + defective different from the line's quantity
     * @throws ConflictException       {@code line-not-allocated} for a line that is not ALLOCATED;
     *                                 {@code line-changed-meanwhile} when another packing changed a listed line
     *                                 while this one waited for the order
     */
    public Order pack(OrderNumber number, List<PackedLine> packed, String actor) {
        Set<Integer> seen = new HashSet<>();
        for (PackedLine p : packed) {
            if (!seen.add(p.lineNo())) throw new InvalidRequestException("Line " + p.lineNo() + " is listed twice.");
        }
        // what the lines looked like when the packer's result arrived, before waiting for the order's lock
        long before = store.lastLineChange(number, seen);
        return tx.execute(t -> {
            Order order = store.lock(number).orElseThrow(() -> new NotFoundException("No order " + number + "."));
            Map<Integer, Order.Line> lines = new LinkedHashMap<>();
            for (PackedLine p : packed) {
                Order.Line line = order.lines().stream().filter(l -> l.lineNo() == p.lineNo()).findFirst()
                        .orElseThrow(() -> new InvalidRequestException("Order " + number + " has no line " + p.lineNo()
                                + "; it has lines 1 to " + order.lines().size() + "."));
                if (p.passed() + p.defective() != line.quantity()) {
                    throw new InvalidRequestException("Line " + p.lineNo() + " has " + line.quantity()
                            + " unit(s); passed (" + p.passed() + ") and defective (" + p.defective()
                            + ") must add up to it.");
                }
                lines.put(p.lineNo(), line);
            }
            for (Order.Line line : lines.values()) {
                if (line.status() != OrderStatus.ALLOCATED) {
                    throw new ConflictException("line-not-allocated", "Line " + line.lineNo() + " of order " + number
                            + " is " + line.status() + "; only ALLOCATED lines can be packed.",
                            Map.of("lineNo", line.lineNo(), "lineStatus", line.status().name()));
                }
            }
            if (store.lastLineChange(number, seen) != before) {
                throw new ConflictException("line-changed-meanwhile", "Another packing of order " + number
                        + " changed line(s) " + seen + " while this one waited for it (a defective unit was replaced); "
                        + "nothing was packed. Look at the order and pack what it holds now.",
                        Map.of("orderNumber", number.toString()));
            }
            Instant now = clock.instant();
            Map<Integer, OrderStatus> after = new LinkedHashMap<>();
            order.lines().forEach(l -> after.put(l.lineNo(), l.status()));
            // one SKU lock after another in a fixed order: two packings never wait on each other in a circle
            List<PackedLine> bySku = new ArrayList<>(packed);
            bySku.sort(Comparator.comparing((PackedLine p) -> lines.get(p.lineNo()).sku())
                    .thenComparingInt(PackedLine::lineNo));
            for (PackedLine p : bySku) {
                Order.Line line = lines.get(p.lineNo());
                if (p.defective() == 0) {
                    packing.ship(line.reservationId());
                    store.changeLine(number, line.lineNo(), OrderStatus.SHIPPED, actor,
                            "Packed: all " + p.passed() + " unit(s) passed inspection; shipped.", now);
                    after.put(line.lineNo(), OrderStatus.SHIPPED);
                    continue;
                }
                PackingStock.DefectOutcome outcome = packing.defective(line.reservationId(), p.defective(),
                        "Defective at packing, order " + Order.Line.holder(number, line.lineNo()));
                if (outcome.replaced()) {
                    String from = outcome.replacement().stream().map(r -> r.quantity() + " at " + r.location())
                            .collect(Collectors.joining(", "));
                    store.history(number, new Order.StatusChange(line.lineNo(), OrderStatus.ALLOCATED,
                            OrderStatus.ALLOCATED, actor, p.defective() + " unit(s) found defective at packing were "
                            + "set aside as defective stock and replaced (" + from + "); pack the line again.", now));
                    log.info("Order {} line {} ({}): {} defective unit(s) replaced from {}", number, line.lineNo(),
                            line.sku(), p.defective(), from);
                } else {
                    store.changeLine(number, line.lineNo(), OrderStatus.AWAITING_CUSTOMER, actor,
                            p.defective() + " unit(s) found defective at packing were set aside as defective stock; "
                                    + "no replacement is available on channel " + order.channel() + ".", now);
                    after.put(line.lineNo(), OrderStatus.AWAITING_CUSTOMER);
                    events.publishEvent(new OrderLineShort(number.toString(), line.lineNo(), line.sku(), p.defective(),
                            OrderLineShort.INSPECTION_DEFECT, now));
                    log.info("Order {} line {} ({}): {} defective unit(s), no replacement; awaiting the customer",
                            number, line.lineNo(), line.sku(), p.defective());
                }
            }
            store.changeOrder(number, OrderStatus.ofOrder(after.values()), actor, "Packed.", now);
            return store.find(number).orElseThrow();
        });
    }
}

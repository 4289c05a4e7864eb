package dev.zaiko.order;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

@RestController
@RequestMapping("/api/orders")
class OrderController {

    private final PlacingOrders placing;
    private final PackingOrders packing;
    private final Orders orders;
    private final MessageSource messages;

    private final OrderStatusLinks statusLinks;

    OrderController(PlacingOrders placing, PackingOrders packing, Orders orders, MessageSource messages,
                    OrderStatusLinks statusLinks) {
        this.statusLinks = statusLinks;
        this.placing = placing;
        this.packing = packing;
        this.orders = orders;
        this.messages = messages;
    }

    /**
     * 201 with the new order; 200 with the existing one when (channel, externalRef) was already
     * placed; 404 for an unknown channel or SKU; 409 {@code insufficient-stock} on an OWN channel.
     */
    @Operation(summary = "Place an order",
            description = "Places an order from a channel and reserves every line atomically through the inventory. Idempotent on (channel, externalRef): the same body again answers the existing order with 200. On an OWN channel it is all or nothing: a line that cannot be reserved is BACKORDERED when the product allows backorders, promised the earliest inbound with enough units not yet promised to earlier lines (or without a date when none has room), else the order is refused. A line of a SKU whose earlier backorders wait is backordered behind them and filled after them. A marketplace's order was accepted elsewhere and is always recorded: a line that cannot be reserved awaits the customer and becomes a stockout case. The payment must add up to the lines and the shipping fee. Points, gift balance and a coupon of an OWN channel's order are redeemed from the customer's wallet in the same transaction. An unknown channel or SKU answers 404.")
    @ApiResponse(responseCode = "201", description = "The new order with its order number; Location names it.")
    @ApiResponse(responseCode = "200", description = "The order was already placed with this (channel, externalRef) and the same body: the existing order.")
    @ApiResponse(responseCode = "409", description = "Not enough stock on an OWN channel (insufficient-stock), the externalRef was placed with a different body (order-replay-mismatch), or a coupon, points or gift balance cannot be redeemed.")
    @PostMapping
    @dev.zaiko.platform.NotAudited
    ResponseEntity<OrderView> place(@Valid @RequestBody OrderRequest request, Locale locale) {
        PlacingOrders.Placement placement = placing.place(request, "api");
        OrderView view = view(placement.order(), locale);
        return placement.created()
                ? ResponseEntity.created(URI.create("/api/orders/" + view.orderNumber())).body(view)
                : ResponseEntity.ok(view);
    }

    /** Accepts the number with or without dashes or spaces; 400 when its check digit is wrong. */
    @Operation(summary = "Read an order",
            description = "The order with its lines, their status and history. The number is accepted with or without dashes or spaces; a wrong check digit answers 400.")
    @GetMapping("/{orderNumber}")
    OrderView order(@PathVariable String orderNumber, Locale locale) {
        return view(orders.get(OrderNumber.parse(orderNumber)), locale);
    }

    /**
     * Ends every status link ({@code /o/...}) sent for the order so far: they show the customer that
     * the link was withdrawn. A link issued afterwards opens. 404 for an unknown order.
     */
    @Operation(summary = "Revoke an order's status links",
            description = "Ends every status link sent for the order so far: they show the customer that the link was withdrawn. A link issued afterwards opens.")
    @PostMapping("/{orderNumber}/status-link/revoke")
    RevocationView revokeStatusLinks(@PathVariable String orderNumber) {
        Order order = orders.get(OrderNumber.parse(orderNumber));
        OrderStatusLinks.Revocation r = statusLinks.revoke(order.orderNumber(), dev.zaiko.access.Actor.current().label());
        return new RevocationView(r.order().toString(), r.generation(), r.revokedAt(), r.revokedBy());
    }

    record RevocationView(String orderNumber, int generation, Instant revokedAt, String revokedBy) {
    }

    /** The packer's inspection result per unit of each line packed. */
    record PackRequest(@NotEmpty(message = "must list at least one line") @Size(max = OrderRequest.MAX_LINES)
                       List<@NotNull @Valid PackLine> lines) {
    }

    record PackLine(@NotNull @Positive Integer lineNo, @NotNull @PositiveOrZero Integer passed,
                    @NotNull @PositiveOrZero Integer defective) {
    }

    /**
     * 200 with the order after packing; 400 for a line not in the order or numbers that do not
     * add up to the line's quantity; 404 for an unknown order; 409 {@code line-not-allocated}.
     */
    @Operation(summary = "Pack an order",
            description = "The packer's inspection per line: when every unit passed, the reservation is committed and the line is SHIPPED; a defective unit goes to DEFECTIVE stock and the line takes a replacement from the channel's pool, or waits for the customer's decision when there is none. passed and defective must add up to the line's quantity.")
    @ApiResponse(responseCode = "200", description = "The order after packing.")
    @ApiResponse(responseCode = "409", description = "A line is not ALLOCATED or another packing changed the order meanwhile (line-not-allocated, line-changed-meanwhile).")
    @PostMapping("/{orderNumber}/pack")
    OrderView pack(@PathVariable String orderNumber, @Valid @RequestBody PackRequest request, Locale locale) {
        List<PackingOrders.PackedLine> lines = request.lines().stream()
                .map(l -> new PackingOrders.PackedLine(l.lineNo(), l.passed(), l.defective())).toList();
        return view(packing.pack(OrderNumber.parse(orderNumber), lines, "api"), locale);
    }

    record OrderView(String orderNumber, String channel, String externalRef, OrderStatus status, String statusText,
                     Instant placedAt, Order.Customer customer, Order.Payment payment, boolean express,
                     LocalDate promisedDate, boolean gift, boolean b2b, LocalDate neededBy, long shippingFee, List<LineView> lines,
                     List<Order.StatusChange> history) {
    }

    record LineView(int lineNo, String sku, int quantity, long unitPrice, OrderStatus status, String statusText,
                    LocalDate promisedDate, UUID reservationId, Integer fromLine, Order.Fulfilment fulfilment,
                    @Schema(description = "The marketplace's own id of this line as the order was placed with it "
                            + "(Amazon OrderItemId / AmazonOrderItemCode, Rakuten itemDetailId, Yahoo! LineId, Shopify "
                            + "LineItem id); both parts of a line split for its missing units keep it. Null when none "
                            + "was given.") String externalLineRef,
                    @Schema(description = "For a BACKORDERED line, the inbound (GET /api/inbounds/{id}) whose free units "
                            + "it is promised; null when it waits without a date.") Long promisedInboundId) {
    }

    private OrderView view(Order o, Locale locale) {
        List<LineView> lines = o.lines().stream().map(l -> new LineView(l.lineNo(), l.sku(), l.quantity(),
                l.unitPrice(), l.status(), lineText(l, locale), l.promisedDate(), l.reservationId(), l.fromLine(),
                l.fulfilment(), l.externalLineRef(), l.promisedInboundId())).toList();
        return new OrderView(o.orderNumber().toString(), o.channel(), o.externalRef(), o.status(),
                text(o.status(), locale), o.placedAt(), o.customer(), o.payment(), o.express(), o.promisedDate(), o.gift(),
                o.b2b(),
                o.neededBy(), o.shippingFee(), lines, o.history());
    }

    private String lineText(Order.Line line, Locale locale) {
        if (line.status() == OrderStatus.BACKORDERED && line.promisedDate() != null) {
            return messages.getMessage("order.status.BACKORDERED.dated", new Object[] {date(line.promisedDate(), locale)},
                    locale);
        }
        if (line.status() == OrderStatus.BACKORDERED) {
            // no date: say why, in words (every expected unit is promised to earlier orders)
            return messages.getMessage("order.status.BACKORDERED.undated", null, locale);
        }
        return text(line.status(), locale);
    }

    private String text(OrderStatus status, Locale locale) {
        return messages.getMessage("order.status." + status.name(), null, locale);
    }

    private static String date(LocalDate date, Locale locale) {
        if (Locale.ENGLISH.getLanguage().equals(locale.getLanguage())) {
            return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.UK).format(date);
        }
        return DateTimeFormatter.ofPattern("M月d日", Locale.JAPANESE).format(date);
    }
}

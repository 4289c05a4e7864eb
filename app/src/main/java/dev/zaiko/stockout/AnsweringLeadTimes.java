package dev.zaiko.stockout;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.Products;
import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.ChannelKind;
import dev.zaiko.inventory.CheckingAvailability;
import dev.zaiko.inventory.StockElsewhere;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.order.PromisingInbounds;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.shop.BusinessDays;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The earliest realistic date for a quantity of one SKU, and how (issue 21): the same sources a
 * stockout case offers, asked before an order exists, for a business customer on the phone.
 * <ul>
 * <li>{@code STOCK}: the channel's available-to-sell, less the units backorders already wait for
 * (a new order queues behind them): today plus the shipping days ({@code zaiko.lead-time.shipping-days});</li>
 * <li>{@code TRANSFER}: one store or warehouse outside the channel's pool with enough units, when the
 * shop transfers ({@code zaiko.stockout.options.transfer}): today plus the transfer's business days
 * ({@code zaiko.stockout.options.transfer-days});</li>
 * <li>{@code INBOUND}: the earliest expected inbound into the pool whose units not yet promised cover the
 * quantity, for a product that may be backordered: its date plus the shipping days;</li>
 * <li>{@code DROP_SHIP}: the product's supplier with its lead time, when the shop lets suppliers ship
 * direct ({@code zaiko.stockout.options.drop-ship}): today plus the lead time plus
 * {@code drop-ship-extra-days}, as {@link ShipDirectFromTheSupplier} offers it.</li>
 * </ul>
 * A handful of reads of one SKU: its product, one stock read for the ATS, one for stock elsewhere,
 * the inbounds into the pool with what is promised of them, and the SKU's waiting backorders.
 */
@Service
public class AnsweringLeadTimes {

    static final int MAX_QUANTITY = 10_000;

    private final Products products;
    private final StockNetwork network;
    private final CheckingAvailability availability;
    private final PromisingInbounds promises;
    private final StockoutOptionsProperties policy;
    private final LeadTimeProperties properties;
    private final BusinessDays calendar;
    private final Clock clock;
    private final MessageSource messages;

    AnsweringLeadTimes(Products products, StockNetwork network, CheckingAvailability availability,
                       PromisingInbounds promises, StockoutOptionsProperties policy, LeadTimeProperties properties,
                       BusinessDays calendar, Clock clock, MessageSource messages) {
        this.products = products;
        this.network = network;
        this.availability = availability;
        this.promises = promises;
        this.policy = policy;
        this.properties = properties;
        this.calendar = calendar;
        this.clock = clock;
        this.messages = messages;
    }

    /**
     * @param customer who asks (a business customer's id, for later: business customers' own
     *                 reservations on the next lot); echoed, not yet used
     * @param channel  whose pool is "own stock"; null for {@code zaiko.lead-time.channel}
     * @throws InvalidRequestException 400 naming {@code sku}, {@code quantity} or {@code customer};
     *                                 404 naming {@code sku} or {@code channel} when unknown
     */
    public LeadTime answer(String sku, String quantity, String customer, String channel, Locale locale) {
        if (sku == null || sku.isBlank()) throw invalid("sku", "sku is required: the SKU to ask about.");
        int units = quantity(quantity);
        if (customer != null && (customer.isBlank() || customer.length() > 200)) {
            throw invalid("customer", "customer, when given, is 1 to 200 characters.");
        }
        String code = sku.strip();
        Product product = products.find(code).orElseThrow(() ->
                new UnknownLeadTimeSubject("sku", "No product with SKU '" + code + "'."));
        Channel pool = channel(channel);
        LocalDate today = LocalDate.now(clock);
        List<LeadTime.Source> sources = new ArrayList<>();
        List<LeadTime.Unavailable> unavailable = new ArrayList<>();

        int ats = ats(code, pool);
        int forNewOrders = Math.max(0, ats - promises.waitingUnits(code, pool));
        if (forNewOrders >= units) {
            LocalDate date = calendar.plusBusinessDays(today, properties.shippingDays());
            sources.add(new LeadTime.Source(LeadTime.STOCK, date, forNewOrders, null, null, null,
                    text("leadtime.STOCK", locale, day(date, locale), forNewOrders)));
        } else {
            unavailable.add(none(LeadTime.STOCK, "notEnough", locale, forNewOrders));
        }

        if (!policy.transfer()) {
            unavailable.add(none(LeadTime.TRANSFER, "notAllowed", locale));
        } else {
            Optional<StockElsewhere> from = elsewhere(code, pool).stream().filter(e -> e.ats() >= units).findFirst();
            if (from.isPresent()) {
                LocalDate date = TransferFromAnotherLocation.arrives(calendar, today, policy);
                sources.add(new LeadTime.Source(LeadTime.TRANSFER, date, from.get().ats(), from.get().location(), null,
                        null, text("leadtime.TRANSFER", locale, day(date, locale), from.get().name())));
            } else {
                unavailable.add(none(LeadTime.TRANSFER, "noStockElsewhere", locale));
            }
        }

        if (product.isDiscontinued()) {
            unavailable.add(none(LeadTime.INBOUND, "discontinued", locale));
        } else if (!product.backorderable()) {
            unavailable.add(none(LeadTime.INBOUND, "notBackorderable", locale));
        } else {
            List<PromisingInbounds.Capacity> upcoming = promises.upcoming(code, pool.locations());
            Optional<PromisingInbounds.Capacity> room = upcoming.stream().filter(c -> c.free() >= units).findFirst();
            if (room.isPresent()) {
                LocalDate expected = room.get().inbound().expectedOn();
                LocalDate date = calendar.plusBusinessDays(expected, properties.shippingDays());
                sources.add(new LeadTime.Source(LeadTime.INBOUND, date, room.get().free(), room.get().inbound().location(),
                        room.get().inbound().id(), expected, text("leadtime.INBOUND", locale, day(date, locale),
                        day(expected, locale), room.get().free())));
            } else {
                unavailable.add(none(LeadTime.INBOUND, upcoming.isEmpty() ? "noInbound" : "fullyPromised", locale));
            }
        }

        if (!policy.dropShip()) {
            unavailable.add(none(LeadTime.DROP_SHIP, "notAllowed", locale));
        } else if (product.isDiscontinued()) {
            unavailable.add(none(LeadTime.DROP_SHIP, "discontinued", locale));
        } else if (product.supplier() == null || product.leadTimeDays() == null) {
            unavailable.add(none(LeadTime.DROP_SHIP, "noSupplier", locale));
        } else {
            LocalDate date = ShipDirectFromTheSupplier.arrives(today, product, policy);
            sources.add(new LeadTime.Source(LeadTime.DROP_SHIP, date, null, product.supplier(), null, null,
                    text("leadtime.DROP_SHIP", locale, day(date, locale), product.supplier())));
        }

        sources.sort(Comparator.comparing(LeadTime.Source::date)); // stable: the listing order breaks ties
        LeadTime.Source best = sources.isEmpty() ? null : sources.get(0);
        String answer = best == null ? text("leadtime.none", locale, units) : best.text();
        return new LeadTime(code, units, customer == null ? null : customer.strip(), pool.code(),
                best == null ? null : best.date(), best == null ? null : best.source(), answer, List.copyOf(sources),
                List.copyOf(unavailable));
    }

    private static int quantity(String quantity) {
        if (quantity == null || quantity.isBlank()) {
            throw invalid("quantity", "quantity is required: the number of units, 1 to " + MAX_QUANTITY + ".");
        }
        int units;
        try {
            units = Integer.parseInt(quantity.strip());
        } catch (NumberFormatException e) {
            throw invalid("quantity", "quantity '" + quantity + "' is not a whole number of units (1 to "
                    + MAX_QUANTITY + ").");
        }
        if (units < 1 || units > MAX_QUANTITY) {
            throw invalid("quantity", "quantity " + units + " is out of range: 1 to " + MAX_QUANTITY + " units.");
        }
        return units;
    }

    private Channel channel(String code) {
        String wanted = code != null && !code.isBlank() ? code.strip() : properties.channel();
        if (wanted != null) {
            return network.findChannel(wanted).orElseThrow(() ->
                    new UnknownLeadTimeSubject("channel", "No channel '" + wanted + "'."));
        }
        return network.channels().stream().filter(c -> c.kind() == ChannelKind.OWN && c.online())
                .min(Comparator.comparing(Channel::code))
                .orElseThrow(() -> new UnknownLeadTimeSubject("channel", "No online OWN channel to answer for; "
                        + "name one (channel) or set zaiko.lead-time.channel."));
    }

    private int ats(String sku, Channel channel) {
        Map<String, Integer> ats = availability.ats(List.of(sku), channel.code());
        return ats.getOrDefault(sku, 0);
    }

    private List<StockElsewhere> elsewhere(String sku, Channel channel) {
        try {
            return availability.elsewhere(sku, channel.code());
        } catch (NotFoundException unknownToTheInventory) {
            return List.of(); // a product never stocked anywhere
        }
    }

    private LeadTime.Unavailable none(String source, String reason, Locale locale, Object... args) {
        return new LeadTime.Unavailable(source, reason, text("leadtime.none." + source + "." + reason, locale, args));
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private static String day(LocalDate date, Locale locale) {
        if (Locale.ENGLISH.getLanguage().equals(locale.getLanguage())) {
            return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.UK).format(date);
        }
        return DateTimeFormatter.ofPattern("M月d日", Locale.JAPANESE).format(date);
    }

    private static InvalidRequestException invalid(String field, String detail) {
        return new InvalidRequestException("invalid-request", detail, Map.of("field", field));
    }
}

package dev.zaiko.inventory;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.zaiko.platform.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * ATS and display level of a SKU on a channel. LOW starts at the product's low-stock
 * threshold; BACKORDER needs both a backorderable product and a dated inbound.
 */
@Component
public class CheckingAvailability {

    private final LockedStock stock;
    private final StockNetwork network;
    private final ExpectingInbounds inbounds;
    private final MessageSource messages;
    private final InventoryItems items;

    CheckingAvailability(LockedStock stock, StockNetwork network, ExpectingInbounds inbounds, MessageSource messages,
                         InventoryItems items) {
        this.items = items;
        this.stock = stock;
        this.network = network;
        this.inbounds = inbounds;
        this.messages = messages;
    }

    /** Every SKU the inventory knows (for a channel's first full picture). */
    public List<String> skus() {
        return items.skus();
    }

    public Availability of(String sku, String channelCode, Locale locale) {
        Channel channel = network.requireChannel(channelCode);
        record Snapshot(int ats, ItemFacts item) {
        }
        Snapshot snapshot = stock.read(sku, picture -> {
            StockPicture.ChannelPool pool = picture.channel(channelCode);
            if (pool == null) throw new NotFoundException("No channel '" + channelCode + "'.");
            return new Snapshot(picture.ats(pool, null), picture.item());
        });
        boolean sharedWithStore = channel.online() && network.sellsFromAStore(channelCode);
        int ats = snapshot.ats();
        ItemFacts item = snapshot.item();
        boolean sharedWithOthers = !sharedWithStore && item.sharedStockNote()
                && sharesPool(channel, network.channels());
        LocalDate expectedOn = null;
        AvailabilityLevel level;
        if (ats > 0) {
            level = ats <= item.lowStockThreshold() ? AvailabilityLevel.LOW : AvailabilityLevel.IN_STOCK;
        } else {
            expectedOn = item.backorderable() && !item.discontinued()
                    ? inbounds.next(sku, channel.locations()).map(Inbound::expectedOn).orElse(null)
                    : null;
            level = expectedOn != null ? AvailabilityLevel.BACKORDER : AvailabilityLevel.OUT_OF_STOCK;
        }
        return new Availability(sku, channelCode, ats, level,
                displayText(level, ats, expectedOn, sharedWithStore, sharedWithOthers, locale), expectedOn,
                sharedWithStore);
    }

    /** Whether another channel sells from any location of the channel's pool. */
    private static boolean sharesPool(Channel channel, List<Channel> channels) {
        return channels.stream().anyMatch(other -> !other.code().equals(channel.code())
                && other.locations().stream().anyMatch(channel.locations()::contains));
    }

    /**
     * Available-to-sell of each SKU on the channel (no texts, no inbound dates: for ranking many
     * products at once). SKUs the inventory does not know are left out.
     */
    public Map<String, Integer> ats(Collection<String> skus, String channelCode) {
        network.requireChannel(channelCode);
        return stock.readEach(skus, picture -> {
            StockPicture.ChannelPool pool = picture.channel(channelCode);
            return pool == null ? 0 : picture.ats(pool, null);
        });
    }

    /**
     * ATS and display level of the SKU on every channel, from one read of its stock (what channel
     * sync pushes; no texts). BACKORDER as in {@link #of}. Throws {@link NotFoundException} for a SKU
     * the inventory does not know.
     */
    public List<ChannelStock> everyChannel(String sku) {
        return everyChannelWithItem(sku).stock();
    }

    private record EveryChannel(List<ChannelStock> stock, ItemFacts item) {
    }

    private EveryChannel everyChannelWithItem(String sku) {
        record Read(List<ChannelStock> stock, ItemFacts item, Map<String, List<String>> pools) {
        }
        Read read = stock.read(sku, picture -> {
            List<ChannelStock> result = new ArrayList<>();
            Map<String, List<String>> pools = new java.util.HashMap<>();
            for (StockPicture.ChannelPool pool : picture.channels()) {
                int ats = picture.ats(pool, null);
                result.add(new ChannelStock(sku, pool.code(), ats, ats > 0
                        ? (ats <= picture.item().lowStockThreshold() ? AvailabilityLevel.LOW : AvailabilityLevel.IN_STOCK)
                        : AvailabilityLevel.OUT_OF_STOCK));
                pools.put(pool.code(), pool.locations());
            }
            return new Read(result, picture.item(), pools);
        });
        if (!read.item().backorderable() || read.item().discontinued()) return new EveryChannel(read.stock(), read.item());
        java.util.Set<String> expecting = inbounds.expectingLocations(sku); // one query, not one per channel
        if (expecting.isEmpty()) return new EveryChannel(read.stock(), read.item());
        List<ChannelStock> result = new ArrayList<>(read.stock().size());
        for (ChannelStock s : read.stock()) {
            boolean dated = s.ats() == 0 && read.pools().get(s.channel()).stream().anyMatch(expecting::contains);
            result.add(dated ? new ChannelStock(sku, s.channel(), 0, AvailabilityLevel.BACKORDER) : s);
        }
        return new EveryChannel(result, read.item());
    }

    /**
     * {@link #of} for every channel, from one read of the SKU's stock and one query for inbound
     * dates, for a page that shows them all (the console's SKU page); in channel code order.
     * Throws {@link NotFoundException} for a SKU the inventory does not know.
     */
    public List<Availability> onEveryChannel(String sku, Locale locale) {
        EveryChannel every = everyChannelWithItem(sku);
        List<ChannelStock> stocks = every.stock();
        Map<String, Channel> channels = new java.util.HashMap<>();
        List<Channel> all = network.channels();
        all.forEach(c -> channels.put(c.code(), c));
        java.util.Set<String> stores = new java.util.HashSet<>();
        network.locations().stream().filter(l -> l.kind() == LocationKind.STORE).forEach(l -> stores.add(l.code()));
        List<Inbound> upcoming = stocks.stream().anyMatch(s -> s.level() == AvailabilityLevel.BACKORDER)
                ? inbounds.upcoming(sku) : List.of();
        List<Availability> result = new ArrayList<>(stocks.size());
        for (ChannelStock s : stocks) {
            Channel channel = channels.get(s.channel());
            if (channel == null) continue; // added after the stock was read: the next read has it
            boolean shared = channel.online() && channel.locations().stream().anyMatch(stores::contains);
            LocalDate expectedOn = s.level() != AvailabilityLevel.BACKORDER ? null : upcoming.stream()
                    .filter(i -> channel.locations().contains(i.location())).findFirst()
                    .map(Inbound::expectedOn).orElse(null);
            AvailabilityLevel level = s.level() == AvailabilityLevel.BACKORDER && expectedOn == null
                    ? AvailabilityLevel.OUT_OF_STOCK : s.level(); // its inbound arrived meanwhile
            boolean sharedWithOthers = !shared && every.item().sharedStockNote() && sharesPool(channel, all);
            result.add(new Availability(sku, s.channel(), s.ats(), level,
                    displayText(level, s.ats(), expectedOn, shared, sharedWithOthers, locale), expectedOn, shared));
        }
        result.sort(Comparator.comparing(Availability::channel));
        return result;
    }

    /**
     * Locations outside the channel's pool that hold units the channel's buyer could have, most
     * units first (then by location code). Empty when every unit is inside the pool or protected.
     */
    public List<StockElsewhere> elsewhere(String sku, String channelCode) {
        network.requireChannel(channelCode);
        Map<String, Integer> outside = stock.read(sku, picture -> {
            StockPicture.ChannelPool pool = picture.channel(channelCode);
            if (pool == null) throw new NotFoundException("No channel '" + channelCode + "'.");
            return picture.atsOutsidePool(pool);
        });
        List<StockElsewhere> found = new ArrayList<>();
        outside.forEach((code, ats) -> network.findLocation(code).ifPresent(l ->
                found.add(new StockElsewhere(sku, code, l.kind(), l.name(), ats))));
        found.sort(Comparator.comparingInt(StockElsewhere::ats).reversed().thenComparing(StockElsewhere::location));
        return found;
    }

    private String displayText(AvailabilityLevel level, int ats, LocalDate expectedOn, boolean shared,
                               boolean sharedWithOthers, Locale locale) {
        String text = switch (level) {
            case IN_STOCK -> messages.getMessage("availability.inStock", null, locale);
            case LOW -> messages.getMessage("availability.low", new Object[] {ats}, locale);
            case OUT_OF_STOCK -> messages.getMessage("availability.outOfStock", null, locale);
            case BACKORDER -> messages.getMessage("availability.backorder",
                    new Object[] {formatDate(expectedOn, locale)}, locale);
        };
        if (shared && (level == AvailabilityLevel.IN_STOCK || level == AvailabilityLevel.LOW)) {
            text = text + messages.getMessage("availability.sharedWithStore", null, locale);
        } else if (sharedWithOthers && (level == AvailabilityLevel.IN_STOCK || level == AvailabilityLevel.LOW)) {
            text = text + messages.getMessage("availability.sharedWithOtherChannels", null, locale);
        }
        return text;
    }

    private static String formatDate(LocalDate date, Locale locale) {
        if (Locale.JAPANESE.getLanguage().equals(locale.getLanguage())) {
            return DateTimeFormatter.ofPattern("M月d日", Locale.JAPANESE).format(date);
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.UK).format(date);
    }
}

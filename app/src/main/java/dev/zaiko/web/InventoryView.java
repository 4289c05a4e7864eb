package dev.zaiko.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.ProductPage;
import dev.zaiko.catalog.ProductQuery;
import dev.zaiko.catalog.Products;
import dev.zaiko.inventory.Availability;
import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.ChannelStock;
import dev.zaiko.inventory.CheckingAvailability;
import dev.zaiko.inventory.CheckingStockLedger;
import dev.zaiko.inventory.ExpectingInbounds;
import dev.zaiko.inventory.Inbound;
import dev.zaiko.inventory.Location;
import dev.zaiko.inventory.Protection;
import dev.zaiko.inventory.ProtectionKind;
import dev.zaiko.inventory.ProtectingStock;
import dev.zaiko.inventory.StockLevel;
import dev.zaiko.inventory.StockMovement;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.platform.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Reads what the inventory pages show, through the catalog's and the inventory's public APIs.
 *
 * <p>A shop may run many channels and locations, and most of them never see a given SKU. A page
 * therefore lists the channels that sell from a location where the SKU is (or was, or is
 * expected), and names the others in one line: they are out of stock for a reason the operator
 * already knows.
 */
@Component
class InventoryView {

    static final int SEARCH_SIZE = 50;
    static final int MOVEMENTS_SHOWN = 20;
    static final int HISTORY_DAYS = 30;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Products products;
    private final CheckingAvailability availability;
    private final CheckingStockLedger ledger;
    private final StockNetwork network;
    private final ExpectingInbounds inbounds;
    private final ProtectingStock protecting;
    private final dev.zaiko.catalog.AttributeDictionary dictionary;
    private final Clock clock;
    private final dev.zaiko.inventory.InboundPromises promises;

    InventoryView(Products products, CheckingAvailability availability, CheckingStockLedger ledger,
                  StockNetwork network, ExpectingInbounds inbounds, ProtectingStock protecting,
                  dev.zaiko.catalog.AttributeDictionary dictionary, Clock clock,
                  dev.zaiko.inventory.InboundPromises promises) {
        this.promises = promises;
        this.dictionary = dictionary;
        this.products = products;
        this.availability = availability;
        this.ledger = ledger;
        this.network = network;
        this.inbounds = inbounds;
        this.protecting = protecting;
        this.clock = clock;
    }

    // ---- search -------------------------------------------------------------------------------

    record SearchRow(Product product, String name, List<ChannelStock> channels, int sellable) {
    }

    void search(String q, Locale locale, Model model) {
        String text = q == null ? "" : q.strip();
        ProductPage page = products.list(ProductQuery.all().matching(text).page(0, SEARCH_SIZE));
        Map<String, Channel> channels = channelsByCode();
        List<SearchRow> rows = new ArrayList<>();
        for (Product product : page.items()) {
            List<StockLevel> levels = ledger.levels(product.sku());
            Set<String> where = whereTheSkuIs(levels, inbounds.list(product.sku()));
            List<ChannelStock> shown = new ArrayList<>();
            for (ChannelStock s : everyChannel(product.sku())) {
                Channel channel = channels.get(s.channel());
                if (channel != null && sellsFromAny(channel, where)) shown.add(s);
            }
            rows.add(new SearchRow(product, name(product, locale), shown,
                    levels.stream().mapToInt(StockLevel::sellable).sum()));
        }
        model.addAttribute("q", text);
        model.addAttribute("rows", rows);
        model.addAttribute("total", page.total());
    }

    // ---- one SKU ------------------------------------------------------------------------------

    record LevelRow(Location location, StockLevel level) {
    }

    record MovementRow(StockMovement movement, String at) {
    }

    record ProtectionRow(Protection protection, boolean everySku) {
    }

    /** One of the product's attributes as the viewer reads it: the dictionary's name, the value in words with its unit. */
    record AttributeRow(String attribute, String name, String value) {
    }

    /** The product's attributes worded from the attribute dictionary in the viewer's language, by key. */
    List<AttributeRow> attributes(Product product, Locale locale) {
        if (product.attributes().isEmpty()) return List.of();
        dev.zaiko.catalog.AttributeDictionary.Words words = dictionary.words(locale);
        return product.attributes().entrySet().stream().map(a -> new AttributeRow(a.getKey(), words.name(a.getKey()),
                words.value(a.getKey(), a.getValue()))).toList();
    }

    /** @throws NotFoundException when the catalog has no such product */
    void sku(String sku, Locale locale, Model model) {
        Product product = products.get(sku);
        Map<String, Channel> channels = channelsByCode();
        List<Location> network = this.network.locations(); // read once: the level rows and the forms' lists
        Map<String, Location> locations = new HashMap<>();
        network.forEach(l -> locations.put(l.code(), l));

        List<StockLevel> levels = ledger.levels(sku);
        List<Inbound> expected = inbounds.list(sku);
        Set<String> where = whereTheSkuIs(levels, expected);

        List<Availability> shown = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Availability a : onEveryChannel(sku, locale)) {
            Channel channel = channels.get(a.channel());
            if (channel != null && sellsFromAny(channel, where)) shown.add(a);
            else others.add(a.channel());
        }

        List<LevelRow> levelRows = levels.stream()
                .map(l -> new LevelRow(locations.getOrDefault(l.location(), new Location(l.location(), null, l.location())), l))
                .toList();
        List<MovementRow> movements = ledger.movements(sku, MOVEMENTS_SHOWN).stream()
                .map(m -> new MovementRow(m, TIME.format(m.occurredAt().atZone(clock.getZone()))))
                .toList();
        // A protection of every SKU at a location matters here only where this SKU can be.
        List<ProtectionRow> protections = protecting.list(null, sku).stream()
                .filter(p -> p.sku() != null || where.contains(p.location()))
                .map(p -> new ProtectionRow(p, p.sku() == null))
                .toList();

        LocalDate today = LocalDate.now(clock);
        StockHistoryChart chart = StockHistoryChart.of(
                ledger.sellableByDay(sku, today.minusDays(HISTORY_DAYS - 1L), today));

        // The places this SKU is come first in the forms' location lists: that is where one acts.
        List<Location> here = new ArrayList<>();
        List<Location> elsewhere = new ArrayList<>();
        for (Location l : network) (where.contains(l.code()) ? here : elsewhere).add(l);

        model.addAttribute("product", product);
        model.addAttribute("productName", name(product, locale));
        model.addAttribute("attributes", attributes(product, locale));
        model.addAttribute("channels", shown);
        model.addAttribute("otherChannels", others);
        model.addAttribute("channelNames", names(channels));
        model.addAttribute("levels", levelRows);
        model.addAttribute("totals", totals(sku, levels));
        model.addAttribute("movements", movements);
        model.addAttribute("inbounds", expected);
        // per inbound: units promised to backorders waiting for it, and what an EXPECTED one has free (one query)
        Map<Long, Integer> promised = expected.isEmpty() ? Map.of()
                : promises.promisedUnits(expected.stream().map(Inbound::id).toList());
        Map<Long, Integer> free = new HashMap<>();
        for (Inbound i : expected) {
            free.put(i.id(), "EXPECTED".equals(i.status()) ? Math.max(0, i.quantity() - promised.getOrDefault(i.id(), 0)) : 0);
        }
        model.addAttribute("inboundPromised", promised);
        model.addAttribute("inboundFree", free);
        model.addAttribute("protections", protections);
        model.addAttribute("chart", chart);
        model.addAttribute("locationsHere", here);
        model.addAttribute("locationsElsewhere", elsewhere);
        model.addAttribute("sellable", levels.stream().mapToInt(StockLevel::sellable).sum());
        model.addAttribute("historyDays", HISTORY_DAYS);
        model.addAttribute("movementsShown", MOVEMENTS_SHOWN);
        model.addAttribute("protectionKinds", ProtectionKind.values());
        // No form failed (the controller replaces these when one did).
        model.addAttribute("failedForm", "");
        model.addAttribute("errors", Map.of());
        model.addAttribute("values", Map.of());
    }

    private List<ChannelStock> everyChannel(String sku) {
        try {
            return availability.everyChannel(sku);
        } catch (NotFoundException e) {
            return List.of(); // the catalog knows it, the inventory's copy is not there (yet): nothing to sell
        }
    }

    private List<Availability> onEveryChannel(String sku, Locale locale) {
        try {
            return availability.onEveryChannel(sku, locale);
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    private Map<String, Channel> channelsByCode() {
        Map<String, Channel> channels = new HashMap<>();
        network.channels().forEach(c -> channels.put(c.code(), c));
        return channels;
    }

    private static Map<String, String> names(Map<String, Channel> channels) {
        Map<String, String> names = new HashMap<>();
        channels.forEach((code, c) -> names.put(code, c.name()));
        return names;
    }

    /** Locations holding (or having held) the SKU, and those an inbound of it is expected at. */
    private static Set<String> whereTheSkuIs(List<StockLevel> levels, List<Inbound> expected) {
        Set<String> where = new LinkedHashSet<>();
        levels.forEach(l -> where.add(l.location()));
        expected.stream().filter(i -> "EXPECTED".equals(i.status())).forEach(i -> where.add(i.location()));
        return where;
    }

    private static boolean sellsFromAny(Channel channel, Set<String> locations) {
        return channel.locations().stream().anyMatch(locations::contains);
    }

    private static StockLevel totals(String sku, List<StockLevel> levels) {
        return new StockLevel(sku, "", levels.stream().mapToInt(StockLevel::inspecting).sum(),
                levels.stream().mapToInt(StockLevel::sellable).sum(), levels.stream().mapToInt(StockLevel::reserved).sum(),
                levels.stream().mapToInt(StockLevel::defective).sum());
    }

    static String name(Product product, Locale locale) {
        boolean english = Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
        String name = english ? product.name().en() : product.name().ja();
        return name == null || name.isBlank() ? (english ? product.name().ja() : product.name().en()) : name;
    }

    /** Locations by code, for the forms' checks. */
    boolean isLocation(String code) {
        return network.findLocation(code).isPresent();
    }
}

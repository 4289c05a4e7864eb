package dev.zaiko.marketplace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.ProductPage;
import dev.zaiko.catalog.ProductQuery;
import dev.zaiko.catalog.Products;
import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.CheckingAvailability;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.platform.InvalidRequestException;
import org.springframework.stereotype.Service;

/**
 * Writes a channel's inventory update file from the stock as it is now: every product of the
 * catalog, sorted by SKU, with the channel's available-to-sell; a discontinued product with 0.
 * Generated on each request, so the file is always current.
 */
@Service
public class InventoryFiles {

    static final ZoneId SHOP_ZONE = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Products products;
    private final CheckingAvailability availability;
    private final StockNetwork network;
    private final Clock clock;

    InventoryFiles(Products products, CheckingAvailability availability, StockNetwork network, Clock clock) {
        this.products = products;
        this.availability = availability;
        this.network = network;
        this.clock = clock;
    }

    /** The bytes of the file, in the format's encoding, and the name to save it under. */
    public record InventoryFile(MarketplaceFormat format, String filename, byte[] content) {
    }

    /**
     * @param format       the marketplace's format; null: the one the channel's code names
     * @param handlingTime Amazon's handling-time in days for every row; null leaves the column empty
     * @throws dev.zaiko.platform.NotFoundException unknown channel
     * @throws InvalidRequestException no format given and none in the channel's code
     */
    public InventoryFile inventory(String channelCode, MarketplaceFormat format, Integer handlingTime) {
        Channel channel = network.requireChannel(channelCode);
        MarketplaceFormat chosen = format != null ? format : MarketplaceFormat.guess(channel.code()).orElseThrow(() ->
                new InvalidRequestException("marketplace-format-required", "Channel '" + channel.code()
                        + "' does not name its marketplace in its code; ask for ?format=AMAZON, RAKUTEN or YAHOO.",
                        Map.of("formats", List.of("AMAZON", "RAKUTEN", "YAHOO"))));
        List<Product> catalog = allProducts();
        Map<String, Integer> ats = availability.ats(catalog.stream().map(Product::sku).toList(), channel.code());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvWriter csv = CsvWriter.builder().fieldSeparator(chosen.separator())
                .lineDelimiter(LineDelimiter.CRLF).quoteStrategy(QuoteStrategies.REQUIRED).build(out, chosen.charset())) {
            csv.writeRecord(chosen.header());
            for (Product p : catalog) {
                int quantity = p.isDiscontinued() ? 0 : Math.max(0, ats.getOrDefault(p.sku(), 0));
                csv.writeRecord(chosen.row(p.sku(), quantity, handlingTime));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String filename = "inventory-" + chosen.name().toLowerCase() + "-" + safe(channel.code()) + "-"
                + STAMP.format(LocalDateTime.now(clock.withZone(SHOP_ZONE))) + "." + chosen.extension();
        return new InventoryFile(chosen, filename, out.toByteArray());
    }

    private List<Product> allProducts() {
        List<Product> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            ProductPage p = products.list(ProductQuery.all().page(page, ProductQuery.MAX_SIZE));
            all.addAll(p.items());
            if (p.items().size() < ProductQuery.MAX_SIZE || (long) (page + 1) * ProductQuery.MAX_SIZE >= p.total()) {
                return all;
            }
        }
    }

    private static String safe(String code) {
        return code.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}

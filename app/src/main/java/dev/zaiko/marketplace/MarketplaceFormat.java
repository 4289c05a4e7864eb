package dev.zaiko.marketplace;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The inventory update files Zaiko writes for a marketplace (docs/marketplace-files.md). Only the
 * columns a quantity update needs; a shop should check them against the marketplace's current spec.
 */
public enum MarketplaceFormat {

    /**
     * Amazon Inventory Loader / Price &amp; Quantity file, partial-update style: tab-separated,
     * UTF-8, {@code sku, quantity, handling-time} (handling-time empty: Amazon keeps the listing's value).
     */
    AMAZON(List.of("sku", "quantity", "handling-time"), '\t', StandardCharsets.UTF_8, "text/tab-separated-values",
            "txt"),
    /**
     * Rakuten RMS item CSV (item.csv style), Shift_JIS: {@code コントロールカラム=u, 商品管理番号（商品URL）, 在庫数};
     * the SKU in lower case, as Rakuten keeps 商品管理番号.
     */
    RAKUTEN(List.of("コントロールカラム", "商品管理番号（商品URL）", "在庫数"), ',', Charsets.SHIFT_JIS, "text/csv", "csv"),
    /** Yahoo! Shopping stock CSV (quantity.csv style), Shift_JIS: {@code code, sub-code (empty), quantity}. */
    YAHOO(List.of("code", "sub-code", "quantity"), ',', Charsets.SHIFT_JIS, "text/csv", "csv");

    private final List<String> header;
    private final char separator;
    private final Charset charset;
    private final String mediaType;
    private final String extension;

    MarketplaceFormat(List<String> header, char separator, Charset charset, String mediaType, String extension) {
        this.header = header;
        this.separator = separator;
        this.charset = charset;
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public List<String> header() {
        return header;
    }

    public char separator() {
        return separator;
    }

    public Charset charset() {
        return charset;
    }

    /** The Content-Type, with the charset named as the marketplaces name it ({@code Shift_JIS}, {@code UTF-8}). */
    public String contentType() {
        return mediaType + ";charset=" + (charset.equals(StandardCharsets.UTF_8) ? "UTF-8" : "Shift_JIS");
    }

    public String extension() {
        return extension;
    }

    /** One row of the file for a SKU and the quantity the channel may sell. */
    List<String> row(String sku, int quantity, Integer handlingTime) {
        switch (this) {
            case AMAZON:
                return List.of(sku, Integer.toString(quantity), handlingTime == null ? "" : handlingTime.toString());
            case RAKUTEN:
                // Rakuten keeps 商品管理番号 in lower case (it lowers what is typed)
                return List.of("u", sku.toLowerCase(Locale.ROOT), Integer.toString(quantity));
            case YAHOO:
                return List.of(sku, "", Integer.toString(quantity));
            default:
                throw new IllegalStateException("No row for " + this);
        }
    }

    /** AMAZON, RAKUTEN or YAHOO, any case. */
    static Optional<MarketplaceFormat> parse(String name) {
        if (name == null || name.isBlank()) return Optional.empty();
        for (MarketplaceFormat f : values()) {
            if (f.name().equalsIgnoreCase(name.strip())) return Optional.of(f);
        }
        return Optional.empty();
    }

    /** The marketplace a channel code names: {@code AMAZON-JP} is Amazon, {@code rakuten} Rakuten, {@code YAHOO_SHOP} Yahoo. */
    static Optional<MarketplaceFormat> guess(String channelCode) {
        String code = channelCode.toUpperCase(Locale.ROOT);
        if (code.contains("AMAZON") || code.startsWith("AMZ")) return Optional.of(AMAZON);
        if (code.contains("RAKUTEN")) return Optional.of(RAKUTEN);
        if (code.contains("YAHOO")) return Optional.of(YAHOO);
        return Optional.empty();
    }

    static final class Charsets {
        /**
         * What Japanese marketplaces call Shift_JIS is Microsoft's variant (Windows-31J): it has
         * the characters shops type on Windows (①, ～, ㈱) that plain Shift_JIS lacks.
         */
        static final Charset SHIFT_JIS = Charset.forName("Windows-31J");

        private Charsets() {
        }
    }
}

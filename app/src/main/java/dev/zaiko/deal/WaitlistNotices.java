package dev.zaiko.deal;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.Products;
import dev.zaiko.mail.OutgoingEmail;
import dev.zaiko.mail.Outbox;
import dev.zaiko.shop.CustomerFacing;
import dev.zaiko.shop.ShopProperties;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The waitlist's emails, in the customer's language (ja/en bundles): the confirmation of a place in
 * line and the offer of a held unit. Each is recorded in the caller's transaction (the mail outbox)
 * and carries the entry's signed one-click leave link.
 */
@Component
class WaitlistNotices {

    static final String JOINED = "WAITLIST_JOINED";
    static final String OFFER = "WAITLIST_OFFER";

    private final Outbox outbox;
    private final MessageSource messages;
    private final WaitlistLinks links;
    private final Products products;
    private final ShopProperties shop;
    private final CustomerFacing facing;
    private final WaitlistProperties properties;

    WaitlistNotices(Outbox outbox, MessageSource messages, WaitlistLinks links, Products products, ShopProperties shop,
                    CustomerFacing facing, WaitlistProperties properties) {
        this.properties = properties;
        this.outbox = outbox;
        this.messages = messages;
        this.links = links;
        this.products = products;
        this.shop = shop;
        this.facing = facing;
    }

    void joined(WaitlistEntry entry, Deal deal) {
        Locale locale = locale(entry);
        String product = productName(deal.sku(), locale);
        long holdMinutes = Math.max(1, properties.waitlistOfferHold().toMinutes());
        String text = messages.getMessage("waitlist.mail.joined.text", new Object[]{product, entry.position(),
                links.leave(entry.id()).toString(), shop.name(locale), holdMinutes}, locale);
        outbox.send(new OutgoingEmail("waitlist-joined:" + entry.id() + ":" + entry.joinedAt().toEpochMilli(),
                entry.email(), null, messages.getMessage("waitlist.mail.joined.subject", new Object[]{product}, locale),
                text, null, deal.code(), null, JOINED, false, entry.locale()));
    }

    void offered(WaitlistEntry entry, Deal deal, UUID reservation, Instant until) {
        Locale locale = locale(entry);
        String product = productName(deal.sku(), locale);
        String text = messages.getMessage("waitlist.mail.offer.text", new Object[]{product,
                facing.dateTime(until, locale), links.offer(entry.id(), reservation, until).toString(),
                links.leave(entry.id()).toString(), shop.name(locale)}, locale);
        outbox.send(new OutgoingEmail("waitlist-offer:" + reservation, entry.email(), null,
                messages.getMessage("waitlist.mail.offer.subject", new Object[]{product}, locale), text, null,
                deal.code(), null, OFFER, true, entry.locale()));
    }

    String productName(String sku, Locale locale) {
        return products.find(sku).map(Product::name)
                .map(n -> "en".equals(locale.getLanguage()) && n.en() != null && !n.en().isBlank() ? n.en() : n.ja())
                .orElse(sku);
    }

    static Locale locale(WaitlistEntry entry) {
        return "en".equals(entry.locale()) ? Locale.ENGLISH : Locale.JAPANESE;
    }
}

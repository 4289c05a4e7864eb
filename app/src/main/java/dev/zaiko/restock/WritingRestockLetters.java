package dev.zaiko.restock;

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
 * The alert emails, in the subscriber's language (texts in the message bundles,
 * {@code restock.mail.*}), through the mail module's durable outbox in the caller's transaction:
 * the confirmation with its confirm link, and the notice. Every email ends with the signed one-click
 * unsubscribe link.
 */
@Component
class WritingRestockLetters {

    private final Outbox outbox;
    private final RestockLinks links;
    private final MessageSource messages;
    private final Products products;
    private final ShopProperties shop;
    private final CustomerFacing facing;

    WritingRestockLetters(Outbox outbox, RestockLinks links, MessageSource messages, Products products,
                          ShopProperties shop, CustomerFacing facing) {
        this.outbox = outbox;
        this.links = links;
        this.messages = messages;
        this.products = products;
        this.shop = shop;
        this.facing = facing;
    }

    /** The confirmation of a public subscription; {@code attempt} tells one request's email from the next. */
    void confirmation(RestockAlert alert, Instant confirmBy, String attempt) {
        Locale locale = locale(alert);
        String product = productName(alert.sku(), locale);
        String text = text("restock.mail.confirm.text", locale, product, alert.channel(),
                links.confirm(alert.id(), confirmBy).toString(), facing.dateTime(confirmBy, locale), shop.name(locale))
                + footer(alert, locale);
        outbox.send(new OutgoingEmail("restock-confirm:" + alert.id() + ":" + attempt, alert.email(), null,
                text("restock.mail.confirm.subject", locale, product), text, null, "restock:" + alert.sku(), null,
                "RESTOCK_CONFIRM", false, locale.getLanguage()));
    }

    /** The notice that units are there; with the hold's reservation and end when there is one. */
    void notice(RestockAlert alert, long round, UUID reservationId, Instant heldUntil) {
        Locale locale = locale(alert);
        String product = productName(alert.sku(), locale);
        StringBuilder text = new StringBuilder(text("restock.mail.notice.text", locale, product, alert.sku(),
                alert.channel(), shop.name(locale)));
        if (reservationId != null) {
            text.append("\n\n").append(text("restock.mail.notice.held", locale, facing.dateTime(heldUntil, locale),
                    reservationId.toString()));
        } else {
            text.append("\n\n").append(text("restock.mail.notice.notHeld", locale));
        }
        text.append(footer(alert, locale));
        outbox.send(new OutgoingEmail("restock-notice:" + alert.id() + ":" + round, alert.email(), null,
                text("restock.mail.notice.subject", locale, product), text.toString(), null, "restock:" + alert.sku(),
                null, "RESTOCK_NOTICE", false, locale.getLanguage()));
    }

    private String footer(RestockAlert alert, Locale locale) {
        return "\n\n-- \n" + text("restock.mail.footer", locale, links.unsubscribe(alert.id()).toString());
    }

    String productName(String sku, Locale locale) {
        Product.Name name = products.find(sku).map(Product::name).orElse(null);
        if (name == null) return sku;
        boolean en = "en".equals(locale.getLanguage());
        return en && name.en() != null && !name.en().isBlank() ? name.en() : name.ja() != null ? name.ja() : sku;
    }

    private static Locale locale(RestockAlert alert) {
        return "en".equals(alert.locale()) ? Locale.ENGLISH : Locale.JAPANESE;
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}

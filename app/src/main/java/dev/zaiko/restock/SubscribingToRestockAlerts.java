package dev.zaiko.restock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.zaiko.catalog.Products;
import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.ChannelKind;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.platform.AfterCommit;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Subscribing, confirming and leaving. A person appears once per SKU, channel and email
 * ({@link AlertStore#subscribe}). The shop's own systems subscribe a customer they vouch for, waiting
 * at once; a storefront's visitor gets a confirmation email and waits only once its link is followed
 * (double opt-in), so nobody can make Zaiko mail a stranger more than the confirmation, and the
 * rate limits bound those ({@link LimitingPublicSubscriptions}).
 */
@Service
class SubscribingToRestockAlerts {

    /** Enough for any real address (RFC 5321's path limit), short enough to refuse junk. */
    static final int MAX_EMAIL = 254;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cc}<>\"(),;:\\[\\]\\\\]+@[^@\\s\\p{Cc}<>\"(),;:\\[\\]\\\\]+\\.[^@\\s\\p{Cc}<>\"(),;:\\[\\]\\\\.]+");

    private final AlertStore store;
    private final Products products;
    private final StockNetwork network;
    private final WritingRestockLetters letters;
    private final RestockProperties properties;
    private final RestockLinks links;
    private final FollowingStockForAlerts following;
    private final TransactionTemplate tx;
    private final Clock clock;

    SubscribingToRestockAlerts(AlertStore store, Products products, StockNetwork network, WritingRestockLetters letters,
                               RestockProperties properties, RestockLinks links, FollowingStockForAlerts following,
                               PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.products = products;
        this.network = network;
        this.letters = letters;
        this.properties = properties;
        this.links = links;
        this.following = following;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** What a subscription asks for, checked. */
    record Request(String sku, String channel, String email, String locale, Duration holdFor) {
    }

    /** The shop's own systems vouch for their customer: waiting at once. */
    RestockAlert subscribeForShop(String sku, String channel, String email, String locale, Duration holdFor) {
        Request r = check(sku, channel, email, locale, false);
        if (holdFor != null && (!dev.zaiko.platform.Durations.positive(holdFor)
                || holdFor.compareTo(properties.maxHoldFor()) > 0)) {
            throw invalid("holdFor", "holdFor must be positive and at most " + properties.maxHoldFor() + ".");
        }
        RestockAlert alert = tx.execute(s -> {
            AlertStore.Row row = store.subscribe(r.sku(), r.channel(), r.email(), r.locale(), "API",
                    RestockAlertStatus.WAITING, holdFor, clock.instant());
            store.ensureQueue(r.sku(), r.channel());
            return row.alert();
        });
        following.look(r.sku());
        return alert;
    }

    /**
     * A storefront's visitor: a PENDING subscription and a confirmation email, unless the person
     * already waits (then nothing is sent). The caller answers the same in every case.
     */
    void subscribePublicly(String sku, String channel, String email, String locale) {
        Request r = check(sku, channel, email, locale, true);
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            AlertStore.Row row = store.subscribe(r.sku(), r.channel(), r.email(), r.locale(), "PUBLIC",
                    RestockAlertStatus.PENDING, null, now);
            store.ensureQueue(r.sku(), r.channel());
            if (row.alert().status() == RestockAlertStatus.PENDING) {
                letters.confirmation(row.alert(), now.plus(properties.confirmWithin()),
                        String.valueOf(now.toEpochMilli()));
            }
        });
    }

    /** What following a confirm link did. */
    sealed interface Confirmation permits Confirmed, LinkExpired, LinkForged {
    }

    /** @param rank the person's place in line now (1: first); 0 when they no longer wait (already notified) */
    record Confirmed(RestockAlert alert, int rank) implements Confirmation {
    }

    record LinkExpired() implements Confirmation {
    }

    record LinkForged() implements Confirmation {
    }

    Confirmation confirm(String token) {
        RestockLinks.Opened opened = links.open(RestockLinks.CONFIRM, token);
        if (opened instanceof RestockLinks.Expired) return new LinkExpired();
        if (!(opened instanceof RestockLinks.Valid valid)) return new LinkForged();
        Optional<RestockAlert> confirmed = tx.execute(s -> {
            Optional<AlertStore.Row> row = store.find(valid.subscription());
            if (row.isEmpty()) return Optional.<RestockAlert>empty();
            store.confirm(valid.subscription(), clock.instant());
            return store.find(valid.subscription()).map(AlertStore.Row::alert);
        });
        if (confirmed.isEmpty()) return new LinkForged();
        RestockAlert alert = confirmed.get();
        // a link followed after the confirmation ran out, or after leaving, confirms nothing
        if (alert.status() == RestockAlertStatus.EXPIRED) return new LinkExpired();
        if (alert.status() == RestockAlertStatus.UNSUBSCRIBED) return new LinkForged();
        following.look(alert.sku());
        return new Confirmed(alert, store.rank(alert));
    }

    String unsubscribeToken(UUID id) {
        return links.unsubscribeToken(id);
    }

    /** The subscription the unsubscribe token names, if it is one of ours. */
    Optional<RestockAlert> unsubscribing(String token) {
        if (!(links.open(RestockLinks.UNSUBSCRIBE, token) instanceof RestockLinks.Valid valid)) return Optional.empty();
        return store.find(valid.subscription()).map(AlertStore.Row::alert);
    }

    /** Leaves with the unsubscribe token; empty for a forged one. Safe to repeat. */
    Optional<RestockAlert> unsubscribe(String token) {
        return unsubscribing(token).map(alert -> unsubscribe(alert.id()));
    }

    /** Leaves (the API's DELETE, the link). Safe to repeat. */
    RestockAlert unsubscribe(UUID id) {
        store.find(id).orElseThrow(() -> new NotFoundException("No restock alert " + id + "."));
        store.unsubscribe(id, clock.instant());
        return store.find(id).orElseThrow().alert();
    }

    private Request check(String sku, String channel, String email, String locale, boolean publicly) {
        if (sku == null || sku.isBlank()) throw invalid("sku", "sku is required.");
        if (channel == null || channel.isBlank()) throw invalid("channel", "channel is required.");
        if (email == null || email.isBlank()) throw invalid("email", "email is required.");
        String s = sku.strip();
        String c = channel.strip();
        String e = email.strip().toLowerCase(Locale.ROOT);
        if (e.length() > MAX_EMAIL || !EMAIL.matcher(e).matches()) {
            throw invalid("email", "email is not an email address.");
        }
        String l = locale == null || locale.isBlank() ? "ja" : locale.strip().toLowerCase(Locale.ROOT);
        if (l.startsWith("en")) l = "en";
        else if (l.startsWith("ja")) l = "ja";
        else throw invalid("locale", "locale must be ja or en.");
        if (s.length() > 100 || products.find(s).isEmpty()) throw invalid("sku", "sku names no product.");
        Optional<Channel> found = c.length() > 100 ? Optional.empty() : network.findChannel(c);
        if (found.isEmpty()) throw invalid("channel", "channel names no channel.");
        if (publicly && found.get().kind() != ChannelKind.OWN) {
            throw invalid("channel", "channel is not one of the shop's own channels; alerts for a marketplace's "
                    + "customers are not taken here.");
        }
        return new Request(s, c, e, l, null);
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException("invalid-request", message,
                Map.of("field", field, "errors", List.of(Map.of("field", field, "message", message))));
    }
}

package dev.zaiko.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import dev.zaiko.catalog.PriceChanged;
import dev.zaiko.contact.CallReported;
import dev.zaiko.inventory.StockCounted;
import dev.zaiko.inventory.TillSold;
import dev.zaiko.mail.EmailSent;
import dev.zaiko.platform.AfterCommit;
import dev.zaiko.wallet.CouponRedeemed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records the events insight hears from the other modules, as they commit, and whether each was
 * published inside a transaction (insight listens after the commit, so one published outside a
 * transaction would never reach it). A plain component so that every test shares one context.
 */
@Component
public class SourceEvents {

    /** An event as it committed; {@code inTransaction} false means it was published outside one. */
    public record Heard(Object event, boolean inTransaction) {
    }

    private final List<Heard> heard = new CopyOnWriteArrayList<>();

    private void hear(Object event) {
        boolean inTransaction = TransactionSynchronizationManager.isActualTransactionActive();
        AfterCommit.run(() -> heard.add(new Heard(event, inTransaction)));
    }

    @EventListener
    void on(TillSold e) {
        hear(e);
    }

    @EventListener
    void on(StockCounted e) {
        hear(e);
    }

    @EventListener
    void on(CouponRedeemed e) {
        hear(e);
    }

    @EventListener
    void on(PriceChanged e) {
        hear(e);
    }

    @EventListener
    void on(CallReported e) {
        hear(e);
    }

    @EventListener
    void on(EmailSent e) {
        hear(e);
    }

    /** The committed events of the type that match, in the order they committed. */
    public <E> List<E> of(Class<E> type, Predicate<E> matching) {
        return heard.stream().map(Heard::event).filter(type::isInstance).map(type::cast).filter(matching).toList();
    }

    /** As {@link #of}, with whether each was published inside a transaction. */
    public <E> List<Heard> heard(Class<E> type, Predicate<E> matching) {
        return heard.stream().filter(h -> type.isInstance(h.event()) && matching.test(type.cast(h.event()))).toList();
    }
}

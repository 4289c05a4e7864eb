package dev.zaiko.stockout;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.zaiko.order.OrderCancelledOnChannel;
import dev.zaiko.order.OrderNumber;
import dev.zaiko.platform.Wording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The channel cancelled an order (its buyer or the marketplace, on the platform): every case of the
 * cancelled lines that is still undecided is withdrawn, CLOSED without a decision ({@link
 * StockoutLifecycle#checkWithdrawal}), its history saying why, and {@link StockoutWithdrawn} goes out
 * so that the contact desk stops calling. No refund is asked: the marketplace refunds an order it
 * cancelled itself, and asking would tell it to cancel again. A case already decided keeps its
 * decision (its follow-up closes it).
 * <p>
 * Runs after the order's cancellation committed, in a transaction of its own (the event publication
 * registry runs it again until it completes): a decision locks the case before the order, the
 * cancellation the order before anything, so doing both in one transaction could deadlock. Between the
 * two, a decision on the case is refused by the order (its line is cancelled). Each case is re-read
 * under its row lock, so a second delivery of the event changes nothing.
 */
@Component
class ClosingCasesCancelledOnTheChannel {

    private static final Logger log = LoggerFactory.getLogger(ClosingCasesCancelledOnTheChannel.class);

    private final StockoutStore store;
    private final StockoutTexts texts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ClosingCasesCancelledOnTheChannel(StockoutStore store, StockoutTexts texts, ApplicationEventPublisher events,
                                      Clock clock) {
        this.store = store;
        this.texts = texts;
        this.events = events;
        this.clock = clock;
    }

    @ApplicationModuleListener(id = "stockout.close-cases-cancelled-on-channel")
    void on(OrderCancelledOnChannel cancelled) {
        OrderNumber number;
        try {
            number = OrderNumber.parse(cancelled.orderNumber());
        } catch (RuntimeException e) {
            log.error("Ignoring a channel cancellation with an unreadable order number '{}'", cancelled.orderNumber());
            return;
        }
        List<String> ids = store.undecidedOfLines(number.digits(), cancelled.lines());
        for (String id : ids) withdraw(id, number, cancelled);
    }

    private void withdraw(String id, OrderNumber number, OrderCancelledOnChannel cancelled) {
        StockoutStatus from = store.lockStatus(id).orElseThrow();
        if (!StockoutLifecycle.allowsWithdrawal(from)) {
            log.info("Stockout case {} is {} by now; the channel's cancellation leaves it as it is", id, from);
            return;
        }
        StockoutCase c = store.find(id).orElseThrow();
        StockoutLifecycle.checkWithdrawal(id, from);
        Instant now = clock.instant();
        StockoutCase.Withdrawal withdrawal = new StockoutCase.Withdrawal(
                StockoutCase.Withdrawal.CANCELLED_ON_CHANNEL, cancelled.channel(), now);
        Wording why = StockoutTexts.cancelledOnChannel(cancelled.channel(), c.lineNo());
        store.changeStatus(id, StockoutStatus.CLOSED);
        store.withdrawn(id, withdrawal);
        store.addHistory(id, from, StockoutStatus.CLOSED, "channel", why, texts.english(why), now);
        events.publishEvent(new StockoutWithdrawn(id, number.toString(), c.lineNo(), withdrawal.reason(),
                cancelled.channel(), cancelled.externalRef(), now));
        log.info("Stockout case {} of order {} line {} closed: the order was cancelled on channel {}; no refund "
                + "asked", id, number, c.lineNo(), cancelled.channel());
    }
}

package dev.zaiko.refund;

import java.time.Clock;
import java.time.Instant;

import dev.zaiko.inventory.ChannelKind;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.order.Order;
import dev.zaiko.order.OrderNumber;
import dev.zaiko.order.Orders;
import dev.zaiko.stockout.StockoutDecided;
import dev.zaiko.wallet.Coupon;
import dev.zaiko.wallet.Wallets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

/**
 * What a decided stockout costs the shop beyond the refund: the apology coupon its policies give
 * (one per order, issued in the shop's ledger when the decision is made, so the follow-up can
 * name it), and the price difference it absorbs on a dearer substitute. Recorded once each,
 * however often the decision is heard.
 */
@Service
class CompensatingStockouts {

    private static final Logger log = LoggerFactory.getLogger(CompensatingStockouts.class);

    static final String APOLOGY_COUPON = "APOLOGY_COUPON";
    static final String ABSORBED_DIFFERENCE = "ABSORBED_DIFFERENCE";

    private final RefundStore store;
    private final Orders orders;
    private final StockNetwork network;
    private final Wallets wallets;
    private final RefundProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CompensatingStockouts(RefundStore store, Orders orders, StockNetwork network, Wallets wallets,
                          RefundProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.orders = orders;
        this.network = network;
        this.wallets = wallets;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /** Runs in a transaction of its own; the event registry runs it again until it completes. */
    @ApplicationModuleListener(id = "refund.compensate-decided-stockout")
    void on(StockoutDecided decided) {
        String number = OrderNumber.parse(decided.orderNumber()).toString();
        Instant now = clock.instant();
        if (decided.absorbedAmount() > 0) {
            store.insertCompensation(new RefundStore.Compensation(decided.caseId(), number, ABSORBED_DIFFERENCE,
                    decided.absorbedAmount(), null, null, null, "ShopAbsorbsADearerSubstitute", now));
        }
        store.lockOrder(number); // one apology per order, also when two of its cases are decided at once
        if (store.apologised(number)) {
            events.publishEvent(new StockoutCompensated(decided.caseId(), number, null, now));
            return;
        }
        Order order = orders.get(OrderNumber.parse(number));
        boolean marketplace = network.findChannel(order.channel()).map(c -> c.kind() == ChannelKind.MARKETPLACE)
                .orElse(false);
        String couponCode = ApologyPolicies.apology(order, marketplace, decided, properties).map(named -> {
            RefundProperties.Apology a = named.coupon();
            Coupon coupon = wallets.issueCoupon(order.customer().email(), "apology", a.kind(), a.value(),
                    a.validDays(), "apology:" + number);
            boolean percent = a.kind() == dev.zaiko.wallet.DiscountKind.PERCENT;
            store.insertCompensation(new RefundStore.Compensation(decided.caseId(), number, APOLOGY_COUPON,
                    percent ? 0 : a.value(), percent ? a.value().intValue() : null, coupon.code(),
                    coupon.campaignEnds(), named.policy(), now));
            events.publishEvent(new ApologyCouponIssued(decided.caseId(), number, coupon.code(), a.kind().name(),
                    a.value(), coupon.campaignEnds(), named.policy(), now));
            log.info("Apology coupon for order {} (case {}) by {}", number, decided.caseId(), named.policy());
            return coupon.code();
        }).orElse(null);
        events.publishEvent(new StockoutCompensated(decided.caseId(), number, couponCode, now));
    }
}

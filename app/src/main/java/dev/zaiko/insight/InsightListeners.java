package dev.zaiko.insight;

import dev.zaiko.catalog.PriceChanged;
import dev.zaiko.contact.CallReported;
import dev.zaiko.inventory.StockCounted;
import dev.zaiko.inventory.TillSold;
import dev.zaiko.mail.EmailSent;
import dev.zaiko.order.OrderPlaced;
import dev.zaiko.refund.ApologyCouponIssued;
import dev.zaiko.refund.RefundCompleted;
import dev.zaiko.stockout.StockoutDecided;
import dev.zaiko.stockout.StockoutOpened;
import dev.zaiko.stockout.StockoutWithdrawn;
import dev.zaiko.wallet.CouponRedeemed;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Hears every fact insight keeps, after the publisher committed, each in a transaction of its own
 * (docs/events-and-jobs.md): a failure leaves the publication to be retried, and never touches the
 * publisher's change. Each one only hands the fact to the journal.
 */
@Component
class InsightListeners {

    private final InsightJournal journal;

    InsightListeners(InsightJournal journal) {
        this.journal = journal;
    }

    @ApplicationModuleListener(id = "insight.order-placed")
    void on(OrderPlaced e) {
        journal.record(e);
    }

    @ApplicationModuleListener(id = "insight.till-sold")
    void on(TillSold e) {
        journal.record(e);
    }

    @ApplicationModuleListener(id = "insight.stock-counted")
    void on(StockCounted e) {
        journal.record(e);
    }

    @ApplicationModuleListener(id = "insight.coupon-redeemed")
    void on(CouponRedeemed e) {
        journal.record(e);
    }

    @ApplicationModuleListener(id = "insight.price-changed")
    void on(PriceChanged e) {
        journal.record(e);
    }

    @ApplicationModuleListener(id = "insight.call-reported")
    void on(CallReported e) {
        journal.record(e);
    }

    @ApplicationModuleListener(id = "insight.stockout-opened")
    void on(StockoutOpened e) {
        journal.record(e);
    }

    @ApplicationModuleListener(id = "insight.stockout-decided")
    void on(StockoutDecided e) {
        journal.record(e);
    }

    @ApplicationModuleListener(id = "insight.stockout-withdrawn")
    void on(StockoutWithdrawn e) {
        journal.record(e);
    }

    @ApplicationModuleListener(id = "insight.refund-completed")
    void on(RefundCompleted e) {
        journal.record(e);
    }

    @ApplicationModuleListener(id = "insight.apology-coupon-issued")
    void on(ApologyCouponIssued e) {
        journal.record(e);
    }

    @ApplicationModuleListener(id = "insight.email-sent")
    void on(EmailSent e) {
        journal.record(e);
    }
}

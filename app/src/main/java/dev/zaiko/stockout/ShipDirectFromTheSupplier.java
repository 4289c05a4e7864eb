package dev.zaiko.stockout;

import java.time.LocalDate;
import java.util.List;

import dev.zaiko.catalog.Product;
import dev.zaiko.order.Order;
import dev.zaiko.order.OrderLineShort;

/**
 * DROP_SHIP is offered when the shop lets suppliers ship to customers, the product has a supplier
 * with a known lead time, the supplier did not just cancel on the shop, and the delivery reaches
 * the customer in time. Chosen, the supplier ships the line straight to the customer by the
 * promised date; nothing is refunded.
 */
class ShipDirectFromTheSupplier implements StockoutChoice {

    @Override
    public Choice choice() {
        return Choice.DROP_SHIP;
    }

    @Override
    public Verdict evaluate(OptionContext c) {
        if (c.agedBackorder()) return Verdict.withhold(Choice.DROP_SHIP, "agedBackorder");
        if (!c.policy().dropShip()) return Verdict.withhold(Choice.DROP_SHIP, "notAllowed");
        if (c.discontinued()) return Verdict.withhold(Choice.DROP_SHIP, "discontinued");
        if (OrderLineShort.SUPPLIER_CANCELLED.equals(c.reason())) return Verdict.withhold(Choice.DROP_SHIP, "supplierCancelled");
        if (c.product() == null || c.product().supplier() == null || c.product().leadTimeDays() == null) {
            return Verdict.withhold(Choice.DROP_SHIP, "noSupplier");
        }
        LocalDate arrives = arrives(c.today(), c.product(), c.policy());
        if (!c.inTime(arrives)) return Verdict.withhold(Choice.DROP_SHIP, "tooLate", arrives, c.neededBy());
        return Verdict.offer(Choice.DROP_SHIP, arrives, null, c.shortUnits(), c.product().supplier(),
                c.product().supplier(), List.of(), "stockout.option.DROP_SHIP", arrives, c.product().supplier());
    }

    /**
     * When the supplier's parcel reaches the customer if sent today: its lead time plus the shop's extra
     * days. The one rule for that date (the stockout option and the lead-time answer both use it).
     */
    static LocalDate arrives(LocalDate today, Product product, StockoutOptionsProperties policy) {
        return today.plusDays(product.leadTimeDays() + policy.dropShipExtraDays());
    }

    /** Nothing goes back for the line. */
    @Override
    public String refundCause() {
        return null;
    }

    @Override
    public Outcome carryOut(Carrying c) {
        return Outcome.nothingRefunded(c.lines().fulfilFromElsewhere(c.order(), c.lineNo(),
                new Order.Fulfilment(Order.Fulfilment.DROP_SHIP, c.option().source()), c.option().promisedDate(),
                c.actor(), c.why()));
    }
}

package dev.zaiko.stockout;

import java.time.LocalDate;
import java.util.List;

import dev.zaiko.order.OrderLineShort;

/**
 * DROP_SHIP is offered when the shop lets suppliers ship to customers, the product has a supplier
 * with a known lead time, the supplier did not just cancel on the shop, and the delivery reaches
 * the customer in time.
 */
class ShipDirectFromTheSupplier implements OptionRule {

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
        LocalDate arrives = c.today().plusDays(c.product().leadTimeDays() + c.policy().dropShipExtraDays());
        if (!c.inTime(arrives)) return Verdict.withhold(Choice.DROP_SHIP, "tooLate", arrives, c.neededBy());
        return Verdict.offer(Choice.DROP_SHIP, arrives, null, c.shortUnits(), c.product().supplier(),
                c.product().supplier(), List.of(), "stockout.option.DROP_SHIP", arrives, c.product().supplier());
    }
}

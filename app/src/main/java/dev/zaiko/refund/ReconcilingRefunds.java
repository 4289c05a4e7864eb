package dev.zaiko.refund;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.zaiko.order.Order;
import dev.zaiko.order.OrderNumber;
import dev.zaiko.order.Orders;
import org.springframework.stereotype.Service;

/**
 * Every order where what its refunds give back differs from what the order module says the
 * customer is owed ({@link Order#refundDue()}: paid for what will not be delivered, and the
 * shipping fee once it goes back). A refund on its way counts as given back (it is owed and
 * asked for); a FAILED one does not (a person must settle it). Should always be empty once the
 * events of the last moments are handled: a line here is a refund missing, or one too many.
 * <p>
 * Apart from that, every order whose refunds are not all completed is listed as under way, with
 * what of it waits for a person to carry it out with the provider and confirm it (the manual
 * route): money asked for is not money moved, and the report says which is which.
 */
@Service
public class ReconcilingRefunds {

    /**
     * @param due       what the order owes back
     * @param refunded  what its refunds give back (completed or under way)
     * @param completed of which completed
     */
    public record Difference(String orderNumber, long due, long refunded, long completed, long difference) {
    }

    /**
     * An order with refunds asked for and not completed yet.
     *
     * @param underWay              what its refunds under way give back and have not yet
     * @param awaitingConfirmation  of which a person must still carry out and confirm (manual route)
     */
    public record UnderWay(String orderNumber, long underWay, long awaitingConfirmation) {
    }

    public record Report(Instant checkedAt, int ordersChecked, List<Difference> differences, List<UnderWay> underWay) {
    }

    private final RefundStore store;
    private final Orders orders;
    private final Clock clock;

    ReconcilingRefunds(RefundStore store, Orders orders, Clock clock) {
        this.store = store;
        this.orders = orders;
        this.clock = clock;
    }

    public Report reconcile() {
        Instant at = clock.instant();
        Map<String, long[]> refunded = store.refundedAndCompletedByOrder();
        TreeSet<String> numbers = new TreeSet<>(refunded.keySet());
        orders.withRefundableChanges().forEach(n -> numbers.add(n.toString()));
        List<Difference> differences = new ArrayList<>();
        List<UnderWay> underWay = new ArrayList<>();
        for (String number : numbers) {
            long due = orders.find(OrderNumber.parse(number)).map(Order::refundDue).orElse(0L);
            long[] given = refunded.getOrDefault(number, new long[3]);
            if (due != given[0]) differences.add(new Difference(number, due, given[0], given[1], given[0] - due));
            if (given[0] > given[1]) underWay.add(new UnderWay(number, given[0] - given[1], given[2]));
        }
        return new Report(at, numbers.size(), differences, underWay);
    }
}

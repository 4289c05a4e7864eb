package dev.zaiko.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.zaiko.platform.InvalidRequestException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A sale at a store's till takes units at once. Units protected for online customers or
 * reserved for orders are refused (409, naming the orders) unless the clerk forces the sale:
 * the customer is standing at the counter with the item in hand. A sale entered later (a till's
 * file imported the next morning) says when it was sold, and its ledger movement is dated then.
 * Every sale publishes {@link TillSold} in its transaction (demand per SKU for insight).
 */
@Component
public class SellingAtTill {

    private final LockedStock stock;
    private final StockNetwork network;
    private final ApplicationEventPublisher events;
    private final TillSaleProperties properties;
    private final Clock clock;

    SellingAtTill(LockedStock stock, StockNetwork network, ApplicationEventPublisher events,
                  TillSaleProperties properties, Clock clock) {
        this.stock = stock;
        this.network = network;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** A sale happening now. */
    public Result sell(String sku, String location, int quantity, String segment, boolean force, String reference) {
        return sell(sku, location, quantity, segment, force, reference, null);
    }

    /**
     * @param soldAt when the till sold it, or null for now
     * @throws InvalidRequestException {@code sold-at-out-of-range} for a time in the future (beyond the
     *                                 till clock's skew) or older than the configured maximum age
     */
    public Result sell(String sku, String location, int quantity, String segment, boolean force, String reference,
                       Instant soldAt) {
        if (soldAt != null) checkSoldAt(soldAt);
        Location store = network.requireLocation(location);
        if (store.kind() != LocationKind.STORE) {
            throw new InvalidRequestException("Till sales happen at a store; '" + location + "' is a "
                    + store.kind() + ".");
        }
        return stock.change(sku, picture -> {
            picture.changes().wantsMovementIds = true;
            List<Displacement> displacements = picture.sellAtTill(location, quantity, segment, force, reference,
                    soldAt);
            Displacements.publish(events, displacements);
            return new Result(StockLevels.of(picture, location), displacements);
        }, (result, changes) -> events.publishEvent(new TillSold(sku, location, quantity, reference,
                changes.movementId(MovementKind.TILL_SALE, location), soldAt != null ? soldAt : changes.now())));
    }

    /** Whether a sale may be dated {@code soldAt}: what {@link #sell} checks, for a caller that checks first. */
    public void checkSoldAt(Instant soldAt) {
        Instant now = clock.instant();
        if (soldAt.isAfter(now.plus(properties.clockSkew()))) {
            throw new InvalidRequestException("sold-at-out-of-range", "soldAt " + soldAt + " is in the future; a "
                    + "till sale is entered when or after it happened.", Map.of("field", "soldAt"));
        }
        if (soldAt.isBefore(now.minus(properties.maxAge()))) {
            throw new InvalidRequestException("sold-at-out-of-range", "soldAt " + soldAt + " is more than "
                    + properties.maxAge().toDays() + " days ago; a sale that old is corrected with a stock adjustment.",
                    Map.of("field", "soldAt"));
        }
    }

    public record Result(StockLevel level, List<Displacement> displacements) {
    }
}

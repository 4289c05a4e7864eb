package dev.zaiko.inventory;

import java.util.List;

import dev.zaiko.platform.InvalidRequestException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A sale at a store's till takes units at once. Units protected for online customers or
 * reserved for orders are refused (409, naming the orders) unless the clerk forces the sale:
 * the customer is standing at the counter with the item in hand.
 */
@Component
public class SellingAtTill {

    private final LockedStock stock;
    private final StockNetwork network;
    private final ApplicationEventPublisher events;

    SellingAtTill(LockedStock stock, StockNetwork network, ApplicationEventPublisher events) {
        this.stock = stock;
        this.network = network;
        this.events = events;
    }

    public Result sell(String sku, String location, int quantity, String segment, boolean force, String reference) {
        Location store = network.requireLocation(location);
        if (store.kind() != LocationKind.STORE) {
            throw new InvalidRequestException("Till sales happen at a store; '" + location + "' is a "
                    + store.kind() + ".");
        }
        return stock.change(sku, picture -> {
            List<Displacement> displacements = picture.sellAtTill(location, quantity, segment, force, reference);
            Displacements.publish(events, displacements);
            return new Result(StockLevels.of(picture, location), displacements);
        });
    }

    public record Result(StockLevel level, List<Displacement> displacements) {
    }
}

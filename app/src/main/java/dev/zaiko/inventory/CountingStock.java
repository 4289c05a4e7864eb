package dev.zaiko.inventory;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A cycle count sets the sellable units on the shelf to what was counted. Units found missing
 * come out of free stock first; reservations that lose their units are moved or displaced.
 * Every count publishes {@link StockCounted} in its transaction, also when nothing differed: what
 * the system held on the shelf (sellable units, those reserved for orders included, as the count
 * counts them) and what was counted.
 */
@Component
public class CountingStock {

    private final LockedStock stock;
    private final StockNetwork network;
    private final ApplicationEventPublisher events;

    CountingStock(LockedStock stock, StockNetwork network, ApplicationEventPublisher events) {
        this.stock = stock;
        this.network = network;
        this.events = events;
    }

    public Result adjust(String sku, String location, int countedSellable, String reason) {
        network.requireLocation(location);
        int[] expected = new int[1];
        return stock.change(sku, picture -> {
            expected[0] = picture.level(location, Bucket.SELLABLE) + picture.level(location, Bucket.RESERVED);
            List<Displacement> displacements = picture.count(location, countedSellable, reason);
            Displacements.publish(events, displacements);
            return new Result(StockLevels.of(picture, location), displacements);
        }, (result, changes) -> events.publishEvent(new StockCounted(sku, location, expected[0], countedSellable,
                reason, changes.now())));
    }

    public record Result(StockLevel level, List<Displacement> displacements) {
    }
}

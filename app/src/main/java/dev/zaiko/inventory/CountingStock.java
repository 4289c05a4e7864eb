package dev.zaiko.inventory;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A cycle count sets the sellable units on the shelf to what was counted. Units found missing
 * come out of free stock first; reservations that lose their units are moved or displaced.
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
        return stock.change(sku, picture -> {
            List<Displacement> displacements = picture.count(location, countedSellable, reason);
            Displacements.publish(events, displacements);
            return new Result(StockLevels.of(picture, location), displacements);
        });
    }

    public record Result(StockLevel level, List<Displacement> displacements) {
    }
}

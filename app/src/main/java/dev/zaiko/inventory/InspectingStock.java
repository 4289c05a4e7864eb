package dev.zaiko.inventory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Inspection decides whether received units become sellable or defective. Units that pass are
 * announced with {@link UnitsBecameSellable} (orders waiting for them are filled).
 */
@Component
public class InspectingStock {

    private final LockedStock stock;
    private final StockNetwork network;
    private final ApplicationEventPublisher events;

    InspectingStock(LockedStock stock, StockNetwork network, ApplicationEventPublisher events) {
        this.stock = stock;
        this.network = network;
        this.events = events;
    }

    public StockLevel inspect(String sku, String location, int passed, int failed, String reference) {
        network.requireLocation(location);
        return stock.change(sku, picture -> {
            picture.inspect(location, passed, failed, reference);
            if (passed > 0) events.publishEvent(new UnitsBecameSellable(sku, location, passed));
            return StockLevels.of(picture, location);
        });
    }
}

package dev.zaiko.inventory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Inspection decides whether received units become sellable or defective, and says so with
 * {@link StockInspected} (orders waiting for the units are filled, or learn they will not come).
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
            if (passed + failed > 0) events.publishEvent(new StockInspected(sku, location, passed, failed));
            return StockLevels.of(picture, location);
        });
    }
}

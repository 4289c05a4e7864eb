package dev.zaiko.inventory;

import org.springframework.stereotype.Component;

/** Inspection decides whether received units become sellable or defective. */
@Component
public class InspectingStock {

    private final LockedStock stock;
    private final StockNetwork network;

    InspectingStock(LockedStock stock, StockNetwork network) {
        this.stock = stock;
        this.network = network;
    }

    public StockLevel inspect(String sku, String location, int passed, int failed, String reference) {
        network.requireLocation(location);
        return stock.change(sku, picture -> {
            picture.inspect(location, passed, failed, reference);
            return StockLevels.of(picture, location);
        });
    }
}

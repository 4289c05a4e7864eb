package dev.zaiko.inventory;

import org.springframework.stereotype.Component;

/** Goods arrive: they are counted in as INSPECTING; nobody can sell them yet. */
@Component
public class ReceivingStock {

    private final LockedStock stock;
    private final StockNetwork network;

    ReceivingStock(LockedStock stock, StockNetwork network) {
        this.stock = stock;
        this.network = network;
    }

    public StockLevel receive(String sku, String location, int quantity, String reference) {
        network.requireLocation(location);
        return stock.change(sku, picture -> {
            picture.receive(location, quantity, reference);
            return StockLevels.of(picture, location);
        });
    }
}

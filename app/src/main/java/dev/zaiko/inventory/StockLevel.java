package dev.zaiko.inventory;

public record StockLevel(String sku, String location, int inspecting, int sellable, int reserved, int defective) {
    public int onHand() {
        return inspecting + sellable + reserved + defective;
    }
}

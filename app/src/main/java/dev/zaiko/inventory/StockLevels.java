package dev.zaiko.inventory;

final class StockLevels {

    private StockLevels() {
    }

    static StockLevel of(StockPicture picture, String location) {
        return new StockLevel(picture.item().sku(), location, picture.level(location, Bucket.INSPECTING),
                picture.level(location, Bucket.SELLABLE), picture.level(location, Bucket.RESERVED),
                picture.level(location, Bucket.DEFECTIVE));
    }
}

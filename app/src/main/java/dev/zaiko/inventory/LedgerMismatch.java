package dev.zaiko.inventory;

/**
 * A SKU and location whose stored level differs from the fold of its movements, or whose
 * reserved units differ from its open reservations. The check should never find one.
 */
public record LedgerMismatch(String sku, String location, StockLevel stored, StockLevel folded,
                             int openReservations) {
}

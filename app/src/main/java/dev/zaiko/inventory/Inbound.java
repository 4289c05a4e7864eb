package dev.zaiko.inventory;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An expected receipt (purchase order).
 *
 * @param quantity        the quantity expected
 * @param status          EXPECTED, ARRIVED or CANCELLED (by the supplier)
 * @param arrivedQuantity what actually arrived, once ARRIVED; null before
 */
public record Inbound(long id, String sku, String location, int quantity, LocalDate expectedOn, String reference,
                      String status, Integer arrivedQuantity) {

    /** Units that arrived short of the expected quantity (0 when complete or more); null before arrival. */
    @JsonProperty("shortBy")
    public Integer shortBy() {
        return arrivedQuantity == null ? null : Math.max(0, quantity - arrivedQuantity);
    }

    public boolean arrivedShort() {
        return arrivedQuantity != null && arrivedQuantity < quantity;
    }
}

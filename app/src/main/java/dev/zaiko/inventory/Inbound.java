package dev.zaiko.inventory;

import java.time.LocalDate;

public record Inbound(long id, String sku, String location, int quantity, LocalDate expectedOn, String reference,
                      String status) {
}

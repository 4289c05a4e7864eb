package dev.zaiko.inventory;

import java.time.LocalDate;

/** A SKU's SELLABLE units over all locations at the end of a day (the shop's time zone). */
public record SellableOnDay(LocalDate day, int sellable) {
}

package dev.zaiko.inventory;

public enum AvailabilityLevel {
    IN_STOCK, LOW, OUT_OF_STOCK, BACKORDER
}

package dev.zaiko.inventory;

public record ReservationPart(int part, String location, int quantity, ReservationStatus status) {
}

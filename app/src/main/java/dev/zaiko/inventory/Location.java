package dev.zaiko.inventory;

public record Location(String code, LocationKind kind, String name) {
}

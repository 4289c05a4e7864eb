package dev.zaiko.catalog;

public enum ProductStatus {
    ACTIVE, DISCONTINUED
}

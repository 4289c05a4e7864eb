package dev.zaiko.inventory;

/** Where units physically are. The order is the engine's default preference when it picks. */
public enum LocationKind {
    WAREHOUSE, STORE, SUPPLIER
}

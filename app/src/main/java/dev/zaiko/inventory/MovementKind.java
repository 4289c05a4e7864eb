package dev.zaiko.inventory;

/** Why units moved between buckets; the ledger's vocabulary. */
public enum MovementKind {
    RECEIPT, INSPECTION_PASSED, INSPECTION_FAILED, ADJUSTMENT, TILL_SALE, RESERVE, RELEASE, SHIPMENT, RELOCATION,
    /** A reserved unit found defective while packing an order: RESERVED to DEFECTIVE. */
    DEFECT_AT_PACKING
}

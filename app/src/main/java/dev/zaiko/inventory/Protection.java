package dev.zaiko.inventory;

/**
 * @param sku     null: applies to every SKU at the location, unless a SKU-specific protection
 *                of the same kind (and segment) exists, which then replaces it
 * @param segment only for MEMBER_QUOTA
 */
public record Protection(long id, ProtectionKind kind, String location, String sku, int quantity, String segment) {
}

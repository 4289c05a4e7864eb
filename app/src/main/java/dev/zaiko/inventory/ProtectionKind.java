package dev.zaiko.inventory;

/** The protections a shop can set per location (and optionally per SKU). See ProtectionPolicies. */
public enum ProtectionKind {
    /** The store keeps N units for walk-in customers: online channels cannot take them. */
    STORE_KEEPS,
    /** N units at the location are sold online only: the till cannot take them. */
    ONLINE_ONLY,
    /** N units are kept for one member segment: nobody else can take them. */
    MEMBER_QUOTA
}

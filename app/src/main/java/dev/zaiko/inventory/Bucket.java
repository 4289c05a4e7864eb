package dev.zaiko.inventory;

/** The disjoint states a unit can be in at a location. Only SELLABLE units can be reserved. */
public enum Bucket {
    INSPECTING, SELLABLE, RESERVED, DEFECTIVE
}

package dev.zaiko.inventory;

import java.util.List;

/**
 * One rule that withholds units at a location from some requesters. A requester may take
 * what is sellable there minus what every policy withholds from it.
 */
interface ProtectionPolicy {

    int ALL = Integer.MAX_VALUE;

    /**
     * @param protections the protections in force at the location for this SKU (a SKU-specific
     *                    protection has already replaced the location-wide one of its kind)
     */
    int withheld(ItemFacts item, List<Protection> protections, Requester requester);

    static int sum(List<Protection> protections, ProtectionKind kind) {
        return protections.stream().filter(p -> p.kind() == kind).mapToInt(Protection::quantity).sum();
    }
}

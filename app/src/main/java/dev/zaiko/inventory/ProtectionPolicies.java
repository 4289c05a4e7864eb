package dev.zaiko.inventory;

import java.util.List;

/** Every protection rule the engine applies, in one place. */
final class ProtectionPolicies {

    static final List<ProtectionPolicy> ALL = List.of(
            new DiscontinuedItemsAreNotSold(),
            new OneOfAKindStaysOffline(),
            new StoreKeepsUnits(),
            new OnlineOnlyQuota(),
            new MemberQuota());

    private ProtectionPolicies() {
    }

    static int withheld(ItemFacts item, List<Protection> protections, Requester requester) {
        long total = 0;
        for (ProtectionPolicy policy : ALL) {
            total += policy.withheld(item, protections, requester);
        }
        return (int) Math.min(total, ProtectionPolicy.ALL);
    }

    /** A discontinued product is sold to nobody, on every channel at once. */
    static final class DiscontinuedItemsAreNotSold implements ProtectionPolicy {
        @Override
        public int withheld(ItemFacts item, List<Protection> protections, Requester requester) {
            return item.discontinued() ? ALL : 0;
        }
    }

    /** A one-of-a-kind item is sold only where the customer can see it: never online. */
    static final class OneOfAKindStaysOffline implements ProtectionPolicy {
        @Override
        public int withheld(ItemFacts item, List<Protection> protections, Requester requester) {
            return item.oneOfAKind() && requester.online() ? ALL : 0;
        }
    }

    /** The store keeps N units for walk-in customers. */
    static final class StoreKeepsUnits implements ProtectionPolicy {
        @Override
        public int withheld(ItemFacts item, List<Protection> protections, Requester requester) {
            return requester.online() ? ProtectionPolicy.sum(protections, ProtectionKind.STORE_KEEPS) : 0;
        }
    }

    /** N units are for online customers only. */
    static final class OnlineOnlyQuota implements ProtectionPolicy {
        @Override
        public int withheld(ItemFacts item, List<Protection> protections, Requester requester) {
            return requester.online() ? 0 : ProtectionPolicy.sum(protections, ProtectionKind.ONLINE_ONLY);
        }
    }

    /** N units are kept for a member segment; everyone else sees them as gone. */
    static final class MemberQuota implements ProtectionPolicy {
        @Override
        public int withheld(ItemFacts item, List<Protection> protections, Requester requester) {
            return protections.stream()
                    .filter(p -> p.kind() == ProtectionKind.MEMBER_QUOTA)
                    .filter(p -> !p.segment().equals(requester.segment()))
                    .mapToInt(Protection::quantity)
                    .sum();
        }
    }
}

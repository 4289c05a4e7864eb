package dev.zaiko.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zaiko.platform.ConflictException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever sequence of stock operations runs, the movements a picture records fold exactly into
 * its levels, no bucket goes negative, reserved equals the open reservations, and no online
 * channel ever holds units the store keeps for itself.
 */
class LedgerFoldProperties {

    static final List<String> LOCATIONS = List.of("WH", "SHOP");
    static final List<StockPicture.ChannelPool> CHANNELS = List.of(
            new StockPicture.ChannelPool("WEB", true, List.of("WH", "SHOP")),
            new StockPicture.ChannelPool("AMAZON", true, List.of("WH", "SHOP")),
            new StockPicture.ChannelPool("STORE", false, List.of("SHOP")));

    record Op(int kind, int location, int quantity, int channel, boolean force, int pick) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 8),
                        Arbitraries.integers().between(0, 1), Arbitraries.integers().between(1, 5),
                        Arbitraries.integers().between(0, 2), Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 1000))
                .as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 400)
    void movementsFoldIntoLevels(@ForAll("operations") List<Op> ops, @ForAll boolean storeKeepsTwo) {
        ItemFacts item = new ItemFacts("SKU-1", false, false, 3, false);
        List<Protection> protections = storeKeepsTwo
                ? List.of(new Protection(1, ProtectionKind.STORE_KEEPS, "SHOP", null, 2, null))
                : List.of();
        StockPicture p = new StockPicture(item, List.of(), protections, CHANNELS, List.of(), Instant.EPOCH);
        List<UUID> reservations = new ArrayList<>();
        Map<UUID, StockPicture.ChannelPool> channelOf = new java.util.HashMap<>();
        for (Op op : ops) {
            String location = LOCATIONS.get(op.location());
            try {
                switch (op.kind()) {
                    case 0 -> p.receive(location, op.quantity(), "po");
                    case 1 -> p.inspect(location, op.quantity() / 2 + 1, op.quantity() / 3, "qc");
                    case 2, 3 -> {
                        UUID id = UUID.randomUUID();
                        StockPicture.ChannelPool channel = CHANNELS.get(op.channel());
                        int onlineMayTakeAtShop = channel.online() ? p.atsAt(new Requester(true, null), "SHOP") : -1;
                        int shopReservedBefore = p.level("SHOP", Bucket.RESERVED);
                        ReservationOutcome outcome = p.reserve(
                                new ReserveRequest(channel.code(), "SKU-1", op.quantity(), "h", null), id, "b");
                        if (outcome.reserved()) {
                            reservations.add(id);
                            channelOf.put(id, channel);
                        }
                        if (channel.online()) {
                            // never more than what was offered online at the store
                            assertThat(p.level("SHOP", Bucket.RESERVED) - shopReservedBefore)
                                    .isLessThanOrEqualTo(onlineMayTakeAtShop);
                        }
                    }
                    case 4 -> {
                        if (!reservations.isEmpty()) p.release(reservations.get(op.pick() % reservations.size()));
                    }
                    case 5 -> {
                        if (!reservations.isEmpty()) p.commit(reservations.get(op.pick() % reservations.size()));
                    }
                    case 6 -> p.sellAtTill("SHOP", op.quantity(), null, op.force(), "till");
                    case 8 -> {
                        if (reservations.isEmpty()) break;
                        UUID id = reservations.get(op.pick() % reservations.size());
                        boolean online = channelOf.get(id).online();
                        int onlineMayTakeAtShop = p.atsAt(new Requester(true, null), "SHOP");
                        int shopReservedBefore = p.level("SHOP", Bucket.RESERVED);
                        int shopDefectiveBefore = p.level("SHOP", Bucket.DEFECTIVE);
                        p.defectAtPacking(id, op.quantity() % 3 + 1, "pack");
                        if (online) {
                            // a replacement for an online order never takes what the store keeps
                            int shopReservedAdded = p.level("SHOP", Bucket.RESERVED) - shopReservedBefore
                                    + (p.level("SHOP", Bucket.DEFECTIVE) - shopDefectiveBefore);
                            assertThat(shopReservedAdded).isLessThanOrEqualTo(onlineMayTakeAtShop);
                        }
                    }
                    default -> p.count(location, op.pick() % 8, "count");
                }
            } catch (ConflictException refusedByARule) {
                // refusals are part of the game; they must leave no trace (checked by the fold)
            }
        }
        Map<String, int[]> folded = new java.util.HashMap<>();
        p.changes().movements.forEach((key, qty) -> {
            int[] l = folded.computeIfAbsent(key.location(), k -> new int[4]);
            if (key.from() != null) l[key.from().ordinal()] -= qty;
            if (key.to() != null) l[key.to().ordinal()] += qty;
        });
        for (String location : LOCATIONS) {
            int[] f = folded.getOrDefault(location, new int[4]);
            int openUnits = 0;
            for (StockPicture.PartState part : p.changes().newParts) {
                if (part.status == ReservationStatus.OPEN && part.location.equals(location)) openUnits += part.quantity;
            }
            for (Bucket b : Bucket.values()) {
                assertThat(p.level(location, b)).as("%s %s", location, b).isEqualTo(f[b.ordinal()]).isNotNegative();
            }
            assertThat(p.level(location, Bucket.RESERVED)).as("reserved at %s", location).isEqualTo(openUnits);
        }
    }
}

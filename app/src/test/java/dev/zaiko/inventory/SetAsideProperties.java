package dev.zaiko.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Whatever mix of set-asides, draws from them, plain reservations, releases, expiries, commits,
 * ends, till sales and counts runs on one SKU: the ledger still folds into the levels, reserved
 * equals the open units, a set-aside's units in play (still in it, or drawn and open or shipped)
 * never exceed what was set aside, and a draw never takes more than the set-aside holds.
 */
class SetAsideProperties {

    static final List<String> LOCATIONS = List.of("WH", "SHOP");
    static final List<StockPicture.ChannelPool> CHANNELS = List.of(
            new StockPicture.ChannelPool("WEB", true, List.of("WH", "SHOP")),
            new StockPicture.ChannelPool("APP", true, List.of("WH")),
            new StockPicture.ChannelPool("STORE", false, List.of("SHOP")));

    record Op(int kind, int location, int quantity, int channel, int pick) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 10),
                        Arbitraries.integers().between(0, 1), Arbitraries.integers().between(1, 5),
                        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 1000))
                .as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(80);
    }

    @Property(tries = 400)
    void aSetAsideNeverHandsOutMoreThanWasSetAsideAndTheLedgerStillFolds(@ForAll("operations") List<Op> ops) {
        ItemFacts item = new ItemFacts("SKU-1", false, false, 3, false);
        StockPicture p = new StockPicture(item, List.of(), List.of(), CHANNELS, List.of(), Instant.EPOCH);
        List<UUID> setAsides = new ArrayList<>();
        Map<UUID, Integer> setAsideUnits = new HashMap<>();
        List<UUID> reservations = new ArrayList<>();
        for (Op op : ops) {
            String location = LOCATIONS.get(op.location());
            String channel = CHANNELS.get(op.channel()).code();
            try {
                switch (op.kind()) {
                    case 0 -> p.receive(location, op.quantity() + 2, "po");
                    case 1 -> p.inspect(location, Math.min(op.quantity() + 2, p.level(location, Bucket.INSPECTING)), 0,
                            "qc");
                    case 2 -> {
                        UUID id = UUID.randomUUID();
                        ReservationOutcome outcome = p.setAside(
                                new ReserveRequest(channel, "SKU-1", op.quantity(), "deal", null), id, "b");
                        if (outcome.reserved()) {
                            setAsides.add(id);
                            setAsideUnits.put(id, op.quantity());
                        }
                    }
                    case 3, 4 -> {
                        if (setAsides.isEmpty()) break;
                        UUID from = setAsides.get(op.pick() % setAsides.size());
                        int before = open(p, from);
                        UUID id = UUID.randomUUID();
                        ReservationOutcome outcome = p.reserve(new ReserveRequest(channel, "SKU-1", op.quantity(),
                                "cart", null).drawnFrom(from), id, "b");
                        if (outcome.reserved()) {
                            reservations.add(id);
                            assertThat(op.quantity()).isLessThanOrEqualTo(before);
                            assertThat(open(p, from)).isEqualTo(before - op.quantity());
                        } else {
                            assertThat(open(p, from)).isEqualTo(before);
                        }
                    }
                    case 5 -> {
                        UUID id = UUID.randomUUID();
                        Map<UUID, Integer> before = openOfEach(p, setAsides);
                        if (p.reserve(new ReserveRequest(channel, "SKU-1", op.quantity(), "cart", null), id, "b")
                                .reserved()) {
                            reservations.add(id);
                        }
                        assertThat(openOfEach(p, setAsides)).as("a plain reservation never takes set-aside units")
                                .isEqualTo(before);
                    }
                    case 6 -> {
                        if (!reservations.isEmpty()) p.release(reservations.get(op.pick() % reservations.size()));
                    }
                    case 7 -> {
                        if (!reservations.isEmpty()) p.expire(reservations.get(op.pick() % reservations.size()));
                    }
                    case 8 -> {
                        if (!reservations.isEmpty()) p.commit(reservations.get(op.pick() % reservations.size()));
                    }
                    case 9 -> {
                        if (!setAsides.isEmpty()) p.endSetAside(setAsides.get(op.pick() % setAsides.size()), "end");
                    }
                    default -> {
                        if (op.pick() % 2 == 0) {
                            p.sellAtTill("SHOP", op.quantity(), null, true, "till");
                        } else {
                            p.count(location, op.pick() % 8, "count");
                        }
                    }
                }
            } catch (ConflictException refusedByARule) {
                // refusals are part of the game; they must leave no trace (checked by the fold)
            }
            for (UUID s : setAsides) {
                int inPlay = open(p, s);
                for (StockPicture.PartState part : p.changes().newParts) {
                    if (s.equals(part.drawnFrom) && (part.status == ReservationStatus.OPEN
                            || part.status == ReservationStatus.COMMITTED)) {
                        inPlay += part.quantity;
                    }
                }
                assertThat(inPlay).as("units of set-aside %s in play", s).isLessThanOrEqualTo(setAsideUnits.get(s));
            }
        }
        Map<String, int[]> folded = new HashMap<>();
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

    private static int open(StockPicture p, UUID setAside) {
        int units = 0;
        for (StockPicture.PartState part : p.changes().newParts) {
            if (part.id.equals(setAside) && part.status == ReservationStatus.OPEN) units += part.quantity;
        }
        return units;
    }

    private static Map<UUID, Integer> openOfEach(StockPicture p, List<UUID> setAsides) {
        Map<UUID, Integer> result = new HashMap<>();
        for (UUID s : setAsides) result.put(s, open(p, s));
        return result;
    }
}

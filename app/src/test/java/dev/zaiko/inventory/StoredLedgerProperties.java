package dev.zaiko.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.support.TestDatabase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The same property as {@link LedgerFoldProperties}, end to end: random sequences of receipts,
 * inspections, counts, till sales (forced or not), reservations, releases, shipments and
 * protection changes through the real services and engine on PostgreSQL; afterwards the stored
 * levels equal the SQL fold of the stored movements and the open reservations.
 */
class StoredLedgerProperties {

    static HikariDataSource database;
    static InventoryFixture fixture;
    static ReservationEngine engine;
    static final AtomicInteger skus = new AtomicInteger();

    @BeforeContainer
    static void start() {
        database = TestDatabase.fresh(8);
        fixture = new InventoryFixture(database).shop();
        engine = fixture.engine(16);
    }

    @AfterContainer
    static void stop() {
        engine.close();
        database.close();
    }

    record Op(int kind, String location, int quantity, String channel, boolean force, int pick) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        return Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.of("WH", "SHOP"),
                        Arbitraries.integers().between(1, 4), Arbitraries.of("WEB", "AMAZON", "STORE"),
                        Arbitraries.of(true, false), Arbitraries.integers().between(0, 1000))
                .as(Op::new).list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 100)
    void storedLevelsAlwaysEqualTheFoldOfStoredMovements(@ForAll("operations") List<Op> ops) {
        String sku = "PROP-" + skus.incrementAndGet();
        fixture.product(sku, false);
        List<UUID> reservations = new ArrayList<>();
        for (Op op : ops) {
            try {
                switch (op.kind()) {
                    case 0 -> fixture.receiving.receive(sku, op.location(), op.quantity() + 2, "po");
                    case 1 -> fixture.inspecting.inspect(sku, op.location(), op.quantity() / 2 + 1, op.quantity() / 3, "qc");
                    case 2, 3 -> {
                        ReservationOutcome outcome = engine.reserve(
                                new ReserveRequest(op.channel(), sku, op.quantity(), "h" + op.pick(), null)).join();
                        if (outcome.reserved()) reservations.add(outcome.reservationId());
                    }
                    case 4 -> {
                        if (!reservations.isEmpty()) engine.release(reservations.get(op.pick() % reservations.size())).join();
                    }
                    case 5 -> {
                        if (!reservations.isEmpty()) engine.commit(reservations.get(op.pick() % reservations.size())).join();
                    }
                    case 6 -> fixture.till.sell(sku, "SHOP", op.quantity(), null, op.force(), "till");
                    case 7 -> fixture.counting.adjust(sku, op.location(), op.pick() % 6, "cycle count");
                    case 8 -> fixture.protecting.protect(ProtectionKind.STORE_KEEPS, "SHOP", sku, op.quantity(), null);
                    default -> fixture.protecting.list("SHOP", sku).stream().filter(p -> sku.equals(p.sku()))
                            .findFirst().ifPresent(p -> fixture.protecting.lift(p.id()));
                }
            } catch (ConflictException refused) {
                // a rule said no; the check below proves it left nothing behind
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof ConflictException)) throw e;
            }
        }
        assertThat(fixture.ledger.mismatches(sku)).isEmpty();
        assertThat(fixture.ledger.levels(sku)).allSatisfy(l -> {
            assertThat(l.inspecting()).isNotNegative();
            assertThat(l.sellable()).isNotNegative();
            assertThat(l.reserved()).isNotNegative();
            assertThat(l.defective()).isNotNegative();
        });
    }
}

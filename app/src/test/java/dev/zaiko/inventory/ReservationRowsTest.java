package dev.zaiko.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reservations are streamed to PostgreSQL with COPY: free-text holders must survive intact. */
class ReservationRowsTest {

    static HikariDataSource database;
    static InventoryFixture fixture;

    @BeforeAll
    static void start() {
        database = TestDatabase.fresh(4);
        fixture = new InventoryFixture(database).shop();
        fixture.product("ROWS-1", false);
        fixture.sellable("ROWS-1", "WH", 10);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void holdersWithTabsNewlinesBackslashesAndJapaneseAreStoredExactly() {
        List<String> holders = List.of("注文 123-4567890-1234567 #1", "tab\there", "line\nbreak\r\n", "back\\slash \\N",
                "\\N");
        try (ReservationEngine engine = fixture.engine(16)) {
            for (String holder : holders) {
                ReservationOutcome outcome = engine.reserve(new ReserveRequest("WEB", "ROWS-1", 1, holder, "GOLD")).join();
                assertThat(outcome.reserved()).isTrue();
                Reservation stored = new ReservationStore().find(fixture.jdbc, outcome.reservationId()).orElseThrow();
                assertThat(stored.holder()).isEqualTo(holder);
                assertThat(stored.segment()).isEqualTo("GOLD");
                assertThat(stored.status()).isEqualTo(ReservationStatus.OPEN);
            }
            ReservationOutcome anonymous = engine.reserve(new ReserveRequest("WEB", "ROWS-1", 1, null, null)).join();
            Reservation stored = new ReservationStore().find(fixture.jdbc, anonymous.reservationId()).orElseThrow();
            assertThat(stored.holder()).isNull();
            assertThat(stored.segment()).isNull();
        }
        assertThat(fixture.ledger.mismatches("ROWS-1")).isEmpty();
    }

    @Test
    void reservationIdsAreTimeOrderedVersion7() {
        UUID a = TimeOrderedIds.next();
        UUID b = TimeOrderedIds.next();
        assertThat(a.version()).isEqualTo(7);
        assertThat(a.variant()).isEqualTo(2);
        assertThat(a.getMostSignificantBits() >>> 16).isLessThanOrEqualTo(b.getMostSignificantBits() >>> 16);
    }
}

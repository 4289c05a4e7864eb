package dev.zaiko.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole harness on a real PostgreSQL, with the strategy that must never oversell. */
class RowLockFlashSaleTest {

    private static final int BUYERS = 32;

    private static Fixture fixture;

    @BeforeAll
    static void startDatabase() throws Exception {
        fixture = Fixture.start(BUYERS);
    }

    @AfterAll
    static void stopDatabase() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void rowLockSellsExactlyTheStockAndTheCountersAgree() throws Exception {
        PhaseResult result = FlashSaleBench.runPhase(fixture, Strategies.create("ROW_LOCK"), "oversell", 50,
                LoadDriver.Plan.attempts(BUYERS, 400, 1));

        assertThat(result.outcome().errors()).isZero();
        assertThat(result.outcome().succeeded()).isEqualTo(50);
        assertThat(result.outcome().refused()).isEqualTo(350);
        assertThat(result.check().oversold()).isZero();
        assertThat(result.check().agree()).as(result.check().verdict()).isTrue();
        assertThat(result.check()).isEqualTo(new CountersCheck(50, 50, 50, 50, 0, 50));
    }

    @Test
    void theFixtureStartsEveryPhaseFromFreshStock() throws Exception {
        FlashSaleBench.runPhase(fixture, Strategies.create("ROW_LOCK"), "oversell", 5,
                LoadDriver.Plan.attempts(4, 10, 1));

        fixture.reset(7);

        assertThat(fixture.check(7, 0)).isEqualTo(new CountersCheck(7, 0, 0, 0, 7, 0));
    }
}

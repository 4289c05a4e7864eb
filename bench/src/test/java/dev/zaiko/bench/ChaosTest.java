package dev.zaiko.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;

import org.junit.jupiter.api.Test;

/**
 * The crash harness, short: Zaiko as a process of its own, killed with {@code kill -9} twice under
 * reservations, orders and stockout cancellations, and started again on the same data each time.
 * The long run is {@code java -jar bench/target/zaiko-bench.jar chaos --rounds=N}. A random seed
 * each time (printed); {@code -Dchaos.seed=N} replays one.
 */
class ChaosTest {

    @Test
    void zaikoKilledTwiceUnderLoadKeepsEveryAcknowledgedResultOnceSellsNothingTwiceAndItsFeedCatchesUp()
            throws Exception {
        String seed = System.getProperty("chaos.seed");
        ChaosOptions options = ChaosOptions.parse("--rounds=2", "--max-kill-after=150", "--ops-per-thread=150",
                "--stockouts=3", "--scarce-stock=30", "--settle-bound=60")
                .withSeed(seed == null ? null : Long.valueOf(seed));
        PrintStream progress = System.out;

        ChaosRun.Report report = new ChaosRun(options, progress).run();

        progress.println(report.markdown());
        assertThat(report.failures()).as("seed " + options.seed()).isEmpty();
        assertThat(report.lost()).as("acknowledged results lost, seed " + options.seed()).isZero();
        assertThat(report.duplicated()).as("results duplicated, seed " + options.seed()).isZero();
        assertThat(report.kills()).isEqualTo(2);
        assertThat(report.starts()).hasSize(3);
        // the rounds did something worth checking: reservations, orders, and a cancellation with its refund
        assertThat(report.operations()).isGreaterThanOrEqualTo(20);
        assertThat(report.operationsByKind()).doesNotContain("decision 0");
    }
}

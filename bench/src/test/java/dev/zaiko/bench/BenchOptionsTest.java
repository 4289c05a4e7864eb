package dev.zaiko.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsRunEveryRegisteredStrategyThroughBothPhases() {
        BenchOptions options = BenchOptions.parse();

        assertThat(options.buyers()).isEqualTo(2000);
        assertThat(options.poolSize()).isEqualTo(64);
        assertThat(options.strategies()).isEqualTo(Strategies.names());
        assertThat(options.throughputPhase()).isTrue();
        assertThat(options.oversellPhase()).isTrue();
    }

    @Test
    void optionsOverrideTheDefaults() {
        BenchOptions options = BenchOptions.parse("--buyers=16", "--duration=30s", "--strategies=row_lock",
                "--phases=oversell", "--attempts=5_000");

        assertThat(options.buyers()).isEqualTo(16);
        assertThat(options.poolSize()).isEqualTo(16);
        assertThat(options.durationSeconds()).isEqualTo(30);
        assertThat(options.attempts()).isEqualTo(5000);
        assertThat(options.strategies()).containsExactly("ROW_LOCK");
        assertThat(options.throughputPhase()).isFalse();
    }

    @Test
    void typosAreRejectedBeforeAnythingStarts() {
        assertThatThrownBy(() -> BenchOptions.parse("--buyer=16")).hasMessageContaining("buyer");
        assertThatThrownBy(() -> BenchOptions.parse("--strategies=ZAIKOO")).hasMessageContaining("ZAIKOO");
    }
}

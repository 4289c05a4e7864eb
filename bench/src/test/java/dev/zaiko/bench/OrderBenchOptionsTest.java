package dev.zaiko.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OrderBenchOptionsTest {

    @Test
    void defaultsRunEveryPhaseOnZaikoAsShipped() {
        OrderBenchOptions options = OrderBenchOptions.parse();

        assertThat(options.clients()).isEqualTo(200);
        assertThat(options.warmupSeconds()).isEqualTo(30);
        assertThat(options.durationSeconds()).isEqualTo(15);
        assertThat(options.phases()).containsExactly("echo", "hot", "cold");
        assertThat(options.appArguments()).isEmpty();
    }

    @Test
    void optionsOverrideTheDefaultsAndAppSettingsPassThrough() {
        OrderBenchOptions options = OrderBenchOptions.parse("--clients=64", "--duration=30s", "--phases=HOT",
                "--stock=2_000_000", "--app.zaiko.db.pool-size=32");

        assertThat(options.clients()).isEqualTo(64);
        assertThat(options.durationSeconds()).isEqualTo(30);
        assertThat(options.phases()).containsExactly("hot");
        assertThat(options.hotStock()).isEqualTo(2_000_000);
        assertThat(options.appArguments()).containsExactly("--zaiko.db.pool-size=32");
    }

    @Test
    void typosAreRejectedBeforeZaikoStarts() {
        assertThatThrownBy(() -> OrderBenchOptions.parse("--client=16")).hasMessageContaining("client");
        assertThatThrownBy(() -> OrderBenchOptions.parse("--phases=warm")).hasMessageContaining("warm");
        assertThatThrownBy(() -> OrderBenchOptions.parse("--clients=0")).hasMessageContaining("clients");
        assertThatThrownBy(() -> OrderBenchOptions.parse("orders")).hasMessageContaining("--option=value");
    }
}

package dev.zaiko.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.zaiko.bench.PropagationMatch.Change;
import dev.zaiko.bench.PropagationMatch.Sighting;
import org.junit.jupiter.api.Test;

class PropagationMatchTest {

    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");

    /** A change answered {@code ms} milliseconds after T0, on both clocks. */
    private static Change change(String sku, long ms) {
        return new Change(sku, TimeUnit.MILLISECONDS.toNanos(ms), T0.plusMillis(ms));
    }

    private static Sighting seen(String sku, int ats, long seq, long changedAtMs, long observedMs) {
        return new Sighting(sku, ats, seq, T0.plusMillis(changedAtMs), TimeUnit.MILLISECONDS.toNanos(observedMs));
    }

    @Test
    void aChangeIsMatchedToTheFirstEntryComputedAfterItsAnswerAndCoalescedChangesShareIt() {
        List<Change> changes = List.of(change("A", 10), change("A", 20), change("A", 30), change("A", 70));
        List<Sighting> sightings = List.of(
                seen("A", 99, 1, 5, 8),     // computed before every answer: reflects none for sure
                seen("A", 97, 2, 40, 45),   // after the first three answers: 35, 25, 15 ms
                seen("A", 96, 3, 80, 100)); // the fourth: 30 ms
        PropagationMatch.Result result = PropagationMatch.match(changes, sightings, Map.of("A", 96));

        assertThat(result.matched()).isEqualTo(4);
        assertThat(result.unmatched()).isZero();
        assertThat(result.latencies().percentileMillis(100)).isCloseTo(35.0, within(0.1));
        assertThat(result.latencies().percentileMillis(50)).isCloseTo(25.0, within(0.1));
        assertThat(result.latencies().percentileMillis(0)).isCloseTo(15.0, within(0.1));
    }

    @Test
    void theFinalValueReflectsEveryChangeEvenIfComputedBeforeTheLastAnswer() {
        // the last change committed, its entry was computed, and only then was it answered
        List<Change> changes = List.of(change("A", 50));
        List<Sighting> sightings = List.of(seen("A", 10, 7, 45, 60));
        PropagationMatch.Result result = PropagationMatch.match(changes, sightings, Map.of("A", 10));

        assertThat(result.matched()).isEqualTo(1);
        assertThat(result.latencies().percentileMillis(100)).isCloseTo(10.0, within(0.1));
        assertThat(result.beforeAnswer()).isZero();
    }

    @Test
    void aSightingBeforeTheAnswerCountsAsZeroAndIsCounted() {
        List<Change> changes = List.of(change("A", 50));
        List<Sighting> sightings = List.of(seen("A", 10, 7, 45, 48));
        PropagationMatch.Result result = PropagationMatch.match(changes, sightings, Map.of("A", 10));

        assertThat(result.beforeAnswer()).isEqualTo(1);
        assertThat(result.latencies().maxNanos()).isZero();
    }

    @Test
    void skusAreMatchedSeparatelyInSeqOrderAndAChangeNeverSeenIsUnmatched() {
        List<Change> changes = List.of(change("A", 10), change("B", 10), change("C", 10));
        List<Sighting> sightings = new ArrayList<>(List.of(
                seen("B", 5, 4, 30, 40),
                seen("A", 8, 3, 20, 200),   // arrives out of order: seq decides, not the list
                seen("A", 9, 1, 20, 25)));
        PropagationMatch.Result result = PropagationMatch.match(changes, sightings, Map.of("A", 8, "B", 5, "C", 3));

        assertThat(result.matched()).isEqualTo(2);
        assertThat(result.unmatched()).isEqualTo(1);
        // A: seq 1 (changedAt 20 after the answer at 10), seen at 25 -> 15 ms; B: 30 ms
        assertThat(result.latencies().percentileMillis(100)).isCloseTo(30.0, within(0.1));
        assertThat(result.latencies().percentileMillis(0)).isCloseTo(15.0, within(0.1));
    }

    @Test
    void optionsParseAndRefuseNonsense() {
        PropagationBench.Options o = PropagationBench.Options.parse(new String[]{"--clients=8", "--duration=20",
                "--app.zaiko.channel.coalesce=20ms"});
        assertThat(o.clients()).isEqualTo(8);
        assertThat(o.durationSeconds()).isEqualTo(20);
        assertThat(o.warmupSeconds()).isEqualTo(5);
        assertThat(o.app()).containsExactly("--zaiko.channel.coalesce=20ms");
        assertThatThrownBy(() -> PropagationBench.Options.parse(new String[]{"--clients=0"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PropagationBench.Options.parse(new String[]{"--nope=1"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

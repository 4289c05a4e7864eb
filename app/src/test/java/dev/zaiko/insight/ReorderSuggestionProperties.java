package dev.zaiko.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the demand, stock, inbounds and waiting customers: a suggestion never orders a negative
 * quantity, is never dated before today, and more demand never orders later (nor, on the same day, less).
 */
class ReorderSuggestionProperties {

    private static final double[] Z = {0.0, 1.2816, 1.6449, 2.3263, 3.0902};

    @Property(tries = 400)
    void neverNegativeNeverInThePastAndMonotoneInDemand(
            @ForAll @Size(min = 90, max = 90) List<@IntRange(min = 0, max = 40) Integer> history,
            @ForAll @IntRange(min = 0, max = 30) int zeroEvery,
            @ForAll @DoubleRange(min = 1.0, max = 4.0) double more,
            @ForAll @IntRange(min = 0, max = 500) int onHand, @ForAll @IntRange(min = 0, max = 20) int waiting,
            @ForAll @Size(max = 3) List<@IntRange(min = -5, max = 60) Integer> inboundDays,
            @ForAll @IntRange(min = 1, max = 200) int inboundUnits,
            @ForAll @IntRange(min = 0, max = 60) int leadTime, @ForAll @IntRange(min = 1, max = 30) int review,
            @ForAll @IntRange(min = 0, max = 4) int level) {
        int[] window = new int[90];
        for (int i = 0; i < 90; i++) window[i] = zeroEvery > 0 && i % (zeroEvery + 1) != 0 ? 0 : history.get(i);
        List<ReorderPlan.Incoming> inbounds = new ArrayList<>();
        for (int d : inboundDays) inbounds.add(new ReorderPlan.Incoming(d, inboundUnits));
        DemandForecast f = DemandForecast.of(window);
        assertThat(f.rate()).isNotNegative();
        assertThat(f.sigma()).isNotNegative();
        // the same pattern of demand, bigger: the rate and the spread grow in proportion
        int[] bigger = new int[90];
        for (int i = 0; i < 90; i++) bigger[i] = window[i] * 3;
        DemandForecast g = DemandForecast.of(bigger);
        assertThat(g.rate()).isCloseTo(3 * f.rate(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(g.sigma()).isCloseTo(3 * f.sigma(), org.assertj.core.data.Offset.offset(1e-6));

        ReorderPlan plan = ReorderPlan.of(f.rate(), f.sigma(), Z[level], onHand, waiting, inbounds, leadTime, review);
        ReorderPlan more1 = ReorderPlan.of(f.rate() * more, f.sigma() * more, Z[level], onHand, waiting, inbounds,
                leadTime, review);
        for (ReorderPlan p : List.of(plan, more1)) {
            assertThat(p.quantity()).isNotNegative();
            if (p.orderInDays() != null) {
                assertThat(p.orderInDays()).isNotNegative();
                assertThat(p.quantity()).isPositive();
            } else {
                assertThat(p.quantity()).isZero();
            }
        }
        if (plan.orderInDays() != null) {
            assertThat(more1.orderInDays()).as("more demand orders no later").isNotNull()
                    .isLessThanOrEqualTo(plan.orderInDays());
            if (more1.orderInDays().equals(plan.orderInDays())) {
                assertThat(more1.quantity()).as("and on the same day no less").isGreaterThanOrEqualTo(plan.quantity());
            }
        }
    }
}

package dev.zaiko.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** The forecast and the plan behind a reorder suggestion, computed by hand in each test's comment. */
class ReorderMathTest {

    private static final double Z95 = new NormalDistribution().inverseCumulativeProbability(0.95); // 1.644854

    /** 90 days (oldest first) with {@code units} every {@code every} days from day {@code from}. */
    private static int[] every(int every, int units, int from) {
        int[] window = new int[90];
        for (int i = from; i < 90; i += every) window[i] = units;
        return window;
    }

    @Test
    void steadyDemandIsSmoothedExponentiallyAndKeepsItsRate() {
        // 4 a day for the last 60 days: history 60 days, every day with demand → SES, level 4, no spread
        DemandForecast f = DemandForecast.of(every(1, 4, 30));
        assertThat(f.method()).isEqualTo(DemandForecast.Method.SES);
        assertThat(f.rate()).isCloseTo(4.0, within(1e-9));
        assertThat(f.sigma()).isZero();
        assertThat(f.historyDays()).isEqualTo(60);
    }

    @Test
    void aSafetyStockForTheServiceLevelMakesTheOrderLateAndBigger() {
        // rate 4, σ 2, L 10, R 7: SS = 1.644854 · 2 · √17 = 13.5637. On hand 30, 20 due on day 3.
        // P(t) = 30 + 20·[t ≥ 3] − 4t; P(10) = 10 ≤ SS already before day 10 → late.
        // A = first t ≥ 10 with P(t+1) ≤ SS: P(11) = 6 → A = 10, D = 0 (today).
        // N = ⌈SS − P(17)⌉ = ⌈13.5637 − (50 − 68)⌉ = ⌈31.56⌉ = 32.
        ReorderPlan plan = ReorderPlan.of(4, 2, Z95, 30, 0, List.of(new ReorderPlan.Incoming(3, 20)), 10, 7);
        assertThat(plan.safetyStock()).isCloseTo(13.5637, within(1e-3));
        assertThat(plan.late()).isTrue();
        assertThat(plan.orderInDays()).isZero();
        assertThat(plan.arrivalInDays()).isEqualTo(10);
        assertThat(plan.quantity()).isEqualTo(32);
    }

    @Test
    void intermittentDemandUsesCrostonAndGivesASaneQuantity() {
        // 3 units every 9 days over 90 days: 10 days with demand, mean interval 9 > 1.32 → Croston (SBA):
        // size 3, interval 9, rate = 0.95 · 3/9 = 0.31667 a day.
        // σ: mean 1/3, Σ(x − mean)² = 10·(8/3)² + 80·(1/3)² = 80, σ = √(80/89) = 0.94809.
        // SS = 1.644854 · 0.94809 · √17 = 6.4296; nothing on hand: A = 10, today, late;
        // N = ⌈SS + 0.31667 · 17⌉ = ⌈11.81⌉ = 12: about two sales' worth plus a safety stock, not more.
        DemandForecast f = DemandForecast.of(every(9, 3, 0));
        assertThat(f.method()).isEqualTo(DemandForecast.Method.CROSTON_SBA);
        assertThat(f.rate()).isCloseTo(0.95 * 3 / 9, within(1e-9));
        assertThat(f.sigma()).isCloseTo(Math.sqrt(80.0 / 89), within(1e-9));
        ReorderPlan plan = ReorderPlan.of(f.rate(), f.sigma(), Z95, 0, 0, List.of(), 10, 7);
        assertThat(plan.quantity()).isEqualTo(12);
        assertThat(plan.orderInDays()).isZero();
    }

    @Test
    void oneSpikeInIntermittentDemandIsCappedAndDoesNotExplodeTheOrder() {
        // The same SKU, but yesterday someone bought 60. The median day with demand is 3, so the spike
        // counts as 9 (3 × the median). Without the cap the rate would triple (≈ 0.95 · 8.7/8.2 ≈ 1.0).
        int[] window = every(9, 3, 0);
        window[89] = 60;
        DemandForecast f = DemandForecast.of(window);
        assertThat(f.method()).isEqualTo(DemandForecast.Method.CROSTON_SBA);
        assertThat(f.cappedDays()).isEqualTo(1);
        assertThat(f.cap()).isEqualTo(9.0);
        assertThat(f.rate()).isBetween(0.31, 0.45);
        ReorderPlan plan = ReorderPlan.of(f.rate(), f.sigma(), Z95, 0, 0, List.of(), 10, 7);
        // at most 0.45 · 17 = 7.7 plus a safety stock with σ ≤ 1.3 (1.644854 · 1.3 · √17 = 8.8): 17 at most
        assertThat(plan.quantity()).isBetween(12L, 17L);
    }

    @Test
    void aSingleFirstSaleIsSpreadOverTheMinimumHistory() {
        // one sale of 28 yesterday and nothing before: 28 days of history at least → about 1 a day, not 28
        int[] window = new int[90];
        window[89] = 28;
        DemandForecast f = DemandForecast.of(window);
        assertThat(f.historyDays()).isEqualTo(DemandForecast.MIN_HISTORY);
        assertThat(f.method()).isEqualTo(DemandForecast.Method.CROSTON_SBA);
        assertThat(f.rate()).isCloseTo(0.95 * 28 / 28.0, within(1e-9));
    }

    @Test
    void noDemandForecastsNothing() {
        DemandForecast f = DemandForecast.of(new int[90]);
        assertThat(f.method()).isEqualTo(DemandForecast.Method.NONE);
        assertThat(f.rate()).isZero();
    }

    @Test
    void stockForMoreThanAYearOrdersNothing() {
        ReorderPlan plan = ReorderPlan.of(1, 0, Z95, 500, 0, List.of(), 10, 7);
        assertThat(plan.quantity()).isZero();
        assertThat(plan.orderInDays()).isNull();
    }

    @Test
    void waitingCustomersAreDemandNow() {
        // no demand rate, nothing on hand, three customers wait: order 3 today
        ReorderPlan plan = ReorderPlan.of(0, 0, Z95, 0, 3, List.of(), 10, 7);
        assertThat(plan.quantity()).isEqualTo(3);
        assertThat(plan.orderInDays()).isZero();
    }
}

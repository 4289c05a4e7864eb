package dev.zaiko.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The order in which a rate-limited channel gets its queued SKUs (pure Java). */
class OversellRiskTest {

    static final Instant T0 = Instant.parse("2026-11-20T01:00:00Z");

    static FeedEntry entry(String sku, int ats, long seq, Instant at) {
        return new FeedEntry(sku, "MKT", ats, ats == 0 ? "OUT_OF_STOCK" : "IN_STOCK", seq, at);
    }

    @Test
    void theSafetyFloorGoesFirstAsZeroThenFastSellersWithLittleLeftThenBySequence() {
        OversellRisk risk = new OversellRisk(2);
        Instant later = T0.plusSeconds(60);
        // first values seen: no speed yet
        for (String sku : List.of("SLOW-A", "SLOW-B", "FAST-LOW", "FAST-HIGH", "FLOOR")) risk.seen(sku, 40, T0);
        List<FeedEntry> queued = List.of(
                entry("SLOW-A", 39, 10, later),     // 1 sold, 39 left
                entry("SLOW-B", 40, 11, later),     // nothing sold
                entry("FAST-HIGH", 20, 12, later),  // 20 sold, 20 left: risk 1
                entry("FAST-LOW", 3, 13, later),    // 37 sold, 3 left: risk 12.3
                entry("FLOOR", 2, 14, later));      // at the floor of 2
        queued.forEach(e -> risk.seen(e.sku(), e.ats(), e.changedAt()));

        List<OversellRisk.Queued> order = risk.order(queued, later);

        assertThat(order).extracting(OversellRisk.Queued::sku)
                .containsExactly("FLOOR", "FAST-LOW", "FAST-HIGH", "SLOW-A", "SLOW-B");
        assertThat(order.get(0).quantity()).as("the floor pushes 0").isZero();
        assertThat(order.get(1).quantity()).isEqualTo(3);
        assertThat(order.get(1).risk()).isGreaterThan(order.get(2).risk());
    }

    @Test
    void aSkuThatWaitedFiveSecondsGoesBeforeAHotterOneSoAFlashSaleStarvesNoOther() {
        OversellRisk risk = new OversellRisk(0);
        Instant now = T0.plusSeconds(60);
        risk.seen("HOT", 100, T0);
        risk.seen("COLD-OLD", 40, T0);
        risk.seen("COLD-NEW", 40, T0);
        List<FeedEntry> queued = List.of(
                entry("HOT", 10, 30, now),          // 90 sold, 10 left: by far the riskiest
                entry("COLD-OLD", 40, 10, now),
                entry("COLD-NEW", 40, 11, now));
        queued.forEach(e -> risk.seen(e.sku(), e.ats(), e.changedAt()));
        Map<String, Instant> since = Map.of("HOT", now, "COLD-OLD", now.minus(OversellRisk.MAX_WAIT),
                "COLD-NEW", now.minus(OversellRisk.MAX_WAIT).plusMillis(1));

        List<OversellRisk.Queued> order = risk.order(queued, now, since::get);

        assertThat(order).extracting(OversellRisk.Queued::sku).as("waited 5 s: before the hot SKU; 1 ms less: after")
                .containsExactly("COLD-OLD", "HOT", "COLD-NEW");
        assertThat(risk.order(queued, now)).extracting(OversellRisk.Queued::sku).as("nobody waited yet")
                .containsExactly("HOT", "COLD-OLD", "COLD-NEW");
    }

    @Test
    void salesOlderThanTheWindowNoLongerCountAndRisesDoNot() {
        OversellRisk risk = new OversellRisk(0);
        risk.seen("A", 50, T0);
        risk.seen("A", 10, T0.plusSeconds(1));   // 40 sold
        risk.seen("A", 30, T0.plusSeconds(2));   // a receipt: not a sale
        assertThat(risk.speed("A", T0.plusSeconds(3))).isEqualTo(40.0);
        assertThat(risk.speed("A", T0.plus(OversellRisk.WINDOW).plusSeconds(5))).isZero();
    }

    @Test
    void whatASenderLearntCarriesOverToTheNextUntilItsWindowEnds() {
        OversellRisk before = new OversellRisk(0);
        before.seen("FAST", 40, T0);
        before.seen("FAST", 2, T0.plusSeconds(10));   // 38 sold
        before.seen("SLOW", 40, T0);
        before.seen("SLOW", 41, T0.plusSeconds(10));  // a receipt: nothing to store
        Map<String, OversellRisk.Learnt> sold = before.sold(T0.plusSeconds(20));
        assertThat(sold).containsOnlyKeys("FAST");
        assertThat(sold.get("FAST")).isEqualTo(new OversellRisk.Learnt(38.0, 2, T0.plusSeconds(20)));
        assertThat(before.sold(T0.plusSeconds(30))).as("each sale is handed over once").isEmpty();

        OversellRisk after = new OversellRisk(0);
        after.learnt("FAST", sold.get("FAST"));
        assertThat(after.speed("FAST", T0.plusSeconds(60))).isEqualTo(38.0);
        after.seen("FAST", 1, T0.plusSeconds(70));    // the last ATS read came along: 1 more sold
        assertThat(after.speed("FAST", T0.plusSeconds(80))).isEqualTo(39.0);
        assertThat(after.speed("FAST", T0.plusSeconds(20).plus(OversellRisk.WINDOW).plusSeconds(1)))
                .as("the stored speed ends with its window, the sale after it still counts").isEqualTo(1.0);
    }

    @Test
    void withoutSalesTheOlderChangeGoesFirst() {
        OversellRisk risk = new OversellRisk(0);
        List<OversellRisk.Queued> order = risk.order(List.of(entry("B", 5, 8, T0), entry("A", 1, 7, T0),
                entry("C", 9, 9, T0)), T0);
        assertThat(order).extracting(OversellRisk.Queued::sku).containsExactly("A", "B", "C");
    }

    @Test
    void theBucketSpacesRequestsAtTheRateAndAnUrgentPushIsPaidBackLater() {
        TokenBucket bucket = new TokenBucket(5.0, T0);
        assertThat(bucket.millisUntilToken(T0)).isZero();
        bucket.take(T0);
        assertThat(bucket.millisUntilToken(T0)).isEqualTo(200);
        assertThat(bucket.millisUntilToken(T0.plusMillis(100))).isEqualTo(100);
        bucket.take(T0.plusMillis(100)); // urgent: into debt
        assertThat(bucket.millisUntilToken(T0.plusMillis(100))).isEqualTo(300);
        assertThat(bucket.millisUntilToken(T0.plus(Duration.ofSeconds(10)))).isZero();
    }

    @Test
    void aPushAnsweredWithWaitDoesNotPayForItsTokenSoTheRetryIsNotHeldTwice() {
        TokenBucket bucket = new TokenBucket(1.0, T0);
        bucket.take(T0);
        bucket.take(T0.plusSeconds(1)); // the platform (or its budget in front) answers: wait 300 ms
        bucket.giveBack();
        assertThat(bucket.millisUntilToken(T0.plusMillis(1300))).as("the retry after the wait goes at once")
                .isZero();
        bucket.take(T0.plusMillis(1300));
        assertThat(bucket.millisUntilToken(T0.plusMillis(1300))).as("and the one after keeps the rate")
                .isEqualTo(1000);
    }
}

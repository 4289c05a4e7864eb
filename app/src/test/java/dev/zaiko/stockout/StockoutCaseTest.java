package dev.zaiko.stockout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The customer's time to answer counts from when they were last given the options, else from the opening. */
class StockoutCaseTest {

    static final Instant OPENED = Instant.parse("2026-11-20T01:00:00Z");

    static StockoutCase withHistory(StockoutCase.StatusChange... changes) {
        return new StockoutCase("SO-000001", "123-4567890-1234567", 1, "SKU", 1, "ALLOCATION_FAILED",
                StockoutStatus.OPEN, 3, OPENED, "rule", OPENED, OPENED, null, List.of(changes));
    }

    static StockoutCase.StatusChange to(StockoutStatus status, Instant at) {
        return new StockoutCase.StatusChange(null, status, "staff", "called", at);
    }

    @Test
    void withoutContactTheDeadlineCountsFromTheOpening() {
        assertThat(withHistory(to(StockoutStatus.OPEN, OPENED)).decisionDeadline(Duration.ofDays(7)))
                .isEqualTo(OPENED.plus(Duration.ofDays(7)));
    }

    @Test
    void itCountsFromTheLastTimeTheCustomerWasGivenTheOptions() {
        Instant called = OPENED.plus(Duration.ofDays(2));
        Instant calledAgain = OPENED.plus(Duration.ofDays(3));
        StockoutCase c = withHistory(to(StockoutStatus.OPEN, OPENED), to(StockoutStatus.AWAITING_DECISION, calledAgain),
                to(StockoutStatus.AWAITING_DECISION, called));
        assertThat(c.decisionDeadline(Duration.ofDays(7))).isEqualTo(calledAgain.plus(Duration.ofDays(7)));
    }
}

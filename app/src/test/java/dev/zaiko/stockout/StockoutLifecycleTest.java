package dev.zaiko.stockout;

import static dev.zaiko.stockout.StockoutStatus.AWAITING_DECISION;
import static dev.zaiko.stockout.StockoutStatus.CLOSED;
import static dev.zaiko.stockout.StockoutStatus.OPEN;
import static dev.zaiko.stockout.StockoutStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;

import dev.zaiko.platform.ConflictException;
import org.junit.jupiter.api.Test;

class StockoutLifecycleTest {

    record Move(StockoutStatus from, StockoutStatus to) {
    }

    static final Set<Move> ALLOWED = Set.of(new Move(OPEN, AWAITING_DECISION), new Move(OPEN, RESOLVED),
            new Move(AWAITING_DECISION, RESOLVED), new Move(RESOLVED, CLOSED));

    @Test
    void exactlyTheseMovesAreAllowed() {
        for (StockoutStatus from : StockoutStatus.values()) {
            for (StockoutStatus to : StockoutStatus.values()) {
                assertThat(StockoutLifecycle.allows(from, to)).as(from + " → " + to)
                        .isEqualTo(ALLOWED.contains(new Move(from, to)));
            }
        }
    }

    @Test
    void nothingLeavesClosedAndNothingGoesBack() {
        for (StockoutStatus to : EnumSet.allOf(StockoutStatus.class)) {
            assertThat(StockoutLifecycle.allows(CLOSED, to)).isFalse();
        }
        assertThat(StockoutLifecycle.allows(RESOLVED, OPEN)).isFalse();
        assertThat(StockoutLifecycle.allows(AWAITING_DECISION, OPEN)).isFalse();
        assertThat(StockoutLifecycle.allows(null, OPEN)).isFalse();
    }

    @Test
    void aForbiddenMoveIsAConflictThatNamesTheCase() {
        assertThatThrownBy(() -> StockoutLifecycle.check("SO-000001", CLOSED, OPEN))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("SO-000001").hasMessageContaining("CLOSED")
                .satisfies(e -> assertThat(((ConflictException) e).type()).isEqualTo("stockout-status-conflict"));
        StockoutLifecycle.check("SO-000001", OPEN, AWAITING_DECISION); // allowed: no exception
    }

    @Test
    void onlyAnUndecidedCaseCanBeWithdrawnAndOnlyAWithdrawalClosesItWithoutADecision() {
        assertThat(StockoutLifecycle.allowsWithdrawal(OPEN)).isTrue();
        assertThat(StockoutLifecycle.allowsWithdrawal(AWAITING_DECISION)).isTrue();
        assertThat(StockoutLifecycle.allowsWithdrawal(RESOLVED)).as("its decision is being carried out").isFalse();
        assertThat(StockoutLifecycle.allowsWithdrawal(CLOSED)).isFalse();
        assertThat(StockoutLifecycle.allowsWithdrawal(null)).isFalse();
        StockoutLifecycle.checkWithdrawal("SO-000001", AWAITING_DECISION); // allowed: no exception
        assertThatThrownBy(() -> StockoutLifecycle.checkWithdrawal("SO-000001", RESOLVED))
                .isInstanceOf(ConflictException.class).hasMessageContaining("SO-000001")
                .satisfies(e -> assertThat(((ConflictException) e).type()).isEqualTo("stockout-status-conflict"));
        assertThatThrownBy(() -> StockoutLifecycle.checkWithdrawal("SO-000001", CLOSED))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> StockoutLifecycle.check("SO-000001", OPEN, CLOSED))
                .as("an ordinary change never closes an undecided case").isInstanceOf(ConflictException.class);
    }
}

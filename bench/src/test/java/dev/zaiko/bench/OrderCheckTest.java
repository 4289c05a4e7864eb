package dev.zaiko.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderCheckTest {

    @Test
    void everyCountSayingTheSameAgrees() {
        OrderCheck check = new OrderCheck(100, 60, 60, 60, 60, 40, 60, true);

        assertThat(check.agree()).isTrue();
        assertThat(check.oversold()).isZero();
        assertThat(check.verdict()).isEqualTo("yes");
    }

    @Test
    void anAllocatedOrderTheClientNeverHeardOfDisagrees() {
        OrderCheck check = new OrderCheck(100, 59, 60, 60, 60, 40, 60, true);

        assertThat(check.agree()).isFalse();
        assertThat(check.verdict()).isEqualTo("no: acknowledged 59 vs allocated 60");
    }

    @Test
    void unitsTakenBeyondTheShelfAreOversold() {
        OrderCheck check = new OrderCheck(100, 103, 103, 103, 103, -3, 103, true);

        assertThat(check.agree()).isFalse();
        assertThat(check.oversold()).isEqualTo(3);
        assertThat(check.verdict()).isEqualTo("no: sellable -3");
    }

    @Test
    void aLedgerThatDoesNotFoldToTheLevelsDisagrees() {
        OrderCheck check = new OrderCheck(100, 60, 60, 60, 61, 40, 60, false);

        assertThat(check.agree()).isFalse();
        assertThat(check.verdict()).isEqualTo("no: reserved 60 vs open reservations 61; ledger inconsistent");
    }
}

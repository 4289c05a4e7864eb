package dev.zaiko.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountersCheckTest {

    @Test
    void exactlyTheStockReservedEverywhereAgrees() {
        CountersCheck check = new CountersCheck(1000, 1000, 1000, 1000, 0, 1000);

        assertThat(check.agree()).isTrue();
        assertThat(check.oversold()).isZero();
        assertThat(check.verdict()).isEqualTo("yes");
    }

    @Test
    void lostUpdatesShowAsRowsTheReservedBucketDoesNotCount() {
        // what a read-check-write strategy leaves behind: every buyer got a row, few decrements stuck
        CountersCheck check = new CountersCheck(1000, 20000, 20000, 20000, 937, 63);

        assertThat(check.agree()).isFalse();
        assertThat(check.oversold()).isEqualTo(19000);
        assertThat(check.verdict()).isEqualTo("no: reserved 63 vs rows 20000");
    }

    @Test
    void unitsThatVanishFromTheBucketsDisagree() {
        CountersCheck check = new CountersCheck(10, 4, 4, 4, 5, 4);

        assertThat(check.agree()).isFalse();
        assertThat(check.verdict()).isEqualTo("no: sellable+reserved 9 vs stock 10");
    }
}

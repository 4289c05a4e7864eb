package dev.zaiko.stockout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StockoutStoreTest {

    @Test
    void caseIdsHaveAtLeastSixDigitsAndAreNeverCut() {
        assertThat(StockoutStore.caseId(42)).isEqualTo("SO-000042");
        assertThat(StockoutStore.caseId(999_999)).isEqualTo("SO-999999");
        assertThat(StockoutStore.caseId(1_234_567)).isEqualTo("SO-1234567");
    }

    @Test
    void orderNumbersAreShownWithDashes() {
        assertThat(StockoutStore.display("90944462596592639")).isEqualTo("909-4446259-6592639");
    }
}

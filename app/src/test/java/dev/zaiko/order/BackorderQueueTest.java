package dev.zaiko.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class BackorderQueueTest {

    static final Instant T0 = Instant.parse("2026-11-20T01:00:00Z");

    /** The 16 digits completed with their check digit. */
    static OrderNumber number(String digits16) {
        for (int d = 0; d <= 9; d++) {
            try {
                return new OrderNumber(digits16 + d);
            } catch (IllegalArgumentException wrongCheckDigit) {
                // try the next one
            }
        }
        throw new IllegalStateException("no check digit for " + digits16);
    }

    static BackorderQueue.Waiting line(String digits16, int lineNo, boolean b2b, int secondsAfter) {
        return new BackorderQueue.Waiting(number(digits16), lineNo, "TENT", 1, "WEB", b2b,
                T0.plusSeconds(secondsAfter), null);
    }

    final BackorderQueue.Waiting first = line("1000000000000001", 1, false, 0);
    final BackorderQueue.Waiting secondB2b = line("1000000000000002", 1, true, 10);
    final BackorderQueue.Waiting thirdLine2 = line("1000000000000003", 2, false, 20);
    final BackorderQueue.Waiting thirdLine1 = line("1000000000000003", 1, false, 20);
    final BackorderQueue.Waiting fourthB2b = line("1000000000000004", 1, true, 30);

    @Test
    void firstComeFirstServedByPlacementTimeThenOrderAndLine() {
        assertThat(BackorderQueue.inFillingOrder(List.of(fourthB2b, thirdLine2, secondB2b, thirdLine1, first), false))
                .containsExactly(first, secondB2b, thirdLine1, thirdLine2, fourthB2b);
    }

    @Test
    void contractCustomersFirstWhenTheShopSaysSoAndFirstComeAmongThem() {
        assertThat(BackorderQueue.inFillingOrder(List.of(thirdLine2, fourthB2b, first, thirdLine1, secondB2b), true))
                .containsExactly(secondB2b, fourthB2b, first, thirdLine1, thirdLine2);
    }

    @Test
    void theSameInstantIsBrokenByOrderNumberSoTheOrderIsTotal() {
        BackorderQueue.Waiting a = line("2000000000000001", 1, false, 0);
        BackorderQueue.Waiting b = line("2000000000000002", 1, false, 0);
        assertThat(BackorderQueue.inFillingOrder(List.of(b, a), false)).containsExactly(a, b);
        assertThat(BackorderQueue.inFillingOrder(List.of(b, a), true)).containsExactly(a, b);
    }
}

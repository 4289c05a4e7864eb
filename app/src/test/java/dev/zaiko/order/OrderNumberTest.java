package dev.zaiko.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import dev.zaiko.platform.InvalidRequestException;
import org.junit.jupiter.api.Test;

class OrderNumberTest {

    @Test
    void theDammCheckDigitMatchesThePublishedExample() {
        assertThat(OrderNumber.checkDigit("572")).isEqualTo('4'); // Damm (2004), also Wikipedia's example
        assertThat(OrderNumber.valid("5724")).isTrue();
        assertThat(OrderNumber.valid("5723")).isFalse();
    }

    @Test
    void randomNumbersAreValidSeventeenDigitsInThreeGroupsAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            OrderNumber n = OrderNumber.random();
            assertThat(n.toString()).matches("\\d{3}-\\d{7}-\\d{7}");
            assertThat(OrderNumber.valid(n.digits())).isTrue();
            assertThat(OrderNumber.parse(n.toString())).isEqualTo(n);
            seen.add(n.digits());
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void everySingleDigitChangeAndEveryAdjacentTranspositionIsDetected() {
        for (int i = 0; i < 2_000; i++) {
            String valid = OrderNumber.random().digits();
            for (int pos = 0; pos < valid.length(); pos++) {
                for (char d = '0'; d <= '9'; d++) {
                    if (d == valid.charAt(pos)) continue;
                    String wrong = valid.substring(0, pos) + d + valid.substring(pos + 1);
                    assertThat(OrderNumber.valid(wrong)).as("%s with position %d changed to %s", valid, pos, d).isFalse();
                }
            }
            for (int pos = 0; pos + 1 < valid.length(); pos++) {
                if (valid.charAt(pos) == valid.charAt(pos + 1)) continue;
                String swapped = valid.substring(0, pos) + valid.charAt(pos + 1) + valid.charAt(pos)
                        + valid.substring(pos + 2);
                assertThat(OrderNumber.valid(swapped)).as("%s with positions %d,%d swapped", valid, pos, pos + 1)
                        .isFalse();
            }
        }
    }

    @Test
    void everyAdjacentPairIncludingZeroNineIsDetectedExhaustively() {
        // the pairs Luhn misses (09 <-> 90) are the reason for Damm; check all 90 pairs at every position
        String prefix = "1234567890123456";
        for (int pos = 0; pos + 1 < 16; pos++) {
            for (char a = '0'; a <= '9'; a++) {
                for (char b = '0'; b <= '9'; b++) {
                    if (a == b) continue;
                    String body = prefix.substring(0, pos) + a + b + prefix.substring(pos + 2);
                    String valid = body + OrderNumber.checkDigit(body);
                    String swapped = prefix.substring(0, pos) + b + a + prefix.substring(pos + 2) + valid.charAt(16);
                    assertThat(OrderNumber.valid(swapped)).as(valid + " vs " + swapped).isFalse();
                }
            }
        }
    }

    @Test
    void parsingAcceptsDashesSpacesAndFullWidthDigits() {
        OrderNumber n = OrderNumber.random();
        String d = n.digits();
        assertThat(OrderNumber.parse(d)).isEqualTo(n);
        assertThat(OrderNumber.parse(d.substring(0, 3) + " " + d.substring(3, 10) + " " + d.substring(10))).isEqualTo(n);
        StringBuilder wide = new StringBuilder();
        d.chars().forEach(c -> wide.append((char) ('０' + (c - '0'))));
        assertThat(OrderNumber.parse(wide.toString())).isEqualTo(n);
    }

    @Test
    void aWrongCheckDigitSaysItWasProbablyMisheard() {
        String d = OrderNumber.random().digits();
        String wrong = d.substring(0, 16) + (char) ('0' + (d.charAt(16) - '0' + 1) % 10);
        assertThatThrownBy(() -> OrderNumber.parse(wrong)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("check digit").hasMessageContaining("misheard");
        assertThatThrownBy(() -> OrderNumber.parse("12345")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("17 digits");
        assertThatThrownBy(() -> OrderNumber.parse("abc-defghij-klmnopq")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new OrderNumber(wrong)).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.zaiko.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class MailOutboxPropertiesTest {

    @Test
    void defaultsAndADoublingWaitCappedAtTheMaximum() {
        MailOutboxProperties p = new MailOutboxProperties(null, null, null);
        assertThat(p.maxAttempts()).isEqualTo(8);
        assertThat(p.retryAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.retryAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.retryAfter(6)).isEqualTo(Duration.ofMinutes(32));
        assertThat(p.retryAfter(7)).isEqualTo(Duration.ofHours(1));
        assertThat(p.retryAfter(50)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void withTheDefaultsAnEmailRidesOutAnSmtpOutageOfTwoHoursBeforeItIsGivenUp() {
        MailOutboxProperties p = new MailOutboxProperties(null, null, null);
        assertThat(p.patience()).isEqualTo(Duration.ofMinutes(1 + 2 + 4 + 8 + 16 + 32 + 60));
        assertThat(p.patience()).isGreaterThan(Duration.ofHours(2));
        assertThat(new MailOutboxProperties(1, null, null).patience()).isZero();
        assertThat(new MailOutboxProperties(3, null, null).patience()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void nonsenseIsRefusedAtStart() {
        assertThatThrownBy(() -> new MailOutboxProperties(0, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailOutboxProperties(null, Duration.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailOutboxProperties(null, Duration.ofHours(2), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addressesAreBlankedInServerReplies() {
        assertThat(Redaction.addresses("550 5.1.1 <yamada@customer.example>: User unknown"))
                .isEqualTo("550 5.1.1 <[address]>: User unknown");
        assertThat(Redaction.addresses(null)).isNull();
    }
}

package dev.zaiko.mail;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

import dev.zaiko.support.ShopApi;

/** The outbox's HTTP API, and emails to send in tests (each with its own recipient and reference). */
class MailApi extends ShopApi {

    static final Duration BOUND = Duration.ofSeconds(30);

    MailApi(int port) {
        super(port);
    }

    static OutgoingEmail email(String reference) {
        return new OutgoingEmail("test:" + reference, reference.toLowerCase() + "@customer.example", "山田 太郎",
                "ご注文の商品について", "山田様\n\nご注文の商品が欠品となりました。", null, reference, null,
                "FOLLOW_UP", false, "ja");
    }

    static OutgoingEmail html(String reference) {
        OutgoingEmail e = email(reference);
        return new OutgoingEmail(e.idempotencyKey(), e.to(), e.toName(), "【至急】ご注文 " + reference + " の欠品について",
                e.text(), "<p>山田様</p><p>ご注文の商品が<strong>欠品</strong>となりました。</p>", reference,
                "W-000123-4", "ESCALATION", true, "ja");
    }

    /** Waits, with a bound, until the email is in a state the test expects. */
    static QueuedEmail awaitEmail(Outbox outbox, UUID id, String what, Predicate<QueuedEmail> condition) {
        return await("email " + id + " " + what).atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> outbox.find(id).orElseThrow(), condition);
    }
}

package dev.zaiko.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.Jobs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cash paid at a convenience store: a bank transfer when the customer registers an account before
 * the deadline, the gift balance otherwise (final), a reminder before the deadline.
 */
class KonbiniRefundApiTest extends RefundApiTestBase {

    @Autowired
    JobScheduler jobs;

    @Autowired
    RefundEventProbe events;

    String email;

    String cancelledKonbiniOrder(long price) {
        email = RefundApi.email();
        String sku = api.product(shop, price, 1);
        ObjectNode body = RefundApi.body(shop.web(), email, sku, 1, price);
        body.withObject("payment").put("method", "KONBINI").put("status", "PAID");
        String number = api.place(body);
        api.cancelLine(number, 1, 1);
        return number;
    }

    static ObjectNode account(String number) {
        return RefundApi.JSON.createObjectNode().put("bankCode", "0005").put("branchCode", "123")
                .put("accountType", "ORDINARY").put("accountNumber", number).put("holderName", "タカハシ ミサキ");
    }

    @Test
    void anAccountRegisteredBeforeTheDeadlineGetsABankTransfer() {
        String number = cancelledKonbiniOrder(4400);
        JsonNode waiting = RefundApi.only(api.settled(number, 1), "PAYMENT");
        assertThat(waiting.path("status").asString()).isEqualTo("AWAITING_ACCOUNT");
        assertThat(waiting.path("route").asString()).isEqualTo("KONBINI");
        Instant deadline = Instant.parse(waiting.path("accountDeadline").asString());
        assertThat(Duration.between(clock.instant(), deadline)).isBetween(Duration.ofDays(7).minusMinutes(1),
                Duration.ofDays(7));
        assertThat(waiting.path("customerText").asString()).contains("4,400円", "銀行口座", "ギフト残高");
        assertThat(events.accountRequests(number)).singleElement()
                .satisfies(e -> assertThat(e.reminder()).isFalse());

        clock.advance(Duration.ofDays(6));
        String id = waiting.path("id").asString();
        api.ok(api.post("/api/refunds/" + id + "/bank-account", account("1234567")));

        JsonNode done = RefundApi.only(api.until(number, r -> RefundApi.all(r,
                x -> x.path("status").asString().equals("COMPLETED"))), "PAYMENT");
        assertThat(done.path("route").asString()).isEqualTo("BANK_TRANSFER");
        assertThat(done.path("bankAccount").asString()).contains("****567").doesNotContain("1234567");
        assertThat(done.path("customerText").asString()).contains("銀行口座");
        assertThat(api.wallet(email).path("balances").path("giftBalance").asLong()).isZero();
        api.reconciles(number);
    }

    @Test
    void withoutAnAccountTheCustomerIsRemindedAndTheGiftBalanceIsCreditedAtTheDeadlineForGood() {
        String number = cancelledKonbiniOrder(2200);
        JsonNode waiting = RefundApi.only(api.settled(number, 1), "PAYMENT");
        String id = waiting.path("id").asString();

        clock.advance(Duration.ofDays(4)); // not yet time for the reminder
        Jobs.runRecurring(jobs, clock, RefundJobs.ACCOUNT_DEADLINES);
        assertThat(events.accountRequests(number)).hasSize(1);

        clock.advance(Duration.ofDays(2)); // a day before the deadline
        Jobs.runRecurring(jobs, clock, RefundJobs.ACCOUNT_DEADLINES);
        assertThat(events.accountRequests(number)).hasSize(2)
                .last().satisfies(e -> assertThat(e.reminder()).isTrue());
        Jobs.runRecurring(jobs, clock, RefundJobs.ACCOUNT_DEADLINES);
        assertThat(events.accountRequests(number)).as("reminded once").hasSize(2);
        assertThat(RefundApi.only(api.refunds(number), "PAYMENT").path("status").asString())
                .isEqualTo("AWAITING_ACCOUNT");

        clock.advance(Duration.ofDays(1).plusMinutes(1)); // past the deadline
        Jobs.runRecurring(jobs, clock, RefundJobs.ACCOUNT_DEADLINES);
        JsonNode credited = RefundApi.only(api.until(number, r -> RefundApi.all(r,
                x -> x.path("status").asString().equals("COMPLETED"))), "PAYMENT");
        assertThat(credited.path("route").asString()).isEqualTo("GIFT_BALANCE");
        assertThat(api.wallet(email).path("balances").path("giftBalance").asLong()).isEqualTo(2200);

        // too late to change the route: refused, nothing changes
        RefundApi.Response late = api.post("/api/refunds/" + id + "/bank-account", account("7654321"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.type()).endsWith("refund-not-awaiting-account");
        assertThat(api.wallet(email).path("balances").path("giftBalance").asLong()).isEqualTo(2200);
        api.reconciles(number);
    }

    @Test
    void anAccountRegisteredAfterTheDeadlineBeforeTheSweepIsRefusedClearly() {
        String number = cancelledKonbiniOrder(1100);
        JsonNode waiting = RefundApi.only(api.settled(number, 1), "PAYMENT");
        clock.advance(Duration.ofDays(7).plusMinutes(1));

        RefundApi.Response late = api.post("/api/refunds/" + waiting.path("id").asString() + "/bank-account",
                account("1234567"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.type()).endsWith("bank-account-deadline-passed");
        assertThat(late.detail()).contains("gift balance");
        JsonNode after = RefundApi.only(api.refunds(number), "PAYMENT");
        assertThat(after.path("status").asString()).isEqualTo("AWAITING_ACCOUNT");
        assertThat(after.path("bankAccount").isNull()).isTrue();
    }

    @Test
    void aWrongAccountIsRefusedFieldByFieldAndNothingChanges() {
        String number = cancelledKonbiniOrder(1100);
        String id = RefundApi.only(api.settled(number, 1), "PAYMENT").path("id").asString();
        ObjectNode wrong = account("12a").put("bankCode", "5").put("holderName", "山田太郎");

        RefundApi.Response refused = api.post("/api/refunds/" + id + "/bank-account", wrong);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.type()).endsWith("invalid-bank-account");
        assertThat(refused.json().path("errors").toString()).contains("\"bankCode\"", "\"accountNumber\"",
                "\"holderName\"");
        assertThat(refused.detail()).contains("accountNumber must");
        assertThat(RefundApi.only(api.refunds(number), "PAYMENT").path("status").asString())
                .isEqualTo("AWAITING_ACCOUNT");
    }
}

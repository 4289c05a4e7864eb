package dev.zaiko.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.zaiko.contact.ContactApi;
import dev.zaiko.contact.ContactApiTestBase;
import dev.zaiko.support.ShopApi;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A shop with no payment provider (the default: the manual route, payment.ManualGateway): a card
 * refund or a bank payout is a task for staff, counts as under way and never as completed until a
 * person confirms it with the provider's reference, then completes the normal way and the customer
 * is told in writing that it was made. The contact desk is on (its emails are read over SMTP).
 */
@TestPropertySource(properties = "zaiko.payment.gateway=manual")
class ManualRefundsApiTest extends ContactApiTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;


    RefundApi refunds;

    @BeforeEach
    void refundClient() {
        refunds = new RefundApi(port);
    }

    JsonNode openTask(String refundId) {
        for (JsonNode t : refunds.ok(refunds.get("/api/refunds/manual-tasks?status=OPEN")).path("tasks")) {
            if (t.path("refundId").asString().equals(refundId)) return t;
        }
        throw new AssertionError("no open manual task for refund " + refundId);
    }

    static JsonNode underWay(JsonNode reconciliation, String number) {
        for (JsonNode u : reconciliation.path("underWay")) {
            if (u.path("orderNumber").asString().equals(number)) return u;
        }
        return null;
    }

    static long completions(JsonNode refund) {
        long n = 0;
        for (JsonNode h : refund.path("history")) if (h.path("to").asString().equals("COMPLETED")) n++;
        return n;
    }

    List<MimeMessage> refundMadeEmails(String email) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : api.emailsTo(email)) {
            if (ContactApi.subject(m).startsWith("返金の手続きが完了しました")) out.add(m);
        }
        return out;
    }

    @Test
    void aCardRefundWaitsForStaffIsUnderWayUntilConfirmedThenCompletesAndTheCustomerIsToldItWasMade() {
        String email = RefundApi.email();
        String sku = refunds.product(shop, 3000, 1);
        String number = refunds.place(RefundApi.body(shop.web(), email, sku, 1, 3000));
        String paymentReference = refunds.ok(refunds.get("/api/orders/" + number)).path("payment").path("reference")
                .asString(number);
        refunds.cancelLine(number, 1, 1);

        // the gateway accepted it as a task: no money moved, nothing reported as refunded
        JsonNode waiting = RefundApi.only(refunds.until(number, r -> r.path("refunds").size() == 1
                && RefundApi.all(r, x -> x.path("status").asString().equals("AWAITING_CONFIRMATION"))), "PAYMENT");
        String refundId = waiting.path("id").asString();
        assertThat(waiting.path("route").asString()).isEqualTo("CARD_REFUND");
        assertThat(waiting.path("completedAt").isNull()).isTrue();
        assertThat(waiting.path("statusText").asString()).isEqualTo("手続き中");
        assertThat(refunds.refunds(number).path("totals").path("completed").asLong()).isZero();

        JsonNode task = openTask(refundId);
        assertThat(task.path("operation").asString()).isEqualTo("REFUND");
        assertThat(task.path("amount").asLong()).isEqualTo(3000);
        assertThat(task.path("currency").asString()).isEqualTo("JPY");
        assertThat(task.path("orderNumber").asString()).isEqualTo(number);
        assertThat(task.path("instruction").asString()).contains("3,000円", paymentReference, number);
        String taskId = task.path("id").asString();
        assertThat(refunds.ok(refunds.get("/api/refunds/manual-tasks/" + taskId, "en")).path("instruction").asString())
                .startsWith("Refund 3,000 yen on payment " + paymentReference).contains("provider's dashboard");

        // the reconciliation lists the order as under way, all of it waiting for a person, and owes nothing
        JsonNode reconciliation = refunds.reconciliation();
        JsonNode open = underWay(reconciliation, number);
        assertThat(open).as("order under way in " + reconciliation).isNotNull();
        assertThat(open.path("underWay").asLong()).isEqualTo(3000);
        assertThat(open.path("awaitingConfirmation").asLong()).isEqualTo(3000);
        refunds.reconciles(number);

        // the console lists it, with the form to confirm it, and the order page says in progress
        RefundApi browser = new RefundApi(port);
        browser.signIn("admin", "test-admin-password");
        ShopApi.Response page = browser.page("/refunds/manual-tasks");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(taskId, "3,000円", paymentReference, "/refunds/manual-tasks/" + taskId
                + "/confirm", "手作業の返金");
        assertThat(browser.page("/orders/" + number).body()).contains("手続き中");

        // a blank reference confirms nothing
        ShopApi.Response blank = refunds.post("/api/refunds/manual-tasks/" + taskId + "/confirm",
                RefundApi.JSON.createObjectNode().put("reference", " "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().path("field").asString()).isEqualTo("reference");
        assertThat(openTask(refundId).path("status").asString()).isEqualTo("OPEN");

        ShopApi.Response confirmed = refunds.post("/api/refunds/manual-tasks/" + taskId + "/confirm",
                RefundApi.JSON.createObjectNode().put("reference", "re_3MtwBwLkdIwHu7ix"));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().path("alreadyConfirmed").booleanValue()).isFalse();
        assertThat(confirmed.json().path("task").path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(confirmed.json().path("task").path("confirmedBy").asString()).startsWith("token:");

        JsonNode done = RefundApi.only(refunds.until(number, r -> RefundApi.all(r,
                x -> x.path("status").asString().equals("COMPLETED"))), "PAYMENT");
        assertThat(done.path("transactionId").asString()).isEqualTo("re_3MtwBwLkdIwHu7ix");
        assertThat(done.path("history").findValuesAsString("to")).containsSubsequence("PROCESSING",
                "AWAITING_CONFIRMATION", "REQUESTED", "PROCESSING", "COMPLETED");
        assertThat(underWay(refunds.reconciliation(), number)).isNull();
        refunds.reconciles(number);

        MimeMessage made = api.email(email, s -> s.startsWith("返金の手続きが完了しました"));
        assertThat(ContactApi.subject(made)).contains(number);
        assertThat(ContactApi.text(made)).contains(number, "クレジットカードへの返金", "3,000円を返金しました");

        // confirming again: the same reference changes nothing, another one is refused
        ShopApi.Response again = refunds.post("/api/refunds/manual-tasks/" + taskId + "/confirm",
                RefundApi.JSON.createObjectNode().put("reference", "re_3MtwBwLkdIwHu7ix"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("alreadyConfirmed").booleanValue()).isTrue();
        ShopApi.Response other = refunds.post("/api/refunds/manual-tasks/" + taskId + "/confirm",
                RefundApi.JSON.createObjectNode().put("reference", "re_SOMETHING_ELSE"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.type()).endsWith("manual-task-already-confirmed");
        JsonNode after = RefundApi.only(refunds.refunds(number), "PAYMENT");
        assertThat(completions(after)).isEqualTo(1);
        assertThat(after.path("transactionId").asString()).isEqualTo("re_3MtwBwLkdIwHu7ix");
        assertThat(refundMadeEmails(email)).hasSize(1);
    }

    @Test
    void aBankPayoutOfAKonbiniRefundIsATaskWithTheAccountMaskedAndIsConfirmedFromTheConsole() {
        String email = RefundApi.email();
        String sku = refunds.product(shop, 4400, 1);
        ObjectNode body = RefundApi.body(shop.web(), email, sku, 1, 4400);
        body.withObject("payment").put("method", "KONBINI").put("status", "PAID");
        String number = refunds.place(body);
        refunds.cancelLine(number, 1, 1);
        JsonNode waiting = RefundApi.only(refunds.settled(number, 1), "PAYMENT");
        refunds.ok(refunds.post("/api/refunds/" + waiting.path("id").asString() + "/bank-account",
                KonbiniRefundApiTest.account("1234567")));

        JsonNode pending = RefundApi.only(refunds.until(number, r -> RefundApi.all(r,
                x -> x.path("status").asString().equals("AWAITING_CONFIRMATION"))), "PAYMENT");
        assertThat(pending.path("route").asString()).isEqualTo("BANK_TRANSFER");
        JsonNode task = openTask(pending.path("id").asString());
        String taskId = task.path("id").asString();
        assertThat(task.path("operation").asString()).isEqualTo("PAYOUT");
        assertThat(task.path("payee").asString()).contains("****567").doesNotContain("1234567");
        assertThat(task.path("instruction").asString()).contains("4,400円", "****567").doesNotContain("1234567");
        assertThat(refunds.ok(refunds.get("/api/refunds/manual-tasks")).toString()).doesNotContain("1234567");
        assertThat(jdbc.queryForObject("select count(*) from gateway_manual_task t where t::text like '%1234567%'",
                Integer.class)).as("the account number is sealed at rest in the task too").isZero();
        assertThat(jdbc.queryForObject("select count(*) from gateway_manual_task t where t::text like '%****567%'",
                Integer.class)).as("while its masked form is there to read").isPositive();
        assertThat(underWay(refunds.reconciliation(), number).path("awaitingConfirmation").asLong()).isEqualTo(4400);

        // whoever makes the transfer asks for the whole account (a POST: write scope, audited)
        RefundApi writer = new RefundApi(port);
        writer.useToken(refunds.ok(refunds.post("/api/access/tokens", RefundApi.JSON.createObjectNode()
                .put("name", RefundApi.unique("packing")).put("scope", "WRITE"))).path("token").asString());
        assertThat(writer.post("/api/refunds/manual-tasks/" + taskId + "/payee").status())
                .as("the whole account takes a supervisor's authority, as on the console page").isEqualTo(403);
        JsonNode payee = refunds.ok(refunds.post("/api/refunds/manual-tasks/" + taskId + "/payee"));
        assertThat(payee.path("accountNumber").asString()).isEqualTo("1234567");
        assertThat(payee.path("bankCode").asString()).isEqualTo("0005");

        RefundApi browser = new RefundApi(port);
        browser.signIn("admin", "test-admin-password");
        assertThat(browser.page("/refunds/manual-tasks").body()).contains(taskId, "4,400円");
        ShopApi.Response form = browser.postForm("/refunds/manual-tasks/" + taskId + "/confirm",
                Map.of("reference", "FURIKOMI-20260301-0042"));
        assertThat(form.status()).as(form.body()).isEqualTo(302);
        assertThat(form.location()).contains("notice=confirmed");

        JsonNode done = RefundApi.only(refunds.until(number, r -> RefundApi.all(r,
                x -> x.path("status").asString().equals("COMPLETED"))), "PAYMENT");
        assertThat(done.path("transactionId").asString()).isEqualTo("FURIKOMI-20260301-0042");
        assertThat(done.path("outcome").path("confirmedBy").asString()).isEqualTo("user:admin");
        refunds.reconciles(number);
        assertThat(ContactApi.text(api.email(email, s -> s.startsWith("返金の手続きが完了しました"))))
                .contains("銀行振込での返金", "4,400円を返金しました");
        assertThat(browser.page("/refunds/manual-tasks?status=CONFIRMED").body()).contains("FURIKOMI-20260301-0042");
    }
}

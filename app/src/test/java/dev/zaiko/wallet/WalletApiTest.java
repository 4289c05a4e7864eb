package dev.zaiko.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The staff API: /api/wallets and /api/coupons, their answers in both languages, and every refusal writing nothing. */
class WalletApiTest extends WalletTestBase {

    private ObjectNode pointsBody() {
        return WalletApi.JSON.createObjectNode().put("customer", customer).put("points", 500)
                .put("validUntil", today().plusDays(30).toString()).put("reason", "Birthday");
    }

    private ObjectNode giftBody() {
        return WalletApi.JSON.createObjectNode().put("customer", customer).put("amount", 3000).put("reason", "Gift card");
    }

    private ObjectNode couponBody() {
        return WalletApi.JSON.createObjectNode().put("campaign", "Autumn").put("kind", "FIXED").put("value", 500)
                .put("campaignEnds", today().plusDays(10).toString());
    }

    @Test
    void staffGrantPointsAndGiftBalanceAndReadTheWallet() {
        WalletApi.Response granted = api.post("/api/wallets/points", pointsBody());

        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        JsonNode lot = granted.json().path("lot");
        assertThat(lot.path("kind").asString()).isEqualTo("POINTS");
        assertThat(lot.path("kindText").asString()).isEqualTo("ポイント");
        assertThat(lot.path("amount").longValue()).isEqualTo(500);
        assertThat(lot.path("remaining").longValue()).isEqualTo(500);
        assertThat(lot.path("validUntil").asString()).isEqualTo(today().plusDays(30).toString());
        assertThat(lot.path("expired").booleanValue()).isFalse();
        assertThat(lot.path("reason").asString()).isEqualTo("Birthday");
        assertThat(lot.path("validityText").asString()).endsWith("まで有効");
        assertThat(granted.json().path("balance").longValue()).isEqualTo(500);

        JsonNode gift = api.ok(api.post("/api/wallets/gift-balance", giftBody()));
        assertThat(gift.path("lot").path("validUntil").asString()).as("ten years unless staff say otherwise")
                .isEqualTo(today().plusDays(3650).toString());
        api.ok(api.post("/api/wallets/gift-balance", giftBody().put("amount", 700)
                .put("validUntil", today().toString())));
        String code = api.coupon("PERCENT", 10, today().plusDays(5), customer);
        wallets.redeem(customer, orderNumber(), 200, 0, null, 0, 5000);

        JsonNode wallet = api.wallet(customer.toUpperCase());

        assertThat(wallet.path("today").asString()).isEqualTo(today().toString());
        assertThat(wallet.path("balances").path("points").longValue()).isEqualTo(300);
        assertThat(wallet.path("balances").path("giftBalance").longValue()).isEqualTo(3700);
        assertThat(wallet.path("lots").size()).isEqualTo(3);
        assertThat(wallet.path("lots").get(0).path("remaining").longValue()).isEqualTo(300);
        assertThat(wallet.path("entries").size()).isEqualTo(4);
        JsonNode redeemed = wallet.path("entries").get(3);
        assertThat(redeemed.path("kind").asString()).isEqualTo("REDEEM");
        assertThat(redeemed.path("kindText").asString()).isEqualTo("ご注文でのご利用");
        assertThat(redeemed.path("amount").longValue()).isEqualTo(-200);
        assertThat(wallet.path("coupons").size()).isEqualTo(1);
        JsonNode coupon = wallet.path("coupons").get(0);
        assertThat(coupon.path("code").asString()).isEqualTo(code);
        assertThat(coupon.path("discountText").asString()).isEqualTo("10%オフ");
        assertThat(coupon.path("statusText").asString()).isEqualTo("未使用");

        JsonNode english = api.ok(api.get("/api/wallets?customer=" + customer, "en"));
        assertThat(english.path("lots").get(1).path("kindText").asString()).isEqualTo("Gift balance");
        assertThat(english.path("lots").get(2).path("validityText").asString()).startsWith("Valid until");
        assertThat(english.path("coupons").get(0).path("discountText").asString()).isEqualTo("10% off");
        assertThat(english.path("coupons").get(0).path("statusText").asString()).isEqualTo("Not used yet");
    }

    @Test
    void aGrantWithAKeyIsMadeOnce() {
        JsonNode first = api.ok(api.post("/api/wallets/points", pointsBody().put("key", "campaign-42")));
        JsonNode again = api.ok(api.post("/api/wallets/points", pointsBody().put("key", "campaign-42")));

        assertThat(again.path("lot")).isEqualTo(first.path("lot"));
        assertThat(api.wallet(customer).path("balances").path("points").longValue()).isEqualTo(500);
    }

    @Test
    void staffIssueCouponsWithTheirCodeOrANewOneAndReadThem() {
        String code = WalletApi.unique("AUTUMN");
        WalletApi.Response created = api.post("/api/coupons", couponBody().put("code", code).put("customer", customer));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.location()).endsWith("/api/coupons/" + code);
        JsonNode coupon = created.json();
        assertThat(coupon.path("code").asString()).isEqualTo(code);
        assertThat(coupon.path("kind").asString()).isEqualTo("FIXED");
        assertThat(coupon.path("value").longValue()).isEqualTo(500);
        assertThat(coupon.path("discountText").asString()).isEqualTo("500円引き");
        assertThat(coupon.path("status").asString()).isEqualTo("ISSUED");
        assertThat(coupon.path("campaignEnds").asString()).isEqualTo(today().plusDays(10).toString());
        assertThat(api.ok(api.get("/api/coupons/" + code))).isEqualTo(coupon);
        assertThat(api.ok(api.get("/api/coupons/" + code, "en")).path("discountText").asString()).isEqualTo("JPY 500 off");

        JsonNode generated = api.ok(api.post("/api/coupons", couponBody()));
        assertThat(generated.path("code").asString()).hasSize(10);

        Map<String, String> before = api.snapshot();
        WalletApi.Response taken = api.post("/api/coupons", couponBody().put("code", code).put("value", 900));
        WalletApi.assertProblem(taken, 409, "coupon-code-taken");
        assertThat(taken.detail()).contains(code);
        assertThat(api.snapshot()).isEqualTo(before);
        assertThat(api.ok(api.get("/api/coupons/" + code)).path("value").longValue()).isEqualTo(500);

        WalletApi.assertProblem(api.get("/api/coupons/NO-SUCH-COUPON"), 404, "not-found");
    }

    @Test
    void badGrantsAreRefusedWithAClearDetailAndWriteNothing() {
        refused("/api/wallets/points", pointsBody(), b -> b.put("validUntil", today().minusDays(1).toString()),
                "validUntil");
        refused("/api/wallets/points", pointsBody(), b -> b.put("points", 0), "points");
        refused("/api/wallets/points", pointsBody(), b -> b.put("points", -5), "points");
        refused("/api/wallets/points", pointsBody(), b -> b.remove("validUntil"), "validUntil");
        refused("/api/wallets/points", pointsBody(), b -> b.remove("reason"), "reason");
        refused("/api/wallets/points", pointsBody(), b -> b.put("customer", "not-an-email"), "customer");
        refused("/api/wallets/points", pointsBody(), b -> b.put("points", 1.5), "");
        refused("/api/wallets/gift-balance", giftBody(), b -> b.put("amount", 0), "amount");
        refused("/api/wallets/gift-balance", giftBody(), b -> b.put("amount", -3000), "amount");
        refused("/api/wallets/gift-balance", giftBody(), b -> b.put("validUntil", today().minusDays(1).toString()),
                "validUntil");
        refused("/api/wallets/gift-balance", giftBody(), b -> b.remove("customer"), "customer");
        refused("/api/coupons", couponBody(), b -> b.put("kind", "PERCENT").put("value", 101), "PERCENT");
        refused("/api/coupons", couponBody(), b -> b.put("kind", "PERCENT").put("value", 0), "value");
        refused("/api/coupons", couponBody(), b -> b.put("kind", "BOGO"), "kind");
        refused("/api/coupons", couponBody(), b -> b.remove("kind"), "kind");
        refused("/api/coupons", couponBody(), b -> b.put("value", -500), "value");
        refused("/api/coupons", couponBody(), b -> b.put("campaignEnds", today().minusDays(1).toString()),
                "campaignEnds");
        refused("/api/coupons", couponBody(), b -> b.put("code", "has space"), "code");
        refused("/api/coupons", couponBody(), b -> b.put("customer", "nobody"), "customer");
        WalletApi.assertProblem(api.get("/api/wallets"), 400, null);
        WalletApi.assertProblem(api.get("/api/wallets?customer=not-an-email"), 400, null);
    }

    private void refused(String path, ObjectNode valid, Consumer<ObjectNode> change, String named) {
        ObjectNode body = valid.deepCopy();
        change.accept(body);
        Map<String, String> before = api.snapshot();

        WalletApi.Response r = api.post(path, body);

        WalletApi.assertProblem(r, 400, null);
        assertThat(r.detail()).as(body.toString()).contains(named);
        assertThat(api.snapshot()).as("nothing written for " + body).isEqualTo(before);
    }
}

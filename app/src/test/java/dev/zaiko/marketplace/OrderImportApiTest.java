package dev.zaiko.marketplace;

import static dev.zaiko.marketplace.TillSaleImportApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /api/imports/orders: each valid order placed once with externalRef = order_id; an order with a bad row is not imported. */
class OrderImportApiTest extends MarketplaceApiTestBase {

    static final String HEADER = "order_id,line_no,sku,quantity,unit_price,customer_name,customer_email,customer_phone,"
            + "express,shipping_fee,payment_method\r\n";

    @Test
    void validOrdersArePlacedOnceOrdersWithABadRowAreNotAndAReImportIsIdempotent() {
        String tent = api.product("OTENT");
        String lamp = api.product("OLAMP");
        api.sellable(tent, shop.store(), 3);
        api.sellable(lamp, shop.store(), 1);
        String id = MarketplaceApi.unique("AMZ");
        String csv = HEADER
                + id + "-1,1," + tent + ",1,1980,山田 花子,hanako@example.jp,090-1234-5678,true,550,CREDIT_CARD\r\n"
                + id + "-1,2," + lamp + ",2,980,,,,,,\r\n"
                + id + "-2,1," + tent + ",1,1980,佐藤 太郎,taro@example.jp,,false,0,KONBINI\r\n"
                + id + "-2,2,NO-SUCH-SKU-Y,1,500,,,,,,\r\n"
                + id + "-3,1," + tent + ",1,1980,鈴木 一郎,not-an-email,,no,,COD\r\n"
                + id + "-4,1," + tent + ",1,1980,田中 次郎,jiro@example.jp,,maybe,0,BITCOIN\r\n"
                + id + "-5,1," + tent + ",1,1980,高橋 三郎,saburo@example.jp,,0,,PAYPAY\r\n"
                + id + "-5,2," + tent + ",1,1980,別の 人,saburo@example.jp,,0,,PAYPAY\r\n"
                + id + "-6,1," + tent + ",1,1980,伊藤 四郎,shiro@example.jp,,0,,PAYPAY\r\n"
                + id + "-6,2," + lamp + "\r\n";

        JsonNode dry = api.ok(api.postCsv("/api/imports/orders?dryRun=true&channel=" + shop.marketplace(),
                csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(dry.path("valid").intValue()).isEqualTo(2);
        assertThat(dry.path("imported").intValue()).isZero();
        assertThat(dry.path("items").get(0).path("status").asString()).isEqualTo("WOULD_IMPORT");
        // rows 4 (sku), 5 (customer_email), 6 (express, payment_method), 8 (customer_name), 10 (too few fields);
        // "not imported" on rows 3, 7 and 9: an order with a bad row is not imported without it
        assertThat(dry.path("errors").size()).isEqualTo(9);
        assertThat(api.level(tent, shop.store()).path("reserved").intValue()).isZero();

        JsonNode report = api.ok(api.postCsv("/api/imports/orders?channel=" + shop.marketplace(),
                csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(report.path("rows").intValue()).isEqualTo(10);
        assertThat(report.path("errors").size()).isEqualTo(dry.path("errors").size());
        assertThat(report.path("imported").intValue()).as(report.toString()).isEqualTo(2);
        assertThat(report.path("duplicates").intValue()).isZero();
        assertError(report, 4, "sku");
        assertError(report, 5, "customer_email");
        assertError(report, 6, "express");
        assertError(report, 6, "payment_method");
        assertError(report, 8, "customer_name");
        assertError(report, 10, null);
        assertError(report, 9, "order_id");
        String number = null;
        for (JsonNode item : report.path("items")) {
            if (item.path("id").asString().equals(id + "-1")) {
                assertThat(item.path("status").asString()).isEqualTo("IMPORTED");
                assertThat(item.path("rows").toString()).isEqualTo("[1,2]");
                number = item.path("orderNumber").asString();
            } else {
                assertThat(item.path("status").asString()).isEqualTo("ERROR");
            }
        }
        JsonNode order = api.ok(api.get("/api/orders/" + number));
        assertThat(order.path("externalRef").asString()).isEqualTo(id + "-1");
        assertThat(order.path("channel").asString()).isEqualTo(shop.marketplace());
        assertThat(order.path("express").booleanValue()).isTrue();
        assertThat(order.path("shippingFee").longValue()).isEqualTo(550);
        assertThat(order.path("customer").path("name").asString()).isEqualTo("山田 花子");
        assertThat(order.path("payment").path("status").asString()).isEqualTo("CAPTURED");
        assertThat(order.path("payment").path("amount").longValue()).isEqualTo(1980 + 2 * 980 + 550);
        assertThat(order.path("lines").get(0).path("status").asString()).isEqualTo("ALLOCATED");
        // a marketplace order is recorded even when its units are not there
        assertThat(order.path("lines").get(1).path("sku").asString()).isEqualTo(lamp);
        assertThat(order.path("lines").get(1).path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        assertThat(api.level(tent, shop.store()).path("reserved").intValue()).isEqualTo(1);
        assertThat(api.level(tent, shop.store()).path("sellable").intValue()).isEqualTo(2);

        JsonNode again = api.ok(api.postCsv("/api/imports/orders?channel=" + shop.marketplace(),
                csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(again.path("imported").intValue()).isZero();
        assertThat(again.path("duplicates").intValue()).isEqualTo(2);
        assertThat(again.path("items").get(0).path("orderNumber").asString()).isEqualTo(number);
        assertThat(api.level(tent, shop.store()).path("reserved").intValue()).isEqualTo(1);
        assertThat(api.level(tent, shop.store()).path("sellable").intValue()).isEqualTo(2);
    }

    @Test
    void aDryRunTellsOrdersImportedBeforeFromNewOnes() {
        String tent = api.product("DTENT");
        api.sellable(tent, shop.store(), 5);
        String id = MarketplaceApi.unique("AMZ");
        String first = id + "-1,1," + tent + ",1,1980,山田 花子,hanako@example.jp,,false,0,CREDIT_CARD\r\n";
        String number = api.ok(api.postCsv("/api/imports/orders?channel=" + shop.marketplace(),
                (HEADER + first).getBytes(StandardCharsets.UTF_8))).path("items").get(0).path("orderNumber").asString();
        assertThat(number).isNotBlank();
        int reserved = api.level(tent, shop.store()).path("reserved").intValue();

        String csv = HEADER + first
                + id + "-2,1," + tent + ",1,1980,佐藤 太郎,taro@example.jp,,false,0,KONBINI\r\n"
                + id + "-3,1," + tent + ",1,1980,鈴木 一郎,ichiro@example.jp,,false,0,PAYPAY\r\n";
        // the same order id with other lines than those imported: refused, as the real import would
        String mismatch = HEADER + id + "-1,1," + tent + ",2,1980,山田 花子,hanako@example.jp,,false,0,CREDIT_CARD\r\n";

        JsonNode dry = api.ok(api.postCsv("/api/imports/orders?dryRun=true&channel=" + shop.marketplace(),
                csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(dry.path("dryRun").booleanValue()).isTrue();
        assertThat(dry.path("errors").size()).as(dry.toString()).isZero();
        assertThat(dry.path("valid").intValue()).isEqualTo(3);
        assertThat(dry.path("duplicates").intValue()).isEqualTo(1);
        assertThat(dry.path("imported").intValue()).isZero();
        JsonNode before = dry.path("items").get(0);
        assertThat(before.path("id").asString()).isEqualTo(id + "-1");
        assertThat(before.path("status").asString()).isEqualTo("ALREADY_IMPORTED");
        assertThat(before.path("orderNumber").asString()).isEqualTo(number);
        assertThat(dry.path("items").get(1).path("status").asString()).isEqualTo("WOULD_IMPORT");
        assertThat(dry.path("items").get(1).path("orderNumber").isNull()).isTrue();
        assertThat(dry.path("items").get(2).path("status").asString()).isEqualTo("WOULD_IMPORT");
        assertThat(api.level(tent, shop.store()).path("reserved").intValue()).as("a dry run reserves nothing")
                .isEqualTo(reserved);

        JsonNode refused = api.ok(api.postCsv("/api/imports/orders?dryRun=true&channel=" + shop.marketplace(),
                mismatch.getBytes(StandardCharsets.UTF_8)));
        assertThat(refused.path("items").get(0).path("status").asString()).isEqualTo("ERROR");
        assertError(refused, 1, "order_id");
        assertThat(refused.path("errors").get(0).path("message").asString()).contains(number);

        JsonNode real = api.ok(api.postCsv("/api/imports/orders?channel=" + shop.marketplace(),
                csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(real.path("items").get(0).path("status").asString()).isEqualTo("DUPLICATE");
        assertThat(real.path("items").get(1).path("status").asString()).isEqualTo("IMPORTED");
        assertThat(real.path("items").get(2).path("status").asString()).isEqualTo("IMPORTED");
    }

    @Test
    void aShiftJisFileIsReadWithItsCharset() {
        String tent = api.product("OSJIS");
        api.sellable(tent, shop.store(), 1);
        String id = MarketplaceApi.unique("RKT");
        String csv = HEADER + id + ",1," + tent + ",1,1980,山田 花子,hanako@example.jp,,false,0,PAYPAY\r\n";

        JsonNode report = api.ok(api.postCsv("/api/imports/orders?channel=" + shop.marketplace() + "&charset=Shift_JIS",
                csv.getBytes(MarketplaceApi.SHIFT_JIS)));

        assertThat(report.path("imported").intValue()).as(report.toString()).isEqualTo(1);
        JsonNode order = api.ok(api.get("/api/orders/" + report.path("items").get(0).path("orderNumber").asString()));
        assertThat(order.path("customer").path("name").asString()).isEqualTo("山田 花子");

        // without ?charset=, the Content-Type's charset is used
        JsonNode again = api.ok(api.postCsv("/api/imports/orders?channel=" + shop.marketplace(),
                csv.getBytes(MarketplaceApi.SHIFT_JIS), "text/csv; charset=Shift_JIS"));
        assertThat(again.path("duplicates").intValue()).as(again.toString()).isEqualTo(1);
        assertThat(again.path("items").get(0).path("orderNumber").asString())
                .isEqualTo(report.path("items").get(0).path("orderNumber").asString());
    }

    @Test
    void aWrongHeaderAnUnknownChannelOrAnOwnChannelImportNothing() {
        String tent = api.product("OHDR");
        api.sellable(tent, shop.store(), 2);
        String id = MarketplaceApi.unique("AMZ");
        String good = HEADER + id + ",1," + tent + ",1,1980,山田 花子,hanako@example.jp,,false,0,PAYPAY\r\n";
        String wrongHeader = good.replace("order_id,", "order,");

        MarketplaceApi.Response wrong = api.postCsv("/api/imports/orders?channel=" + shop.marketplace(),
                wrongHeader.getBytes(StandardCharsets.UTF_8));

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.type()).endsWith("csv-header");
        assertThat(wrong.json().path("expectedHeader").size()).isEqualTo(11);
        assertThat(api.postCsv("/api/imports/orders?channel=NO-SUCH-CHANNEL-Z", good.getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo(404);
        MarketplaceApi.Response own = api.postCsv("/api/imports/orders?channel=" + shop.web(),
                good.getBytes(StandardCharsets.UTF_8));
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.type()).endsWith("not-a-marketplace");
        assertThat(api.postCsv("/api/imports/orders", good.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(api.level(tent, shop.store()).path("reserved").intValue()).isZero();
        assertThat(api.level(tent, shop.store()).path("sellable").intValue()).isEqualTo(2);
    }

    @Test
    void theOptionalLineIdColumnKeepsTheMarketplacesLineIdAndABadOneRefusesItsOrder() {
        String tent = api.product("OLID");
        String lamp = api.product("OLID2");
        api.sellable(tent, shop.store(), 5);
        api.sellable(lamp, shop.store(), 5);
        String id = MarketplaceApi.unique("AMZ");
        String header = HEADER.replace("\r\n", ",line_id\r\n");
        String csv = header
                + id + "-1,1," + tent + ",1,1980,山田 花子,hanako@example.jp,,false,0,PAYPAY,25959136016214\r\n"
                + id + "-1,2," + lamp + ",1,980,,,,,,,\r\n"
                + id + "-2,1," + tent + ",1,1980,佐藤 太郎,taro@example.jp,,false,0,PAYPAY,L-1\r\n"
                + id + "-2,2," + lamp + ",1,980,,,,,,,L-1\r\n"
                + id + "-3,1," + tent + ",1,1980,鈴木 一郎,ichiro@example.jp,,false,0,PAYPAY," + "x".repeat(101) + "\r\n";

        JsonNode report = api.ok(api.postCsv("/api/imports/orders?channel=" + shop.marketplace(),
                csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(report.path("imported").intValue()).as("the two rows of the good order: " + report).isEqualTo(2);
        assertError(report, 4, "line_id");
        assertError(report, 5, "line_id");
        String number = report.path("items").get(0).path("orderNumber").asString();
        JsonNode lines = api.ok(api.get("/api/orders/" + number)).path("lines");
        assertThat(lines.get(0).path("externalLineRef").asString()).isEqualTo("25959136016214");
        assertThat(lines.get(1).path("externalLineRef").isNull()).as("left empty").isTrue();
        assertThat(api.level(tent, shop.store()).path("reserved").intValue()).as("only the good order").isEqualTo(1);

        // the same file again: the line id is part of the order, so the good one is a duplicate
        JsonNode again = api.ok(api.postCsv("/api/imports/orders?channel=" + shop.marketplace(),
                csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(again.path("duplicates").intValue()).as(again.toString()).isEqualTo(2);
        // with another line id it is another order under the same order_id: refused
        JsonNode changed = api.ok(api.postCsv("/api/imports/orders?channel=" + shop.marketplace(),
                csv.replace("25959136016214", "25959136016999").getBytes(StandardCharsets.UTF_8)));
        assertThat(changed.path("imported").intValue()).isZero();
        assertThat(changed.path("duplicates").intValue()).isZero();
        assertThat(changed.path("errors").toString()).contains("lines[0].externalLineRef");
    }

    @Test
    void theOptionalCustomerSegmentColumnLetsAMembersOrderTakeTheUnitsKeptForItsSegment() {
        String tent = api.product("OSEG");
        api.sellable(tent, shop.store(), 2);
        api.ok(api.post("/api/protections", MarketplaceApi.JSON.createObjectNode().put("kind", "MEMBER_QUOTA")
                .put("location", shop.store()).put("sku", tent).put("quantity", 2).put("segment", "PRIME")));
        String id = MarketplaceApi.unique("AMZ");
        String header = HEADER.replace("\r\n", ",customer_segment\r\n");
        String csv = header
                + id + "-1,1," + tent + ",1,1980,山田 花子,hanako@example.jp,,false,0,PAYPAY,\r\n"
                + id + "-2,1," + tent + ",2,1980,佐藤 太郎,taro@example.jp,,false,0,PAYPAY,PRIME\r\n"
                + id + "-2,2," + tent + ",1,1980,,,,,,,GOLD\r\n";

        JsonNode report = api.ok(api.postCsv("/api/imports/orders?channel=" + shop.marketplace(),
                csv.getBytes(StandardCharsets.UTF_8)));

        assertError(report, 3, "customer_segment"); // an order-level column differs within one order
        assertThat(report.path("imported").intValue()).as(report.toString()).isEqualTo(1);
        JsonNode nonMember = api.ok(api.get("/api/orders/" + report.path("items").get(0).path("orderNumber").asString()));
        assertThat(nonMember.path("lines").get(0).path("status").asString()).as("the kept units are not for it")
                .isEqualTo("AWAITING_CUSTOMER");

        String member = header + id + "-3,1," + tent + ",2,1980,佐藤 太郎,taro@example.jp,,false,0,PAYPAY,PRIME\r\n";
        JsonNode imported = api.ok(api.postCsv("/api/imports/orders?channel=" + shop.marketplace(),
                member.getBytes(StandardCharsets.UTF_8)));
        JsonNode order = api.ok(api.get("/api/orders/" + imported.path("items").get(0).path("orderNumber").asString()));
        assertThat(order.path("customer").path("segment").asString()).isEqualTo("PRIME");
        assertThat(order.path("lines").get(0).path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(api.level(tent, shop.store()).path("reserved").intValue()).isEqualTo(2);
    }
}

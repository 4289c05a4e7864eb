package dev.zaiko.supplier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.zaiko.support.Jans;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** A maker's discontinuation list: previewed with what it touches, applied all or nothing, recorded. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DiscontinuationListApiTest {

    @LocalServerPort
    int port;

    SupplierApi api;
    ShopApi.Shop shop;

    @BeforeEach
    void clientAndShop() {
        api = new SupplierApi(port);
        shop = api.shop();
    }

    @Test
    void thePreviewShowsTheLinesThatShipTheBackordersTheInboundsAndTheChannelsAndChangesNothing() {
        String jan = Jans.random();
        String tent = api.product("TENT", jan);
        String lamp = api.product("LAMP", null);
        api.sellable(tent, shop.store(), 3);
        api.inbound(tent, shop.warehouse(), 10, ShopApi.today().plusDays(7));
        String allocated = api.order(shop.web(), tent, 1);
        String backordered = api.order(shop.web(), tent, 5);
        assertThat(api.lineStatus(allocated)).isEqualTo("ALLOCATED");
        assertThat(api.lineStatus(backordered)).isEqualTo("BACKORDERED");

        ShopApi.Response response = api.preview("jan,sku,note\n" + jan + ",,end of the line\n," + lamp + ",\n",
                "maker.csv");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.path("applied").booleanValue()).isFalse();
        assertThat(report.path("errors").size()).isZero();
        assertThat(report.path("rows").get(0).path("product").asString()).isEqualTo(tent);
        assertThat(report.path("rows").get(0).path("note").asString()).isEqualTo("end of the line");
        assertThat(report.path("rows").get(1).path("product").asString()).isEqualTo(lamp);
        JsonNode t = SupplierApi.product(report, tent);
        assertThat(t.path("rows").get(0).intValue()).isEqualTo(1);
        assertThat(t.path("shipping")).singleElement().satisfies(l -> {
            assertThat(l.path("orderNumber").asString()).isEqualTo(allocated);
            assertThat(l.path("status").asString()).isEqualTo("ALLOCATED");
        });
        assertThat(t.path("becomingCases")).singleElement().satisfies(l -> {
            assertThat(l.path("orderNumber").asString()).isEqualTo(backordered);
            assertThat(l.path("quantity").intValue()).isEqualTo(5);
            assertThat(l.path("promisedDate").asString()).isNotBlank();
        });
        assertThat(t.path("waitingOnInbound").intValue()).isEqualTo(1);
        assertThat(t.path("inbounds")).singleElement().satisfies(i -> {
            assertThat(i.path("quantity").intValue()).isEqualTo(10);
            assertThat(i.path("location").asString()).isEqualTo(shop.warehouse());
        });
        List<String> channels = new ArrayList<>();
        t.path("sellable").forEach(c -> channels.add(c.path("channel").asString() + "=" + c.path("units").intValue()));
        assertThat(channels).containsExactlyInAnyOrder(shop.web() + "=2", shop.marketplace() + "=2", shop.till() + "=2");
        assertThat(SupplierApi.product(report, lamp).path("becomingCases").size()).isZero();
        assertThat(report.path("totals").path("casesToOpen").intValue()).isEqualTo(1);
        assertThat(report.path("totals").path("newlyDiscontinued").intValue()).isEqualTo(2);
        assertThat(report.path("totals").path("channelsSelling").intValue()).as("the tent on three channels").isEqualTo(3);

        // nothing changed
        assertThat(api.productStatus(tent)).isEqualTo("ACTIVE");
        assertThat(api.productStatus(lamp)).isEqualTo("ACTIVE");
        assertThat(api.lineStatus(allocated)).isEqualTo("ALLOCATED");
        assertThat(api.lineStatus(backordered)).isEqualTo("BACKORDERED");
        assertThat(api.cases(tent)).isEmpty();
        assertThat(api.ats(tent, shop.web())).isEqualTo(2);
        api.assertLedgerConsistent();
    }

    @Test
    void applyingItDiscontinuesEveryListedProductOpensOneCasePerBackorderedLineAndTheHistoryShowsTheList() {
        String tent = api.product("TENT", null);
        String lamp = api.product("LAMP", Jans.random());
        String lampJan = api.ok(api.get("/api/products/" + lamp)).path("jan").asString();
        api.inbound(tent, shop.warehouse(), 10, ShopApi.today().plusDays(5));
        api.inbound(lamp, shop.warehouse(), 10, ShopApi.today().plusDays(5));
        api.sellable(lamp, shop.store(), 1);
        String first = api.order(shop.web(), tent, 2);
        String second = api.order(shop.web(), tent, 1);
        String shipping = api.order(shop.web(), lamp, 1);
        String third = api.order(shop.web(), lamp, 3);
        String fileName = ShopApi.unique("maker") + ".csv";

        ShopApi.Response response = api.apply("sku,jan\n" + tent + ",\n," + lampJan + "\n", fileName);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode report = response.json();
        assertThat(report.path("applied").booleanValue()).isTrue();
        assertThat(report.path("totals").path("casesToOpen").intValue()).isEqualTo(3);
        assertThat(response.location()).endsWith("/api/discontinuations/" + report.path("listId").longValue());
        assertThat(api.productStatus(tent)).isEqualTo("DISCONTINUED");
        assertThat(api.productStatus(lamp)).isEqualTo("DISCONTINUED");
        assertThat(api.cases(tent)).containsExactlyInAnyOrder(first + "#1 DISCONTINUED", second + "#1 DISCONTINUED");
        assertThat(api.cases(lamp)).containsExactly(third + "#1 DISCONTINUED");
        assertThat(api.lineStatus(first)).isEqualTo("AWAITING_CUSTOMER");
        assertThat(api.lineStatus(third)).isEqualTo("AWAITING_CUSTOMER");
        assertThat(api.lineStatus(shipping)).as("its unit is reserved: it still ships").isEqualTo("ALLOCATED");
        assertThat(api.ats(lamp, shop.till())).isZero();

        JsonNode history = api.ok(api.get("/api/discontinuations?limit=200"));
        JsonNode recorded = null;
        for (JsonNode l : history) if (fileName.equals(l.path("fileName").asString())) recorded = l;
        assertThat(recorded).as(history.toString()).isNotNull();
        assertThat(recorded.path("id").longValue()).isEqualTo(report.path("listId").longValue());
        assertThat(recorded.path("appliedBy").asString()).isNotBlank();
        assertThat(recorded.path("rows").intValue()).isEqualTo(2);
        assertThat(recorded.path("products").intValue()).isEqualTo(2);
        assertThat(recorded.path("newlyDiscontinued").intValue()).isEqualTo(2);
        assertThat(recorded.path("casesOpened").intValue()).isEqualTo(3);
        JsonNode one = api.ok(api.get("/api/discontinuations/" + recorded.path("id").longValue()));
        assertThat(one.path("items").get(0).path("product").asString()).isEqualTo(tent);
        assertThat(one.path("items").get(1).path("jan").asString()).isEqualTo(lampJan);
        assertThat(one.path("items").get(1).path("product").asString()).isEqualTo(lamp);

        // applied again: every row is a warning, nothing more happens
        JsonNode again = api.ok(api.apply("sku\n" + tent + "\n", null));
        assertThat(again.path("warnings")).singleElement()
                .satisfies(w -> assertThat(w.path("code").asString()).isEqualTo("already-discontinued"));
        assertThat(api.cases(tent)).hasSize(2);
        api.assertLedgerConsistent();
    }

    @Test
    void aListWithOneUnknownJanIsRefusedWithItsRowNumberAndNothingElseChanges() {
        String tent = api.product("TENT", null);
        String lampJan = Jans.random();
        String lamp = api.product("LAMP", lampJan);
        api.inbound(tent, shop.warehouse(), 10, ShopApi.today().plusDays(5));
        String waiting = api.order(shop.web(), tent, 2);
        String unknown = Jans.random();
        String fileName = ShopApi.unique("bad") + ".csv";
        String csv = "sku,jan\n" + tent + ",\n," + lampJan + "\n," + unknown + "\n";

        ShopApi.Response refused = api.apply(csv, fileName);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.type()).endsWith("discontinuation-list-refused");
        assertThat(refused.json().path("errors")).singleElement().satisfies(e -> {
            assertThat(e.path("row").intValue()).isEqualTo(3);
            assertThat(e.path("field").asString()).isEqualTo("jan");
            assertThat(e.path("code").asString()).isEqualTo("unknown-jan");
            assertThat(e.path("message").asString()).contains(unknown);
        });
        assertThat(api.productStatus(tent)).isEqualTo("ACTIVE");
        assertThat(api.productStatus(lamp)).isEqualTo("ACTIVE");
        assertThat(api.lineStatus(waiting)).isEqualTo("BACKORDERED");
        assertThat(api.cases(tent)).isEmpty();
        JsonNode history = api.ok(api.get("/api/discontinuations?limit=200"));
        history.forEach(l -> assertThat(l.path("fileName").asString()).isNotEqualTo(fileName));

        JsonNode preview = api.ok(api.preview(csv, fileName));
        assertThat(preview.path("rows").get(2).path("status").asString()).isEqualTo("ERROR");
        assertThat(preview.path("rows").get(0).path("status").asString()).isEqualTo("OK");
    }

    @Test
    void janAndSkuColumnsBothResolveAndAJanMatchingNoProductIsAnErrorNamingTheRow() {
        String bySkuJan = Jans.random();
        String bySku = api.product("A", bySkuJan);
        String byJanJan = Jans.random();
        String byJan = api.product("B", byJanJan);
        String bothJan = Jans.random();
        String both = api.product("C", bothJan);
        String nobody = Jans.random();

        JsonNode report = api.ok(api.preview("sku,jan\n" + bySku + ",\n," + byJanJan + "\n" + both + "," + bothJan
                + "\n," + nobody + "\n", null));

        assertThat(report.path("rows").get(0).path("product").asString()).isEqualTo(bySku);
        assertThat(report.path("rows").get(1).path("product").asString()).isEqualTo(byJan);
        assertThat(report.path("rows").get(2).path("product").asString()).isEqualTo(both);
        assertThat(report.path("rows").get(3).path("product").isNull()).isTrue();
        assertThat(report.path("errors")).singleElement().satisfies(e -> {
            assertThat(e.path("row").intValue()).isEqualTo(4);
            assertThat(e.path("field").asString()).isEqualTo("jan");
            assertThat(e.path("code").asString()).isEqualTo("unknown-jan");
        });
        assertThat(report.path("products").size()).isEqualTo(3);
    }

    @Test
    void eachKindOfBadRowIsNamedWithItsRowAndFieldAndAnAlreadyDiscontinuedProductIsOnlyAWarning() {
        String tentJan = Jans.random();
        String tent = api.product("TENT", tentJan);
        String lamp = api.product("LAMP", null);
        String old = api.product("OLD", null);
        api.ok(api.post("/api/products/" + old + "/discontinue", ""));
        // a JAN-8 and its 13-digit form with five leading zeros are one code: two products with them make it ambiguous
        String jan8 = "4" + String.format("%06d", (int) (Math.random() * 1_000_000));
        jan8 = jan8 + Jans.checkDigit(jan8);
        String short8 = api.product("J8", jan8);
        String long13 = api.product("J13", "00000" + jan8);

        String csv = "sku,jan,note\n"
                + tent + ",,\n"                       // 1 fine
                + ",,\n"                              // 2 blank
                + "," + tentJan + ",\n"               // 3 the same product again
                + lamp + "," + tentJan + ",\n"        // 4 SKU and JAN name different products
                + ",12345,\n"                         // 5 not a JAN
                + "NO-SUCH-SKU-X,,\n"                 // 6 unknown SKU
                + old + ",,\n"                        // 7 already discontinued: a warning
                + "," + jan8 + ",\n"                  // 8 ambiguous
                + lamp + ",\n";                       // 9 two fields, the header has three

        JsonNode report = api.ok(api.preview(csv, null));

        List<String> errors = new ArrayList<>();
        report.path("errors").forEach(e -> errors.add(e.path("row").intValue() + " " + e.path("field").asString() + " "
                + e.path("code").asString()));
        assertThat(errors).containsExactly("2 sku blank", "3 jan duplicate", "4 jan sku-jan-mismatch",
                "5 jan invalid-jan", "6 sku unknown-sku", "8 jan jan-ambiguous", "9 row field-count");
        assertThat(report.path("warnings")).singleElement().satisfies(w -> {
            assertThat(w.path("row").intValue()).isEqualTo(7);
            assertThat(w.path("code").asString()).isEqualTo("already-discontinued");
        });
        assertThat(report.path("rows").get(7).path("problems").get(0).path("message").asString())
                .contains(short8).contains(long13);

        ShopApi.Response refused = api.apply(csv, null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").size()).isEqualTo(7);
        assertThat(api.productStatus(tent)).isEqualTo("ACTIVE");
    }

    @Test
    void aShiftJisListWithAJapaneseNoteAndAUtf8ListWithABomAreBothRead() {
        String tent = api.product("TENT", null);
        Charset sjis = Charset.forName("Windows-31J");
        byte[] shiftJis = ("sku,note\n" + tent + ",メーカー生産終了\n").getBytes(sjis);

        ShopApi.Response read = api.postCsv("/api/discontinuations/preview?charset=Shift_JIS", shiftJis, "text/csv", null);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().path("rows").get(0).path("note").asString()).isEqualTo("メーカー生産終了");
        assertThat(read.json().path("rows").get(0).path("product").asString()).isEqualTo(tent);

        ShopApi.Response asUtf8 = api.postCsv("/api/discontinuations/preview", shiftJis, "text/csv", null);
        assertThat(asUtf8.status()).isEqualTo(400);
        assertThat(asUtf8.type()).endsWith("csv-unreadable");

        byte[] bom = ("\uFEFFsku\n" + tent + "\n").getBytes(StandardCharsets.UTF_8);
        ShopApi.Response withBom = api.postCsv("/api/discontinuations/preview", bom, "text/csv; charset=UTF-8", null);
        assertThat(withBom.status()).as(withBom.body()).isEqualTo(200);
        assertThat(withBom.json().path("rows").get(0).path("product").asString()).isEqualTo(tent);

        ShopApi.Response noColumn = api.preview("code\n" + tent + "\n", null);
        assertThat(noColumn.status()).isEqualTo(400);
        assertThat(noColumn.type()).endsWith("csv-header");
        assertThat(api.productStatus(tent)).isEqualTo("ACTIVE");
    }

    @Test
    void aReadOnlyTokenReadsTheAppliedListsButCanNeitherPreviewNorApplyOne() {
        String tent = api.product("TENT", null);
        String read = api.ok(api.post("/api/access/tokens", ShopApi.JSON.createObjectNode()
                .put("name", ShopApi.unique("reader")).put("scope", "READ"))).path("token").asString();
        byte[] csv = ("sku\n" + tent + "\n").getBytes(StandardCharsets.UTF_8);

        assertThat(api.postCsv("/api/discontinuations/preview", csv, "text/csv", null, read).status()).isEqualTo(403);
        assertThat(api.postCsv("/api/discontinuations", csv, "text/csv", null, read).status()).isEqualTo(403);
        assertThat(api.productStatus(tent)).isEqualTo("ACTIVE");
        api.useToken(read);
        assertThat(api.get("/api/discontinuations").status()).isEqualTo(200);
    }
}

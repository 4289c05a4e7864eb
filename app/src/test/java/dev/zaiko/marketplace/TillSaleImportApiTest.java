package dev.zaiko.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /api/imports/till-sales: good rows sell once, bad rows are reported and change nothing, a re-import is idempotent. */
class TillSaleImportApiTest extends MarketplaceApiTestBase {

    /** Two days ago: a till file is imported after the fact, within the inventory's limit for late sales. */
    static final String DAY = MarketplaceApi.today().minusDays(2).toString();
    static final String SLASHED = DAY.replace('-', '/');

    @Test
    void goodRowsSellOnceBadRowsAreReportedAndAReImportChangesNothing() {
        String sku = api.product("TILLCSV");
        String other = api.product("TILLCSV2");
        api.sellable(sku, shop.store(), 10);
        api.sellable(other, shop.store(), 4);
        String id = MarketplaceApi.unique("SALE");
        String csv = "sale_id,sku,location,quantity,sold_at\r\n"
                + id + "-1," + sku + "," + shop.store() + ",2," + DAY + "T14:03:00+09:00\r\n"
                + id + "-2,NO-SUCH-SKU-X," + shop.store() + ",1," + DAY + " 14:05\r\n"
                + id + "-3," + sku + ",NO-SUCH-STORE,1," + DAY + " 14:05\r\n"
                + id + "-4," + sku + "," + shop.store() + ",two," + DAY + " 14:05\r\n"
                + id + "-5," + sku + "," + shop.warehouse() + ",1," + DAY + " 14:05\r\n"
                + id + "-6," + sku + "," + shop.store() + ",1,yesterday\r\n"
                + "," + sku + "," + shop.store() + ",1," + DAY + " 14:05\r\n"
                + id + "-7," + other + "," + shop.store() + ",3," + DAY + " 14:06\r\n"
                + id + "-8," + sku + "\r\n"
                + id + "-1," + sku + "," + shop.store() + ",2," + DAY + "T14:03:00+09:00\r\n"
                + id + "-9," + other + "," + shop.store() + ",50," + DAY + " 14:07\r\n";

        JsonNode dry = api.ok(api.postCsv("/api/imports/till-sales?dryRun=true", csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(dry.path("dryRun").booleanValue()).isTrue();
        assertThat(dry.path("imported").intValue()).isZero();
        assertThat(dry.path("valid").intValue()).as("the row that sells more than there is fails only for real")
                .isEqualTo(3);
        assertThat(dry.path("errors").size()).isEqualTo(8);
        assertThat(api.level(sku, shop.store()).path("sellable").intValue()).isEqualTo(10);

        JsonNode report = api.ok(api.postCsv("/api/imports/till-sales", csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(report.path("rows").intValue()).isEqualTo(11);
        assertThat(report.path("dryRun").booleanValue()).isFalse();
        assertThat(report.path("valid").intValue()).isEqualTo(2);
        assertThat(report.path("imported").intValue()).isEqualTo(2);
        assertThat(report.path("duplicates").intValue()).isZero();
        assertThat(report.path("errors").toString()).contains("NO-SUCH-SKU-X", "NO-SUCH-STORE");
        assertError(report, 2, "sku");
        assertError(report, 3, "location");
        assertError(report, 4, "quantity");
        assertError(report, 5, "location");
        assertError(report, 6, "sold_at");
        assertError(report, 7, "sale_id");
        assertError(report, 9, null);
        assertError(report, 10, "sale_id");
        assertError(report, 11, "quantity");
        assertThat(report.path("errors").size()).isEqualTo(9);
        assertThat(api.level(sku, shop.store()).path("sellable").intValue()).isEqualTo(8);
        assertThat(api.level(sku, shop.warehouse()).path("sellable").intValue()).isZero();
        assertThat(api.level(other, shop.store()).path("sellable").intValue()).isEqualTo(1);

        JsonNode again = api.ok(api.postCsv("/api/imports/till-sales", csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(again.path("imported").intValue()).isZero();
        assertThat(again.path("duplicates").intValue()).isEqualTo(2);
        JsonNode dryAgain = api.ok(api.postCsv("/api/imports/till-sales?dryRun=true",
                csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(dryAgain.path("duplicates").intValue()).isEqualTo(2);
        assertThat(again.path("errors").size()).isEqualTo(9);
        assertThat(api.level(sku, shop.store()).path("sellable").intValue()).isEqualTo(8);
        assertThat(api.level(other, shop.store()).path("sellable").intValue()).isEqualTo(1);
    }

    @Test
    void aShiftJisFileIsReadWithItsCharsetAndASaleIdReusedForAnotherSaleIsAnError() {
        String sku = api.product("SJIS");
        api.sellable(sku, shop.store(), 5);
        String id = MarketplaceApi.unique("レジ");
        String csv = "sale_id,sku,location,quantity,sold_at\r\n"
                + id + "," + sku + "," + shop.store() + ",1," + SLASHED + " 10:00\r\n";

        JsonNode report = api.ok(api.postCsv("/api/imports/till-sales?charset=Shift_JIS",
                csv.getBytes(MarketplaceApi.SHIFT_JIS)));

        assertThat(report.path("imported").intValue()).as(report.toString()).isEqualTo(1);
        assertThat(report.path("items").get(0).path("id").asString()).isEqualTo(id);
        assertThat(api.level(sku, shop.store()).path("sellable").intValue()).isEqualTo(4);

        String changed = "sale_id,sku,location,quantity,sold_at\r\n" + id + "," + sku + "," + shop.store()
                + ",3," + SLASHED + " 10:00\r\n";
        JsonNode refused = api.ok(api.postCsv("/api/imports/till-sales?charset=Shift_JIS",
                changed.getBytes(MarketplaceApi.SHIFT_JIS)));

        assertError(refused, 1, "sale_id");
        assertThat(refused.path("imported").intValue()).isZero();
        assertThat(api.level(sku, shop.store()).path("sellable").intValue()).isEqualTo(4);
    }

    @Test
    void aWrongHeaderOrABodyThatIsNoCsvIsRefusedAndNothingIsImported() {
        String sku = api.product("HDR");
        api.sellable(sku, shop.store(), 5);
        String csv = "sale,sku,store,quantity\r\n" + MarketplaceApi.unique("S") + "," + sku + "," + shop.store() + ",1\r\n";

        MarketplaceApi.Response wrong = api.postCsv("/api/imports/till-sales", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.type()).endsWith("csv-header");
        assertThat(wrong.json().path("expectedHeader").toString())
                .isEqualTo("[\"sale_id\",\"sku\",\"location\",\"quantity\",\"sold_at\"]");
        assertThat(wrong.detail()).contains("missing column 'sale_id'", "unknown column 'store'");

        MarketplaceApi.Response json = api.postCsv("/api/imports/till-sales",
                "{\"sku\":\"X\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.detail()).contains("sale_id,sku,location,quantity,sold_at");

        MarketplaceApi.Response notUtf8 = api.postCsv("/api/imports/till-sales",
                ("sale_id,sku,location,quantity,sold_at\r\nレジ," + sku + "," + shop.store() + ",1," + DAY + " 10:00\r\n")
                        .getBytes(MarketplaceApi.SHIFT_JIS));
        assertThat(notUtf8.status()).isEqualTo(400);
        assertThat(notUtf8.type()).endsWith("csv-unreadable");

        assertThat(api.postCsv("/api/imports/till-sales", new byte[0]).status()).isEqualTo(400);
        assertThat(api.level(sku, shop.store()).path("sellable").intValue()).isEqualTo(5);
    }

    @Test
    void anImportedSaleIsDatedWhenItWasSoldAndASaleTooOldOrInTheFutureIsARowError() {
        String sku = api.product("DATED");
        api.sellable(sku, shop.store(), 5);
        String id = MarketplaceApi.unique("DATED");
        LocalDate today = MarketplaceApi.today();
        String csv = "sale_id,sku,location,quantity,sold_at\r\n"
                + id + "-1," + sku + "," + shop.store() + ",1," + DAY + "T14:03:00+09:00\r\n"
                + id + "-2," + sku + "," + shop.store() + ",1," + today.minusDays(32) + " 10:00\r\n"
                + id + "-3," + sku + "," + shop.store() + ",1," + today.plusDays(2) + " 10:00\r\n";

        JsonNode dry = api.ok(api.postCsv("/api/imports/till-sales?dryRun=true", csv.getBytes(StandardCharsets.UTF_8)));
        assertError(dry, 2, "sold_at");
        assertError(dry, 3, "sold_at");
        assertThat(dry.path("errors").size()).isEqualTo(2);

        JsonNode report = api.ok(api.postCsv("/api/imports/till-sales", csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(report.path("imported").intValue()).isEqualTo(1);
        assertError(report, 2, "sold_at");
        assertError(report, 3, "sold_at");
        assertThat(api.level(sku, shop.store()).path("sellable").intValue()).isEqualTo(4);
        JsonNode sale = null;
        for (JsonNode m : api.ok(api.get("/api/stock/" + sku + "/movements"))) {
            if (m.path("kind").asString().equals("TILL_SALE")) sale = m;
        }
        assertThat(sale).as("the till sale's movement").isNotNull();
        assertThat(sale.path("reference").asString()).isEqualTo("till-import:" + id + "-1");
        assertThat(Instant.parse(sale.path("occurredAt").asString()))
                .isEqualTo(OffsetDateTime.parse(DAY + "T14:03:00+09:00").toInstant());
        assertThat(Instant.parse(sale.path("recordedAt").asString())).as("written now, not back then")
                .isAfter(Instant.parse(sale.path("occurredAt").asString()).plus(Duration.ofDays(1)));
    }

    static void assertError(JsonNode report, int row, String field) {
        for (JsonNode e : report.path("errors")) {
            if (e.path("row").intValue() == row && (field == null ? e.path("field").isNull()
                    : field.equals(e.path("field").asString()))) {
                assertThat(e.path("message").asString()).isNotBlank();
                return;
            }
        }
        throw new AssertionError("No error for row " + row + " field " + field + " in " + report.path("errors"));
    }
}

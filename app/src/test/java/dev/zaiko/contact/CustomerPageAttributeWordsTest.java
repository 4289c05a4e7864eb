package dev.zaiko.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import dev.zaiko.shop.ShopCalendar;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/**
 * The customer's decision page compares a substitute with what they ordered in their language: the
 * attributes by the names the catalog's dictionary gives them, text values in words, units as the
 * dictionary writes them; an attribute the dictionary does not name shows its key.
 */
class CustomerPageAttributeWordsTest extends ContactApiTestBase {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Autowired
    ShopCalendar calendar;

    void businessDayAt(LocalTime time) {
        LocalDate d = LocalDate.now(clock).plusDays(1);
        while (!calendar.isBusinessDay(d)) d = d.plusDays(1);
        clock.advance(Duration.between(clock.instant(), d.atTime(time).atZone(TOKYO).toInstant()));
    }

    /** Attribute keys no other test names, so that the dictionary entries are this test's own. */
    final String fuel = ShopApi.unique("fuel").toLowerCase();
    final String weight = ShopApi.unique("weight").toLowerCase();
    final String unnamed = ShopApi.unique("unnamed").toLowerCase();
    final String category = ShopApi.unique("stove").toLowerCase();

    String stove(String prefix, long price, int grams) {
        String sku = ShopApi.unique(prefix);
        ObjectNode body = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", category).put("price", price);
        body.putObject("name").put("ja", "焚き火ストーブ " + grams + "g").put("en", "Camp stove " + grams);
        body.putArray("purposeTags").add(category);
        ObjectNode attributes = body.putObject("attributes");
        attributes.putObject(fuel).put("value", "wood");
        attributes.putObject(weight).put("value", grams).put("unit", "g");
        attributes.putObject(unnamed).put("value", 7);
        api.ok(api.post("/api/products", body));
        return sku;
    }

    void nameAttributes() {
        ObjectNode f = ShopApi.JSON.createObjectNode();
        f.putObject("name").put("ja", "燃料の種類").put("en", "Kind of fuel");
        f.putObject("values").putObject("wood").put("ja", "木（薪・小枝）").put("en", "wood");
        api.ok(api.put("/api/attributes/" + fuel, f));
        ObjectNode w = ShopApi.JSON.createObjectNode();
        w.putObject("name").put("ja", "本体の重さ").put("en", "Body weight");
        w.putObject("unit").put("ja", "グラム").put("en", "grams");
        api.ok(api.put("/api/attributes/" + weight, w));
    }

    String linkOfMissedCall(String locale) {
        businessDayAt(LocalTime.of(10, 30));
        String missing = stove("MISS", 3000, 500);
        String other = stove("ALT", 3200, 450);
        api.sellable(missing, shop.warehouse(), 1);
        api.sellable(other, shop.warehouse(), 3);
        String email = ContactApi.uniqueEmail();
        String number = api.place(ContactApi.order(shop.web(), email, "090-3333-0000", locale, missing, 1, 3000));
        String id = api.defective(number, 1);
        api.ok(api.call(id, ContactApi.outcome("VOICEMAIL")));
        return ContactApi.link(api.email(email, 1));
    }

    @Test
    void theJapanesePageNamesTheAttributesAndValuesInJapanese() {
        nameAttributes();
        String page = api.page(linkOfMissedCall("ja")).body();

        assertThat(page).contains("焚き火ストーブ 450g").contains("燃料の種類").contains("木（薪・小枝）")
                .contains("本体の重さ").contains("500グラム").contains("450グラム");
        assertThat(page).doesNotContain(fuel).doesNotContain(weight).doesNotContain(">wood<")
                .doesNotContain("Kind of fuel");
        assertThat(page).as("an attribute without a name shows its key").contains(unnamed);
    }

    @Test
    void theEnglishPageNamesThemInEnglish() {
        nameAttributes();
        String page = api.page(linkOfMissedCall("en")).body();

        assertThat(page).contains("Kind of fuel").contains(">wood<").contains("Body weight").contains("500 grams");
        assertThat(page).doesNotContain("燃料の種類").doesNotContain(fuel);
    }

    @Test
    void withoutDictionaryEntriesThePageShowsTheKeysAndValuesAsStored() {
        String page = api.page(linkOfMissedCall("ja")).body();

        assertThat(page).contains(fuel).contains(">wood<").contains(weight).contains("500 g");
    }
}

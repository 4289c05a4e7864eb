package dev.zaiko.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The attribute dictionary through the API: naming an attribute, reading it back, and refusing a broken entry. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AttributeDictionaryApiTest {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    static ObjectNode fuel() {
        ObjectNode body = ShopApi.JSON.createObjectNode();
        body.putObject("name").put("ja", "燃料").put("en", "Fuel");
        ObjectNode values = body.putObject("values");
        values.putObject("wood").put("ja", "木").put("en", "wood");
        values.putObject("OD gas cartridge").put("ja", "OD缶").put("en", "OD gas cartridge");
        return body;
    }

    /** An attribute key nobody else uses, with a space as the demo's keys have. */
    static String key() {
        return ShopApi.unique("fuel ").toLowerCase();
    }

    static String path(String key) {
        return "/api/attributes/" + key.replace(" ", "%20");
    }

    @Test
    void anAttributeNamedInJapaneseAndEnglishIsReadBackWithItsValuesAndUnit() {
        String key = key();
        ShopApi.Response created = api.put(path(key), fuel());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("attribute").asString()).isEqualTo(key);

        JsonNode read = api.ok(api.get(path(key)));
        assertThat(read.path("name").path("ja").asString()).isEqualTo("燃料");
        assertThat(read.path("name").path("en").asString()).isEqualTo("Fuel");
        assertThat(read.path("values").path("wood").path("ja").asString()).isEqualTo("木");
        assertThat(read.path("values").path("OD gas cartridge").path("ja").asString()).isEqualTo("OD缶");
        assertThat(read.path("unit").isNull()).isTrue();
        assertThat(api.ok(api.get("/api/attributes")).findValuesAsString("attribute")).contains(key);

        ObjectNode weighed = ShopApi.JSON.createObjectNode();
        weighed.putObject("name").put("ja", "重さ").put("en", "Weight");
        weighed.putObject("unit").put("ja", "グラム").put("en", "grams");
        ShopApi.Response replaced = api.put(path(key), weighed);
        assertThat(replaced.status()).as("replacing an entry is not creating one").isEqualTo(200);
        JsonNode again = api.ok(api.get(path(key)));
        assertThat(again.path("name").path("ja").asString()).isEqualTo("重さ");
        assertThat(again.path("unit").path("ja").asString()).isEqualTo("グラム");
        assertThat(again.path("values").size()).as("the values were replaced too").isZero();
    }

    @Test
    void aBrokenEntryIsRefusedNamingTheFieldAndChangesNothing() {
        String key = key();
        api.ok(api.put(path(key), fuel()));

        ObjectNode noEnglish = fuel();
        ((ObjectNode) noEnglish.path("name")).remove("en");
        assertRefused(api.put(path(key), noEnglish), "name.en");

        ObjectNode halfUnit = fuel();
        halfUnit.putObject("unit").put("ja", "グラム");
        assertRefused(api.put(path(key), halfUnit), "unit.en");

        ObjectNode blankValue = fuel();
        ((ObjectNode) blankValue.path("values").path("wood")).put("ja", " ");
        assertRefused(api.put(path(key), blankValue), "values.wood.ja");

        ObjectNode noName = ShopApi.JSON.createObjectNode();
        assertRefused(api.put(path(key), noName), "name");

        JsonNode unchanged = api.ok(api.get(path(key)));
        assertThat(unchanged.path("name").path("en").asString()).isEqualTo("Fuel");
        assertThat(unchanged.path("values").path("wood").path("ja").asString()).isEqualTo("木");

        String unknown = key();
        assertRefused(api.put(path(unknown), noEnglish), "name.en");
        assertThat(api.get(path(unknown)).status()).as("nothing was created").isEqualTo(404);
    }

    @Test
    void aKeyThatIsNotAWordIsRefusedAndNothingIsCreated() {
        for (String notAWord : List.of("9223372036854775808", "1e400", "-fuel", "_x")) {
            assertRefused(api.put(path(notAWord), fuel()), "attribute");
            assertThat(api.get(path(notAWord)).status()).as(notAWord + " was not created").isEqualTo(404);
        }
        String japanese = "容量" + key().replace(" ", "");
        String encoded = "/api/attributes/" + java.net.URLEncoder.encode(japanese, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(api.put(encoded, fuel()).status()).as("a Japanese word is a key").isEqualTo(201);
        assertThat(api.ok(api.get(encoded)).path("attribute").asString()).isEqualTo(japanese);
    }

    private static void assertRefused(ShopApi.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("field").asString()).isEqualTo(field);
        assertThat(r.type()).endsWith("attribute-invalid");
    }
}

package dev.zaiko.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ShopApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** The attribute dictionary in the console: listed, named, edited, and refused next to the field. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AttributePagesTest {

    @LocalServerPort
    int port;

    ShopApi api;
    Browser browser;

    static final class Browser extends ShopApi {
        Browser(int port) {
            super(port);
            useToken(null);
        }
    }

    static final class Admin extends ShopApi {
        Admin(int port) {
            super(port);
        }
    }

    @BeforeEach
    void signIn() {
        api = new Admin(port);
        browser = new Browser(port);
        browser.signIn("admin", "test-admin-password");
        browser.page("/catalog/attributes?lang=ja");
    }

    static Map<String, String> fuel(String key) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("mode", "new");
        form.put("attribute", key);
        form.put("nameJa", "燃料");
        form.put("nameEn", "Fuel");
        form.put("unitJa", "");
        form.put("unitEn", "");
        form.put("value.0", "wood");
        form.put("valueJa.0", "木");
        form.put("valueEn.0", "wood");
        form.put("value.1", "gas");
        form.put("valueJa.1", "ガス");
        form.put("valueEn.1", "gas");
        form.put("value.2", "");
        form.put("valueJa.2", "");
        form.put("valueEn.2", "");
        return form;
    }

    @Test
    void anOperatorNamesANewAttributeAndSeesItListedInJapanese() {
        String key = ShopApi.unique("fuel");
        Response page = browser.page("/catalog/attributes");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("商品の属性").contains("属性を追加").contains("name=\"nameJa\"");

        Response saved = browser.postForm("/catalog/attributes", fuel(key));

        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        JsonNode entry = api.ok(api.get("/api/attributes/" + key));
        assertThat(entry.path("name").path("ja").asString()).isEqualTo("燃料");
        assertThat(entry.path("name").path("en").asString()).isEqualTo("Fuel");
        assertThat(entry.path("unit").isNull()).isTrue();
        assertThat(entry.path("values").path("wood").path("ja").asString()).isEqualTo("木");
        assertThat(entry.path("values").path("gas").path("en").asString()).isEqualTo("gas");
        String listed = browser.page("/catalog/attributes").body();
        assertThat(listed).contains("data-attribute=\"" + key + "\"").contains("燃料").contains("木 / wood")
                .contains("ガス / gas");
    }

    @Test
    void editingAnEntryReplacesItsWordingsAndAnEmptiedRowRemovesTheValue() {
        String key = ShopApi.unique("fuel");
        assertThat(browser.postForm("/catalog/attributes", fuel(key)).status()).isEqualTo(302);
        Response form = browser.page("/catalog/attributes?edit=" + key);
        assertThat(form.body()).contains("「" + key + "」を編集").contains("value=\"ガス\"");

        Map<String, String> edit = fuel(key);
        edit.put("mode", "edit");
        edit.put("nameJa", "使う燃料");
        edit.put("value.1", "");
        edit.put("valueJa.1", "");
        edit.put("valueEn.1", "");
        assertThat(browser.postForm("/catalog/attributes", edit).status()).isEqualTo(302);

        JsonNode entry = api.ok(api.get("/api/attributes/" + key));
        assertThat(entry.path("name").path("ja").asString()).isEqualTo("使う燃料");
        assertThat(entry.path("values").has("gas")).isFalse();
        assertThat(entry.path("values").has("wood")).isTrue();
    }

    @Test
    void aMissingEnglishNameIsRefusedNextToItsFieldInTheReadersLanguageAndNothingIsSaved() {
        String key = ShopApi.unique("fuel");
        Map<String, String> form = fuel(key);
        form.put("nameEn", " ");

        Response refused = browser.postForm("/catalog/attributes", form);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("入力に誤りがあるため、保存していません。")
                .containsPattern("id=\"nameEn\"[^>]*aria-invalid=\"true\"")
                .contains("1〜200文字で入力してください。")
                // what was typed is shown again
                .contains("value=\"燃料\"").contains("value=\"木\"");
        assertThat(api.get("/api/attributes/" + key).status()).isEqualTo(404);

        browser.page("/catalog/attributes?lang=en");
        Response english = browser.postForm("/catalog/attributes", form);
        browser.page("/catalog/attributes?lang=ja");
        assertThat(english.status()).isEqualTo(422);
        assertThat(english.body()).contains("Nothing was saved").contains("Enter 1 to 200 characters.");
        assertThat(api.get("/api/attributes/" + key).status()).isEqualTo(404);
    }

    @Test
    void aValueWithoutItsJapaneseWordingIsRefusedOnItsRowAndTheEntryKeepsWhatItHad() {
        String key = ShopApi.unique("fuel");
        assertThat(browser.postForm("/catalog/attributes", fuel(key)).status()).isEqualTo(302);
        Map<String, String> edit = fuel(key);
        edit.put("mode", "edit");
        edit.put("nameJa", "変えたい名前");
        edit.put("valueJa.1", "");

        Response refused = browser.postForm("/catalog/attributes", edit);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).containsPattern("name=\"valueJa\\.1\"[^>]*aria-invalid=\"true\"")
                .doesNotContainPattern("name=\"valueJa\\.0\"[^>]*aria-invalid=\"true\"");
        JsonNode entry = api.ok(api.get("/api/attributes/" + key));
        assertThat(entry.path("name").path("ja").asString()).isEqualTo("燃料");
        assertThat(entry.path("values").path("gas").path("ja").asString()).isEqualTo("ガス");
    }

    @Test
    void aNewEntryWithAKeyAlreadyNamedIsRefusedInsteadOfReplacingIt() {
        String key = ShopApi.unique("fuel");
        assertThat(browser.postForm("/catalog/attributes", fuel(key)).status()).isEqualTo(302);
        Map<String, String> again = fuel(key);
        again.put("nameJa", "別の名前");

        Response refused = browser.postForm("/catalog/attributes", again);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("このキーはすでに登録されています。");
        assertThat(api.ok(api.get("/api/attributes/" + key)).path("name").path("ja").asString()).isEqualTo("燃料");
    }
}

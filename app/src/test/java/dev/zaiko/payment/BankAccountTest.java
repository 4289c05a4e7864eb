package dev.zaiko.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import dev.zaiko.platform.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BankAccountTest {

    private static BankAccount withName(String holderName) {
        return BankAccount.of("0005", "123", "ORDINARY", "1234567", holderName);
    }

    private static InvalidRequestException refused(String bank, String branch, String type, String number, String name) {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> BankAccount.of(bank, branch, type, number, name));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.type()).isEqualTo("invalid-bank-account");
        return e;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(InvalidRequestException e) {
        return (List<Map<String, Object>>) e.properties().get("errors");
    }

    private static List<String> fields(InvalidRequestException e) {
        return errors(e).stream().map(m -> (String) m.get("field")).toList();
    }

    private static String nameError(String holderName) {
        InvalidRequestException e = refused("0005", "123", "ORDINARY", "1234567", holderName);
        assertThat(fields(e)).containsOnly("holderName");
        return (String) errors(e).get(0).get("message");
    }

    @Test
    void aValidAccountKeepsItsFieldsWithTheNameAsBanksWriteIt() {
        BankAccount account = BankAccount.of("0005", "123", "ORDINARY", "1234567", "ヤマダ タロウ");
        assertThat(account).isEqualTo(new BankAccount("0005", "123", AccountType.ORDINARY, "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ"));
        assertThat(account.holderNameForDisplay()).isEqualTo("ヤマダ タロウ");
    }

    @Test
    void aShortNumberIsLeftPaddedToSevenDigits() {
        assertThat(BankAccount.of("0005", "123", "SAVINGS", "4567", "ﾔﾏﾀﾞ").number()).isEqualTo("0004567");
        assertThat(BankAccount.of("0005", "123", "SAVINGS", "1", "ﾔﾏﾀﾞ").number()).isEqualTo("0000001");
    }

    @Test
    void digitsTypedFullWidthAndSpacesAroundThemAreAccepted() {
        BankAccount account = BankAccount.of(" ０００５", "１２３ ", "checking", "７６５４３２１", "ヤマダ");
        assertThat(account.bankCode()).isEqualTo("0005");
        assertThat(account.branchCode()).isEqualTo("123");
        assertThat(account.type()).isEqualTo(AccountType.CHECKING);
        assertThat(account.number()).isEqualTo("7654321");
    }

    @ParameterizedTest
    @CsvSource({"普通,ORDINARY", "当座,CHECKING", "貯蓄,SAVINGS", "ordinary,ORDINARY", "Savings,SAVINGS"})
    void theTypeMayBeNamedInJapanese(String given, AccountType expected) {
        assertThat(BankAccount.of("0005", "123", given, "1234567", "ﾔﾏﾀﾞ").type()).isEqualTo(expected);
    }

    @Test
    void maskedShowsBankBranchTypeAndTheLastThreeDigitsOnly() {
        BankAccount account = BankAccount.of("0005", "123", "ORDINARY", "1234567", "ヤマダ タロウ");
        assertThat(account.masked()).isEqualTo("0005-123 ORDINARY ****567");
        assertThat(account.toString()).contains("0005-123 ORDINARY ****567")
                .doesNotContain("1234567").doesNotContain("ﾔﾏﾀﾞ").doesNotContain("ヤマダ");
    }

    @Test
    void everyWrongFieldIsReportedAtOnce() {
        InvalidRequestException e = refused("5", "12a", "CURRENT", "12345678", "山田 太郎");
        assertThat(fields(e)).containsExactly("bankCode", "branchCode", "accountType", "accountNumber", "holderName");
        assertThat(errors(e)).allSatisfy(error -> assertThat(error).containsKeys("field", "code", "message"));
        assertThat(errors(e).get(0).get("message")).isEqualTo("bankCode must be 4 digits, like 0005");
        assertThat(errors(e).get(1).get("message")).isEqualTo("branchCode must be 3 digits, like 123");
        assertThat(e.getMessage()).contains("bankCode must be 4 digits, like 0005")
                .contains("branchCode must be 3 digits").contains("ORDINARY, CHECKING or SAVINGS")
                .contains("accountNumber must be 1 to 7 digits").contains("katakana as printed on the passbook, e.g. ヤマダ タロウ")
                .doesNotContain("12345678");
    }

    @Test
    void missingFieldsAreEachReported() {
        InvalidRequestException e = refused(null, null, null, null, null);
        assertThat(fields(e)).containsExactly("bankCode", "branchCode", "accountType", "accountNumber", "holderName");
        assertThat(errors(e).get(4).get("code")).isEqualTo("holder-name-required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00000000", "12-3456", "１２３４５６７８", "abc"})
    void aNumberThatIsNotOneToSevenDigitsIsRefused(String number) {
        InvalidRequestException e = refused("0005", "123", "ORDINARY", number, "ﾔﾏﾀﾞ");
        assertThat(fields(e)).containsExactly("accountNumber");
    }

    @Test
    void aNumberOfZerosIsRefused() {
        InvalidRequestException e = refused("0005", "123", "ORDINARY", "000", "ﾔﾏﾀﾞ");
        assertThat(errors(e)).singleElement().satisfies(m -> assertThat(m.get("code")).isEqualTo("number-zeros"));
    }

    @Test
    void theCanonicalConstructorHoldsAnAccountToTheSameRules() {
        assertThatThrownBy(() -> new BankAccount("5", "123", null, "1234567", "ﾔﾏﾀﾞ"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(fields(e))
                        .containsExactly("bankCode", "accountType"));
        assertThat(new BankAccount("0005", "123", AccountType.ORDINARY, "89", "ヤマダ").number()).isEqualTo("0000089");
    }

    // ---- the holder's name -----------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ヤマダ タロウ|ﾔﾏﾀﾞ ﾀﾛｳ",
            "ｻﾄｳ ﾊﾅｺ|ｻﾄｳ ﾊﾅｺ",
            "キュウヨ イチロウ|ｷﾕｳﾖ ｲﾁﾛｳ",
            "ジョッキー|ｼﾞﾖﾂｷ-",
            "ｷｬｯﾁ|ｷﾔﾂﾁ",
            "ヴァイオリン|ｳﾞｱｲｵﾘﾝ",
            "パピプペポ|ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ",
            "ヲ|ｵ",
            "カ）ヤマダショウテン|ｶ)ﾔﾏﾀﾞｼﾖｳﾃﾝ",
            "（カ）ＡＢＣ　ショウジ|(ｶ)ABC ｼﾖｳｼﾞ",
            "ABC.CO|ABC.CO",
            "ﾔﾏﾀﾞ(ｶ  ｼﾃﾝ|ﾔﾏﾀﾞ(ｶ ｼﾃﾝ",
            "「ヤマダ」／１０２|｢ﾔﾏﾀﾞ｣/102",
            "ヤマダ，タロウ．|ﾔﾏﾀﾞ,ﾀﾛｳ.",
            "ケーキ－ヤ|ｹ-ｷ-ﾔ",
            "ヵヶ|ｶｹ",
            "カ゛|ｶﾞ",
    })
    void namesAreWrittenAsBanksWriteThem(String typed, String normalized) {
        assertThat(withName(typed).holderName()).isEqualTo(normalized);
    }

    @Test
    void aKanaWithACombiningVoicedMarkIsOneVoicedKana() {
        assertThat(withName("カ\u3099ク").holderName()).isEqualTo("ｶﾞｸ");
        assertThat(withName("ﾊ\u309Aﾝ").holderName()).isEqualTo("ﾊﾟﾝ");
    }

    @Test
    void spacesAroundTheNameAreDroppedAndRunsOfSpacesBecomeOne() {
        assertThat(withName("　 ヤマダ　　タロウ ").holderName()).isEqualTo("ﾔﾏﾀﾞ ﾀﾛｳ");
    }

    @Test
    void hiraganaKanjiLowercaseAndEmojiAreRefusedWithWhatIsExpected() {
        String message = nameError("やまだ たろう");
        assertThat(message).contains("katakana as printed on the passbook, e.g. ヤマダ タロウ").contains("や");
        assertThat(nameError("山田 太郎")).contains("katakana as printed on the passbook").contains("山").contains("田");
        assertThat(nameError("Yamada")).contains("katakana as printed on the passbook").contains("a").contains("m");
        assertThat(nameError("ヤマダ😀")).contains("katakana as printed on the passbook").contains("😀");
        assertThat(nameError("ヤマダ・タロウ")).contains("・");
        assertThat(nameError("ｙａｍａｄａ")).contains("ｙ");
        assertThat(nameError("ヤマダ\tタロウ")).contains("U+0009");
    }

    @Test
    void aRefusedNameSaysWhichCharactersOnce() {
        InvalidRequestException e = refused("0005", "123", "ORDINARY", "1234567", "ややややまだ");
        assertThat(errors(e).get(0).get("values")).isEqualTo(List.of("や ま だ"));
    }

    @Test
    void thirtyHalfWidthCharactersAreTheMostAndAVoicedKanaCountsAsTwo() {
        assertThat(withName("ア".repeat(30)).holderName()).hasSize(30);
        assertThat(withName("ガ".repeat(15)).holderName()).hasSize(30);
        String message = nameError("ガ".repeat(15) + "ア");
        assertThat(message).contains("at most 30").contains("has 31");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "　"})
    void aBlankNameIsRefused(String blank) {
        InvalidRequestException e = refused("0005", "123", "ORDINARY", "1234567", blank);
        assertThat(errors(e)).singleElement().satisfies(m -> assertThat(m.get("code")).isEqualTo("holder-name-required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ﾞﾔﾏﾀﾞ", "ｱﾞ", "ﾔﾏﾀﾞﾞ", "ｶﾟ", "A゛"})
    void aVoicedMarkThatFollowsNoKanaTakingItIsRefused(String name) {
        InvalidRequestException e = refused("0005", "123", "ORDINARY", "1234567", name);
        assertThat(errors(e)).singleElement().satisfies(m -> assertThat(m.get("code")).isEqualTo("holder-name-mark"));
    }

    @Test
    void theNormalizedNameIsAcceptedUnchanged() {
        BankAccount first = withName("（カ）ジョッキー・ＡＢＣ".replace("・", " "));
        assertThat(withName(first.holderName())).isEqualTo(first);
    }

    // ---- the customer's language ------------------------------------------------------------------

    @Test
    void everyErrorHasAMessageInBothBundlesThatTakesItsValues() throws IOException {
        Properties ja = bundle("/messages.properties");
        Properties en = bundle("/messages_en.properties");
        for (BankAccount.Error error : BankAccount.Error.values()) {
            String key = "payment.bank-account." + error.code;
            for (Properties bundle : List.of(ja, en)) {
                // an apostrophe reads differently with and without values (MessageFormat quoting)
                assertThat(bundle.getProperty(key)).as(key).isNotBlank().doesNotContain("'");
                String text = new MessageFormat(bundle.getProperty(key), Locale.ROOT).format(new Object[] {"や"});
                assertThat(text.contains("や")).as(key + " shows its value").isEqualTo(error.message.contains("{0}"));
                assertThat(text).as(key).doesNotContain("{");
            }
        }
    }

    private static Properties bundle(String path) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(BankAccountTest.class.getResourceAsStream(path),
                StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}

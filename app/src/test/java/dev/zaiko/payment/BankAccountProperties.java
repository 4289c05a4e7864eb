package dev.zaiko.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.zaiko.platform.InvalidRequestException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/** The holder's name rules over names nobody wrote by hand. */
class BankAccountProperties {

    /** Every character the rules accept in what a customer types. */
    static final String ACCEPTED = range(0x30A1, 0x30F6) + "ー｢｣" + range(0xFF66, 0xFF9F) + range('A', 'Z')
            + range('Ａ', 'Ｚ') + range('0', '9') + range('０', '９') + " 　()（）.．,，-－/／「」゛゜";

    /** Characters a bank transfer cannot carry, from each kind a customer might type. */
    static final String REFUSED = "あいうやまだっぁ山田太郎株式会社abcxyzａｂｃ・!?@#&*+=~_;:\"'<>[]{}|\\$%^`、。ヸヽ\t";

    private static String range(int from, int to) {
        StringBuilder s = new StringBuilder();
        IntStream.rangeClosed(from, to).forEach(s::appendCodePoint);
        return s.toString();
    }

    @Provide
    Arbitrary<String> typedNames() {
        return Arbitraries.strings().withChars(ACCEPTED.toCharArray()).ofMinLength(0).ofMaxLength(36);
    }

    @Property(tries = 2000)
    @StatisticsReport(onFailureOnly = true)
    void anAcceptedNameHoldsOnlyWhatABankTakesAndStaysAsItIs(@ForAll("typedNames") String typed) {
        // a property that refused (almost) every name would prove nothing about accepted ones
        Statistics.coverage(coverage -> coverage.check("accepted").percentage(p -> p > 25));
        BankAccount account;
        try {
            account = BankAccount.of("0005", "123", "ORDINARY", "1234567", typed);
        } catch (InvalidRequestException e) {
            // a name of accepted characters is refused only for its length, a stray voiced mark or being blank
            assertThat(codes(e)).isNotEmpty().isSubsetOf("holder-name-length", "holder-name-mark", "holder-name-required");
            Statistics.collect("refused");
            return;
        }
        Statistics.collect("accepted");
        String name = account.holderName();
        assertThat(name).isNotBlank().hasSizeLessThanOrEqualTo(30).doesNotStartWith(" ").doesNotEndWith(" ")
                .doesNotContain("  ");
        assertThat(name.chars()).allMatch(c -> ZenginName.allowed((char) (int) c));
        assertThat(name.chars()).noneMatch(c -> "ｧｨｩｪｫｬｭｮｯｦｰ".indexOf(c) >= 0);
        assertThat(BankAccount.of("0005", "123", "ORDINARY", "1234567", name).holderName()).isEqualTo(name);
        assertThat(BankAccount.of("0005", "123", "ORDINARY", "1234567", account.holderNameForDisplay()).holderName())
                .as("the display form reads back as the same name").isEqualTo(name);
    }

    @Provide
    Arbitrary<String> namesWithARefusedCharacter() {
        List<String> refused = new java.util.ArrayList<>(REFUSED.chars().mapToObj(c -> String.valueOf((char) c)).toList());
        refused.addAll(List.of("😀", "🍣", "𠮷"));
        return Combinators.combine(typedNames(), Arbitraries.of(refused), typedNames()).as((before, bad, after) -> before + bad + after);
    }

    @Property(tries = 1000)
    void aNameWithARefusedCharacterIsRefusedNamingIt(@ForAll("namesWithARefusedCharacter") String typed) {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> BankAccount.of("0005", "123", "ORDINARY", "1234567", typed));
        assertThat(e).as(typed).isNotNull();
        Map<String, Object> error = errors(e).stream().filter(m -> "holder-name-characters".equals(m.get("code")))
                .findFirst().orElseThrow();
        assertThat((String) error.get("message")).contains("katakana as printed on the passbook, e.g. ヤマダ タロウ");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(InvalidRequestException e) {
        return (List<Map<String, Object>>) e.properties().get("errors");
    }

    private static List<String> codes(InvalidRequestException e) {
        return errors(e).stream().map(m -> (String) m.get("code")).toList();
    }
}

package dev.zaiko.contact.scripts;

import static dev.zaiko.contact.scripts.ScriptChecks.allText;
import static dev.zaiko.contact.scripts.ScriptChecks.assertNamesOnly;
import static dev.zaiko.contact.scripts.ScriptChecks.assertNoBannedPhrase;
import static dev.zaiko.contact.scripts.ScriptChecks.assertSectionsInOrder;
import static dev.zaiko.contact.scripts.ScriptChecks.label;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import dev.zaiko.order.Order;
import dev.zaiko.order.OrderLineShort;
import dev.zaiko.order.OrderNumber;
import dev.zaiko.order.OrderStatus;
import dev.zaiko.shop.ShopProperties;
import dev.zaiko.platform.ZaikoProperties;
import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.ComparisonTexts;
import dev.zaiko.stockout.StockoutCase;
import dev.zaiko.stockout.StockoutDecision;
import dev.zaiko.stockout.StockoutFacts;
import dev.zaiko.stockout.StockoutOption;
import dev.zaiko.stockout.StockoutStatus;
import dev.zaiko.stockout.SubstituteCandidate;
import dev.zaiko.stockout.SubstitutePrice;
import org.junit.jupiter.api.Test;

/**
 * The variant rules and the wording on hand-built cases, without an application: which variant
 * a case gets, that an option not offered never appears, that the facts are there and that no
 * text shifts the blame.
 */
class CallScriptRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final Instant ORDERED = Instant.parse("2026-11-18T03:00:00Z"); // 18 Nov in Tokyo
    static final List<Locale> LANGUAGES = List.of(Locale.JAPANESE, Locale.ENGLISH);

    /** What the catalog's attribute dictionary would say: names in the reader's language, values as recorded. */
    static final java.util.function.BiFunction<String, Locale, String> DICTIONARY = (attribute, locale) ->
            Locale.ENGLISH.getLanguage().equals(locale.getLanguage())
                    ? java.util.Map.of("volume", "volume", "weight", "weight", "color", "colour").get(attribute)
                    : java.util.Map.of("volume", "容量", "weight", "重さ", "color", "色").get(attribute);

    final WritingCallScripts writing = new WritingCallScripts(ScriptChecks.MESSAGES, ShopProperties.defaults(),
            new ZaikoProperties(null, null, false), null, null, null, null,
            (sku, substitute, locale) -> substitute.comparison().stream().map(r -> new ComparisonTexts.Row(
                    r.attribute(), DICTIONARY.apply(r.attribute(), locale), r.original(), r.substitute(), r.verdict(),
                    r.verdict().name(), r.matters())).toList());

    // ---- fixtures ---------------------------------------------------------------------------------

    record Flags(boolean express, LocalDate promised, boolean gift, LocalDate neededBy, boolean b2b) {
        static Flags plain() {
            return new Flags(false, null, false, null, false);
        }
    }

    /** A valid order number: the check digit appended to 16 digits. */
    static String validNumber() {
        for (int d = 0; d < 10; d++) {
            String candidate = "2500000001100000" + d;
            try {
                return new OrderNumber(candidate).toString();
            } catch (IllegalArgumentException e) {
                // not this digit
            }
        }
        throw new IllegalStateException();
    }

    static Order order(Flags f, String paymentMethod, String paymentStatus) {
        return new Order(OrderNumber.parse(validNumber()), "AMAZON", "REF-1", OrderStatus.AWAITING_CUSTOMER,
                new Order.Customer(f.b2b() ? "株式会社 森のテラス" : "青木 春香", "haruka.aoki@example.jp", "090-0000-0000", "ja"),
                new Order.Payment(paymentMethod, paymentStatus, 6000, 0, null, 0, 0), f.express(), f.promised(),
                f.gift(), f.b2b(), f.neededBy(), 0, ORDERED,
                List.of(new Order.Line(1, "BOTTLE-500", 2, 3000, OrderStatus.AWAITING_CUSTOMER, null, null)),
                List.of(), false);
    }

    static StockoutCase stockout(String reason, Flags f, String channelKind) {
        StockoutFacts facts = new StockoutFacts(validNumber(), ORDERED, "AMAZON", channelKind,
                new StockoutFacts.Item("BOTTLE-500", new StockoutFacts.Name("ソフトボトル 500", "Soft bottle 500")), 2, 2,
                reason, null, new StockoutFacts.CustomerFlags(f.express(), f.gift(), f.neededBy(), f.b2b(), f.promised()));
        return new StockoutCase("SO-000042", validNumber(), 1, "BOTTLE-500", 2, reason, StockoutStatus.OPEN, 3,
                ORDERED.plusSeconds(3600), "rule", ORDERED, ORDERED, facts, List.of());
    }

    static StockoutOption waitFor(LocalDate date) {
        return new StockoutOption(Choice.WAIT, date, null, 2, null, null, List.of(), "k", List.of());
    }

    static StockoutOption cancel() {
        return new StockoutOption(Choice.CANCEL, null, 6000L, 2, null, null, List.of(), "k", List.of());
    }

    static StockoutOption partial() {
        return new StockoutOption(Choice.PARTIAL, null, 3000L, 1, null, null, List.of(), "k", List.of());
    }

    static StockoutOption dropShip(LocalDate arrives) {
        return new StockoutOption(Choice.DROP_SHIP, arrives, null, 2, "Hokuto Gear", "Hokuto Gear", List.of(), "k",
                List.of());
    }

    static StockoutOption transfer(LocalDate arrives) {
        return new StockoutOption(Choice.TRANSFER, arrives, null, 2, "STORE-KICHIJOJI", "吉祥寺店", List.of(), "k",
                List.of());
    }

    static SubstituteCandidate candidate(int rank, String sku, String ja, String en, long listPrice, LocalDate shipsOn) {
        SubstitutePrice price = SubstitutePrice.of(3000, listPrice, 2, 1000).orElseThrow();
        return new SubstituteCandidate(rank, sku, new StockoutFacts.Name(ja, en), false, 2, listPrice, 3000, price, 5,
                shipsOn, List.of(), List.of(
                new SubstituteCandidate.ComparisonRow("volume", "500 ml", "600 ml", SubstituteCandidate.Verdict.BETTER, true),
                new SubstituteCandidate.ComparisonRow("weight", "300 g", "320 g", SubstituteCandidate.Verdict.WORSE, true),
                new SubstituteCandidate.ComparisonRow("color", "blue", "green", SubstituteCandidate.Verdict.DIFFERENT, false)));
    }

    static StockoutOption substitute(SubstituteCandidate... candidates) {
        return new StockoutOption(Choice.SUBSTITUTE, candidates[0].shipsOn(), null, 2, null, null, List.of(candidates),
                "k", List.of());
    }

    static StockoutOption.Options options(StockoutOption... offered) {
        return new StockoutOption.Options(List.of(offered), List.of());
    }

    static StockoutOption.Options options(List<StockoutOption.NotOffered> withheld, StockoutOption... offered) {
        return new StockoutOption.Options(List.of(offered), withheld);
    }

    CallScript write(String reason, Flags f, StockoutOption.Options options, Locale locale) {
        return writing.write(stockout(reason, f, "MARKETPLACE"), options, order(f, "CREDIT_CARD", "CAPTURED"), locale,
                "田中");
    }

    static List<Choice> choices(StockoutOption.Options options) {
        return options.offered().stream().map(StockoutOption::choice).toList();
    }

    // ---- which variant ----------------------------------------------------------------------------

    @Test
    void theFirstMatchingVariantWins() {
        Flags gift = new Flags(false, null, true, TODAY.plusDays(5), false);
        Flags express = new Flags(true, TODAY.plusDays(1), false, null, false);
        Flags b2b = new Flags(false, null, false, null, true);
        Flags b2bGift = new Flags(false, null, true, TODAY.plusDays(5), true);
        String failed = OrderLineShort.ALLOCATION_FAILED;

        assertThat(write(failed, b2b, options(waitFor(TODAY.plusDays(3)), cancel()), Locale.JAPANESE).variant())
                .isEqualTo("B2B");
        assertThat(write(failed, b2bGift, options(cancel()), Locale.JAPANESE).variant()).as("B2B comes first")
                .isEqualTo("B2B");
        assertThat(write(failed, gift, options(cancel()), Locale.JAPANESE).variant()).isEqualTo("NOT_IN_TIME");
        assertThat(write(failed, express, options(transfer(TODAY.plusDays(1)), cancel()), Locale.JAPANESE).variant())
                .isEqualTo("NOT_IN_TIME");
        assertThat(write(failed, gift, options(waitFor(TODAY.plusDays(3)), cancel()), Locale.JAPANESE).variant())
                .as("a restock before the gift's date still arrives in time").isEqualTo("DATED_RESTOCK");
        assertThat(write(OrderLineShort.DISCONTINUED, Flags.plain(), options(cancel()), Locale.JAPANESE).variant())
                .isEqualTo("DISCONTINUED");
        assertThat(write(failed, Flags.plain(), options(List.of(new StockoutOption.NotOffered(Choice.WAIT,
                "discontinued", List.of())), cancel()), Locale.JAPANESE).variant())
                .as("the product was discontinued meanwhile").isEqualTo("DISCONTINUED");
        assertThat(write(failed, Flags.plain(), options(substitute(candidate(1, "B-600", "ボトル 600", "Bottle 600",
                2500, TODAY)), cancel()), Locale.JAPANESE).variant()).as("no dated restock, a substitute")
                .isEqualTo("DISCONTINUED");
        assertThat(write(failed, Flags.plain(), options(waitFor(TODAY.plusDays(3)), cancel()), Locale.JAPANESE)
                .variant()).isEqualTo("DATED_RESTOCK");
        assertThat(write(agedBackorder(), Flags.plain(), options(waitFor(null), cancel()), Locale.JAPANESE)
                .variant()).as("waiting without a date").isEqualTo("GENERAL");
        assertThat(write(failed, Flags.plain(), options(cancel()), Locale.JAPANESE).variant()).isEqualTo("GENERAL");
        assertThat(write(failed, new Flags(true, null, false, null, false), options(cancel()), Locale.JAPANESE)
                .variant()).as("express without a promised date").isEqualTo("GENERAL");
    }

    private static String agedBackorder() {
        return "BACKORDER_AGED";
    }

    // ---- every variant, both languages: facts, only the offered options, no blame ----------------

    record Example(String variant, String reason, Flags flags, StockoutOption.Options options) {
    }

    static List<Example> examples() {
        SubstituteCandidate bigger = candidate(1, "B-600", "ソフトボトル 600", "Soft bottle 600", 2500, TODAY);
        SubstituteCandidate dearer = candidate(2, "B-700", "ソフトボトル 700", "Soft bottle 700", 3400, TODAY);
        return List.of(
                new Example("B2B", OrderLineShort.ALLOCATION_FAILED, new Flags(false, null, false, null, true),
                        options(waitFor(TODAY.plusDays(12)), dropShip(TODAY.plusDays(6)), cancel())),
                new Example("NOT_IN_TIME", OrderLineShort.INSPECTION_DEFECT,
                        new Flags(false, null, true, TODAY.plusDays(4), false),
                        options(substitute(bigger, dearer), transfer(TODAY.plusDays(2)), cancel())),
                new Example("NOT_IN_TIME", OrderLineShort.ALLOCATION_FAILED,
                        new Flags(true, TODAY.plusDays(1), false, null, false), options(cancel())),
                new Example("DISCONTINUED", OrderLineShort.DISCONTINUED, Flags.plain(),
                        options(substitute(bigger, dearer), cancel())),
                new Example("DATED_RESTOCK", OrderLineShort.INBOUND_SHORT, Flags.plain(),
                        options(waitFor(TODAY.plusDays(9)), partial(), cancel())),
                new Example("GENERAL", OrderLineShort.DISPLACED, Flags.plain(), options(partial(), cancel())));
    }

    @Test
    void everyVariantInBothLanguagesStatesTheFactsAndNamesOnlyTheOfferedOptions() {
        for (Example e : examples()) {
            for (Locale locale : LANGUAGES) {
                CallScript script = write(e.reason(), e.flags(), e.options(), locale);
                String what = e.variant() + " " + locale;
                assertThat(script.variant()).as(what).isEqualTo(e.variant());
                assertThat(script.locale()).isEqualTo(locale.getLanguage());
                assertSectionsInOrder(script);
                String facts = String.join("\n", script.section("FACTS").lines());
                boolean en = locale == Locale.ENGLISH;
                assertThat(facts).as(what).contains(validNumber(), en ? "250, 000 0001, 100 0000" : "250、000 0001、100 0000",
                        en ? "Soft bottle 500" : "「ソフトボトル 500」", en ? "quantity 2" : "2点",
                        en ? "18 Nov 2026" : "2026年11月18日");
                assertThat(String.join("\n", script.section("OPENING").lines())).as(what)
                        .contains(en ? "Yamanami Store" : "山並ストア", "田中", validNumber());
                assertNamesOnly(allText(script), choices(e.options()), locale);
                assertNoBannedPhrase(allText(script), what);
                assertThat(String.join("\n", script.section("CLOSING").lines())).as(what)
                        .contains(en ? "next" : "次回");
            }
        }
    }

    @Test
    void theVoicemailGivesNoDetailsOfTheOrder() {
        for (Example e : examples()) {
            for (Locale locale : LANGUAGES) {
                String voicemail = write(e.reason(), e.flags(), e.options(), locale).voicemail();
                assertThat(voicemail).contains("田中", locale == Locale.ENGLISH ? "Yamanami Store" : "山並ストア")
                        .doesNotContain(validNumber(), "ボトル", "bottle", "Bottle", "青木", "森のテラス", "円", "¥");
            }
        }
    }

    // ---- what the variants say --------------------------------------------------------------------

    @Test
    void aB2bCallGivesTheEarliestDateTheFaultInWritingAndTheNextLot() {
        CallScript script = write(OrderLineShort.ALLOCATION_FAILED, new Flags(false, null, false, null, true),
                options(waitFor(TODAY.plusDays(12)), dropShip(TODAY.plusDays(6)), cancel()), Locale.JAPANESE);
        List<String> options = script.section("OPTIONS").lines();
        assertThat(options.get(0)).isEqualTo("最短の日程は2026年11月26日（【仕入先から直接お届け】）でございます。");
        assertThat(options.get(2)).as("dated options soonest first").startsWith(label(Choice.DROP_SHIP, Locale.JAPANESE));
        assertThat(options).anyMatch(l -> l.contains("最優先で確保"));
        assertThat(script.section("FACTS").lines()).anyMatch(l -> l.contains("すべて当店の責任"))
                .anyMatch(l -> l.contains("書面"));
        assertThat(script.section("OPENING").lines()).contains("株式会社 森のテラスのご担当者様でいらっしゃいますか。");

        CallScript en = write(OrderLineShort.ALLOCATION_FAILED, new Flags(false, null, false, null, true),
                options(cancel()), Locale.ENGLISH);
        assertThat(en.section("OPTIONS").lines().get(0)).isEqualTo(
                "At the moment we cannot promise a date for any way of delivery.");
    }

    @Test
    void aLateGiftOffersCancellingAtOnceAndOnlyWhatArrivesInTime() {
        Flags gift = new Flags(false, null, true, TODAY.plusDays(4), false);
        SubstituteCandidate late = candidate(1, "B-LATE", "遅いボトル", "Late bottle", 2500, TODAY.plusDays(4));
        CallScript script = write(OrderLineShort.INSPECTION_DEFECT, gift,
                options(substitute(late), transfer(TODAY.plusDays(2)), cancel()), Locale.JAPANESE);

        List<String> options = script.section("OPTIONS").lines();
        assertThat(options.get(1)).startsWith(label(Choice.CANCEL, Locale.JAPANESE));
        assertThat(allText(script)).as("a substitute shipping on the day itself arrives too late")
                .doesNotContain(label(Choice.SUBSTITUTE, Locale.JAPANESE), "遅いボトル")
                .contains(label(Choice.TRANSFER, Locale.JAPANESE), "2026年11月24日までにお届けすることができなくなりました",
                        "万全でない品をお届けするわけにはまいりません", "このお電話の後すぐに");
    }

    @Test
    void aDiscontinuedItemGetsTheBestSubstituteWithItsComparisonAndPriceRule() {
        SubstituteCandidate cheaper = candidate(1, "B-600", "ソフトボトル 600", "Soft bottle 600", 2500, TODAY);
        SubstituteCandidate dearer = candidate(1, "B-700", "ソフトボトル 700", "Soft bottle 700", 3400, TODAY);

        CallScript ja = write(OrderLineShort.DISCONTINUED, Flags.plain(), options(cancel(), substitute(cheaper, dearer)),
                Locale.JAPANESE);
        List<String> options = ja.section("OPTIONS").lines();
        assertThat(options.get(1)).as("the substitute first").isEqualTo(
                "【代わりの商品】同じ用途でお使いいただける「ソフトボトル 600」2点でしたら、2026年11月20日に発送できます。");
        assertThat(options).contains("・容量：500 ml → 600 ml（こちらの方が上回ります）",
                "・重さ：300 g → 320 g（こちらの方が劣ります）", "・色：blue → green（異なります）",
                "こちらは2,500円の商品ですので、差額の1,000円をご返金いたします。",
                "ほかにも1点、代わりにお選びいただける商品がございます。ご希望があればご案内いたします。");
        assertThat(ja.section("FACTS").lines()).contains("そのため、この商品が再入荷することはございません。");

        CallScript en = write(OrderLineShort.DISCONTINUED, Flags.plain(), options(substitute(dearer), cancel()),
                Locale.ENGLISH);
        assertThat(en.section("OPTIONS").lines()).contains("- volume: 500 ml → 600 ml (better)",
                "Its price is ¥3,400, but you pay only the ¥3,000 you already paid; we cover the difference.");
    }

    @Test
    void aDatedRestockAsksToWaitOrCancelAndNamesTheOthers() {
        CallScript ja = write(OrderLineShort.INBOUND_SHORT, Flags.plain(),
                options(waitFor(TODAY.plusDays(9)), partial(), cancel()), Locale.JAPANESE);
        assertThat(ja.section("FACTS").lines()).contains("次回の入荷は2026年11月29日の予定でございます。");
        assertThat(ja.section("CHOICE").lines()).startsWith(
                "このまま入荷をお待ちいただけますでしょうか。それとも、キャンセルをご希望でしょうか。",
                "ほかに、【そろっている分を先に発送】もお選びいただけます。");
        CallScript en = write(OrderLineShort.INBOUND_SHORT, Flags.plain(),
                options(waitFor(TODAY.plusDays(9)), partial(), cancel()), Locale.ENGLISH);
        assertThat(en.section("OPTIONS").lines()).contains(
                "[Wait for the restock] A delivery is expected on 29 Nov 2026. If you can wait, we will set aside 2 unit(s) "
                        + "from it and send them at once.",
                "[Send what is ready now] We send what is ready now and refund ¥3,000 for the 1 missing unit(s).");
    }

    @Test
    void cancellingSaysWhatHappensToTheMoneyForTheWayThePaymentWasMade() {
        StockoutCase own = stockout(OrderLineShort.DISPLACED, Flags.plain(), "OWN");
        String authorised = String.join("\n", writing.write(own, options(cancel()),
                order(Flags.plain(), "CREDIT_CARD", "AUTHORIZED"), Locale.JAPANESE, "田中").section("OPTIONS").lines());
        assertThat(authorised).contains("6,000円のクレジットカードのご請求は取り消し");
        String cod = String.join("\n", writing.write(own, options(cancel()), order(Flags.plain(), "COD", "PENDING"),
                Locale.ENGLISH, "Tanaka").section("OPTIONS").lines());
        assertThat(cod).contains("cash on delivery").doesNotContain("refund the", "refunds you");
        String marketplace = String.join("\n", write(OrderLineShort.DISPLACED, Flags.plain(), options(cancel()),
                Locale.ENGLISH).section("OPTIONS").lines());
        assertThat(marketplace).contains("refund the full ¥6,000", "The marketplace you ordered from refunds you");
    }

    @Test
    void aDecidedCaseSaysWhatWasDecidedAndOffersNothing() {
        StockoutOption waiting = waitFor(TODAY.plusDays(9));
        StockoutDecision decision = new StockoutDecision("SO-000042", Choice.WAIT, 1, 2, null, TODAY.plusDays(9), null,
                0, false, "staff:tanaka", null, ORDERED, waiting);
        CallScript script = writing.write(stockout(OrderLineShort.INBOUND_SHORT, Flags.plain(), "MARKETPLACE"),
                options(), order(Flags.plain(), "CREDIT_CARD", "CAPTURED"), Locale.JAPANESE, "田中", decision);
        assertThat(script.variant()).isEqualTo("DATED_RESTOCK");
        assertThat(script.section("OPTIONS").lines()).containsExactly("このご注文の対応方法は、すでに決まっております。",
                "2026年11月29日に入荷予定の商品からお届けいたします。");
        assertNamesOnly(allText(script), List.of(), Locale.JAPANESE);
    }

    @Test
    void withoutAnyOptionTheOperatorPromisesNothing() {
        CallScript script = write(OrderLineShort.DISPLACED, Flags.plain(), options(), Locale.ENGLISH);
        assertThat(script.section("OPTIONS").lines()).singleElement().asString().startsWith("(Note)");
        assertNamesOnly(allText(script), List.of(), Locale.ENGLISH);
    }

    @Test
    void theLocaleIsEnglishOnlyForEnglishAndTheOperatorHasAPlaceholder() {
        CallScript other = writing.write(stockout(OrderLineShort.DISPLACED, Flags.plain(), "OWN"), options(cancel()),
                order(Flags.plain(), "CREDIT_CARD", "CAPTURED"), Locale.FRENCH, " ");
        assertThat(other.locale()).isEqualTo("ja");
        assertThat(other.section("OPENING").lines()).contains("山並ストアの（担当者名）と申します。");
    }

    @Test
    void thePlainTextHasEverySectionInOrderAndToStringNoPersonalData() {
        CallScript script = write(OrderLineShort.DISPLACED, Flags.plain(), options(partial(), cancel()), Locale.JAPANESE);
        String text = script.plainText();
        int at = -1;
        for (CallScript.Section s : script.sections()) {
            int next = text.indexOf("■ " + s.title());
            assertThat(next).as(s.kind()).isGreaterThan(at);
            at = next;
        }
        assertThat(text).contains("青木 春香様", script.voicemail());
        assertThat(script.toString()).doesNotContain("青木").contains("SO-000042", "GENERAL");
    }

    // ---- the bundles themselves -------------------------------------------------------------------

    static Map<String, String> scriptTexts(String bundle) throws Exception {
        Properties p = new Properties();
        try (InputStream in = CallScriptRulesTest.class.getResourceAsStream("/" + bundle)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Map<String, String> texts = new TreeMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith(ScriptWords.PREFIX))
                .forEach(k -> texts.put(k, p.getProperty(k)));
        return texts;
    }

    @Test
    void noScriptTextInEitherLanguageShiftsTheBlameAndBothHaveTheSameKeys() throws Exception {
        Map<String, String> ja = scriptTexts("messages.properties");
        Map<String, String> en = scriptTexts("messages_en.properties");
        assertThat(ja).isNotEmpty();
        assertThat(en.keySet()).isEqualTo(ja.keySet());
        List<String> checked = new ArrayList<>();
        for (Map<String, String> texts : List.of(ja, en)) {
            texts.forEach((key, text) -> {
                assertNoBannedPhrase(text, key);
                assertThat(text).as(key + ": a plain apostrophe is eaten by the message formatter").doesNotContain("'");
                checked.add(key);
            });
        }
        assertThat(checked).hasSize(ja.size() * 2);
    }
}

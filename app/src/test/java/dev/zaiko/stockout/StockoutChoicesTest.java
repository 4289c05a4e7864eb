package dev.zaiko.stockout;

import dev.zaiko.shop.BusinessDays;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.ProductStatus;
import dev.zaiko.inventory.LocationKind;
import dev.zaiko.inventory.StockElsewhere;
import org.junit.jupiter.api.Test;

/**
 * Each choice's rule offers what can work and withholds, with a reason, what cannot; every choice
 * has exactly one class, which offers, carries out and names the refund cause of that choice.
 */
class StockoutChoicesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 24); // a Tuesday
    static final BusinessDays WEEKDAYS = new WeekdayCalendar();
    static final StockoutOptionsProperties SHOP = new StockoutOptionsProperties(null, true, 1, true, 2, null, null,
            null, null, null);

    static Product tent(ProductStatus status, String supplier, Integer leadTime) {
        return new Product("TENT", new Product.Name("テント", "Tent"), "tent", List.of("camping"), Map.of(), 20_000,
                status, false, 0, true, supplier, leadTime, java.time.Instant.EPOCH, java.time.Instant.EPOCH);
    }

    static OptionContext context(String reason, int quantity, int reserved, boolean othersShip, Product product,
                                 LocalDate neededBy, LocalDate inbound, List<StockElsewhere> elsewhere,
                                 StockoutOptionsProperties policy) {
        return new OptionContext(reason, quantity, reserved, quantity - reserved, 20_000, othersShip, product, TODAY,
                neededBy, inbound == null ? null : new StockoutFacts.NextInbound(inbound, 10, "WH"), null, List.of(),
                elsewhere, policy, WEEKDAYS);
    }

    static OptionContext plain(LocalDate neededBy, LocalDate inbound) {
        return context("ALLOCATION_FAILED", 1, 0, false, tent(ProductStatus.ACTIVE, "Yamanami", 5), neededBy, inbound,
                List.of(), SHOP);
    }

    static List<Choice> offered(OptionContext c) {
        return StockoutChoices.evaluate(c).offered().stream().map(StockoutOption::choice).toList();
    }

    static String withheld(OptionContext c, Choice choice) {
        return StockoutChoices.evaluate(c).withheld().stream().filter(w -> w.choice() == choice).findFirst()
                .map(StockoutOption.NotOffered::code).orElse(null);
    }

    @Test
    void waitIsOfferedWithTheInboundsDateWhenItArrivesBeforeTheNeededByDate() {
        StockoutOption wait = StockoutChoices.evaluate(plain(TODAY.plusDays(10), TODAY.plusDays(9))).offered(Choice.WAIT)
                .orElseThrow();
        assertThat(wait.promisedDate()).isEqualTo(TODAY.plusDays(9));
        assertThat(offered(plain(null, TODAY.plusDays(30)))).contains(Choice.WAIT);
    }

    @Test
    void waitIsWithheldWhenTheInboundIsOnOrAfterTheNeededByDateOrThereIsNone() {
        assertThat(withheld(plain(TODAY.plusDays(10), TODAY.plusDays(10)), Choice.WAIT)).isEqualTo("inboundTooLate");
        assertThat(withheld(plain(TODAY.plusDays(10), TODAY.plusDays(20)), Choice.WAIT)).isEqualTo("inboundTooLate");
        assertThat(withheld(plain(null, null), Choice.WAIT)).isEqualTo("noInbound");
    }

    @Test
    void aDiscontinuedProductCanNeitherBeAwaitedNorOrderedFromTheSupplier() {
        OptionContext c = context("DISCONTINUED", 1, 0, false, tent(ProductStatus.DISCONTINUED, "Yamanami", 5), null,
                TODAY.plusDays(3), List.of(), SHOP);
        assertThat(withheld(c, Choice.WAIT)).isEqualTo("discontinued");
        assertThat(withheld(c, Choice.DROP_SHIP)).isEqualTo("discontinued");
        assertThat(offered(c)).contains(Choice.CANCEL);
    }

    @Test
    void dropShipNeedsTheShopsConsentASupplierWithALeadTimeAndADeliveryInTime() {
        StockoutOption ship = StockoutChoices.evaluate(plain(null, null)).offered(Choice.DROP_SHIP).orElseThrow();
        assertThat(ship.promisedDate()).isEqualTo(TODAY.plusDays(6)); // 5 days lead time + 1 for the delivery
        assertThat(ship.source()).isEqualTo("Yamanami");

        assertThat(withheld(context("ALLOCATION_FAILED", 1, 0, false, tent(ProductStatus.ACTIVE, "Yamanami", 5), null,
                null, List.of(), StockoutOptionsProperties.defaults()), Choice.DROP_SHIP)).isEqualTo("notAllowed");
        assertThat(withheld(context("ALLOCATION_FAILED", 1, 0, false, tent(ProductStatus.ACTIVE, null, null), null,
                null, List.of(), SHOP), Choice.DROP_SHIP)).isEqualTo("noSupplier");
        assertThat(withheld(plain(TODAY.plusDays(5), null), Choice.DROP_SHIP)).isEqualTo("tooLate");
        assertThat(withheld(context("SUPPLIER_CANCELLED", 1, 0, false, tent(ProductStatus.ACTIVE, "Yamanami", 5), null,
                null, List.of(), SHOP), Choice.DROP_SHIP)).isEqualTo("supplierCancelled");
    }

    @Test
    void transferTakesTheFirstLocationThatCanSendEveryMissingUnitInBusinessDays() {
        List<StockElsewhere> elsewhere = List.of(new StockElsewhere("TENT", "STORE-A", LocationKind.STORE, "Store A", 1),
                new StockElsewhere("TENT", "STORE-B", LocationKind.STORE, "Store B", 3));
        OptionContext two = context("ALLOCATION_FAILED", 2, 0, false, tent(ProductStatus.ACTIVE, null, null), null,
                null, elsewhere, SHOP);
        StockoutOption transfer = StockoutChoices.evaluate(two).offered(Choice.TRANSFER).orElseThrow();
        assertThat(transfer.source()).isEqualTo("STORE-B");
        assertThat(transfer.promisedDate()).isEqualTo(TODAY.plusDays(2)); // Tuesday + 2 business days

        OptionContext four = context("ALLOCATION_FAILED", 4, 0, false, tent(ProductStatus.ACTIVE, null, null), null,
                null, elsewhere, SHOP);
        assertThat(withheld(four, Choice.TRANSFER)).isEqualTo("noStockElsewhere");
        assertThat(withheld(context("ALLOCATION_FAILED", 1, 0, false, tent(ProductStatus.ACTIVE, null, null), null,
                null, elsewhere, StockoutOptionsProperties.defaults()), Choice.TRANSFER)).isEqualTo("notAllowed");
    }

    @Test
    void partialNeedsSomethingToShipAndRefundsOnlyTheMissingUnits() {
        assertThat(withheld(plain(null, null), Choice.PARTIAL)).isEqualTo("nothingElseToShip");

        OptionContext someReserved = context("INSPECTION_DEFECT", 3, 2, false, tent(ProductStatus.ACTIVE, null, null),
                null, null, List.of(), SHOP);
        StockoutOption partial = StockoutChoices.evaluate(someReserved).offered(Choice.PARTIAL).orElseThrow();
        assertThat(partial.units()).isEqualTo(1);
        assertThat(partial.refundAmount()).isEqualTo(20_000);

        OptionContext otherLine = context("ALLOCATION_FAILED", 1, 0, true, tent(ProductStatus.ACTIVE, null, null), null,
                null, List.of(), SHOP);
        assertThat(offered(otherLine)).contains(Choice.PARTIAL);
    }

    @Test
    void cancelIsAlwaysOfferedLastWithTheWholeLineRefunded() {
        OptionContext c = context("INSPECTION_DEFECT", 3, 2, true, tent(ProductStatus.ACTIVE, "Yamanami", 5), null,
                TODAY.plusDays(3), List.of(), SHOP);
        List<StockoutOption> offered = StockoutChoices.evaluate(c).offered();
        StockoutOption cancel = offered.get(offered.size() - 1);
        assertThat(cancel.choice()).isEqualTo(Choice.CANCEL);
        assertThat(cancel.refundAmount()).isEqualTo(60_000);
        assertThat(offered(context("ALLOCATION_FAILED", 1, 0, false, null, null, null, List.of(),
                StockoutOptionsProperties.defaults()))).containsExactly(Choice.CANCEL);
    }

    @Test
    void anAgedBackorderOffersKeepingTheWaitOrCancellingNothingElse() {
        OptionContext aged = context("BACKORDER_AGED", 2, 0, true, tent(ProductStatus.ACTIVE, "Yamanami", 5), null,
                null, List.of(new StockElsewhere("TENT", "S", LocationKind.STORE, "S", 9)), SHOP);
        assertThat(offered(aged)).containsExactly(Choice.WAIT, Choice.CANCEL);
        assertThat(StockoutChoices.evaluate(aged).offered(Choice.WAIT).orElseThrow().textKey())
                .isEqualTo("stockout.option.WAIT.keepUndated");
    }

    @Test
    void substitutesAreOfferedOnlyWhenACandidateExists() {
        assertThat(withheld(plain(null, null), Choice.SUBSTITUTE)).isEqualTo("noSubstitute");
    }

    @Test
    void everyChoiceHasExactlyOneClassThatOffersAndCarriesItOut() {
        List<Choice> listed = StockoutChoices.ALL.stream().map(StockoutChoice::choice).toList();
        assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrder(Choice.values());
        for (Choice choice : Choice.values()) {
            assertThat(StockoutChoices.of(choice).choice()).isEqualTo(choice);
        }
    }

    @Test
    void eachChoiceClassOffersOrWithholdsOnlyItsOwnChoice() {
        List<OptionContext> cases = List.of(plain(null, TODAY.plusDays(3)), plain(TODAY.plusDays(1), null),
                context("BACKORDER_AGED", 2, 0, true, tent(ProductStatus.ACTIVE, "Yamanami", 5), null, null,
                        List.of(), SHOP),
                context("DISCONTINUED", 3, 1, false, null, null, null, List.of(), StockoutOptionsProperties.defaults()));
        for (StockoutChoice choice : StockoutChoices.ALL) {
            for (OptionContext c : cases) {
                StockoutChoice.Verdict v = choice.evaluate(c);
                assertThat(v.offered() == null).isNotEqualTo(v.withheld() == null);
                Choice named = v.offered() != null ? v.offered().choice() : v.withheld().choice();
                assertThat(named).as(choice.getClass().getSimpleName()).isEqualTo(choice.choice());
            }
        }
    }

    @Test
    void optionsAreReadInTheListsOrderDeliveringTheItemFirstAndCancellingLast() {
        List<StockElsewhere> elsewhere = List.of(new StockElsewhere("TENT", "STORE-A", LocationKind.STORE, "Store A", 5));
        OptionContext everything = new OptionContext("INSPECTION_DEFECT", 3, 2, 1, 20_000, true,
                tent(ProductStatus.ACTIVE, "Yamanami", 5), TODAY, null,
                new StockoutFacts.NextInbound(TODAY.plusDays(3), 10, "WH"), null,
                List.of(new SubstituteCandidate(1, "TENT-2", new StockoutFacts.Name("テント2", "Tent 2"), false, 1,
                        19_000, 20_000, new SubstitutePrice(19_000, 1_000, 0), 4, TODAY, List.of(), List.of())),
                elsewhere, SHOP, WEEKDAYS);
        assertThat(offered(everything)).containsExactly(Choice.WAIT, Choice.SUBSTITUTE, Choice.DROP_SHIP,
                Choice.TRANSFER, Choice.PARTIAL, Choice.CANCEL);
    }

    @Test
    void cancellingRefundsTheLineShippingWhatIsThereTheMissingUnitsACheaperSubstituteTheDifferenceAndTheRestNothing() {
        assertThat(StockoutChoices.of(Choice.CANCEL).refundCause()).isEqualTo(RefundRequested.LINE_CANCELLED);
        assertThat(StockoutChoices.of(Choice.PARTIAL).refundCause()).isEqualTo(RefundRequested.MISSING_UNITS_CANCELLED);
        assertThat(StockoutChoices.of(Choice.SUBSTITUTE).refundCause()).isEqualTo(RefundRequested.CHEAPER_SUBSTITUTE);
        assertThat(StockoutChoices.of(Choice.WAIT).refundCause()).isNull();
        assertThat(StockoutChoices.of(Choice.DROP_SHIP).refundCause()).isNull();
        assertThat(StockoutChoices.of(Choice.TRANSFER).refundCause()).isNull();
    }
}

package dev.zaiko.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zaiko.platform.ConflictException;
import org.junit.jupiter.api.Test;

class StockPictureTest {

    static final Instant NOW = Instant.parse("2026-11-20T01:00:00Z");
    static final StockPicture.ChannelPool WEB = new StockPicture.ChannelPool("WEB", true, List.of("WH", "SHOP"));
    static final StockPicture.ChannelPool AMAZON = new StockPicture.ChannelPool("AMAZON", true, List.of("WH"));
    static final StockPicture.ChannelPool TILL = new StockPicture.ChannelPool("STORE", false, List.of("SHOP"));

    static ItemFacts item(boolean oneOfAKind, boolean discontinued) {
        return new ItemFacts("TENT-2P", oneOfAKind, false, 3, discontinued);
    }

    static StockPicture picture(ItemFacts item, Map<String, Integer> sellable, List<Protection> protections) {
        List<StockLevel> levels = new ArrayList<>();
        sellable.forEach((loc, n) -> levels.add(new StockLevel(item.sku(), loc, 0, n, 0, 0)));
        return new StockPicture(item, levels, protections, List.of(WEB, AMAZON, TILL), List.of(), NOW);
    }

    @Test
    void reservesFromTheWarehouseBeforeTheStore() {
        StockPicture p = picture(item(false, false), Map.of("WH", 2, "SHOP", 2), List.of());
        ReservationOutcome outcome = p.reserve(new ReserveRequest("WEB", "TENT-2P", 2, "A-1", null), UUID.randomUUID(), "b");
        assertThat(outcome.reserved()).isTrue();
        assertThat(outcome.parts()).extracting(ReservationPart::location).containsExactly("WH");
        assertThat(p.level("WH", Bucket.SELLABLE)).isZero();
        assertThat(p.level("WH", Bucket.RESERVED)).isEqualTo(2);
    }

    @Test
    void splitsAcrossLocationsOnlyWhenNoSingleLocationCanCoverTheQuantity() {
        StockPicture p = picture(item(false, false), Map.of("WH", 2, "SHOP", 2), List.of());
        ReservationOutcome outcome = p.reserve(new ReserveRequest("WEB", "TENT-2P", 3, "A-1", null), UUID.randomUUID(), "b");
        assertThat(outcome.parts()).extracting(ReservationPart::location, ReservationPart::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("WH", 2), org.assertj.core.groups.Tuple.tuple("SHOP", 1));
    }

    @Test
    void refusesWhatTheChannelCannotTakeAndSaysHowManyItCould() {
        StockPicture p = picture(item(false, false), Map.of("WH", 1, "SHOP", 5), List.of());
        ReservationOutcome outcome = p.reserve(new ReserveRequest("AMAZON", "TENT-2P", 2, "A-1", null), UUID.randomUUID(), "b");
        assertThat(outcome.reserved()).isFalse();
        assertThat(outcome.available()).isEqualTo(1);
        assertThat(p.changes().isEmpty()).isTrue();
    }

    @Test
    void theStoreKeepsItsUnitsFromOnlineChannelsButNotFromItsTill() {
        Protection keep2 = new Protection(1, ProtectionKind.STORE_KEEPS, "SHOP", null, 2, null);
        StockPicture p = picture(item(false, false), Map.of("SHOP", 3), List.of(keep2));
        assertThat(p.ats(WEB, null)).isEqualTo(1);
        assertThat(p.ats(TILL, null)).isEqualTo(3);
    }

    @Test
    void aSkuSpecificProtectionReplacesTheLocationWideOneOfItsKind() {
        Protection wide = new Protection(1, ProtectionKind.STORE_KEEPS, "SHOP", null, 2, null);
        Protection specific = new Protection(2, ProtectionKind.STORE_KEEPS, "SHOP", "TENT-2P", 5, null);
        StockPicture p = picture(item(false, false), Map.of("SHOP", 6), List.of(wide, specific));
        assertThat(p.ats(WEB, null)).isEqualTo(1);
    }

    @Test
    void onlineOnlyUnitsAreNotForTheTill() {
        Protection online = new Protection(1, ProtectionKind.ONLINE_ONLY, "SHOP", null, 2, null);
        StockPicture p = picture(item(false, false), Map.of("SHOP", 3), List.of(online));
        assertThat(p.ats(TILL, null)).isEqualTo(1);
        assertThat(p.ats(WEB, null)).isEqualTo(3);
    }

    @Test
    void memberQuotaIsOnlyForItsSegment() {
        Protection members = new Protection(1, ProtectionKind.MEMBER_QUOTA, "WH", null, 2, "GOLD");
        StockPicture p = picture(item(false, false), Map.of("WH", 3), List.of(members));
        assertThat(p.ats(AMAZON, null)).isEqualTo(1);
        assertThat(p.ats(AMAZON, "GOLD")).isEqualTo(3);
    }

    @Test
    void oneOfAKindItemsAreNeverOfferedOnline() {
        StockPicture p = picture(item(true, false), Map.of("WH", 1, "SHOP", 1), List.of());
        assertThat(p.ats(WEB, null)).isZero();
        assertThat(p.ats(TILL, null)).isEqualTo(1);
    }

    @Test
    void discontinuedItemsAreSoldNowhere() {
        StockPicture p = picture(item(false, true), Map.of("WH", 4, "SHOP", 4), List.of());
        assertThat(p.ats(WEB, null)).isZero();
        assertThat(p.ats(TILL, null)).isZero();
    }

    @Test
    void aTillSaleThatNeedsAReservedUnitIsRefusedNamingTheOrder() {
        StockPicture p = picture(item(false, false), Map.of("SHOP", 1), List.of());
        p.reserve(new ReserveRequest("WEB", "TENT-2P", 1, "123-4567890-1234567#1", null), UUID.randomUUID(), "b");
        assertThatThrownBy(() -> p.sellAtTill("SHOP", 1, null, false, "till"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("123-4567890-1234567#1");
    }

    @Test
    void aForcedTillSaleMovesTheReservationWhenAnotherLocationHasTheUnit() {
        StockPicture p = picture(item(false, false), Map.of("SHOP", 1), List.of());
        UUID id = UUID.randomUUID();
        p.reserve(new ReserveRequest("WEB", "TENT-2P", 1, "order-1", null), id, "b");
        p.receive("WH", 1, "po");
        p.inspect("WH", 1, 0, "qc");
        List<Displacement> result = p.sellAtTill("SHOP", 1, null, true, "till");
        assertThat(result).singleElement().satisfies(d -> {
            assertThat(d.movedTo()).isEqualTo("WH");
            assertThat(d.displaced()).isFalse();
        });
        assertThat(p.level("WH", Bucket.RESERVED)).isEqualTo(1);
        assertThat(p.level("SHOP", Bucket.RESERVED) + p.level("SHOP", Bucket.SELLABLE)).isZero();
    }

    @Test
    void aForcedTillSaleDisplacesOnlyTheUnitsItNeedsNewestReservationFirst() {
        StockPicture p = picture(item(false, false), Map.of("SHOP", 3), List.of());
        UUID older = UUID.randomUUID();
        p.reserve(new ReserveRequest("STORE", "TENT-2P", 1, "older", null), older, "b");
        StockPicture.PartState olderPart = p.openPartsAt("SHOP").get(0);
        StockPicture q = new StockPicture(p.item(),
                List.of(new StockLevel("TENT-2P", "SHOP", 0, 0, 3, 0)), List.of(), List.of(WEB, AMAZON, TILL),
                List.of(new StockPicture.PartState(older, 1, "WEB", "SHOP", 1, ReservationStatus.OPEN, "older", null,
                                NOW.minusSeconds(60)),
                        new StockPicture.PartState(UUID.randomUUID(), 1, "WEB", "SHOP", 2, ReservationStatus.OPEN,
                                "newer", null, NOW)), NOW);
        assertThat(olderPart).isNotNull();
        List<Displacement> result = q.sellAtTill("SHOP", 1, null, true, "till");
        assertThat(result).singleElement().satisfies(d -> {
            assertThat(d.holder()).isEqualTo("newer");
            assertThat(d.quantity()).isEqualTo(1);
            assertThat(d.displaced()).isTrue();
        });
        assertThat(q.level("SHOP", Bucket.RESERVED)).isEqualTo(2);
        assertThat(q.changes().newParts).singleElement()
                .satisfies(part -> assertThat(part.status).isEqualTo(ReservationStatus.DISPLACED));
    }

    @Test
    void aCountBelowTheShelfTakesFreeUnitsBeforeReservedOnes() {
        StockPicture p = picture(item(false, false), Map.of("WH", 3), List.of());
        p.reserve(new ReserveRequest("AMAZON", "TENT-2P", 1, "order-1", null), UUID.randomUUID(), "b");
        assertThat(p.count("WH", 1, "cycle count")).isEmpty();
        assertThat(p.level("WH", Bucket.SELLABLE)).isZero();
        assertThat(p.level("WH", Bucket.RESERVED)).isEqualTo(1);
        assertThat(p.count("WH", 0, "breakage")).singleElement().satisfies(d -> assertThat(d.displaced()).isTrue());
        assertThat(p.level("WH", Bucket.RESERVED)).isZero();
    }

    @Test
    void inspectingMoreThanAwaitsInspectionIsRefused() {
        StockPicture p = picture(item(false, false), Map.of(), List.of());
        p.receive("WH", 2, "po");
        assertThatThrownBy(() -> p.inspect("WH", 2, 1, "qc")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("Only 2");
    }

    @Test
    void aForcedTillSaleFetchesOnlyTheNewestReservationsItNeeds() {
        List<Integer> asked = new ArrayList<>();
        UUID newest = UUID.randomUUID();
        StockPicture.OpenParts source = (location, units) -> {
            asked.add(units);
            return List.of(new StockPicture.PartState(newest, 1, "WEB", "SHOP", 1, ReservationStatus.OPEN, "newest",
                    null, NOW));
        };
        StockPicture p = new StockPicture(item(false, false), List.of(new StockLevel("TENT-2P", "SHOP", 0, 2, 500, 0)),
                List.of(), List.of(WEB, AMAZON, TILL), List.of(), source, NOW);
        List<Displacement> result = p.sellAtTill("SHOP", 3, null, true, "till");
        assertThat(asked).containsExactly(1);
        assertThat(result).singleElement().satisfies(d -> assertThat(d.reservationId()).isEqualTo(newest));
        assertThat(p.level("SHOP", Bucket.RESERVED)).isEqualTo(499);
    }
    // ---- defects found at packing -------------------------------------------------------------

    private static StockPicture withReservation(UUID id, int reservedAtShop, Map<String, Integer> sellable) {
        ItemFacts item = item(false, false);
        List<StockLevel> levels = new ArrayList<>();
        levels.add(new StockLevel(item.sku(), "SHOP", 0, sellable.getOrDefault("SHOP", 0), reservedAtShop, 0));
        levels.add(new StockLevel(item.sku(), "WH", 0, sellable.getOrDefault("WH", 0), 0, 0));
        return new StockPicture(item, levels, List.of(), List.of(WEB, AMAZON, TILL),
                List.of(new StockPicture.PartState(id, 1, "WEB", "SHOP", reservedAtShop, ReservationStatus.OPEN,
                        "order#1", null, NOW.minusSeconds(60))), NOW);
    }

    /** Every level delta equals the movements recorded for it: the ledger folds to the levels. */
    private static void assertLedgerFolds(StockPicture p) {
        Map<String, int[]> folded = new java.util.HashMap<>();
        p.changes().movements.forEach((k, q) -> {
            int[] d = folded.computeIfAbsent(k.location(), x -> new int[4]);
            if (k.from() != null) d[k.from().ordinal()] -= q;
            if (k.to() != null) d[k.to().ordinal()] += q;
        });
        assertThat(folded.keySet()).isEqualTo(p.changes().levelDeltas.keySet());
        folded.forEach((loc, d) -> assertThat(d).isEqualTo(p.changes().levelDeltas.get(loc)));
    }

    @Test
    void aDefectiveLastUnitGoesToDefectiveStockAndIsReplacedFromAnotherLocationOfThePool() {
        UUID id = UUID.randomUUID();
        StockPicture p = withReservation(id, 1, Map.of("WH", 1));

        List<ReservationPart> replacement = p.defectAtPacking(id, 1, "order#1");

        assertThat(replacement).extracting(ReservationPart::location, ReservationPart::quantity, ReservationPart::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("WH", 1, ReservationStatus.OPEN));
        assertThat(p.level("SHOP", Bucket.RESERVED)).isZero();
        assertThat(p.level("SHOP", Bucket.DEFECTIVE)).isEqualTo(1);
        assertThat(p.level("WH", Bucket.SELLABLE)).isZero();
        assertThat(p.level("WH", Bucket.RESERVED)).isEqualTo(1);
        assertThat(p.changes().movements.keySet()).extracting(StockChanges.MovementKey::kind)
                .containsExactlyInAnyOrder(MovementKind.DEFECT_AT_PACKING, MovementKind.RESERVE);
        assertThat(p.changes().touchedParts).singleElement()
                .satisfies(part -> assertThat(part.status).isEqualTo(ReservationStatus.DEFECTIVE));
        assertThat(p.changes().newParts).singleElement().satisfies(part -> {
            assertThat(part.id).isEqualTo(id);
            assertThat(part.part).isEqualTo(2);
            assertThat(part.createdAt).isEqualTo(NOW.minusSeconds(60));
        });
        assertLedgerFolds(p);
    }

    @Test
    void aDefectiveUnitWithNothingElseInThePoolIsSetAsideWithoutReplacement() {
        UUID id = UUID.randomUUID();
        StockPicture p = withReservation(id, 1, Map.of());

        assertThat(p.defectAtPacking(id, 1, "order#1")).isEmpty();
        assertThat(p.level("SHOP", Bucket.DEFECTIVE)).isEqualTo(1);
        assertThat(p.level("SHOP", Bucket.RESERVED)).isZero();
        assertThat(p.changes().newParts).isEmpty();
        assertLedgerFolds(p);
    }

    @Test
    void aPartlyDefectiveReservationKeepsThePassedUnitsAndReplacesAllOrNothing() {
        UUID id = UUID.randomUUID();
        StockPicture p = withReservation(id, 3, Map.of("WH", 1));

        assertThat(p.defectAtPacking(id, 2, "order#1")).as("1 free unit cannot replace 2").isEmpty();
        assertThat(p.level("SHOP", Bucket.RESERVED)).isEqualTo(1);
        assertThat(p.level("SHOP", Bucket.DEFECTIVE)).isEqualTo(2);
        assertThat(p.level("WH", Bucket.SELLABLE)).isEqualTo(1);
        assertThat(p.openPartsAt("SHOP")).singleElement().satisfies(part -> assertThat(part.quantity).isEqualTo(1));
        assertThat(p.changes().newParts).singleElement().satisfies(part -> {
            assertThat(part.status).isEqualTo(ReservationStatus.DEFECTIVE);
            assertThat(part.quantity).isEqualTo(2);
        });
        assertLedgerFolds(p);
    }

    @Test
    void moreDefectiveUnitsThanTheReservationHoldsAreRefusedAndChangeNothing() {
        UUID id = UUID.randomUUID();
        StockPicture p = withReservation(id, 1, Map.of("WH", 5));

        assertThatThrownBy(() -> p.defectAtPacking(id, 2, "order#1")).isInstanceOf(ConflictException.class);
        assertThat(p.changes().isEmpty()).isTrue();
    }
}

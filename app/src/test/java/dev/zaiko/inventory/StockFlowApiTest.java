package dev.zaiko.inventory;

import static dev.zaiko.inventory.InventoryApi.adjustment;
import static dev.zaiko.inventory.InventoryApi.inspection;
import static dev.zaiko.inventory.InventoryApi.receipt;
import static dev.zaiko.inventory.InventoryApi.reservation;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Receipts, inspections, reservations, releases, commits and counts through the API, checked
 * against the levels, each channel's ATS, the movement ledger and the consistency check.
 */
class StockFlowApiTest extends InventoryApiTestBase {

    @Test
    void aNewProductHasNoStockAndAnEmptyLedger() {
        InventoryApi.Shop shop = api.shop();
        String sku = api.newProduct("NEW");

        JsonNode stock = api.stock(sku);

        assertThat(stock.path("sku").asString()).isEqualTo(sku);
        assertThat(stock.path("locations").size()).isZero();
        assertThat(api.ats(sku, shop.web())).isZero();
        assertThat(api.ats(sku, shop.till())).isZero();
        assertThat(api.movements(sku).size()).isZero();
    }

    @Test
    void receiptInspectReserveReleaseCommitAndCountKeepTheLedgerExact() {
        InventoryApi.Shop shop = api.shop();
        String sku = api.newProduct("FLOW");
        String wh = shop.warehouse();

        // a receipt lands as INSPECTING: nobody can sell it yet
        JsonNode received = api.ok(api.post("/api/stock/receipts", receipt(sku, wh, 5).put("reference", "PO-1")));
        assertThat(received.path("location").asString()).isEqualTo(wh);
        assertThat(received.path("inspecting").intValue()).isEqualTo(5);
        assertThat(received.path("sellable").intValue()).isZero();
        assertThat(api.ats(sku, shop.web())).isZero();
        assertThat(api.atsOf(sku, shop.web())).isZero();
        JsonNode receiptMove = api.movements(sku).get(0);
        assertThat(receiptMove.path("kind").asString()).isEqualTo("RECEIPT");
        assertThat(receiptMove.path("from").isNull()).isTrue();
        assertThat(receiptMove.path("to").asString()).isEqualTo("INSPECTING");
        assertThat(receiptMove.path("quantity").intValue()).isEqualTo(5);
        assertThat(receiptMove.path("reference").asString()).isEqualTo("PO-1");

        // inspection: only the passed units become sellable
        JsonNode inspected = api.ok(api.post("/api/stock/inspections", inspection(sku, wh, 4, 1)));
        assertThat(inspected.path("inspecting").intValue()).isZero();
        assertThat(inspected.path("sellable").intValue()).isEqualTo(4);
        assertThat(inspected.path("defective").intValue()).isEqualTo(1);
        assertThat(api.level(sku, wh)).isEqualTo(inspected);
        assertThat(api.ats(sku, shop.web())).isEqualTo(4);
        assertThat(api.atsOf(sku, shop.web())).isEqualTo(4);
        assertThat(api.ats(sku, shop.marketplace())).as("the marketplace sells off the store shelf only").isZero();
        assertThat(api.ats(sku, shop.till())).isZero();

        // a reservation lowers ATS; releasing it restores ATS
        JsonNode first = api.ok(api.post("/api/reservations", reservation(shop.web(), sku, 3, "ORDER-A")));
        String firstId = first.path("id").asString();
        assertThat(api.ats(sku, shop.web())).isEqualTo(1);
        assertThat(api.level(sku, wh).path("reserved").intValue()).isEqualTo(3);
        assertThat(api.level(sku, wh).path("sellable").intValue()).isEqualTo(1);

        JsonNode released = api.ok(api.post("/api/reservations/" + firstId + "/release"));
        assertThat(released.path("parts").get(0).path("status").asString()).isEqualTo("RELEASED");
        assertThat(api.ats(sku, shop.web())).isEqualTo(4);
        assertThat(api.level(sku, wh).path("reserved").intValue()).isZero();
        assertThat(api.level(sku, wh).path("sellable").intValue()).isEqualTo(4);

        // commit ships: reserved goes down and nothing comes back to sellable
        JsonNode second = api.ok(api.post("/api/reservations", reservation(shop.web(), sku, 2, "ORDER-B")));
        String secondId = second.path("id").asString();
        JsonNode committed = api.ok(api.post("/api/reservations/" + secondId + "/commit"));
        assertThat(committed.path("parts").get(0).path("status").asString()).isEqualTo("COMMITTED");
        assertThat(api.level(sku, wh).path("reserved").intValue()).isZero();
        assertThat(api.level(sku, wh).path("sellable").intValue()).isEqualTo(2);
        assertThat(api.ats(sku, shop.web())).isEqualTo(2);
        JsonNode shipment = api.movements(sku).get(0);
        assertThat(shipment.path("kind").asString()).isEqualTo("SHIPMENT");
        assertThat(shipment.path("from").asString()).isEqualTo("RESERVED");
        assertThat(shipment.path("to").isNull()).isTrue();
        assertThat(shipment.path("quantity").intValue()).isEqualTo(2);

        // a count finding more units than recorded adds them, with the reason in the ledger
        JsonNode counted = api.ok(api.post("/api/stock/adjustments", adjustment(sku, wh, 3, "found behind the shelf")));
        assertThat(counted.path("level").path("sellable").intValue()).isEqualTo(3);
        assertThat(counted.path("displacements").size()).isZero();
        JsonNode found = api.movements(sku).get(0);
        assertThat(found.path("kind").asString()).isEqualTo("ADJUSTMENT");
        assertThat(found.path("from").isNull()).isTrue();
        assertThat(found.path("to").asString()).isEqualTo("SELLABLE");
        assertThat(found.path("quantity").intValue()).isEqualTo(1);
        assertThat(found.path("reason").asString()).isEqualTo("found behind the shelf");

        // a count sets the shelf (sellable + reserved); missing units come out of free stock first
        String thirdId = api.ok(api.post("/api/reservations", reservation(shop.web(), sku, 2, "ORDER-C")))
                .path("id").asString();
        JsonNode short2 = api.ok(api.post("/api/stock/adjustments", adjustment(sku, wh, 2, "breakage")));
        assertThat(short2.path("level").path("sellable").intValue()).isZero();
        assertThat(short2.path("level").path("reserved").intValue()).isEqualTo(2);
        assertThat(short2.path("displacements").size()).isZero();
        assertThat(api.ok(api.get("/api/reservations/" + thirdId)).path("parts").get(0).path("status").asString())
                .isEqualTo("OPEN");
        JsonNode lost = api.movements(sku).get(0);
        assertThat(lost.path("kind").asString()).isEqualTo("ADJUSTMENT");
        assertThat(lost.path("from").asString()).isEqualTo("SELLABLE");
        assertThat(lost.path("to").isNull()).isTrue();
        assertThat(lost.path("quantity").intValue()).isEqualTo(1);
        assertThat(lost.path("reason").asString()).isEqualTo("breakage");
        assertThat(api.ats(sku, shop.web())).isZero();

        // a count equal to the shelf changes nothing
        long movements = api.movements(sku).size();
        JsonNode same = api.ok(api.post("/api/stock/adjustments", adjustment(sku, wh, 2, "cycle count")));
        assertThat(same.path("level")).isEqualTo(short2.path("level"));
        assertThat(api.movements(sku).size()).isEqualTo(movements);

        // the ledger: newest first, and it folds into the levels
        assertThat(api.movements(sku).findValuesAsString("kind")).containsExactly("ADJUSTMENT", "RESERVE",
                "ADJUSTMENT", "SHIPMENT", "RESERVE", "RELEASE", "RESERVE", "INSPECTION_FAILED", "INSPECTION_PASSED",
                "RECEIPT");
        JsonNode end = api.level(sku, wh);
        assertThat(end.path("inspecting").intValue()).isZero();
        assertThat(end.path("sellable").intValue()).isZero();
        assertThat(end.path("reserved").intValue()).isEqualTo(2);
        assertThat(end.path("defective").intValue()).isEqualTo(1);
        api.assertConsistent(sku);
    }

    @Test
    void aSecondReleaseOrCommitIsAConflictAndChangesNothing() {
        InventoryApi.Shop shop = api.shop();
        String sku = api.newProduct("TWICE");
        api.sellable(sku, shop.warehouse(), 4);
        String released = api.ok(api.post("/api/reservations", reservation(shop.web(), sku, 1, "O-1"))).path("id").asString();
        String committed = api.ok(api.post("/api/reservations", reservation(shop.web(), sku, 1, "O-2"))).path("id").asString();
        api.ok(api.post("/api/reservations/" + released + "/release"));
        api.ok(api.post("/api/reservations/" + committed + "/commit"));

        for (String path : new String[] {released + "/release", released + "/commit", committed + "/commit",
                committed + "/release"}) {
            InventoryApi.Response response = api.rejected(409, "reservation-closed",
                    () -> api.post("/api/reservations/" + path));
            assertThat(response.detail()).contains("not OPEN");
        }
        assertThat(api.ats(sku, shop.web())).isEqualTo(3);
        api.assertConsistent(sku);
    }

    @Test
    void inspectingMoreThanAwaitsInspectionIsAConflict() {
        InventoryApi.Shop shop = api.shop();
        String sku = api.newProduct("QC");
        api.ok(api.post("/api/stock/receipts", receipt(sku, shop.warehouse(), 2)));

        InventoryApi.Response response = api.rejected(409, "not-enough-inspecting",
                () -> api.post("/api/stock/inspections", inspection(sku, shop.warehouse(), 2, 1)));

        assertThat(response.detail()).contains("Only 2");
        assertThat(response.json().path("inspecting").intValue()).isEqualTo(2);
        api.rejected(409, "not-enough-inspecting",
                () -> api.post("/api/stock/inspections", inspection(sku, shop.store(), 1, 0)));
        assertThat(api.level(sku, shop.warehouse()).path("inspecting").intValue()).isEqualTo(2);
    }

    @Test
    void aCountBelowTheReservedUnitsDisplacesTheNewestReservationPartly() {
        InventoryApi.Shop shop = api.shop();
        String sku = api.newProduct("COUNT");
        api.sellable(sku, shop.store(), 3);
        String older = api.ok(api.post("/api/reservations", reservation(shop.marketplace(), sku, 1, "AMZ-OLD")))
                .path("id").asString();
        String newer = api.ok(api.post("/api/reservations", reservation(shop.marketplace(), sku, 2, "AMZ-NEW")))
                .path("id").asString();

        JsonNode result = api.ok(api.post("/api/stock/adjustments", adjustment(sku, shop.store(), 2, "theft")));

        assertThat(result.path("level").path("sellable").intValue()).isZero();
        assertThat(result.path("level").path("reserved").intValue()).isEqualTo(2);
        JsonNode displacement = result.path("displacements").get(0);
        assertThat(result.path("displacements").size()).isEqualTo(1);
        assertThat(displacement.path("reservationId").asString()).isEqualTo(newer);
        assertThat(displacement.path("holder").asString()).isEqualTo("AMZ-NEW");
        assertThat(displacement.path("quantity").intValue()).isEqualTo(1);
        assertThat(displacement.path("movedTo").isNull()).isTrue();
        JsonNode newerNow = api.ok(api.get("/api/reservations/" + newer));
        assertThat(newerNow.path("parts").findValuesAsString("status")).containsExactlyInAnyOrder("OPEN", "DISPLACED");
        assertThat(newerNow.path("parts").findValues("quantity").stream().mapToInt(JsonNode::intValue).sum())
                .isEqualTo(2);
        assertThat(api.ok(api.get("/api/reservations/" + older)).path("parts").findValuesAsString("status"))
                .containsExactly("OPEN");
        assertThat(api.ok(api.get("/api/reservations?status=DISPLACED&sku=" + sku)).findValuesAsString("id"))
                .containsExactly(newer);
        api.assertConsistent(sku);
    }

    @Test
    void movementsAreNewestFirstAndTheLimitIsChecked() {
        InventoryApi.Shop shop = api.shop();
        String sku = api.newProduct("LIMIT");
        api.sellable(sku, shop.warehouse(), 2);

        JsonNode all = api.movements(sku);
        JsonNode one = api.ok(api.get("/api/stock/" + sku + "/movements?limit=1"));

        assertThat(all.size()).isEqualTo(2);
        assertThat(all.get(0).path("id").longValue()).isGreaterThan(all.get(1).path("id").longValue());
        assertThat(one.size()).isEqualTo(1);
        assertThat(one.get(0)).isEqualTo(all.get(0));
        for (String limit : new String[] {"0", "-1", "1001", "many"}) {
            InventoryApi.assertProblem(api.get("/api/stock/" + sku + "/movements?limit=" + limit), 400, null);
        }
    }
}

package dev.zaiko.marketplace;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.catalog.Products;
import dev.zaiko.inventory.Location;
import dev.zaiko.inventory.LocationKind;
import dev.zaiko.inventory.SellingAtTill;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a till's sales file: each valid row is one till sale through the inventory's
 * {@link SellingAtTill}, in its own transaction together with the record that it was done
 * ({@code marketplace_import_row}, kind TILL_SALE, by sale_id). A row already done is a duplicate
 * and changes nothing. The sale already happened at the counter, so it is forced
 * (a unit reserved for an order moves that reservation, as at the till), and its ledger movement
 * is dated when it was sold ({@code sold_at}, within the inventory's limits for late entries).
 */
@Service
public class TillSaleImports {

    static final List<String> COLUMNS = List.of("sale_id", "sku", "location", "quantity", "sold_at");
    static final String KIND = "TILL_SALE";
    static final int MAX_UNITS = 1_000_000;

    private final Products products;
    private final StockNetwork network;
    private final SellingAtTill till;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    TillSaleImports(Products products, StockNetwork network, SellingAtTill till, JdbcTemplate jdbc,
                    PlatformTransactionManager transactions, Clock clock) {
        this.products = products;
        this.network = network;
        this.till = till;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    private record Sale(int row, String saleId, String sku, String location, int quantity, OffsetDateTime soldAt) {
    }

    private record Done(String sku, String location, int quantity) {
    }

    /** @param dryRun check every row (and whether it was imported before), write nothing */
    public ImportReport importCsv(byte[] body, String charset, boolean dryRun) {
        List<CsvTable.Row> rows = CsvTable.read(body, CsvTable.charset(charset), COLUMNS);
        ImportReport.Builder report = new ImportReport.Builder(rows.size(), dryRun);
        Map<String, Integer> firstRowOf = new HashMap<>();
        Map<String, Boolean> known = new HashMap<>();
        for (CsvTable.Row row : rows) {
            Fields f = new Fields(row, report);
            String saleId = f.text("sale_id", true, 100);
            String sku = f.text("sku", true, 64);
            String location = f.text("location", true, 64);
            Long quantity = f.number("quantity", true, 1, MAX_UNITS);
            OffsetDateTime soldAt = f.instant("sold_at", true);
            if (soldAt != null) {
                try {
                    till.checkSoldAt(soldAt.toInstant());
                } catch (InvalidRequestException e) {
                    f.fail("sold_at", e.getMessage());
                }
            }
            if (sku != null && !known.computeIfAbsent(sku, k -> products.find(k).isPresent())) f.fail("sku", "No product with SKU '" + sku + "'.");
            if (location != null) {
                Optional<Location> found = network.findLocation(location);
                if (found.isEmpty()) {
                    f.fail("location", "No location '" + location + "'.");
                } else if (found.get().kind() != LocationKind.STORE) {
                    f.fail("location", "Till sales happen at a store; '" + location + "' is a " + found.get().kind() + ".");
                }
            }
            if (saleId != null) {
                Integer earlier = firstRowOf.putIfAbsent(saleId, row.number());
                if (earlier != null) f.fail("sale_id", "sale_id '" + saleId + "' is already in row " + earlier + ".");
            }
            List<Integer> rowNumbers = List.of(row.number());
            if (f.failed()) {
                report.failed(saleId, rowNumbers);
                continue;
            }
            Sale sale = new Sale(row.number(), saleId, sku, location, quantity.intValue(), soldAt);
            try {
                Optional<Done> done = dryRun ? importedBefore(saleId) : tx.execute(status -> sell(sale));
                if (done.isEmpty()) {
                    if (dryRun) report.wouldImport(saleId, rowNumbers);
                    else report.imported(saleId, rowNumbers, null);
                } else if (done.get().equals(new Done(sku, location, sale.quantity()))) {
                    if (dryRun) report.alreadyImported(saleId, rowNumbers, null);
                    else report.duplicate(saleId, rowNumbers, null);
                } else {
                    report.error(row.number(), "sale_id", "sale_id '" + saleId + "' was imported before as "
                            + done.get().quantity() + " of " + done.get().sku() + " at " + done.get().location()
                            + "; this row says otherwise and is not imported.");
                    report.failed(saleId, rowNumbers);
                }
            } catch (InvalidRequestException | NotFoundException | ConflictException e) {
                report.error(row.number(), e instanceof ConflictException ? "quantity" : null, e.getMessage());
                report.failed(saleId, rowNumbers);
            }
        }
        return report.build();
    }

    /** Empty when this call sold it; else what was recorded when the sale_id was imported before. */
    private Optional<Done> sell(Sale sale) {
        int inserted = jdbc.update("""
                insert into marketplace_import_row (kind, external_id, sku, location, quantity, occurred_at, imported_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (kind, external_id) do nothing""",
                KIND, sale.saleId(), sale.sku(), sale.location(), sale.quantity(),
                Timestamp.from(sale.soldAt().toInstant()), Timestamp.from(clock.instant()));
        if (inserted == 0) return importedBefore(sale.saleId());
        till.sell(sale.sku(), sale.location(), sale.quantity(), null, true, "till-import:" + sale.saleId(),
                sale.soldAt().toInstant());
        return Optional.empty();
    }

    private Optional<Done> importedBefore(String saleId) {
        return jdbc.query("""
                select sku, location, quantity from marketplace_import_row where kind = ? and external_id = ?""",
                (rs, n) -> new Done(rs.getString(1), rs.getString(2), rs.getInt(3)), KIND, saleId).stream().findFirst();
    }
}

package dev.zaiko.inventory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import dev.zaiko.catalog.ProductChanged;
import dev.zaiko.catalog.ProductStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The inventory services wired by hand over one database, without a Spring context. */
final class InventoryFixture {

    final DataSource dataSource;
    final JdbcTemplate jdbc;
    final Clock clock = Clock.fixed(Instant.parse("2026-11-20T01:00:00Z"), ZoneId.of("Asia/Tokyo"));
    final List<Object> events = new CopyOnWriteArrayList<>();
    final ApplicationEventPublisher publisher = events::add;
    final StockNetwork network;
    final LockedStock locked;
    final ReceivingStock receiving;
    final InspectingStock inspecting;
    final CountingStock counting;
    final SellingAtTill till;
    final ProtectingStock protecting;
    final CheckingStockLedger ledger;
    final InventoryItems items;

    InventoryFixture(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.network = new StockNetwork(jdbc, clock);
        this.locked = new LockedStock(jdbc, tx, clock, publisher);
        this.receiving = new ReceivingStock(locked, network);
        this.inspecting = new InspectingStock(locked, network, publisher);
        this.counting = new CountingStock(locked, network, publisher);
        this.till = new SellingAtTill(locked, network, publisher, new TillSaleProperties(null, null), clock);
        this.protecting = new ProtectingStock(jdbc, clock, network, publisher, locked);
        this.ledger = new CheckingStockLedger(jdbc, clock);
        this.items = new InventoryItems(jdbc, clock, publisher);
    }

    ReservationEngine engine(int maxBatch) {
        return new ReservationEngine(dataSource, clock, maxBatch, 4, events::add);
    }

    /** A warehouse, a store, the web shop (both), a marketplace selling off the store shelf, the till. */
    InventoryFixture shop() {
        network.addLocation(new Location("WH", LocationKind.WAREHOUSE, "Warehouse"));
        network.addLocation(new Location("SHOP", LocationKind.STORE, "Store"));
        network.addChannel(new Channel("WEB", ChannelKind.OWN, "Web shop", true, List.of("WH", "SHOP")));
        network.addChannel(new Channel("AMAZON", ChannelKind.MARKETPLACE, "Amazon", true, List.of("SHOP")));
        network.addChannel(new Channel("STORE", ChannelKind.OWN, "Till", false, List.of("SHOP")));
        return this;
    }

    void product(String sku, boolean oneOfAKind) {
        items.on(new ProductChanged(sku, ProductStatus.ACTIVE, oneOfAKind, false, 3));
    }

    void sellable(String sku, String location, int units) {
        receiving.receive(sku, location, units, "po");
        inspecting.inspect(sku, location, units, 0, "qc");
    }
}

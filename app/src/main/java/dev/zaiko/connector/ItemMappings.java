package dev.zaiko.connector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.zaiko.channel.MarketplaceAdapters;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A connected channel's SKU mapping: Zaiko's SKU -> the platform's identifiers for it, set per SKU
 * or imported from a CSV file (header {@code sku,<identifier>,...}, UTF-8), all rows or none. A SKU
 * mapped anew has its current value pushed at once (the channel's sender dropped its changes while it
 * had no mapping: {@link ConnectorAdapter#cannotSend}).
 */
@Service
public class ItemMappings {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ItemMappings.class);

    static final int MAX_ROWS = 50_000;
    static final int MAX_BYTES = 10 * 1024 * 1024;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final StockNetwork network;
    private final ConnectorAccounts accounts;
    private final Clock clock;
    private final MappedSkus mapped;
    private final MarketplaceAdapters adapters;

    ItemMappings(JdbcTemplate jdbc, org.springframework.transaction.PlatformTransactionManager transactions, StockNetwork network, ConnectorAccounts accounts,
                 Clock clock, MappedSkus mapped, MarketplaceAdapters adapters) {
        this.mapped = mapped;
        this.adapters = adapters;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.network = network;
        this.accounts = accounts;
        this.clock = clock;
    }

    public record Item(String sku, Map<String, String> identifiers) {
    }

    /**
     * @param row     the data row's number (1 = the first line after the header)
     * @param problem what is wrong with it, null when it can be imported
     */
    public record RowReport(int row, String sku, String problem) {
    }

    /** @param imported SKUs whose mapping was set (0 when any row was refused: then nothing was) */
    public record ImportReport(int imported, List<RowReport> rows) {
    }

    public Item set(String channel, String sku, Map<String, String> identifiers) {
        requireConnected(channel);
        String problem = problem(sku, identifiers);
        if (problem != null) {
            throw new InvalidRequestException("invalid-mapping", problem, Map.of("field", "identifiers"));
        }
        Item item = new Item(sku, new TreeMap<>(identifiers));
        List<String> changed = changed(channel, List.of(item));
        store(channel, List.of(item));
        pushNewlyMapped(channel, changed);
        return item;
    }

    public List<Item> list(String channel) {
        requireConnected(channel);
        return jdbc.query("select sku, identifiers::text from connector_item where channel = ? order by sku",
                (rs, i) -> new Item(rs.getString(1), new TreeMap<>(ConnectorAccounts.JSON.readValue(rs.getString(2),
                        ConnectorAccounts.STRINGS))), channel);
    }

    /** Every row or none: a refused row answers 400 with every row's report ({@code rows}), and nothing is stored. */
    public ImportReport importCsv(String channel, byte[] body) {
        requireConnected(channel);
        if (body != null && body.length > MAX_BYTES) {
            throw new InvalidRequestException("csv-too-large", "A file may have at most " + MAX_BYTES
                    + " bytes; split it.", Map.of("maxBytes", MAX_BYTES));
        }
        String text = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<String> header = null;
        List<RowReport> reports = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean refused = false;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().allowMissingFields(true).allowExtraFields(true)
                .skipEmptyLines(true).ofCsvRecord(text)) {
            for (CsvRecord record : reader) {
                if (header == null) {
                    header = record.getFields().stream().map(String::strip).toList();
                    if (header.isEmpty() || !header.get(0).equals("sku") || header.size() < 2) {
                        throw new InvalidRequestException("invalid-mapping", "The header must be sku followed by "
                                + "the platform's identifier names (e.g. sku,manageNumber,variantId).",
                                Map.of("field", "header"));
                    }
                    for (String name : header.subList(1, header.size())) {
                        if (name.isEmpty()) {
                            throw new InvalidRequestException("invalid-mapping", "A header column has no name.",
                                    Map.of("field", "header"));
                        }
                    }
                    continue;
                }
                if (reports.size() >= MAX_ROWS) {
                    throw new InvalidRequestException("csv-too-many-rows", "A file may have at most " + MAX_ROWS
                            + " data rows; split it.", Map.of("maxRows", MAX_ROWS));
                }
                int number = reports.size() + 1;
                String sku = record.getFieldCount() > 0 ? record.getField(0).strip() : "";
                Map<String, String> identifiers = new LinkedHashMap<>();
                for (int i = 1; i < Math.min(header.size(), record.getFieldCount()); i++) {
                    String v = record.getField(i).strip();
                    if (!v.isEmpty()) identifiers.put(header.get(i), v);
                }
                String problem = record.getFieldCount() != header.size()
                        ? "has " + record.getFieldCount() + " fields, the header has " + header.size()
                        : problem(sku, identifiers);
                if (problem == null && !seen.add(sku)) problem = "sku " + sku + " is on an earlier row too";
                reports.add(new RowReport(number, sku, problem));
                if (problem != null) refused = true;
                else items.add(new Item(sku, identifiers));
            }
        } catch (CsvParseException e) {
            throw new InvalidRequestException("invalid-mapping", "The body is not a readable CSV file.",
                    Map.of("field", "body"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (header == null) {
            throw new InvalidRequestException("invalid-mapping", "The body is empty; a CSV file with a header "
                    + "line (sku,<identifier>,...) was expected.", Map.of("field", "body"));
        }
        if (refused) {
            long bad = reports.stream().filter(r -> r.problem() != null).count();
            throw new InvalidRequestException("invalid-mapping", bad + " of " + reports.size()
                    + " rows cannot be imported; nothing was imported.", Map.of("field", "body", "rows", reports));
        }
        List<String> changed = tx.execute(t -> {
            List<String> c = changed(channel, items);
            store(channel, items);
            return c;
        });
        pushNewlyMapped(channel, changed);
        return new ImportReport(items.size(), reports);
    }

    /** The SKUs of these items that had no mapping on the channel, or another one. */
    private List<String> changed(String channel, List<Item> items) {
        Map<String, Map<String, String>> before = new java.util.HashMap<>();
        jdbc.query("select sku, identifiers::text from connector_item where channel = ? and sku = any(?)", rs -> {
            before.put(rs.getString(1), new TreeMap<>(ConnectorAccounts.JSON.readValue(rs.getString(2),
                    ConnectorAccounts.STRINGS)));
        }, channel, items.stream().map(Item::sku).toArray(String[]::new));
        List<String> changed = new ArrayList<>();
        for (Item item : items) {
            if (!new TreeMap<>(item.identifiers()).equals(before.get(item.sku()))) changed.add(item.sku());
        }
        return changed;
    }

    /**
     * After the mapping is stored: the channel's sender learns it (so it no longer drops the SKUs), and
     * each SKU mapped anew (or to another item) has its current value pushed through the channel's
     * sender ({@link MarketplaceAdapters#pushAgain}), so the platform shows it at once; a value
     * dropped while the SKU had no mapping is not lost. An unchanged mapping sends nothing.
     */
    private void pushNewlyMapped(String channel, List<String> skus) {
        mapped.changed(channel);
        if (skus.isEmpty()) return;
        try {
            int queued = adapters.pushAgain(channel, skus).size();
            log.info("Channel {}: {} SKUs mapped anew, {} of them queued with their current value", channel,
                    skus.size(), queued);
        } catch (RuntimeException e) { // the mapping stands; the drift check sends the value later
            log.warn("Channel {}: {} SKUs mapped anew but their values could not be queued: {}", channel, skus.size(),
                    e.toString());
        }
    }

    /**
     * Drops these SKUs' mappings and stores the items' (the item-list matching's apply, inside its
     * transaction), then does what every change of the mapping does: the sender learns it and each
     * SKU mapped anew has its current value pushed.
     */
    void replace(String channel, java.util.Collection<String> dropped, List<Item> items) {
        List<String> changed = changed(channel, items);
        remove(channel, dropped);
        store(channel, items);
        pushNewlyMapped(channel, changed);
    }

    /** Removes these SKUs' mappings on the channel. */
    void remove(String channel, java.util.Collection<String> skus) {
        if (skus.isEmpty()) return;
        jdbc.update("delete from connector_item where channel = ? and sku = any(?)", ps -> {
            ps.setString(1, channel);
            ps.setArray(2, ps.getConnection().createArrayOf("text", skus.toArray()));
        });
    }

    void store(String channel, List<Item> items) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>();
        for (Item item : items) {
            rows.add(new Object[] {channel, item.sku(), ConnectorAccounts.JSON.writeValueAsString(
                    new TreeMap<>(item.identifiers())), now});
        }
        jdbc.batchUpdate("""
                insert into connector_item (channel, sku, identifiers, updated_at) values (?, ?, ?::jsonb, ?)
                on conflict (channel, sku) do update set identifiers = excluded.identifiers,
                    updated_at = excluded.updated_at
                """, rows);
    }

    static String problem(String sku, Map<String, String> identifiers) {
        if (sku == null || sku.isBlank()) return "sku is empty";
        if (sku.length() > 100) return "sku is longer than 100 characters";
        if (identifiers == null || identifiers.isEmpty()) return "no identifier for sku " + sku;
        for (Map.Entry<String, String> e : identifiers.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) return "an identifier has no name";
            if (e.getValue() == null || e.getValue().isBlank()) return "identifier " + e.getKey() + " is empty";
            if (e.getValue().length() > 200) return "identifier " + e.getKey() + " is longer than 200 characters";
        }
        return null;
    }

    void requireConnected(String channel) {
        network.requireChannel(channel);
        if (!accounts.connected(channel)) {
            throw new NotFoundException("No connector on channel '" + channel + "'.");
        }
    }
}

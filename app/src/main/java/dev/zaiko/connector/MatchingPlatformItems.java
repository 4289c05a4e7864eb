package dev.zaiko.connector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.zaiko.catalog.Jan;
import dev.zaiko.catalog.Products;
import dev.zaiko.platform.InvalidRequestException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Matching a platform's own item list (its item export, as a CSV file) to Zaiko's SKUs, to build a
 * channel's SKU mapping without typing it: each row is matched by its JAN code against the
 * catalog's JAN, else by the seller SKU it carries on the platform equal to a Zaiko SKU. The answer
 * is a preview of every row; applied, the matched rows become the mapping, all of them or none.
 *
 * <p>Columns: the file's header names them. {@link Columns#sku} holds the platform's seller SKU
 * (default {@code sku}), {@link Columns#jan} the JAN (default {@code jan}); each identifier the
 * mapping keeps is a column, stored under its own name or under a name the request gives
 * ({@code manageNumber:商品管理番号}); without any, every column but the JAN column and one named
 * {@code sku} is an identifier.
 */
@Service
public class MatchingPlatformItems {

    /** Windows-31J (CP932) is what Japanese platforms and Excel call Shift_JIS; it decodes ① and ㈱ too. */
    static final Charset SHIFT_JIS = Charset.forName("windows-31j");
    private static final Set<String> SHIFT_JIS_NAMES = Set.of("shift_jis", "shift-jis", "sjis", "x-sjis", "ms932",
            "cp932", "windows-31j", "csshiftjis", "ms_kanji");

    public enum Status {
        /** Matched to a Zaiko SKU, and nothing else claims either side. */
        MATCHED,
        /** Neither the JAN nor the seller SKU names a Zaiko product. */
        UNMATCHED,
        /** The row points at two products, or two rows at one product or one platform item. */
        AMBIGUOUS,
        /** Matched, but the SKU is mapped to other identifiers, or these identifiers to another SKU. */
        CONFLICT,
        /** The row has no identifier to store (or one that is too long). */
        INVALID
    }

    public enum By { JAN, SKU }

    /** Why a row is not plainly MATCHED, for a reader in any language ({@code reason} says it in English). */
    public enum Why {
        NO_IDENTIFIER, BAD_IDENTIFIER, NOTHING_TO_MATCH_BY, BAD_JAN, NO_SUCH_PRODUCT, JAN_AND_SKU_DIFFER,
        SKU_ON_SEVERAL_ROWS, ITEM_ON_SEVERAL_ROWS, ITEM_MAPPED_TO_ANOTHER_SKU, SKU_MAPPED_TO_OTHER_ITEM, MAPPED_ALREADY
    }

    /**
     * Which columns hold what.
     *
     * @param sku         the column with the platform's seller SKU (null: {@code sku})
     * @param jan         the column with the JAN code (null: {@code jan})
     * @param identifiers each {@code name} (the column of that name) or {@code name:column}; empty: every
     *                    column but the JAN column and one named {@code sku}, each under its own name
     */
    public record Columns(String sku, String jan, List<String> identifiers) {
        public Columns {
            identifiers = identifiers == null ? List.of() : identifiers.stream()
                    .filter(i -> i != null && !i.isBlank()).map(String::strip).toList();
        }

        public static Columns defaults() {
            return new Columns(null, null, List.of());
        }
    }

    /**
     * One row of the file and what became of it.
     *
     * @param row         1 = the first line after the header
     * @param identifiers the platform's identifiers on this row, under the mapping's names
     * @param platformSku the seller SKU on the platform, as the row has it
     * @param jan         the row's JAN, as the row has it
     * @param sku         the Zaiko SKU the row matched (also for AMBIGUOUS and CONFLICT when there is one)
     * @param by          how: by JAN or by SKU
     * @param why         why a row is not MATCHED, or MAPPED_ALREADY for a MATCHED row that changes nothing
 * @param reason      the same in English words
     * @param mappedTo    for a CONFLICT: the Zaiko SKU these identifiers are mapped to now, if another one
     * @param current     for a CONFLICT: the identifiers the matched SKU is mapped to now, if others
     * @param applied     stored as the mapping by this request
     */
    public record Row(int row, Map<String, String> identifiers, String platformSku, String jan, String sku, By by,
                      Status status, Why why, String reason, String mappedTo, Map<String, String> current, boolean applied) {
    }

    /**
     * @param charset the file was read in this character set
     * @param applied rows stored as the mapping (0 for a preview)
     */
    public record Result(String charset, int rows, int matched, int unmatched, int ambiguous, int conflicts,
                         int invalid, boolean apply, boolean overwrite, int applied, List<Row> items) {
    }

    private final ItemMappings mappings;
    private final Products products;
    private final TransactionTemplate tx;

    MatchingPlatformItems(ItemMappings mappings, Products products, PlatformTransactionManager transactions) {
        this.mappings = mappings;
        this.products = products;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * The character set a {@code charset} parameter names: UTF-8 when none, every name of Shift_JIS
     * as Windows-31J.
     *
     * @throws InvalidRequestException field {@code charset} for a name Java does not know
     */
    public static Charset charset(String name) {
        if (name == null || name.isBlank()) return StandardCharsets.UTF_8;
        String n = name.strip().replace("\"", "");
        if (SHIFT_JIS_NAMES.contains(n.toLowerCase(Locale.ROOT))) return SHIFT_JIS;
        try {
            return Charset.forName(n);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new InvalidRequestException("invalid-mapping", "charset " + n + " is unknown; send UTF-8 or "
                    + "Shift_JIS (Content-Type: text/csv; charset=Shift_JIS).", Map.of("field", "charset"));
        }
    }

    /**
     * Matches every row and, with {@code apply}, stores the matched ones as the channel's mapping in
     * one transaction (CONFLICT rows too with {@code overwrite}: the SKU's old identifiers are
     * replaced and another SKU holding these identifiers loses its mapping).
     *
     * @param charset the file's character set when no byte order mark says otherwise (null: UTF-8)
     */
    public Result match(String channel, byte[] body, Charset charset, Columns columns, boolean apply,
                        boolean overwrite) {
        mappings.requireConnected(channel);
        if (body != null && body.length > ItemMappings.MAX_BYTES) {
            throw new InvalidRequestException("csv-too-large", "A file may have at most " + ItemMappings.MAX_BYTES
                    + " bytes; split it.", Map.of("maxBytes", ItemMappings.MAX_BYTES));
        }
        byte[] bytes = body == null ? new byte[0] : body;
        Charset read = charset == null ? StandardCharsets.UTF_8 : charset;
        int skip = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            read = StandardCharsets.UTF_8; // the byte order mark says UTF-8, whatever the request said
            skip = 3;
        }
        String text = decode(bytes, skip, read);
        Parsed parsed = parse(text, columns == null ? Columns.defaults() : columns);
        Charset used = read;
        if (!apply) return result(channel, parsed, used, false, false);
        return tx.execute(t -> result(channel, parsed, used, true, overwrite));
    }

    // ---- reading the file --------------------------------------------------------------------

    private static String decode(byte[] bytes, int skip, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
        } catch (CharacterCodingException e) {
            String hint = charset.equals(StandardCharsets.UTF_8)
                    ? " A Shift_JIS file (as Rakuten and Yahoo! export) is sent with Content-Type: text/csv; charset=Shift_JIS."
                    : "";
            throw new InvalidRequestException("invalid-mapping", "The file is not readable as " + charset.name()
                    + "." + hint, Map.of("field", "charset"));
        }
    }

    /** A data row as read: its cells under the header's names. */
    private record Line(int row, Map<String, String> identifiers, String platformSku, String jan, Why why,
                        String problem) {
    }

    private record Parsed(List<Line> lines) {
    }

    private static Parsed parse(String text, Columns columns) {
        List<String> header = null;
        int skuAt = -1;
        int janAt = -1;
        Map<String, Integer> identifierAt = new LinkedHashMap<>();
        List<Line> lines = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().allowMissingFields(true).allowExtraFields(true)
                .skipEmptyLines(true).ofCsvRecord(text)) {
            for (CsvRecord record : reader) {
                if (header == null) {
                    header = record.getFields().stream().map(String::strip).toList();
                    if (new HashSet<>(header).size() != header.size()) {
                        throw refused("header", "A column name appears twice in the header " + header + ".");
                    }
                    skuAt = column(header, columns.sku(), "sku", "skuColumn");
                    janAt = column(header, columns.jan(), "jan", "janColumn");
                    if (skuAt < 0 && janAt < 0) {
                        throw refused("header", "The header " + header + " has neither a seller SKU column (sku, or "
                                + "name it with skuColumn) nor a JAN column (jan, or janColumn): nothing to match by.");
                    }
                    identifierAt = identifiers(header, columns, janAt);
                    continue;
                }
                if (lines.size() >= ItemMappings.MAX_ROWS) {
                    throw new InvalidRequestException("csv-too-many-rows", "A file may have at most "
                            + ItemMappings.MAX_ROWS + " data rows; split it.", Map.of("maxRows", ItemMappings.MAX_ROWS));
                }
                Map<String, String> identifiers = new TreeMap<>();
                for (Map.Entry<String, Integer> e : identifierAt.entrySet()) {
                    String v = cell(record, e.getValue());
                    if (v != null) identifiers.put(e.getKey(), v);
                }
                String platformSku = cell(record, skuAt);
                String jan = cell(record, janAt);
                String problem = identifiers.isEmpty() ? "no identifier on this row (" + String.join(", ",
                        identifierAt.keySet()) + " empty)" : ItemMappings.problem("-", identifiers);
                Why why = problem == null ? null : identifiers.isEmpty() ? Why.NO_IDENTIFIER : Why.BAD_IDENTIFIER;
                lines.add(new Line(lines.size() + 1, identifiers, platformSku, jan, why, problem));
            }
        } catch (CsvParseException e) {
            throw refused("body", "The body is not a readable CSV file.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (header == null) {
            throw refused("body", "The body is empty; the platform's item list as CSV, with a header line, was expected.");
        }
        return new Parsed(lines);
    }

    private static int column(List<String> header, String asked, String byDefault, String field) {
        String name = asked == null || asked.isBlank() ? byDefault : asked.strip();
        int at = header.indexOf(name);
        if (at < 0 && asked != null && !asked.isBlank()) {
            throw refused(field, field + " names the column " + name + ", which the header " + header + " does not have.");
        }
        return at;
    }

    private static Map<String, Integer> identifiers(List<String> header, Columns columns, int janAt) {
        Map<String, Integer> at = new LinkedHashMap<>();
        if (columns.identifiers().isEmpty()) {
            for (int i = 0; i < header.size(); i++) {
                if (i != janAt && !header.get(i).equals("sku") && !header.get(i).isEmpty()) at.put(header.get(i), i);
            }
            if (at.isEmpty()) {
                throw refused("identifier", "The header " + header + " has no column besides the SKU and the JAN: "
                        + "nothing to store as the platform's identifiers.");
            }
            return at;
        }
        for (String spec : columns.identifiers()) {
            int colon = spec.indexOf(':');
            String name = (colon < 0 ? spec : spec.substring(0, colon)).strip();
            String column = (colon < 0 ? spec : spec.substring(colon + 1)).strip();
            int i = header.indexOf(column);
            if (name.isEmpty() || i < 0) {
                throw refused("identifier", "identifier " + spec + " names the column " + column
                        + ", which the header " + header + " does not have.");
            }
            if (at.put(name, i) != null) throw refused("identifier", "identifier " + name + " is given twice.");
        }
        return at;
    }

    private static String cell(CsvRecord record, int at) {
        if (at < 0 || at >= record.getFieldCount()) return null;
        String v = record.getField(at).strip();
        return v.isEmpty() ? null : v;
    }

    private static InvalidRequestException refused(String field, String detail) {
        return new InvalidRequestException("invalid-mapping", detail, Map.of("field", field));
    }

    // ---- matching ----------------------------------------------------------------------------

    /** A row's JAN as the catalog keeps it: a 12-digit UPC-A is the EAN-13 with a leading 0. */
    private static String catalogJan(String jan) {
        if (jan == null) return null;
        return jan.length() == 12 && jan.chars().allMatch(Character::isDigit) ? "0" + jan : jan;
    }

    private Result result(String channel, Parsed parsed, Charset charset, boolean apply, boolean overwrite) {
        List<Line> lines = parsed.lines();
        Map<String, String> byJan = products.skusByJan(lines.stream().map(l -> catalogJan(l.jan()))
                .filter(Jan::valid).collect(Collectors.toSet()));
        Set<String> bySku = products.existing(lines.stream().map(Line::platformSku)
                .filter(s -> s != null).collect(Collectors.toSet()));

        List<Row> rows = new ArrayList<>();
        for (Line l : lines) rows.add(first(l, byJan, bySku));

        // Two rows for one Zaiko SKU, or one platform item twice: which row is meant is not for Zaiko to guess.
        Map<String, List<Integer>> rowsOfSku = new HashMap<>();
        Map<Map<String, String>, List<Integer>> rowsOfItem = new HashMap<>();
        for (Row r : rows) {
            if (r.status() != Status.MATCHED) continue;
            rowsOfSku.computeIfAbsent(r.sku(), k -> new ArrayList<>()).add(r.row());
            rowsOfItem.computeIfAbsent(r.identifiers(), k -> new ArrayList<>()).add(r.row());
        }
        Map<String, Map<String, String>> mapped = new HashMap<>();
        Map<Map<String, String>, String> skuOfItem = new HashMap<>();
        for (ItemMappings.Item item : mappings.list(channel)) {
            Map<String, String> ids = new TreeMap<>(item.identifiers());
            mapped.put(item.sku(), ids);
            skuOfItem.putIfAbsent(ids, item.sku());
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.status() != Status.MATCHED) continue;
            List<Integer> same = rowsOfSku.get(r.sku());
            List<Integer> twice = rowsOfItem.get(r.identifiers());
            if (same.size() > 1) {
                rows.set(i, with(r, Status.AMBIGUOUS, Why.SKU_ON_SEVERAL_ROWS, "rows " + join(same) + " all match SKU " + r.sku()
                        + "; a SKU has one mapping per channel", null, null));
            } else if (twice.size() > 1) {
                rows.set(i, with(r, Status.AMBIGUOUS, Why.ITEM_ON_SEVERAL_ROWS, "rows " + join(twice) + " have the same identifiers", null, null));
            } else {
                Map<String, String> current = mapped.get(r.sku());
                String holder = skuOfItem.get(r.identifiers());
                if (holder != null && !holder.equals(r.sku())) {
                    rows.set(i, with(r, Status.CONFLICT, Why.ITEM_MAPPED_TO_ANOTHER_SKU, "these identifiers are mapped to SKU " + holder,
                            holder, current != null && !current.equals(r.identifiers()) ? current : null));
                } else if (current != null && !current.equals(r.identifiers())) {
                    rows.set(i, with(r, Status.CONFLICT, Why.SKU_MAPPED_TO_OTHER_ITEM, "SKU " + r.sku() + " is mapped to other identifiers",
                            null, current));
                } else if (current != null) {
                    rows.set(i, with(r, Status.MATCHED, Why.MAPPED_ALREADY, "mapped so already", null, null));
                }
            }
        }

        int applied = 0;
        if (apply) {
            List<ItemMappings.Item> store = new ArrayList<>();
            Set<String> dropped = new LinkedHashSet<>();
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                boolean take = r.status() == Status.MATCHED || (overwrite && r.status() == Status.CONFLICT);
                if (!take) continue;
                if (r.mappedTo() != null) dropped.add(r.mappedTo());
                if (r.why() == Why.MAPPED_ALREADY) continue; // stored so already: nothing to do
                store.add(new ItemMappings.Item(r.sku(), r.identifiers()));
                rows.set(i, new Row(r.row(), r.identifiers(), r.platformSku(), r.jan(), r.sku(), r.by(), r.status(),
                        r.why(), r.reason(), r.mappedTo(), r.current(), true));
                applied++;
            }
            // a SKU that loses its identifiers to another but is itself matched by a row keeps its new ones
            store.forEach(item -> dropped.remove(item.sku()));
            mappings.replace(channel, dropped, store);
        }
        Map<Status, Long> count = rows.stream().collect(Collectors.groupingBy(Row::status, Collectors.counting()));
        return new Result(charset.name(), rows.size(), count.getOrDefault(Status.MATCHED, 0L).intValue(),
                count.getOrDefault(Status.UNMATCHED, 0L).intValue(), count.getOrDefault(Status.AMBIGUOUS, 0L).intValue(),
                count.getOrDefault(Status.CONFLICT, 0L).intValue(), count.getOrDefault(Status.INVALID, 0L).intValue(),
                apply, overwrite, applied, rows);
    }

    /** The row matched on its own: by JAN, else by seller SKU. */
    private static Row first(Line l, Map<String, String> byJan, Set<String> bySku) {
        if (l.problem() != null) {
            return new Row(l.row(), l.identifiers(), l.platformSku(), l.jan(), null, null, Status.INVALID, l.why(),
                    l.problem(), null, null, false);
        }
        String jan = catalogJan(l.jan());
        String janProblem = jan != null && !Jan.valid(jan) ? "jan " + l.jan() + " is not a valid JAN code" : null;
        String skuByJan = janProblem == null && jan != null ? byJan.get(jan) : null;
        String skuBySku = l.platformSku() != null && bySku.contains(l.platformSku()) ? l.platformSku() : null;
        if (skuByJan != null && skuBySku != null && !skuByJan.equals(skuBySku)) {
            return new Row(l.row(), l.identifiers(), l.platformSku(), l.jan(), skuByJan, By.JAN, Status.AMBIGUOUS,
                    Why.JAN_AND_SKU_DIFFER, "the JAN is product " + skuByJan + "'s but the seller SKU is product " + skuBySku, null, null, false);
        }
        if (skuByJan != null) {
            return new Row(l.row(), l.identifiers(), l.platformSku(), l.jan(), skuByJan, By.JAN, Status.MATCHED, null,
                    null, null, null, false);
        }
        if (skuBySku != null) {
            return new Row(l.row(), l.identifiers(), l.platformSku(), l.jan(), skuBySku, By.SKU, Status.MATCHED, null,
                    null, null, null, false);
        }
        List<String> why = new ArrayList<>();
        if (janProblem != null) why.add(janProblem);
        else if (jan != null) why.add("no product has JAN " + l.jan());
        if (l.platformSku() != null) why.add("no product has SKU " + l.platformSku());
        if (why.isEmpty()) why.add("the row has neither a JAN nor a seller SKU");
        Why code = janProblem != null ? Why.BAD_JAN : jan == null && l.platformSku() == null
                ? Why.NOTHING_TO_MATCH_BY : Why.NO_SUCH_PRODUCT;
        return new Row(l.row(), l.identifiers(), l.platformSku(), l.jan(), null, null, Status.UNMATCHED, code,
                String.join("; ", why), null, null, false);
    }

    private static Row with(Row r, Status status, Why why, String reason, String mappedTo,
                            Map<String, String> current) {
        return new Row(r.row(), r.identifiers(), r.platformSku(), r.jan(), r.sku(), r.by(), status, why, reason,
                mappedTo, current, false);
    }

    private static String join(List<Integer> rows) {
        return rows.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}

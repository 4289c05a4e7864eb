package dev.zaiko.supplier;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.zaiko.platform.InvalidRequestException;

/**
 * A maker's discontinuation list as uploaded: a header naming {@code sku}, {@code jan} or both, and
 * optionally {@code note} (any order, each once, nothing else), then one item a row. Decoded
 * strictly in UTF-8 (with or without a BOM) or Shift_JIS (read as Windows-31J), as the marketplace
 * imports read their files. A file that is not such a CSV is refused as a whole (400
 * {@code csv-header}, {@code csv-unreadable}, {@code csv-empty}, {@code csv-too-large},
 * {@code csv-too-many-rows}); a data row with the wrong number of fields is a row error.
 */
final class DiscontinuationCsv {

    static final List<String> COLUMNS = List.of("sku", "jan", "note");
    static final int MAX_ROWS = 5_000;
    static final int MAX_BYTES = 5 * 1024 * 1024;
    static final Charset SHIFT_JIS = Charset.forName("Windows-31J");

    /**
     * @param number  the data row's number, 1 for the first row after the header
     * @param problem the row's shape is wrong (its field count), null when it is not
     */
    record Row(int number, String sku, String jan, String note, String problem) {
    }

    /** @param hasSku whether the header has a {@code sku} column (else it has {@code jan}) */
    record Table(boolean hasSku, boolean hasJan, List<Row> rows) {
    }

    private DiscontinuationCsv() {
    }

    /** UTF-8 (default) or Shift_JIS (also SJIS, Windows-31J, MS932, CP932). */
    static Charset charset(String name) {
        if (name == null || name.isBlank()) return StandardCharsets.UTF_8;
        switch (name.strip().toUpperCase(Locale.ROOT).replace('-', '_')) {
            case "UTF_8", "UTF8" -> {
                return StandardCharsets.UTF_8;
            }
            case "SHIFT_JIS", "SJIS", "WINDOWS_31J", "MS932", "CP932" -> {
                return SHIFT_JIS;
            }
            default -> throw new InvalidRequestException("unsupported-charset", "charset must be UTF-8 or Shift_JIS, got '"
                    + shortened(name) + "'.", Map.of("field", "charset", "charsets", List.of("UTF-8", "Shift_JIS")));
        }
    }

    static Table read(byte[] body, Charset charset) {
        if (body != null && body.length > MAX_BYTES) {
            throw new InvalidRequestException("csv-too-large", "A discontinuation list may have at most " + MAX_BYTES
                    + " bytes; split it.", Map.of("field", "file", "maxBytes", MAX_BYTES));
        }
        String text = decode(body == null ? new byte[0] : body, charset);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().allowMissingFields(true).allowExtraFields(true)
                .skipEmptyLines(true).ofCsvRecord(text)) {
            for (CsvRecord record : reader) {
                if (header == null) {
                    header = record.getFields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
                    checkHeader(header);
                    continue;
                }
                if (rows.size() >= MAX_ROWS) {
                    throw new InvalidRequestException("csv-too-many-rows", "A discontinuation list may have at most "
                            + MAX_ROWS + " rows; split it.", Map.of("field", "file", "maxRows", MAX_ROWS));
                }
                String[] values = new String[COLUMNS.size()];
                for (int i = 0; i < Math.min(header.size(), record.getFieldCount()); i++) {
                    values[COLUMNS.indexOf(header.get(i))] = blankToNull(record.getField(i));
                }
                rows.add(new Row(rows.size() + 1, values[0], values[1], values[2],
                        record.getFieldCount() == header.size() ? null
                                : "has " + record.getFieldCount() + " fields, the header has " + header.size()));
            }
        } catch (CsvParseException e) {
            throw unreadable("The file is not a readable CSV file (" + e.getMessage() + ").");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (header == null) throw unreadable("The file is empty; a CSV file with a header line was expected.");
        if (rows.isEmpty()) {
            throw new InvalidRequestException("csv-empty", "The file has a header but no rows: nothing to discontinue.",
                    Map.of("field", "file"));
        }
        return new Table(header.contains("sku"), header.contains("jan"), rows);
    }

    /** The file as text (strictly decoded, without a BOM): sent again as UTF-8 it reads the same. */
    static String text(byte[] body, Charset charset) {
        String text = decode(body == null ? new byte[0] : body, charset);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String decode(byte[] body, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            String name = charset.equals(StandardCharsets.UTF_8) ? "UTF-8" : "Shift_JIS";
            throw unreadable("The file is not " + name + " text; send UTF-8, or say charset=Shift_JIS.");
        }
    }

    private static void checkHeader(List<String> header) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String h : header) {
            if (!COLUMNS.contains(h)) problems.add("unknown column '" + shortened(h) + "'");
            else if (!seen.add(h)) problems.add("column '" + h + "' appears twice");
        }
        if (!header.contains("sku") && !header.contains("jan")) problems.add("a 'sku' or a 'jan' column is needed");
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("csv-header", "The header line does not match: "
                    + String.join("; ", problems) + ". Expected: sku, jan or both, optionally note.",
                    Map.of("field", "file", "expectedHeader", COLUMNS));
        }
    }

    private static InvalidRequestException unreadable(String detail) {
        return new InvalidRequestException("csv-unreadable", detail + " Expected header: sku, jan or both, optionally note.",
                Map.of("field", "file", "expectedHeader", COLUMNS));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String shortened(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}

package dev.zaiko.marketplace;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.zaiko.platform.InvalidRequestException;

/**
 * An uploaded CSV file read whole before anything is imported: decoded strictly in the charset
 * asked for, its header checked against the expected columns (any order, each once, no others;
 * an optional column may be left out).
 * A file that is not such a CSV at all is refused (400 {@code csv-header} / {@code csv-unreadable},
 * listing the expected header); a data row with the wrong number of fields is a row error.
 */
final class CsvTable {

    static final int MAX_ROWS = 10_000;
    static final int MAX_BYTES = 20 * 1024 * 1024;

    /** @param number the data row's number, 1 for the first row after the header */
    record Row(int number, Map<String, String> fields, String problem) {
        String get(String column) {
            String value = fields.get(column);
            return value == null ? "" : value.strip();
        }
    }

    private CsvTable() {
    }

    /** UTF-8 (default) or Shift_JIS (also SJIS, Windows-31J, MS932: read as Windows-31J). */
    static Charset charset(String name) {
        if (name == null || name.isBlank()) return StandardCharsets.UTF_8;
        String n = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        switch (n) {
            case "UTF_8":
            case "UTF8":
                return StandardCharsets.UTF_8;
            case "SHIFT_JIS":
            case "SJIS":
            case "WINDOWS_31J":
            case "MS932":
            case "CP932":
                return MarketplaceFormat.Charsets.SHIFT_JIS;
            default:
                throw new InvalidRequestException("unsupported-charset", "charset must be UTF-8 or Shift_JIS, got '"
                        + name + "'.", Map.of("charsets", List.of("UTF-8", "Shift_JIS")));
        }
    }

    static List<Row> read(byte[] body, Charset charset, List<String> columns) {
        return read(body, charset, columns, List.of());
    }

    /**
     * @param optional columns a file may leave out (an absent one reads as empty in every row); a
     *                 file that has one still has it once
     */
    static List<Row> read(byte[] body, Charset charset, List<String> columns, List<String> optional) {
        if (body != null && body.length > MAX_BYTES) {
            throw new InvalidRequestException("csv-too-large", "A file may have at most " + MAX_BYTES
                    + " bytes; split it.", Map.of("maxBytes", MAX_BYTES));
        }
        String text = decode(body == null ? new byte[0] : body, charset, columns);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().allowMissingFields(true).allowExtraFields(true)
                .skipEmptyLines(true).ofCsvRecord(text)) {
            for (CsvRecord record : reader) {
                if (header == null) {
                    header = record.getFields().stream().map(String::strip).toList();
                    checkHeader(header, columns, optional);
                    continue;
                }
                if (rows.size() >= MAX_ROWS) {
                    throw new InvalidRequestException("csv-too-many-rows", "A file may have at most " + MAX_ROWS
                            + " data rows; split it.", Map.of("maxRows", MAX_ROWS));
                }
                int number = rows.size() + 1;
                // a row with too few or too many fields keeps what it has, so that an order's row is still known as its
                Map<String, String> fields = new LinkedHashMap<>();
                for (int i = 0; i < Math.min(header.size(), record.getFieldCount()); i++) {
                    fields.put(header.get(i), record.getField(i));
                }
                rows.add(new Row(number, fields, record.getFieldCount() == header.size() ? null
                        : "has " + record.getFieldCount() + " fields, the header has " + header.size()));
            }
        } catch (CsvParseException e) {
            throw unreadable("The body is not a readable CSV file (" + e.getMessage() + ").", columns);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (header == null) throw unreadable("The body is empty; a CSV file with a header line was expected.", columns);
        return rows;
    }

    private static String decode(byte[] body, Charset charset, List<String> columns) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            String name = charset.equals(StandardCharsets.UTF_8) ? "UTF-8" : "Shift_JIS";
            throw unreadable("The body is not " + name + " text; send UTF-8, or say ?charset=Shift_JIS.", columns);
        }
    }

    private static void checkHeader(List<String> header, List<String> columns, List<String> optional) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String h : header) {
            if (!columns.contains(h) && !optional.contains(h)) problems.add("unknown column '" + h + "'");
            else if (!seen.add(h)) problems.add("column '" + h + "' appears twice");
        }
        for (String c : columns) {
            if (!header.contains(c)) problems.add("missing column '" + c + "'");
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("csv-header", "The header line does not match: "
                    + String.join("; ", problems) + ". Expected: " + String.join(",", columns)
                    + (optional.isEmpty() ? "" : ", optionally " + String.join(",", optional)) + ".",
                    optional.isEmpty() ? Map.of("expectedHeader", columns)
                            : Map.of("expectedHeader", columns, "optionalColumns", optional));
        }
    }

    private static InvalidRequestException unreadable(String detail, List<String> columns) {
        return new InvalidRequestException("csv-unreadable", detail + " Expected header: " + String.join(",", columns)
                + ".", Map.of("expectedHeader", columns));
    }
}

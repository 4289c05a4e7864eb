package dev.zaiko.insight;

import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.zaiko.platform.InvalidRequestException;

/**
 * The report as CSV: one row per row of every section, with a first column {@code section} naming it;
 * the other columns are the union of the sections' fields, in the order they first appear, each row
 * filling its own (the same values as the JSON: numbers as JSON writes them, an empty cell for null).
 * One section alone has only that section's columns.
 */
public final class StockoutReportCsv {

    private StockoutReportCsv() {
    }

    /** @param section one of {@link StockoutReport#SECTIONS}, or null for all of them */
    public static String write(StockoutReport report, String section) {
        List<String> sections = section == null || section.isBlank() ? StockoutReport.SECTIONS : List.of(section.strip());
        if (!StockoutReport.SECTIONS.containsAll(sections)) {
            throw new InvalidRequestException("invalid-section", "section must be one of " + StockoutReport.SECTIONS
                    + ".", Map.of("field", "section"));
        }
        Set<String> columns = new LinkedHashSet<>();
        for (String s : sections) {
            for (RecordComponent c : rowType(s).getRecordComponents()) columns.add(c.getName());
        }
        StringWriter out = new StringWriter();
        try (CsvWriter csv = CsvWriter.builder().lineDelimiter(de.siegmar.fastcsv.writer.LineDelimiter.CRLF).build(out)) {
            List<String> header = new ArrayList<>();
            header.add("section");
            header.addAll(columns);
            csv.writeRecord(header);
            for (String s : sections) {
                for (Record row : rows(report, s)) {
                    List<String> cells = new ArrayList<>();
                    cells.add(s);
                    for (String column : columns) cells.add(cell(row, column));
                    csv.writeRecord(cells);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static List<? extends Record> rows(StockoutReport report, String section) {
        try {
            return (List<? extends Record>) StockoutReport.class.getMethod(section).invoke(report);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static Class<?> rowType(String section) {
        for (RecordComponent c : StockoutReport.class.getRecordComponents()) {
            if (c.getName().equals(section)) {
                var type = (java.lang.reflect.ParameterizedType) c.getGenericType();
                return (Class<?>) type.getActualTypeArguments()[0];
            }
        }
        throw new IllegalArgumentException(section);
    }

    private static String cell(Record row, String column) {
        for (RecordComponent c : row.getClass().getRecordComponents()) {
            if (!c.getName().equals(column)) continue;
            try {
                Object value = c.getAccessor().invoke(row);
                return value == null ? "" : value.toString();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return "";
    }

    /** The answer a CSV download gets (the console's own route answers the same). */
    public static org.springframework.http.ResponseEntity<String> download(MonthRange months, String section, String body) {
        String name = "stockout-report-" + months.from() + "-" + months.to()
                + (section == null || section.isBlank() ? "" : "-" + section.strip()) + ".csv";
        return org.springframework.http.ResponseEntity.ok().contentType(new org.springframework.http.MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }
}

package dev.zaiko.supplier;

import java.nio.charset.Charset;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.zaiko.access.Actor;
import dev.zaiko.catalog.Jan;
import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.ProductStatus;
import dev.zaiko.catalog.Products;
import dev.zaiko.catalog.RegisteringProducts;
import dev.zaiko.inventory.ChannelStock;
import dev.zaiko.inventory.CheckingAvailability;
import dev.zaiko.inventory.ExpectingInbounds;
import dev.zaiko.inventory.Inbound;
import dev.zaiko.order.OpenLine;
import dev.zaiko.order.OrderStatus;
import dev.zaiko.order.Orders;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.supplier.DiscontinuationReport.ChannelUnits;
import dev.zaiko.supplier.DiscontinuationReport.ExpectedInbound;
import dev.zaiko.supplier.DiscontinuationReport.Line;
import dev.zaiko.supplier.DiscontinuationReport.ProductImpact;
import dev.zaiko.supplier.DiscontinuationReport.Row;
import dev.zaiko.supplier.DiscontinuationReport.RowProblem;
import dev.zaiko.supplier.DiscontinuationReport.Totals;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A maker's discontinuation list, previewed and applied (docs/discontinuations.md). Both read the
 * file the same way and resolve every row the same way; applying does it again inside its one
 * transaction, so what is applied is what is true then, not what was true at the preview.
 * <p>
 * Applying is all or nothing: a list with any row error is refused as a whole (400
 * {@code discontinuation-list-refused} with every row error) and changes nothing; otherwise each
 * product is discontinued through {@link RegisteringProducts#discontinue} (the same act as
 * {@code POST /api/products/{sku}/discontinue}: nothing sellable anywhere at once, every
 * BACKORDERED line becomes a stockout case in the same transaction) and the list is recorded.
 */
@Service
public class DiscontinuingFromLists {

    /** A note longer than this is a row error: a maker's remark, not a document. */
    static final int MAX_NOTE = 500;

    private final Products products;
    private final RegisteringProducts registering;
    private final Orders orders;
    private final ExpectingInbounds inbounds;
    private final CheckingAvailability availability;
    private final DiscontinuationListStore store;
    private final Clock clock;

    DiscontinuingFromLists(Products products, RegisteringProducts registering, Orders orders,
                           ExpectingInbounds inbounds, CheckingAvailability availability,
                           DiscontinuationListStore store, Clock clock) {
        this.products = products;
        this.registering = registering;
        this.orders = orders;
        this.inbounds = inbounds;
        this.availability = availability;
        this.store = store;
        this.clock = clock;
    }

    /** What the list names and what applying it would touch; changes nothing. */
    @Transactional(readOnly = true)
    public DiscontinuationReport preview(byte[] file, String charset, String fileName) {
        return check(DiscontinuationCsv.read(file, DiscontinuationCsv.charset(charset)), fileName(fileName));
    }

    /**
     * The list as UTF-8 text (decoded as {@link #preview} reads it, without a BOM), for a console
     * that previews an upload and sends the same list again to apply it.
     */
    public String text(byte[] file, String charset) {
        return DiscontinuationCsv.text(file, DiscontinuationCsv.charset(charset));
    }

    /**
     * Discontinues every product the list names, or nothing.
     *
     * @throws InvalidRequestException {@code discontinuation-list-refused} with {@code errors} (row, field,
     *                                 code, message) and {@code rows} when any row has an error; the
     *                                 {@code csv-*} refusals of a file that is no such list
     */
    @Transactional
    public DiscontinuationReport apply(byte[] file, String charset, String fileName) {
        DiscontinuationCsv.Table table = DiscontinuationCsv.read(file, DiscontinuationCsv.charset(charset));
        DiscontinuationReport checked = check(table, fileName(fileName));
        if (checked.refused()) {
            throw new InvalidRequestException("discontinuation-list-refused", checked.errors().size()
                    + " of " + table.rows().size() + " rows have an error (the first: row " + checked.errors().get(0).row()
                    + ", " + checked.errors().get(0).message() + "); nothing was discontinued. Correct them and send the "
                    + "whole list again.", Map.of("errors", checked.errors(), "rows", checked.rows()));
        }
        for (ProductImpact p : checked.products()) {
            // the same act as the single endpoint; a product already discontinued changes nothing
            registering.discontinue(p.sku());
        }
        String by = Actor.current().label();
        long id = store.record(checked, by, clock.instant().truncatedTo(ChronoUnit.MICROS));
        return new DiscontinuationReport(checked.fileName(), true, id, checked.totals(), checked.rows(),
                checked.errors(), checked.warnings(), checked.products());
    }

    private DiscontinuationReport check(DiscontinuationCsv.Table table, String fileName) {
        List<DiscontinuationCsv.Row> rows = table.rows();
        Set<String> skus = new HashSet<>();
        Set<String> jans = new HashSet<>();
        for (DiscontinuationCsv.Row r : rows) {
            if (r.sku() != null) skus.add(r.sku());
            if (r.jan() != null && Jan.valid(r.jan())) jans.addAll(sameJan(r.jan()));
        }
        Map<String, String> skuByJan = products.skusByJan(jans);
        Set<String> named = new HashSet<>(skus);
        named.addAll(skuByJan.values());
        Map<String, Product> found = products.find(named);

        List<Row> reported = new ArrayList<>();
        List<RowProblem> errors = new ArrayList<>();
        List<RowProblem> warnings = new ArrayList<>();
        Map<String, List<Integer>> rowsByProduct = new LinkedHashMap<>();
        for (DiscontinuationCsv.Row r : rows) {
            List<RowProblem> problems = new ArrayList<>();
            String product = resolve(r, table, found, skuByJan, problems);
            if (product != null && problems.isEmpty()) {
                List<Integer> earlier = rowsByProduct.get(product);
                if (earlier != null) {
                    problems.add(new RowProblem(r.number(), r.sku() != null ? "sku" : "jan", "duplicate",
                            "names product " + product + " again (row " + earlier.get(0) + " names it already)"));
                }
            }
            if (r.note() != null && r.note().length() > MAX_NOTE) {
                problems.add(new RowProblem(r.number(), "note", "note-too-long", "note has " + r.note().length()
                        + " characters; at most " + MAX_NOTE));
            }
            String status = DiscontinuationReport.OK;
            if (!problems.isEmpty()) {
                status = DiscontinuationReport.ERROR;
                errors.addAll(problems);
            } else if (found.get(product).status() == ProductStatus.DISCONTINUED) {
                RowProblem warning = new RowProblem(r.number(), r.sku() != null ? "sku" : "jan", "already-discontinued",
                        "product " + product + " is discontinued already; applying changes nothing for it");
                problems.add(warning);
                warnings.add(warning);
                status = DiscontinuationReport.WARNING;
            }
            if (!DiscontinuationReport.ERROR.equals(status)) {
                rowsByProduct.computeIfAbsent(product, k -> new ArrayList<>()).add(r.number());
            }
            reported.add(new Row(r.number(), r.sku(), r.jan(), r.note(), product, status, List.copyOf(problems)));
        }
        List<ProductImpact> impacts = impacts(rowsByProduct, found);
        return new DiscontinuationReport(fileName, false, null, totals(rows.size(), impacts), List.copyOf(reported),
                List.copyOf(errors), List.copyOf(warnings), impacts);
    }

    /** The SKU the row names, or null with its problems added. */
    private static String resolve(DiscontinuationCsv.Row r, DiscontinuationCsv.Table table, Map<String, Product> found,
                                  Map<String, String> skuByJan, List<RowProblem> problems) {
        int n = r.number();
        if (r.problem() != null) {
            problems.add(new RowProblem(n, "row", "field-count", r.problem()));
            return null;
        }
        if (r.sku() == null && r.jan() == null) {
            String field = table.hasSku() ? "sku" : "jan";
            problems.add(new RowProblem(n, field, "blank", table.hasSku() && table.hasJan()
                    ? "sku and jan are both blank: the row names no product" : field + " is blank: the row names no product"));
            return null;
        }
        String bySku = null;
        if (r.sku() != null) {
            if (!found.containsKey(r.sku())) {
                problems.add(new RowProblem(n, "sku", "unknown-sku", "no product with SKU '"
                        + DiscontinuationCsv.shortened(r.sku()) + "'"));
            } else {
                bySku = r.sku();
            }
        }
        String byJan = null;
        if (r.jan() != null) {
            String janProblem = Jan.problem(r.jan());
            if (janProblem != null) {
                problems.add(new RowProblem(n, "jan", "invalid-jan", janProblem));
            } else {
                Set<String> matches = new java.util.TreeSet<>();
                for (String form : sameJan(r.jan())) {
                    String sku = skuByJan.get(form);
                    if (sku != null) matches.add(sku);
                }
                if (matches.isEmpty()) {
                    problems.add(new RowProblem(n, "jan", "unknown-jan", "no product with JAN " + r.jan()));
                } else if (matches.size() > 1) {
                    problems.add(new RowProblem(n, "jan", "jan-ambiguous", "JAN " + r.jan() + " matches "
                            + matches.size() + " products (" + String.join(", ", matches)
                            + "): its 8-digit and 13-digit forms name different products; name the product by sku"));
                } else {
                    byJan = matches.iterator().next();
                }
            }
        }
        if (bySku != null && byJan != null && !bySku.equals(byJan)) {
            problems.add(new RowProblem(n, "jan", "sku-jan-mismatch", "JAN " + r.jan() + " is product " + byJan
                    + ", not " + bySku));
        }
        if (!problems.isEmpty()) return null;
        return bySku != null ? bySku : byJan;
    }

    /**
     * A JAN and the other way of writing the same code: a JAN-8 is the JAN-13 with five leading
     * zeros (the GS1 check digit is the same), so a product may have been registered with either.
     */
    static List<String> sameJan(String jan) {
        if (jan.length() == 8) return List.of(jan, "00000" + jan);
        if (jan.length() == 13 && jan.startsWith("00000")) return List.of(jan, jan.substring(5));
        return List.of(jan);
    }

    private List<ProductImpact> impacts(Map<String, List<Integer>> rowsByProduct, Map<String, Product> found) {
        Set<String> skus = rowsByProduct.keySet();
        Map<String, List<OpenLine>> lines = new HashMap<>();
        for (OpenLine l : orders.openLines(skus)) lines.computeIfAbsent(l.sku(), k -> new ArrayList<>()).add(l);
        Map<String, List<Inbound>> expected = new HashMap<>();
        for (Inbound i : inbounds.expected(skus)) expected.computeIfAbsent(i.sku(), k -> new ArrayList<>()).add(i);
        List<ProductImpact> impacts = new ArrayList<>();
        rowsByProduct.forEach((sku, rowNumbers) -> {
            Product p = found.get(sku);
            List<Line> shipping = new ArrayList<>();
            List<Line> becomingCases = new ArrayList<>();
            int waitingOnInbound = 0;
            for (OpenLine l : lines.getOrDefault(sku, List.of())) {
                Line line = new Line(l.orderNumber(), l.lineNo(), l.quantity(), l.status().name(), l.channel(), l.b2b(),
                        l.placedAt(), l.promisedDate());
                if (l.status() == OrderStatus.BACKORDERED) {
                    becomingCases.add(line);
                    if (l.waitingOnInbound()) waitingOnInbound++;
                } else {
                    shipping.add(line);
                }
            }
            List<ExpectedInbound> inboundViews = expected.getOrDefault(sku, List.of()).stream()
                    .map(i -> new ExpectedInbound(i.id(), i.location(), i.quantity(), i.expectedOn(), i.reference()))
                    .toList();
            impacts.add(new ProductImpact(sku, p.name().ja(), p.name().en(), p.jan(), List.copyOf(rowNumbers),
                    p.status() == ProductStatus.DISCONTINUED, List.copyOf(shipping), List.copyOf(becomingCases),
                    waitingOnInbound, inboundViews, sellable(sku)));
        });
        return List.copyOf(impacts);
    }

    /** The channels selling units of the SKU now (those stop at once), by channel code. */
    private List<ChannelUnits> sellable(String sku) {
        List<ChannelStock> stock;
        try {
            stock = availability.everyChannel(sku);
        } catch (NotFoundException noStockYet) {
            return List.of();
        }
        return stock.stream().filter(s -> s.ats() > 0)
                .sorted(java.util.Comparator.comparing(ChannelStock::channel))
                .map(s -> new ChannelUnits(s.channel(), s.ats())).toList();
    }

    private static Totals totals(int rows, List<ProductImpact> impacts) {
        int newly = 0, shipping = 0, cases = 0, waiting = 0, inboundCount = 0, selling = 0;
        for (ProductImpact p : impacts) {
            if (!p.alreadyDiscontinued()) newly++;
            shipping += p.shipping().size();
            cases += p.becomingCases().size();
            waiting += p.waitingOnInbound();
            inboundCount += p.inbounds().size();
            selling += p.sellable().size();
        }
        return new Totals(rows, impacts.size(), newly, shipping, cases, waiting, inboundCount, selling);
    }

    private static String fileName(String name) {
        if (name == null || name.isBlank()) return null;
        String stripped = name.strip().replaceAll("\\p{Cntrl}", "");
        int slash = Math.max(stripped.lastIndexOf('/'), stripped.lastIndexOf('\\'));
        stripped = stripped.substring(slash + 1);
        return stripped.length() > 200 ? stripped.substring(0, 200) : stripped;
    }
}

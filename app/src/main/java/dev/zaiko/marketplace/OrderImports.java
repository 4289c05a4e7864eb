package dev.zaiko.marketplace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import dev.zaiko.catalog.Products;
import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.ChannelKind;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.order.Order;
import dev.zaiko.order.OrderRequest;
import dev.zaiko.order.PlacingOrders;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * Imports a marketplace's orders file: the rows of one order share its order_id; each order
 * whose rows are all valid is placed through the order module's {@link PlacingOrders} with
 * externalRef = order_id, so a re-import answers with the order already placed (a duplicate); a
 * dry run asks the order module whether each order was placed before ({@link PlacingOrders#placedBefore}).
 * The order was accepted and paid on the marketplace: it is recorded, never refused for stock.
 */
@Service
public class OrderImports {

    static final List<String> COLUMNS = List.of("order_id", "line_no", "sku", "quantity", "unit_price",
            "customer_name", "customer_email", "customer_phone", "express", "shipping_fee", "payment_method");
    /**
     * Optional: {@code line_id}, the marketplace's own id of the line (Amazon OrderItemId, Rakuten
     * itemDetailId, Yahoo! LineId, Shopify LineItem id), kept as the line's externalLineRef;
     * {@code customer_segment}, the buyer's member segment on the marketplace (say PRIME), with which
     * the order may take units a MEMBER_QUOTA protection keeps for it (an order-level column).
     */
    static final List<String> OPTIONAL_COLUMNS = List.of("line_id", "customer_segment");
    static final List<String> METHODS = List.of("CREDIT_CARD", "DEBIT_CARD", "KONBINI", "BANK_TRANSFER", "PAYPAY",
            "GIFT_BALANCE", "COD");
    /** The order-level columns: on a later row of the same order, empty or the first row's value. */
    private static final List<String> ORDER_COLUMNS = List.of("customer_name", "customer_email", "customer_phone",
            "express", "shipping_fee", "payment_method", "customer_segment");
    private static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
    private static final String PHONE = "\\+?[0-9][0-9 \\-()]{5,30}";

    private final Products products;
    private final StockNetwork network;
    private final PlacingOrders placing;
    private final Validator validator;

    OrderImports(Products products, StockNetwork network, PlacingOrders placing, Validator validator) {
        this.products = products;
        this.network = network;
        this.placing = placing;
        this.validator = validator;
    }

    private record LineIn(int row, int lineNo, OrderRequest.Line line) {
    }

    /**
     * @param dryRun check every row, place nothing: an order placed before is ALREADY_IMPORTED (with
     *               its order number), a new one WOULD_IMPORT, one placed before with other lines an error
     * @throws NotFoundException       unknown channel (nothing imported)
     * @throws InvalidRequestException a channel that is not a MARKETPLACE, a file that is not the
     *                                 orders CSV (nothing imported)
     */
    public ImportReport importCsv(String channelCode, byte[] body, String charset, boolean dryRun) {
        if (channelCode == null || channelCode.isBlank()) {
            throw new InvalidRequestException("channel is required: the marketplace channel the orders came from.");
        }
        Channel channel = network.findChannel(channelCode.strip())
                .orElseThrow(() -> new NotFoundException("No channel '" + channelCode + "'."));
        if (channel.kind() != ChannelKind.MARKETPLACE) {
            throw new InvalidRequestException("not-a-marketplace", "Channel '" + channel.code() + "' is " + channel.kind()
                    + "; order files are imported for MARKETPLACE channels, whose orders were accepted elsewhere.",
                    Map.of("channel", channel.code()));
        }
        List<CsvTable.Row> rows = CsvTable.read(body, CsvTable.charset(charset), COLUMNS, OPTIONAL_COLUMNS);
        ImportReport.Builder report = new ImportReport.Builder(rows.size(), dryRun);
        Map<String, List<CsvTable.Row>> orders = new LinkedHashMap<>();
        for (CsvTable.Row row : rows) {
            String orderId = row.get("order_id");
            if (orderId.isEmpty()) {
                Fields f = new Fields(row, report);
                if (!f.failed()) f.fail("order_id", "is required.");
                report.failed(null, List.of(row.number()));
                continue;
            }
            orders.computeIfAbsent(orderId, id -> new ArrayList<>()).add(row);
        }
        Map<String, Boolean> known = new HashMap<>();
        for (Map.Entry<String, List<CsvTable.Row>> order : orders.entrySet()) {
            importOrder(channel, order.getKey(), order.getValue(), report, known);
        }
        return report.build();
    }

    /** @param known whether each SKU seen in the file is in the catalog */
    private void importOrder(Channel channel, String orderId, List<CsvTable.Row> rows, ImportReport.Builder report,
                             Map<String, Boolean> known) {
        List<Integer> rowNumbers = rows.stream().map(CsvTable.Row::number).toList();
        boolean failed = false;
        CsvTable.Row first = rows.get(0);
        Map<Integer, Integer> lineNos = new HashMap<>();
        Map<String, Integer> lineIds = new HashMap<>();
        List<LineIn> lines = new ArrayList<>();
        String name = null;
        String email = null;
        String phone = null;
        String segment = null;
        Boolean express = null;
        Long shippingFee = null;
        String method = null;
        for (CsvTable.Row row : rows) {
            Fields f = new Fields(row, report);
            f.text("order_id", true, 100);
            Long lineNo = f.number("line_no", true, 1, OrderRequest.MAX_LINES);
            String sku = f.text("sku", true, 64);
            Long quantity = f.number("quantity", true, 1, OrderRequest.MAX_QUANTITY);
            Long unitPrice = f.number("unit_price", true, 0, OrderRequest.MAX_YEN);
            String lineId = f.text("line_id", false, 100);
            if (lineId != null) {
                Integer earlier = lineIds.putIfAbsent(lineId, row.number());
                if (earlier != null) f.fail("line_id", "line_id '" + lineId + "' of order '" + orderId
                        + "' is already in row " + earlier + ".");
            }
            if (sku != null && !known.computeIfAbsent(sku, k -> products.find(k).isPresent())) f.fail("sku", "No product with SKU '" + sku + "'.");
            if (lineNo != null) {
                Integer earlier = lineNos.putIfAbsent(lineNo.intValue(), row.number());
                if (earlier != null) f.fail("line_no", "line_no " + lineNo + " of order '" + orderId
                        + "' is already in row " + earlier + ".");
            }
            if (row == first) {
                name = f.text("customer_name", true, 200);
                email = f.text("customer_email", true, 254);
                if (email != null && !email.matches(EMAIL)) {
                    f.fail("customer_email", "must be an email address like name@example.jp.");
                }
                phone = f.text("customer_phone", false, 32);
                if (phone != null && !phone.matches(PHONE)) {
                    f.fail("customer_phone", "must be a phone number of digits, optionally with +, spaces, dashes or parentheses.");
                }
                segment = f.text("customer_segment", false, 64);
                express = f.flag("express");
                shippingFee = f.number("shipping_fee", false, 0, OrderRequest.MAX_YEN);
                if (shippingFee == null && row.problem() == null && row.get("shipping_fee").isEmpty()) shippingFee = 0L;
                method = f.oneOf("payment_method", true, METHODS);
            } else if (row.problem() == null) {
                for (String column : ORDER_COLUMNS) {
                    String value = row.get(column);
                    if (!value.isEmpty() && !value.equals(first.get(column))) {
                        f.fail(column, "differs from row " + first.number() + " of the same order ('"
                                + first.get(column) + "'); leave it empty or repeat it.");
                    }
                }
            }
            if (f.failed()) {
                failed = true;
                continue;
            }
            lines.add(new LineIn(row.number(), lineNo.intValue(),
                    new OrderRequest.Line(sku, quantity.intValue(), unitPrice, lineId)));
        }
        if (!failed && lines.size() > OrderRequest.MAX_LINES) {
            report.error(first.number(), "order_id", "Order '" + orderId + "' has " + lines.size()
                    + " lines; at most " + OrderRequest.MAX_LINES + ".");
            failed = true;
        }
        if (failed || name == null || email == null || method == null || express == null || shippingFee == null) {
            if (!failed) report.error(first.number(), "order_id", "Order '" + orderId + "' is incomplete.");
            if (rows.size() > 1) {
                report.error(first.number(), "order_id", "Order '" + orderId + "' (rows " + rowNumbers
                        + ") is not imported: every row of an order must be valid.");
            }
            report.failed(orderId, rowNumbers);
            return;
        }
        lines.sort(Comparator.comparingInt(LineIn::lineNo));
        long due = shippingFee;
        for (LineIn l : lines) due += l.line().quantity() * l.line().unitPrice();
        OrderRequest request = new OrderRequest(channel.code(), orderId,
                new OrderRequest.Customer(name, email, phone, "ja", segment),
                new OrderRequest.Payment(method, paymentStatus(method), due, 0L, null, null, 0L, null),
                express, null, false, false, null, shippingFee, lines.stream().map(LineIn::line).toList());
        Set<ConstraintViolation<OrderRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            for (ConstraintViolation<OrderRequest> v : violations) {
                report.error(first.number(), v.getPropertyPath().toString(), v.getMessage());
            }
            report.failed(orderId, rowNumbers);
            return;
        }
        try {
            if (report.dryRun()) {
                Optional<Order> before = placing.placedBefore(request);
                if (before.isPresent()) {
                    report.alreadyImported(orderId, rowNumbers, before.get().orderNumber().toString());
                } else {
                    report.wouldImport(orderId, rowNumbers);
                }
                return;
            }
            PlacingOrders.Placement placement = placing.place(request, "import");
            String number = placement.order().orderNumber().toString();
            if (placement.created()) report.imported(orderId, rowNumbers, number);
            else report.duplicate(orderId, rowNumbers, number);
        } catch (InvalidRequestException | NotFoundException | ConflictException e) {
            report.error(first.number(), "order_id", "Order '" + orderId + "' is not imported: " + e.getMessage());
            report.failed(orderId, rowNumbers);
        }
    }

    /**
     * The marketplace took the payment: a card or PayPay charge is captured, cash and balances
     * are paid; cash on delivery is not paid yet.
     */
    static String paymentStatus(String method) {
        switch (method) {
            case "CREDIT_CARD":
            case "DEBIT_CARD":
            case "PAYPAY":
                return "CAPTURED";
            case "COD":
                return "UNPAID";
            default:
                return "PAID";
        }
    }
}

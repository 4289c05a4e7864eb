package dev.zaiko.insight;

import java.util.Arrays;
import java.util.List;

/** Reorder suggestions as CSV (UTF-8, a header line, CRLF), the same for the API and the console. */
public final class ReorderCsv {

    public static final String HEADER = "sku,name,quantity,order_by,arrives_by,late,method,daily_demand,"
            + "lead_time_days,safety_stock,on_hand,inbound,waiting,stockout_cases,count_differences,flags,reason";

    private ReorderCsv() {
    }

    public static String of(List<ReorderSuggestion> suggestions) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (ReorderSuggestion s : suggestions) {
            out.append(String.join(",", Arrays.asList(cell(s.sku()), cell(s.name()), Long.toString(s.quantity()),
                    cell(s.orderBy()), cell(s.arrivesBy()), Boolean.toString(s.late()), s.method(),
                    Double.toString(s.dailyDemand()), Integer.toString(s.leadTimeDays()),
                    Long.toString(s.safetyStock()), Integer.toString(s.onHand()), Integer.toString(s.inbound()),
                    Integer.toString(s.waiting()), Integer.toString(s.stockoutCases()),
                    Integer.toString(s.countDifferences()),
                    cell(String.join(" ", s.flags().stream().map(Enum::name).toList())), cell(s.reason()))))
                    .append("\r\n");
        }
        return out.toString();
    }

    /** A CSV cell: quoted when needed, and a leading =, +, - or @ defused (spreadsheets run those). */
    static String cell(Object value) {
        if (value == null) return "";
        String s = value.toString();
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) s = "'" + s;
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}

package dev.zaiko.insight;

import java.time.Instant;
import java.util.List;

/**
 * The monthly stockout report over a range of months (the shop's time zone): every section is a list
 * of flat rows, so the JSON, the CSV (one row per section row) and the console's tables show the same
 * values. Numbers are defined in docs/insight-report.md.
 *
 * @param from  the first month, {@code yyyy-MM}
 * @param to    the last month, inclusive
 * @param asOf  when the report was read: a case whose contact deadline is still ahead is not yet counted
 *              as met or missed
 */
public record StockoutReport(String from, String to, String zone, Instant asOf, List<Summary> summary,
                             List<CasesByReason> casesByReason, List<CasesByChannel> casesByChannel,
                             List<TopSku> topSkus, List<Contacts> contacts, List<FirstContact> firstContact,
                             List<Outcome> outcomes, List<Cost> cost, List<RefundsByMeans> refundsByMeans) {

    /** Sections in the order of the CSV file and the page. */
    public static final List<String> SECTIONS = List.of("summary", "casesByReason", "casesByChannel", "topSkus",
            "contacts", "firstContact", "outcomes", "cost", "refundsByMeans");

    /** One month in a line: what the email and the page's headline read. */
    public record Summary(String month, long cases, long calls, long reached, long emails, long firstContactDue,
                          long firstContactMet, Double shareMet, long revenueKept, long revenueLost, long refunded,
                          long couponsIssuedValue, long absorbed) {
    }

    /** Cases detected in the month, by the reason the line went short. */
    public record CasesByReason(String month, String reason, long cases) {
    }

    /** Cases detected in the month, by the channel of the order. */
    public record CasesByChannel(String month, String channel, long cases) {
    }

    /**
     * The SKUs with the most cases over the whole range (at most 20), with the reason most of them had
     * (ties: the first reason in alphabetical order).
     */
    public record TopSku(int rank, String sku, String name, long cases, String mainReason, long mainReasonCases) {
    }

    /** Apology contacts made in the month (by when they were made, not when the case opened). */
    public record Contacts(String month, long calls, long reached, long voicemails, long noAnswer, long wrongNumber,
                           long emails) {
    }

    /**
     * Detection to first contact (the first call of any outcome, or the first case email) for the
     * cases detected in the month, per priority.
     *
     * @param due       cases contacted, plus cases not contacted whose deadline has passed (and that were
     *                  not withdrawn before it)
     * @param met       contacted at or before the case's contact deadline
     * @param shareMet  met / due, rounded to 4 decimals; null when nothing was due
     * @param medianMinutes median minutes from detection to first contact over the contacted cases; null when none
     */
    public record FirstContact(String month, int priority, long cases, long contacted, long due, long met,
                               Double shareMet, Double medianMinutes) {
    }

    /**
     * Cases detected in the month by how they ended: the choice of the case's last decision, WITHDRAWN
     * (the order was cancelled on its channel) or OPEN (neither yet).
     *
     * @param lineValue what the cases' order lines were sold for (quantity × unit price)
     * @param kept      decided cases: line value minus what the decisions refund for the line
     * @param lost      decided cases: what the decisions refund for the line; withdrawn cases: the line value
     */
    public record Outcome(String month, String outcome, long cases, long lineValue, long kept, long lost) {
    }

    /** What stockouts cost in the month, each by when it happened. */
    public record Cost(String month, long refunds, long refunded, long couponsIssued, long couponsIssuedValue,
                       long couponsRedeemed, long couponsRedeemedDiscount, long absorbed) {
    }

    /** Completed refunds of stockout orders in the month, by the means the money went back through. */
    public record RefundsByMeans(String month, String means, long refunds, long amount) {
    }
}

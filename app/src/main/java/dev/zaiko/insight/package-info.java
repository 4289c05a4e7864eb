/**
 * Insight (分析): what every stockout teaches the shop. The monthly stockout report, whether recovery
 * kept the customer, reorder suggestions, display feedback, price and stock history per SKU and the
 * call knowledge base.
 * <p>
 * Fed only by the other modules' events and public queries, never their tables. Every fact insight
 * is told is kept once in its journal ({@code insight_event}, {@link dev.zaiko.insight.InsightJournal});
 * the read tables are folded from it by {@link dev.zaiko.insight.InsightProjection}s, so they can be
 * emptied and rebuilt from the journal at any time ({@link dev.zaiko.insight.RebuildingInsight}) and
 * the rebuild gives the same report as the live tables.
 * <p>
 * Owns the {@code insight_*} tables. See docs/insight.md.
 */
@dev.zaiko.platform.ApiTag("Insight: the monthly stockout report, customer retention after a stockout, reorder "
        + "suggestions, display feedback, price and stock history per SKU, and the call knowledge base.")
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"catalog", "contact",
        "inventory", "mail", "order", "platform", "refund", "shop", "stockout", "wallet"})
package dev.zaiko.insight;

package dev.zaiko.insight;

/**
 * Told of each fact the journal records live, after every projection folded it, in the same
 * transaction; not of a rebuild's folding (a rebuild refreshes what follows it afterwards).
 */
interface InsightLiveFollower {

    void followed(Object fact);
}

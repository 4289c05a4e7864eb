package dev.zaiko.insight;

import java.util.List;

/**
 * One read table (or a few) folded from insight's journal. The live path and a rebuild call the same
 * {@link #apply}, each fact exactly once ({@link InsightJournal} keeps a fact once), so a projection
 * must only hold this promise:
 * <b>the same facts in any order give the same tables</b> (asynchronous events arrive in any order; a
 * rebuild replays them in the order they happened). Upsert by natural keys, and let each column be
 * set by the fact that owns it.
 * <p>
 * Runs in the caller's transaction, under a shared lock that a rebuild takes exclusively.
 */
public interface InsightProjection {

    /** The tables this projection writes: emptied before a rebuild. */
    List<String> tables();

    /** Folds one fact in; facts of kinds it does not read are ignored. */
    void apply(Object fact);
}

package dev.zaiko.stockout;

import java.util.List;
import java.util.Locale;

/**
 * A substitute's comparison worded for a reader: attribute names and values from the catalog's
 * attribute dictionary ({@link ComparisonTexts}). What a writer of customer texts (the call script)
 * asks for, so that it can be given fixed words where there is no catalog (its rules' unit tests).
 */
@FunctionalInterface
public interface ComparisonWords {

    /** The comparison of {@code substitute} with the missing product {@code originalSku}, row by row. */
    List<ComparisonTexts.Row> rows(String originalSku, SubstituteCandidate substitute, Locale locale);
}

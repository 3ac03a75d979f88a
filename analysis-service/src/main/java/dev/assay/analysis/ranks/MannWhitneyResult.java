package dev.assay.analysis.ranks;

/**
 * Outcome of a Mann-Whitney U test.
 *
 * @param uStatistic U of the treatment sample (scipy's U1 with treatment as x)
 * @param pValue p-value for the alternative
 * @param method the method used
 * @param zScore standardized statistic of the normal approximation (0 for exact)
 * @param probabilityOfSuperiority U / (n1 n2)
 */
public record MannWhitneyResult(
    double uStatistic,
    double pValue,
    MannWhitneyMethod method,
    double zScore,
    double probabilityOfSuperiority) {}

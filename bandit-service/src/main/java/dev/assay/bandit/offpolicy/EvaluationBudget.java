package dev.assay.bandit.offpolicy;

/**
 * Bounds the work and memory of one evaluation, so no request (and no bandit's own log) can keep a
 * core busy or fill the heap: the target's probabilities are a decisions × arms table, and a
 * contextual target costs about d² per cell.
 */
final class EvaluationBudget {
  /** Most cells in the decisions × candidate-arms table: 2,000,000 doubles are 16 MB. */
  static final long MAX_CELLS = 2_000_000;

  /** Most multiply-adds: 50 million take well under a second. */
  static final long MAX_WORK = 50_000_000;

  private EvaluationBudget() {}

  /**
   * How many decisions one evaluation may take against {@code arms} candidate arms of a target
   * reading {@code dimension} context features.
   */
  static int decisionsWithin(int arms, int dimension) {
    long columns = Math.max(1, arms);
    long perCell = 1 + (long) dimension * dimension;
    long byCells = MAX_CELLS / columns;
    long byWork = MAX_WORK / (columns * perCell);
    return (int) Math.min(Integer.MAX_VALUE, Math.min(byCells, byWork));
  }
}

package dev.assay.analysis.sequential;

import dev.assay.analysis.distributions.StandardNormal;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.jspecify.annotations.Nullable;

/**
 * Group-sequential efficacy boundaries from a Lan-DeMets spending function, computed by the
 * recursive numerical integration of Armitage, McPherson and Rowe (JRSS A 1969) in the form of
 * Jennison and Turnbull (Group Sequential Methods, 2000, ch. 19): the sub-density of Z_k on the
 * continuation region is carried from look to look on composite Gauss-Legendre grids, and each
 * boundary solves P(cross at look k, not before) = alpha(t_k) - alpha(t_{k-1}). Two-sided designs
 * spend alpha / 2 on each side (the convention of rpact and gsDesign), so their boundaries are
 * close to those of a one-sided design at alpha / 2.
 */
public final class GroupSequentialBoundaries {
  private static final GaussIntegratorFactory GAUSS = new GaussIntegratorFactory();
  private static final int POINTS_PER_PANEL = 16;
  private static final double LOWEST_Z = -12.0;
  private static final double LOWEST_BOUNDARY = 1e-6;
  private static final double HIGHEST_BOUNDARY = 37.0;

  /** A generous count of crossing probabilities the root finder evaluates per look. */
  private static final int SOLVER_EVALUATIONS = 100;

  /**
   * The most normal density and tail evaluations one computation may take, about 0.2 s on one core:
   * {@link #work} above it means looks too closely spaced (the grids refine with the spacing, and
   * each look's grid is integrated against the previous one).
   */
  public static final double MAX_WORK = 2e7;

  private GroupSequentialBoundaries() {}

  /**
   * The alpha that look {@code k} spends: the spending function's increase since the previous look.
   */
  public static double alphaOfLook(
      double[] informationFractions,
      int k,
      double alpha,
      SpendingFunction spending,
      boolean isTwoSided) {
    double before = k == 0 ? 0.0 : spent(informationFractions[k - 1], alpha, spending, isTwoSided);
    return spent(informationFractions[k], alpha, spending, isTwoSided) - before;
  }

  private static double spent(
      double t, double alpha, SpendingFunction spending, boolean isTwoSided) {
    return isTwoSided ? 2.0 * spending.spent(alpha / 2.0, t) : spending.spent(alpha, t);
  }

  /**
   * An upper bound on the density and tail evaluations {@link #compute} takes for these looks
   * (infinite when a look spends no alpha), known before computing: each boundary is at most the
   * fixed-sample critical value of the alpha its look spends, which bounds every grid. Returns the
   * running total after each look, so a caller can name the first look that goes over a budget.
   */
  public static double[] work(
      double[] informationFractions, double alpha, SpendingFunction spending, boolean isTwoSided) {
    double[] totals = new double[informationFractions.length];
    double total = 0.0;
    double previousPoints = 1.0;
    for (int k = 0; k < informationFractions.length; k++) {
      double target = alphaOfLook(informationFractions, k, alpha, spending, isTwoSided);
      if (!(target > 0.0)) {
        total = Double.POSITIVE_INFINITY;
      } else if (k + 1 < informationFractions.length) {
        double c =
            Math.min(
                HIGHEST_BOUNDARY,
                Math.max(
                    LOWEST_BOUNDARY,
                    StandardNormal.upperQuantile(isTwoSided ? target / 2.0 : target)));
        double t = informationFractions[k];
        double s = k == 0 ? 1.0 : Math.sqrt((t - informationFractions[k - 1]) / t);
        double next = informationFractions[k + 1];
        double panel =
            Math.min(0.5, Math.min(s, Math.sqrt((next - t) / next) / Math.sqrt(t / next)) / 2.0);
        double points =
            POINTS_PER_PANEL * Math.max(1.0, Math.ceil((c - (isTwoSided ? -c : LOWEST_Z)) / panel));
        total += SOLVER_EVALUATIONS * previousPoints + points * previousPoints;
        previousPoints = points;
      } else {
        total += SOLVER_EVALUATIONS * previousPoints;
      }
      totals[k] = total;
    }
    return totals;
  }

  /**
   * The boundaries for looks at increasing information fractions in (0, 1] (the last usually 1).
   * Two-sided designs reject when |Z_k| >= c_k; one-sided when Z_k >= c_k. Throws
   * IllegalArgumentException when the {@link #work} would exceed {@link #MAX_WORK}.
   */
  public static List<Boundary> compute(
      double[] informationFractions, double alpha, SpendingFunction spending, boolean isTwoSided) {
    double[] work = work(informationFractions, alpha, spending, isTwoSided);
    if (work.length > 0 && !(work[work.length - 1] <= MAX_WORK)) {
      throw new IllegalArgumentException(
          "looks too closely spaced: about " + work[work.length - 1] + " evaluations");
    }
    List<Boundary> boundaries = new ArrayList<>();
    double[] nodes = null;
    double[] weightedDensity = null;
    double spentBefore = 0.0;
    for (int k = 0; k < informationFractions.length; k++) {
      double t = informationFractions[k];
      double spent = isTwoSided ? 2.0 * spending.spent(alpha / 2.0, t) : spending.spent(alpha, t);
      double target = spent - spentBefore;
      double r = k == 0 ? 0.0 : Math.sqrt(informationFractions[k - 1] / t);
      double s = k == 0 ? 1.0 : Math.sqrt((t - informationFractions[k - 1]) / t);
      double[] u = nodes;
      double[] wf = weightedDensity;
      double c = solveBoundary(target, u, wf, r, s, isTwoSided);
      double nominal = isTwoSided ? 2.0 * StandardNormal.sf(c) : StandardNormal.sf(c);
      boundaries.add(new Boundary(t, c, nominal, spent));
      spentBefore = spent;
      if (k + 1 < informationFractions.length) {
        double nextS = Math.sqrt((informationFractions[k + 1] - t) / informationFractions[k + 1]);
        double nextR = Math.sqrt(t / informationFractions[k + 1]);
        double panel = Math.min(0.5, Math.min(s, nextS / nextR) / 2.0);
        double lower = isTwoSided ? -c : LOWEST_Z;
        GaussIntegrator grid = grid(lower, c, panel);
        int n = grid.getNumberOfPoints();
        double[] newNodes = new double[n];
        double[] newWeighted = new double[n];
        for (int j = 0; j < n; j++) {
          double z = grid.getPoint(j);
          newNodes[j] = z;
          newWeighted[j] = grid.getWeight(j) * density(z, u, wf, r, s);
        }
        nodes = newNodes;
        weightedDensity = newWeighted;
      }
    }
    return boundaries;
  }

  /**
   * The sub-density of Z_k at z given the previous look's grid {@code u} with weighted densities
   * {@code wf} (both null at the first look, where it is phi).
   */
  private static double density(
      double z, double @Nullable [] u, double @Nullable [] wf, double r, double s) {
    if (u == null || wf == null) {
      return StandardNormal.pdf(z);
    }
    double sum = 0.0;
    for (int i = 0; i < u.length; i++) {
      sum += wf[i] * StandardNormal.pdf((z - u[i] * r) / s);
    }
    return sum / s;
  }

  /** P(first crossing at this look) for boundary c. */
  private static double crossing(
      double c,
      double @Nullable [] u,
      double @Nullable [] wf,
      double r,
      double s,
      boolean isTwoSided) {
    if (u == null || wf == null) {
      return isTwoSided ? 2.0 * StandardNormal.sf(c) : StandardNormal.sf(c);
    }
    double sum = 0.0;
    for (int i = 0; i < u.length; i++) {
      double mean = u[i] * r;
      double p = StandardNormal.sf((c - mean) / s);
      if (isTwoSided) {
        p += StandardNormal.cdf((-c - mean) / s);
      }
      sum += wf[i] * p;
    }
    return sum;
  }

  private static double solveBoundary(
      double target,
      double @Nullable [] u,
      double @Nullable [] wf,
      double r,
      double s,
      boolean isTwoSided) {
    double logTarget = Math.log(target);
    BrentSolver solver = new BrentSolver(1e-15, 1e-14, 1e-300);
    return solver.solve(
        10_000,
        c -> Math.log(crossing(c, u, wf, r, s, isTwoSided)) - logTarget,
        LOWEST_BOUNDARY,
        HIGHEST_BOUNDARY);
  }

  private static GaussIntegrator grid(double lower, double upper, double panelWidth) {
    int panels = Math.max(1, (int) Math.ceil((upper - lower) / panelWidth));
    double width = (upper - lower) / panels;
    double[] points = new double[panels * POINTS_PER_PANEL];
    double[] weights = new double[panels * POINTS_PER_PANEL];
    for (int p = 0; p < panels; p++) {
      GaussIntegrator panel =
          GAUSS.legendre(POINTS_PER_PANEL, lower + p * width, lower + (p + 1) * width);
      for (int i = 0; i < POINTS_PER_PANEL; i++) {
        points[p * POINTS_PER_PANEL + i] = panel.getPoint(i);
        weights[p * POINTS_PER_PANEL + i] = panel.getWeight(i);
      }
    }
    return new GaussIntegrator(points, weights);
  }
}

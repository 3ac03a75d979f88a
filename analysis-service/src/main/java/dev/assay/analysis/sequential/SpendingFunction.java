package dev.assay.analysis.sequential;

import dev.assay.analysis.distributions.StandardNormal;

/**
 * Lan-DeMets alpha-spending functions (Lan and DeMets, Biometrika 1983): the type I error spent by
 * information fraction t in (0, 1], reaching alpha at t = 1.
 */
public enum SpendingFunction {
  /** O'Brien-Fleming type: 2 (1 - Phi(z_{1 - alpha/2} / sqrt(t))). */
  OBRIEN_FLEMING {
    @Override
    public double spent(double alpha, double t) {
      return 2.0 * StandardNormal.sf(StandardNormal.upperQuantile(alpha / 2.0) / Math.sqrt(t));
    }
  },
  /** Pocock type: alpha ln(1 + (e - 1) t). */
  POCOCK {
    @Override
    public double spent(double alpha, double t) {
      return alpha * Math.log1p((Math.E - 1.0) * t);
    }
  };

  /** The cumulative alpha spent by information fraction {@code t}. */
  public abstract double spent(double alpha, double t);
}

package dev.assay.analysis.proportions;

/** Confidence-interval methods for one proportion (names as in statsmodels proportion_confint). */
public enum ProportionIntervalMethod {
  /** Wilson score interval ('wilson'). */
  WILSON,
  /** Wald normal interval, clipped to [0, 1] ('normal'). */
  WALD,
  /** Agresti-Coull interval, clipped to [0, 1] ('agresti_coull'). */
  AGRESTI_COULL,
  /** Clopper-Pearson exact interval ('beta'). */
  CLOPPER_PEARSON
}

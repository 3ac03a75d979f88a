package dev.assay.analysis.results;

/** Time-series resolution. */
public enum Resolution {
  /** One point per hour with a change. */
  HOUR,
  /** One point per UTC day: the last hourly aggregate of the day. */
  DAY
}

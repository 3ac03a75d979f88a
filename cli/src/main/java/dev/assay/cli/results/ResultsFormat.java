package dev.assay.cli.results;

/** How {@code assay results} prints: a table for people, JSON or CSV for scripts. */
public enum ResultsFormat {
  /** Summary lines and one aligned row per metric x variation. */
  table,
  /** The ExperimentResults message in proto3 JSON form. */
  json,
  /** A header, then one row per metric x variation. */
  csv
}

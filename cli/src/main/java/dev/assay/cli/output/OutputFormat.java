package dev.assay.cli.output;

/** How a command prints its result. */
public enum OutputFormat {
  /** Aligned text columns for people. */
  table,
  /** The response in proto3 JSON form (proto field names), for scripts. */
  json
}

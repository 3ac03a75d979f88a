package dev.assay.console.bridge;

/** The three services the console reads from, each behind its own channel. */
public enum Peer {
  ASSIGNMENT,
  BANDIT,
  ANALYSIS
}

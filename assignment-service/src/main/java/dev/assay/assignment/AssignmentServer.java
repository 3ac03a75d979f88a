package dev.assay.assignment;

/** Starts the assignment service. */
public final class AssignmentServer {
  private AssignmentServer() {}

  /** Entry point; see README.md for the settings. */
  public static void main(String[] args) {
    throw new UnsupportedOperationException("wired in the next commit");
  }
}

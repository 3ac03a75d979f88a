package dev.assay.cli.connection;

/** The three Assay services a command may call, each with its default address on a laptop. */
public enum AssayService {
  /** Experiments, flags, overrides and evaluation. */
  ASSIGNMENT("assignment", AssayService.ASSIGNMENT_DEFAULT),
  /** Bandits and their arms. */
  BANDIT("bandit", AssayService.BANDIT_DEFAULT),
  /** Metrics, results and statistics. */
  ANALYSIS("analysis", AssayService.ANALYSIS_DEFAULT);

  /** The assignment service's default address. */
  public static final String ASSIGNMENT_DEFAULT = "localhost:50051";

  /** The bandit service's default address. */
  public static final String BANDIT_DEFAULT = "localhost:50052";

  /** The analysis service's default address. */
  public static final String ANALYSIS_DEFAULT = "localhost:50053";

  private final String flagPrefix;
  private final String defaultTarget;

  AssayService(String flagPrefix, String defaultTarget) {
    this.flagPrefix = flagPrefix;
    this.defaultTarget = defaultTarget;
  }

  /** The word in its flag and in messages: {@code --analysis-target}, "the analysis service". */
  public String flagPrefix() {
    return flagPrefix;
  }

  /** Its address when no flag or environment variable names one. */
  public String defaultTarget() {
    return defaultTarget;
  }
}

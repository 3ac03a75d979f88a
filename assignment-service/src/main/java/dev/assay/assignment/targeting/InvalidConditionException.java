package dev.assay.assignment.targeting;

/**
 * A targeting condition that Assay refuses to compile: an unknown {@code $operator}, an operand of
 * the wrong shape, or a regular expression that does not compile.
 *
 * <p>This is a deliberate difference from the GrowthBook SDK, which evaluates such conditions to
 * false at run time without saying why. The message starts with the JSON path of the offending
 * value, for example {@code $and[1].country.$in: expected an array}.
 */
public final class InvalidConditionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String message;

  /**
   * @param path where the problem is, e.g. {@code $and[1].country.$in}
   * @param problem what is wrong, e.g. {@code expected an array}
   */
  public InvalidConditionException(String path, String problem) {
    super(path + ": " + problem);
    this.path = path;
    this.message = path + ": " + problem;
  }

  /** {@code path: problem}. */
  @Override
  public String getMessage() {
    return message;
  }

  /** The JSON path of the offending value; "(root)" for the condition itself. */
  public String path() {
    return path;
  }
}

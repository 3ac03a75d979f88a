package dev.assay.assignment.targeting;

/** Interim copy; replaced by the growthbook branch. */
public class InvalidConditionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidConditionException(String message) {
    super(message);
  }
}

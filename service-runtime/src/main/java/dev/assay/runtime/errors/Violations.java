package dev.assay.runtime.errors;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every bad field of a request before rejecting it, so callers see all problems at once.
 */
public final class Violations {
  private final List<FieldViolation> found = new ArrayList<>();

  /** Records a violation when {@code isBad} holds. */
  public Violations check(boolean isBad, String field, String description) {
    if (isBad) {
      found.add(new FieldViolation(field, description));
    }
    return this;
  }

  /** Records a violation. */
  public Violations add(String field, String description) {
    found.add(new FieldViolation(field, description));
    return this;
  }

  /** True when nothing was recorded. */
  public boolean isEmpty() {
    return found.isEmpty();
  }

  /** Throws a {@link ValidationException} listing everything recorded, if anything was. */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new ValidationException(found);
    }
  }
}

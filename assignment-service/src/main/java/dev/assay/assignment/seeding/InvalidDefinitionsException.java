package dev.assay.assignment.seeding;

import dev.assay.runtime.errors.FieldViolation;
import dev.assay.runtime.errors.ValidationException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * A definitions file that cannot be seeded; the message is one line naming the file, the item and
 * the field, for example {@code defs.yaml: experiments[2] (key checkout): experiment.coverage: must
 * be in [0, 1], got 1.5}.
 */
public final class InvalidDefinitionsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String message;

  InvalidDefinitionsException(Path file, String problem) {
    super(file + ": " + problem);
    this.message = file + ": " + problem;
  }

  /** The one-line message. */
  @Override
  public String getMessage() {
    return message;
  }

  /** An item of the file that fails validation. */
  static InvalidDefinitionsException invalidItem(Path file, String item, ValidationException e) {
    return new InvalidDefinitionsException(
        file,
        item
            + ": "
            + e.violations().stream()
                .map(InvalidDefinitionsException::describe)
                .collect(Collectors.joining("; ")));
  }

  private static String describe(FieldViolation v) {
    return v.field() + ": " + v.description();
  }
}

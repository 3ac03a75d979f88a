package dev.assay.analysis.api;

import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The control and treatment of a two-group request, read into domain values: each is empty once a
 * violation about it has been recorded, so read them only after {@code throwIfAny()}.
 *
 * @param input how error messages name the data as a whole: {@code samples}, {@code summaries}, or
 *     {@code values} for a stream
 * @param control the control group's value
 * @param treatment the treatment group's value
 * @param <T> the domain value of one group
 */
record TwoGroups<T>(String input, Optional<T> control, Optional<T> treatment) {
  /**
   * Reads both groups of {@code input} with {@code reader}, which names each group's fields from
   * the prefix it is given ({@code samples.control}, {@code samples.treatment}).
   */
  static <M, T> TwoGroups<T> read(
      String input, M control, M treatment, BiFunction<M, String, Optional<T>> reader) {
    return new TwoGroups<>(
        input,
        reader.apply(control, input + ".control"),
        reader.apply(treatment, input + ".treatment"));
  }
}

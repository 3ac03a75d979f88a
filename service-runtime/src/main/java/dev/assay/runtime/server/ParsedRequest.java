package dev.assay.runtime.server;

import org.jspecify.annotations.Nullable;

/**
 * What the transport read from a request's bytes: the message, or why the bytes are not one. It
 * carries a malformed request from the marshaller (which must not throw: grpc would answer {@code
 * UNKNOWN} and log a stack trace) to {@link MalformedRequestGuard}, which rejects it.
 *
 * @param <Q> the request type
 */
final class ParsedRequest<Q> {
  private final @Nullable Q message;
  private final String problem;

  private ParsedRequest(@Nullable Q message, String problem) {
    this.message = message;
    this.problem = problem;
  }

  static <Q> ParsedRequest<Q> of(Q message) {
    return new ParsedRequest<>(message, "");
  }

  static <Q> ParsedRequest<Q> malformed(String problem) {
    return new ParsedRequest<>(null, problem);
  }

  /** The message, or null when the bytes were malformed. */
  @Nullable Q message() {
    return message;
  }

  /** Why the bytes are not a message, in a few words (empty when they are one). */
  String problem() {
    return problem;
  }
}

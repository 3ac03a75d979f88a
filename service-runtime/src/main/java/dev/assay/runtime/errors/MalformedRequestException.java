package dev.assay.runtime.errors;

/**
 * The request's bytes are not a valid message of the method's request type (malformed protobuf,
 * invalid UTF-8 in a string field, nesting beyond protobuf's recursion limit); maps to {@code
 * INVALID_ARGUMENT}.
 */
public final class MalformedRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param messageName the request type's full name, e.g. {@code assay.bandit.v1.SelectRequest}
   * @param reason what is wrong, in a few words, e.g. {@code a string field is not valid UTF-8}
   */
  public MalformedRequestException(String messageName, String reason) {
    super("request is not a valid " + messageName + ": " + reason);
  }
}

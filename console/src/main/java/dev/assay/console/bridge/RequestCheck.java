package dev.assay.console.bridge;

import com.google.protobuf.Message;

/**
 * What the console insists on in a request before it forwards it, beyond the service's own checks:
 * it may refuse the request (naming the field) or tighten it.
 */
@FunctionalInterface
public interface RequestCheck {
  /** Forwards everything unchanged. */
  RequestCheck NONE = request -> request;

  /**
   * The request to forward.
   *
   * @throws BridgeException (400) naming the field the console refuses
   */
  Message apply(Message request);
}

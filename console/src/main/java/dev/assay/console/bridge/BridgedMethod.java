package dev.assay.console.bridge;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;

/**
 * One unary RPC the console forwards: which service answers it and what the console checks first.
 *
 * @param method the generated descriptor (its marshallers carry the message prototypes)
 * @param peer the service that answers
 * @param check applied to every request before it is sent
 */
public record BridgedMethod(MethodDescriptor<?, ?> method, Peer peer, RequestCheck check) {
  /** {@code assay.analysis.v1.ResultsService/GetExperimentResults}. */
  public String fullName() {
    return method.getFullMethodName();
  }

  /** An empty request message of the method's request type, to merge JSON into. */
  public Message requestPrototype() {
    return prototype(method.getRequestMarshaller());
  }

  private static Message prototype(MethodDescriptor.Marshaller<?> marshaller) {
    if (marshaller instanceof MethodDescriptor.PrototypeMarshaller<?> withPrototype
        && withPrototype.getMessagePrototype() instanceof Message message) {
      return message;
    }
    throw new IllegalStateException("not a protobuf marshaller: " + marshaller);
  }
}

package dev.assay.runtime.server;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import java.io.InputStream;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A request marshaller that never throws: it parses with the method's own marshaller and turns a
 * failure into a {@link ParsedRequest#malformed} with a short reason.
 */
final class RequestParsing<Q> implements MethodDescriptor.Marshaller<ParsedRequest<Q>> {
  private final MethodDescriptor.Marshaller<Q> delegate;
  private final String messageName;

  RequestParsing(MethodDescriptor<Q, ?> method) {
    this.delegate = method.getRequestMarshaller();
    this.messageName = messageName(method);
  }

  /** The request type's full protobuf name, e.g. {@code assay.bandit.v1.SelectRequest}. */
  String messageName() {
    return messageName;
  }

  @Override
  public InputStream stream(ParsedRequest<Q> value) {
    Q message = value.message();
    if (message == null) {
      throw new IllegalArgumentException("a malformed request cannot be sent");
    }
    return delegate.stream(message);
  }

  @Override
  public ParsedRequest<Q> parse(InputStream stream) {
    try {
      return ParsedRequest.of(delegate.parse(stream));
    } catch (RuntimeException e) {
      return ParsedRequest.malformed(reason(e));
    }
  }

  private static String messageName(MethodDescriptor<?, ?> method) {
    if (method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> proto) {
      Object prototype = proto.getMessagePrototype();
      if (prototype instanceof Message message) {
        return message.getDescriptorForType().getFullName();
      }
      if (prototype != null) {
        return prototype.getClass().getName();
      }
    }
    return "request of " + method.getFullMethodName();
  }

  /** What protobuf found wrong, in a few words (its own messages are long and advise setters). */
  static String reason(Throwable error) {
    InvalidProtocolBufferException invalid = findInvalidProtocolBuffer(error);
    if (invalid == null) {
      return "unreadable bytes";
    }
    String text = String.valueOf(invalid.getMessage()).toLowerCase(Locale.ROOT);
    if (text.contains("utf-8")) {
      return "a string field is not valid UTF-8";
    } else if (text.contains("nesting") || text.contains("recursion")) {
      return "nested too deeply (protobuf allows 100 levels)";
    } else if (text.contains("end-group")) {
      return "a group end tag does not match its start";
    } else if (text.contains("wire type")) {
      return "a field has an invalid wire type";
    } else if (text.contains("ended unexpectedly") || text.contains("truncated")) {
      return "truncated (a field runs past the end of the message)";
    } else if (text.contains("varint")) {
      return "a malformed varint";
    } else if (text.contains("negative size")) {
      return "a field has a negative length";
    } else if (text.contains("tag")) {
      return "an invalid field tag";
    } else if (text.contains("too large")) {
      return "too large";
    }
    return "malformed protobuf";
  }

  private static @Nullable InvalidProtocolBufferException findInvalidProtocolBuffer(
      Throwable error) {
    int depth = 0;
    for (Throwable t = error; t != null && depth < 10; t = t.getCause(), depth++) {
      if (t instanceof InvalidProtocolBufferException invalid) {
        return invalid;
      }
    }
    return null;
  }
}

package dev.assay.analysis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import dev.assay.runtime.errors.ExceptionMappingInterceptor;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** An in-process server running real services behind the production error mapping. */
final class GrpcTestServer implements AutoCloseable {
  private final Server server;
  final ManagedChannel channel;

  GrpcTestServer(BindableService... services) throws IOException {
    String name = "analysis-test-" + UUID.randomUUID();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
    for (BindableService service : services) {
      builder.addService(ServerInterceptors.intercept(service, new ExceptionMappingInterceptor()));
    }
    server = builder.build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  /** Asserts the call fails with INVALID_ARGUMENT and returns the fields its BadRequest names. */
  static List<String> invalidFields(Supplier<?> call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::get);
    return invalidFields(e);
  }

  /** The fields an INVALID_ARGUMENT error names. */
  static List<String> invalidFields(Throwable error) {
    assertEquals(
        Status.Code.INVALID_ARGUMENT, Status.fromThrowable(error).getCode(), error.toString());
    com.google.rpc.Status status = StatusProto.fromThrowable(error);
    List<String> fields = new ArrayList<>();
    for (Any detail : status.getDetailsList()) {
      if (detail.is(BadRequest.class)) {
        try {
          detail
              .unpack(BadRequest.class)
              .getFieldViolationsList()
              .forEach(v -> fields.add(v.getField()));
        } catch (InvalidProtocolBufferException ex) {
          throw new AssertionError(ex);
        }
      }
    }
    return fields;
  }
}
